/* SPDX-License-Identifier: MIT */
/*
 * hello_cgi.c - the smallest CGI answer, for the web benchmark: what a
 * request costs when the program does nothing but start and write.
 */
#include <stdio.h>

int main(void)
{
	fputs("Content-Type: text/plain; charset=utf-8\r\n\r\nhello\n", stdout);
	return 0;
}

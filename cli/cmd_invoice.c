/*
 * cmd_invoice.c - (being written)
 */
#include "cli.h"

int cmd_invoice(cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	fputs("portal: not available yet\n", stderr);
	return EXIT_USAGE;
}

/*
 * cmd_payment.c - (being written)
 */
#include "cli.h"

int cmd_payment(cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	fputs("portal: not available yet\n", stderr);
	return EXIT_USAGE;
}

int cmd_statement(cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	fputs("portal: not available yet\n", stderr);
	return EXIT_USAGE;
}

/*
 * cmd_inspection.c - (being written)
 */
#include "cli.h"

int cmd_inspection(cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	fputs("portal: not available yet\n", stderr);
	return EXIT_USAGE;
}

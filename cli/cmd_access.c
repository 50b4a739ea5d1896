/*
 * cmd_access.c - (to be written)
 */
#include "cli.h"

int cmd_access(cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	return cli_usage_error("not yet");
}

int cmd_lookup(cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	return cli_usage_error("not yet");
}

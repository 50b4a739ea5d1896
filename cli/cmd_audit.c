/*
 * cmd_audit.c - (to be written)
 */
#include "cli.h"

int cmd_audit(cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	return cli_usage_error("not yet");
}

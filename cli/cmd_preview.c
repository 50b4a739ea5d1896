/*
 * cmd_preview.c - (to be written)
 */
#include "cli.h"

int cmd_preview(cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	return cli_usage_error("not yet");
}

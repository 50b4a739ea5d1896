/*
 * cmd_reminder.c - (being written)
 */
#include "cli.h"

int cmd_reminder(cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	fputs("portal: not available yet\n", stderr);
	return EXIT_USAGE;
}

int cmd_reminders(cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	fputs("portal: not available yet\n", stderr);
	return EXIT_USAGE;
}

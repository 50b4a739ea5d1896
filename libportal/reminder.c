/*
 * reminder.c - (being written)
 */
#include "internal.h"

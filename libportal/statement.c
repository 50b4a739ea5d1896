/*
 * statement.c - (being written)
 */
#include "internal.h"

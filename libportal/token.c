/*
 * token.c - (to be written)
 */
#include "internal.h"

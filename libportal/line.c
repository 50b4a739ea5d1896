/*
 * line.c
 */
#include "internal.h"

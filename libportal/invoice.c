/*
 * invoice.c
 */
#include "internal.h"

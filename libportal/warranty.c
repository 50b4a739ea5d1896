/*
 * warranty.c - (being written)
 */
#include "internal.h"

/*
 * inspection.c - (being written)
 */
#include "internal.h"

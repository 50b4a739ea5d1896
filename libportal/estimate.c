/*
 * estimate.c
 */
#include "internal.h"

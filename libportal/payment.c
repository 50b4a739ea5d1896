/*
 * payment.c - (being written)
 */
#include "internal.h"

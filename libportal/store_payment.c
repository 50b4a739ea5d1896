/*
 * store_payment.c - (being written)
 */
#include "internal.h"

/*
 * store_billing.c
 */
#include "internal.h"

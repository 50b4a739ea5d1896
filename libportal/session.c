/*
 * session.c - (to be written)
 */
#include "internal.h"

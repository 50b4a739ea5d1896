/*
 * appointment.c - (being written)
 */
#include "internal.h"

/*
 * store_appointment.c - (being written)
 */
#include "internal.h"

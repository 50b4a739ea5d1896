/*
 * store_access.h - storage of what controls a customer's access: the
 * client's switches, links, sessions, failed lookups and their locks.
 */
#ifndef PORTAL_STORE_ACCESS_H
#define PORTAL_STORE_ACCESS_H

#include "store.h"

/* The client's hidden sections as stored (a comma-separated list of
 * section names; "" when every section shows). */
int pt_store_client_hidden_sections(char **out, portal *p, portal_id client_id);
int pt_store_client_set_hidden_sections(portal *p, portal_id client_id, const char *hidden);

#endif

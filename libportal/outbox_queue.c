/*
 * outbox_queue.c - (to be written: the outbox's messages)
 */
#include "outbox_queue.h"

int pt_outbox_access_link(portal *p, portal_id client_id, const char *url,
	portal_time expires_at, const char *channel)
{
	(void)p, (void)client_id, (void)url, (void)expires_at, (void)channel;
	return PORTAL_OK;
}

int pt_outbox_on_my_way(portal *p, portal_id appointment_id)
{
	(void)p, (void)appointment_id;
	return PORTAL_OK;
}

int pt_outbox_estimate_ready(portal *p, portal_id estimate_id)
{
	(void)p, (void)estimate_id;
	return PORTAL_OK;
}

int pt_outbox_invoice_ready(portal *p, portal_id invoice_id)
{
	(void)p, (void)invoice_id;
	return PORTAL_OK;
}

int pt_outbox_chat_reply(portal *p, portal_id client_id, portal_id message_id)
{
	(void)p, (void)client_id, (void)message_id;
	return PORTAL_OK;
}

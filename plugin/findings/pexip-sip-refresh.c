/* pexip-sip-refresh.c
 * In-dialog requests from the service, and whether they were answered;
 * the service's TCP connections to the customer side's Contact, and
 * whether they got anywhere (see pexip-sip-refresh.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-sip-refresh.h"

#include <string.h>
#include <epan/wmem_scopes.h>
#include "pexip-endpoint.h"
#include "pexip-ports.h"
#include "pexip-reach.h"
#include "pexip-transactions.h"
#include "pexip-findings-store.h"
#include "pexip-limits.h"

static pexip_service_address_fn service_address;
/* The customer side's Contacts reached over TCP or TLS, and the
 * service's connections to them. */
static pexip_reach_watch_t *contacts;

void
pexip_sip_refresh_init(pexip_service_address_fn is_service)
{
    service_address = is_service;
    contacts = is_service ? pexip_reach_watch_new(wmem_file_scope(), is_service) : NULL;
}

void
pexip_sip_refresh_cleanup(void)
{
    contacts = NULL;
}

void
pexip_sip_refresh_contact(pexip_call_t *call, guint32 frame, const address *src, guint8 family,
                          const guint8 *addr, guint16 port)
{
    guint8 src_family = pexip_address_family(src);
    if (!contacts || !call || !src_family ||
        service_address(src_family, (const guint8 *)src->data, frame) ||
        service_address(family, addr, frame))
        return;
    pexip_reach_announce(contacts, call, family, addr, port, frame);
}

void
pexip_sip_refresh_connection_packet(const packet_info *pinfo, guint seen)
{
    pexip_reach_frame(contacts, pinfo, (seen & (PEXIP_SEEN_SIP | PEXIP_SEEN_TLS)) != 0);
}

#define NOT_REACHABLE                                                                           \
    "the SBC's announced signalling address is not reachable from the service network "        \
    "(TCP/5061 or 5060), so calls drop at refresh"

/* What a request got, once the capture has been read (in scope): not
 * NULL when it is a finding. Only the service's in-dialog requests to the
 * customer side are judged here. */
static const char *
transaction_outcome(wmem_allocator_t *scope, const pexip_sip_transaction_t *t)
{
    if (!t->in_dialog || !t->from_service || t->to_service || t->answered)
        return NULL;
    if (t->final_code)
        return wmem_strdup_printf(scope, "%u %s", t->final_code,
                                  t->final_code == 408 ? "Request Timeout"
                                                       : "Call Does Not Exist");
    return t->sends >= 2 ? wmem_strdup_printf(scope, "no response to %u sends", t->sends) : NULL;
}

/* A finding of either kind, before the one-per-call choice. */
typedef struct {
    guint32 frame;
    const pexip_call_t *call;
    const pexip_sip_transaction_t *t;   /* an in-dialog request (what it got: t_outcome), or */
    const char *t_outcome;
    const pexip_reach_t *r;     /* the service's connections to a Contact */
    pexip_reach_outcome_t outcome;
} candidate_t;

/* Frame order; on one frame, call order, the request first. */
static gint
candidate_order(gconstpointer a, gconstpointer b)
{
    const candidate_t *x = (const candidate_t *)a, *y = (const candidate_t *)b;
    if (x->frame != y->frame)
        return x->frame < y->frame ? -1 : 1;
    if (x->call->number != y->call->number)
        return x->call->number < y->call->number ? -1 : 1;
    return (x->t ? 0 : 1) - (y->t ? 0 : 1);
}

static const char *
candidate_text(wmem_allocator_t *ps, const candidate_t *c)
{
    if (c->r) {
        const pexip_endpoint_t *where = &c->r->where;
        return wmem_strdup_printf(
            wmem_file_scope(),
            "TCP from the service to the customer's Contact %s (call %u) %s: " NOT_REACHABLE,
            pexip_address_to_str(ps, where->family, where->addr, where->port), c->call->number,
            c->outcome == PEXIP_REACH_REFUSED
                ? wmem_strdup_printf(ps, "was refused (%u reset%s)", c->r->replies,
                                     c->r->replies == 1 ? "" : "s")
                : wmem_strdup_printf(ps, "got no answer (%u SYNs)", c->r->attempts));
    }
    const pexip_sip_transaction_t *t = c->t;
    return wmem_strdup_printf(
        wmem_file_scope(), "%s from the service to the customer side %s got %s: " NOT_REACHABLE,
        t->method, pexip_address_to_str(ps, t->to.family, t->to.addr, t->to.port), c->t_outcome);
}

void
pexip_sip_refresh_check_run(wmem_allocator_t *pool)
{
    if (!contacts)
        return;
    GArray *found = g_array_new(FALSE, TRUE, sizeof(candidate_t));
    guint n_requests;
    pexip_sip_transaction_t **all = pexip_transactions_all(&n_requests);
    for (guint i = 0; i < n_requests; i++) {
        const char *outcome = transaction_outcome(pool, all[i]);
        if (outcome) {
            candidate_t c = { all[i]->first_frame, all[i]->call, all[i], outcome, NULL,
                              PEXIP_REACH_OK };
            g_array_append_val(found, c);
        }
    }
    guint n;
    pexip_reach_t **watched = pexip_reach_all(contacts, &n);
    for (guint i = 0; i < n; i++) {
        /* Two attempts at least: a single SYN may be the capture's last. */
        pexip_reach_outcome_t outcome = pexip_reach_judge(watched[i], 2);
        if (outcome != PEXIP_REACH_OK) {
            candidate_t c = { watched[i]->first_attempt_frame, watched[i]->call, NULL, NULL,
                              watched[i], outcome };
            g_array_append_val(found, c);
        }
    }
    g_array_sort(found, candidate_order);
    GHashTable *reported = g_hash_table_new(g_direct_hash, g_direct_equal);  /* calls, once each */
    for (guint i = 0; i < found->len; i++) {
        const candidate_t *c = &g_array_index(found, candidate_t, i);
        if (g_hash_table_add(reported, (gpointer)c->call))
            pexip_findings_capture_add(c->frame, PEXIP_FINDING_REFRESH_UNANSWERED, c->call,
                                       candidate_text(pool, c));
    }
    g_hash_table_destroy(reported);
    g_array_free(found, TRUE);
}

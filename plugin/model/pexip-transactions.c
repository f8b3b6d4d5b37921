/* pexip-transactions.c
 * SIP requests and what answered them (see pexip-transactions.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-transactions.h"
#include "pexip-limits.h"
#include "pexip-table.h"

#include <string.h>
#include "pexip-text.h"

/* A request's identity is its record's call_id, cseq, method and from:
 * looked up with a record on the stack. The Call-ID is the call model's
 * own copy (every dialog of a Call-ID shares it): compared as a pointer.
 * Methods are kept once each (a handful). */
static wmem_allocator_t *scope;
static pexip_service_address_fn service_address;
static pexip_table_t *by_key;  /* pexip_sip_transaction_t by its key */
static wmem_map_t *methods;     /* text -> the same text */
static wmem_array_t *in_order;  /* pexip_sip_transaction_t* */

static guint
key_hash(gconstpointer k)
{
    const pexip_sip_transaction_t *key = (const pexip_sip_transaction_t *)k;
    return (g_direct_hash(key->call_id) * 31u + key->cseq) * 31u + g_str_hash(key->method) +
           pexip_endpoint_hash(&key->from);
}

static gboolean
key_match(gconstpointer a, gconstpointer b)
{
    const pexip_sip_transaction_t *x = (const pexip_sip_transaction_t *)a;
    const pexip_sip_transaction_t *y = (const pexip_sip_transaction_t *)b;
    return x->cseq == y->cseq && x->call_id == y->call_id &&
           strcmp(x->method, y->method) == 0 && pexip_endpoint_equal(&x->from, &y->from);
}

void
pexip_transactions_init(wmem_allocator_t *allocator, pexip_service_address_fn is_service)
{
    scope = allocator;
    service_address = is_service;
    by_key = pexip_table_new(scope, key_hash, key_match);
    methods = wmem_map_new(scope, g_str_hash, g_str_equal);
    in_order = wmem_array_new(scope, sizeof(pexip_sip_transaction_t *));
}

void
pexip_transactions_cleanup(void)
{
    scope = NULL;
    service_address = NULL;
    by_key = NULL;
    methods = NULL;
    in_order = NULL;
}

static gboolean
is_service(const pexip_endpoint_t *e, guint32 frame)
{
    return service_address && service_address(e->family, e->addr, frame);
}

/* The model's copy of a method's name. */
static const char *
kept_method(const char *method)
{
    return pexip_kept_string(methods, scope, method);
}

/* A request's transaction, by the key it and its responses share: the
 * call, CSeq number and method, and the request's sender (a response's
 * receiver). key is filled in either way. */
static pexip_sip_transaction_t *
lookup(pexip_sip_transaction_t *key, const pexip_call_t *call, guint32 cseq, const char *method,
       guint8 family, const guint8 *sender)
{
    memset(key, 0, sizeof *key);
    key->call_id = call->call_id;
    key->cseq = cseq;
    key->method = method;
    pexip_endpoint_set(&key->from, family, sender, 0, FALSE);
    return (pexip_sip_transaction_t *)pexip_table_find(by_key, key_hash(key), key);
}

pexip_sip_transaction_t *
pexip_transaction_request(pexip_call_t *call, guint32 cseq, const char *method, guint32 frame,
                          guint8 family, const guint8 *src, const guint8 *dst, guint16 dst_port,
                          gboolean udp, gboolean in_dialog)
{
    if (!by_key || !call || !call->call_id || !method || !family ||
        strcmp(method, "ACK") == 0)
        return NULL;
    pexip_sip_transaction_t key;
    pexip_sip_transaction_t *t = lookup(&key, call, cseq, method, family, src);
    if (!t && pexip_table_size(by_key) >= PEXIP_LIMIT_TRANSACTIONS_MAX) {
        pexip_limit_reached(PEXIP_LIMIT_TRANSACTIONS, 0, frame);
        return NULL;
    }
    if (!t) {
        t = wmem_new(scope, pexip_sip_transaction_t);
        *t = key;
        t->call = call;
        t->method = kept_method(method);
        pexip_endpoint_set(&t->to, family, dst, dst_port, !udp);
        t->udp = udp != 0;
        t->in_dialog = in_dialog != 0;
        t->first_frame = frame;
        pexip_table_put(by_key, key_hash(t), t, t);
        wmem_array_append_one(in_order, t);
    }
    t->sends++;
    return t;
}

pexip_sip_transaction_t *
pexip_transaction_response(const pexip_call_t *call, guint32 cseq, const char *method,
                           guint32 code, guint8 family, const guint8 *dst)
{
    if (!by_key || !call || !method || !family || pexip_table_size(by_key) == 0)
        return NULL;
    pexip_sip_transaction_t key;
    pexip_sip_transaction_t *t = lookup(&key, call, cseq, method, family, dst);
    if (!t)
        return NULL;
    t->responses++;
    if (code == 408 || code == 481)
        t->final_code = (guint16)code;
    else
        t->answered = TRUE;
    return t;
}

pexip_sip_transaction_t **
pexip_transactions_all(guint *n)
{
    *n = in_order ? wmem_array_get_count(in_order) : 0;
    pexip_sip_transaction_t **all = *n ? (pexip_sip_transaction_t **)wmem_array_get_raw(in_order)
                                       : NULL;
    /* Which side is the service's, asked once per request (not per
     * packet), as it was at the request's first frame. */
    for (guint i = 0; i < *n; i++) {
        pexip_sip_transaction_t *t = all[i];
        if (t->sides_known)
            continue;
        t->from_service = is_service(&t->from, t->first_frame) != 0;
        t->to_service = is_service(&t->to, t->first_frame) != 0;
        t->sides_known = TRUE;
    }
    return all;
}

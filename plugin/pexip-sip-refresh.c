/* pexip-sip-refresh.c
 * In-dialog requests from the service, and whether they were answered
 * (see pexip-sip-refresh.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-sip-refresh.h"

#include <string.h>
#include <epan/wmem_scopes.h>
#include "pexip-endpoint.h"

typedef struct {
    pexip_call_t *call;
    const char *method;
    guint32 first_frame;
    guint32 sends;
    guint8 family;
    guint8 dst[16];
    guint16 dst_port;
    guint32 final_code;         /* 0: none yet */
    gboolean answered;          /* any response but 408/481 */
} transaction_t;

/* "Call-ID CSeq method" -> transaction_t*, in insertion order too. */
static wmem_map_t *transactions;
static wmem_array_t *in_order;
static pexip_service_address_fn service_address;

void
pexip_sip_refresh_init(pexip_service_address_fn is_service)
{
    transactions = wmem_map_new(wmem_file_scope(), g_str_hash, g_str_equal);
    in_order = wmem_array_new(wmem_file_scope(), sizeof(transaction_t *));
    service_address = is_service;
}

void
pexip_sip_refresh_cleanup(void)
{
    transactions = NULL;
    in_order = NULL;
}

static char *
key_of(const char *call_id, guint32 cseq, const char *method)
{
    return g_strdup_printf("%s %u %s", call_id, cseq, method);
}

void
pexip_sip_refresh_request(pexip_call_t *call, const char *call_id, guint32 cseq,
                          const char *method, guint32 frame, guint8 family, const guint8 *src,
                          const guint8 *dst, guint16 dst_port)
{
    if (!transactions || !call || !call_id || !method || strcmp(method, "ACK") == 0 ||
        !service_address || !service_address(family, src, frame) ||
        service_address(family, dst, frame))
        return;
    char *key = key_of(call_id, cseq, method);
    transaction_t *t = (transaction_t *)wmem_map_lookup(transactions, key);
    if (!t) {
        t = wmem_new0(wmem_file_scope(), transaction_t);
        t->call = call;
        t->method = wmem_strdup(wmem_file_scope(), method);
        t->first_frame = frame;
        t->family = family;
        memcpy(t->dst, dst, family == PEXIP_FAMILY_IPV4 ? 4 : 16);
        t->dst_port = dst_port;
        wmem_map_insert(transactions, wmem_strdup(wmem_file_scope(), key), t);
        wmem_array_append_one(in_order, t);
    }
    t->sends++;
    g_free(key);
}

void
pexip_sip_refresh_response(const char *call_id, guint32 cseq, const char *method, guint32 code)
{
    if (!transactions || !call_id || !method || wmem_map_size(transactions) == 0)
        return;
    char *key = key_of(call_id, cseq, method);
    transaction_t *t = (transaction_t *)wmem_map_lookup(transactions, key);
    g_free(key);
    if (!t)
        return;
    if (code == 408 || code == 481)
        t->final_code = code;
    else
        t->answered = TRUE;
}

void
pexip_sip_refresh_check_run(pexip_refresh_finding_fn report)
{
    if (!in_order || !report)
        return;
    transaction_t **all = (transaction_t **)wmem_array_get_raw(in_order);
    GHashTable *reported = g_hash_table_new(g_direct_hash, g_direct_equal);  /* calls, once each */
    for (guint i = 0; i < wmem_array_get_count(in_order); i++) {
        const transaction_t *t = all[i];
        gboolean silent = !t->answered && !t->final_code && t->sends >= 2;
        gboolean refused = !t->answered && t->final_code;
        if ((!silent && !refused) || !g_hash_table_add(reported, t->call))
            continue;
        char *outcome = silent
            ? g_strdup_printf("no response to %u sends", t->sends)
            : g_strdup_printf("%u %s", t->final_code,
                              t->final_code == 408 ? "Request Timeout" : "Call Does Not Exist");
        report(t->first_frame, PEXIP_FINDING_REFRESH_UNANSWERED,
               wmem_strdup_printf(wmem_file_scope(),
                                  "%s from the service to the customer's Contact %s got %s: the "
                                  "SBC's announced signalling address is not reachable from the "
                                  "service network (TCP/5061 or 5060), so calls drop at refresh",
                                  t->method,
                                  pexip_address_to_str(wmem_packet_scope(), t->family, t->dst,
                                                       t->dst_port),
                                  outcome));
        g_free(outcome);
    }
    g_hash_table_destroy(reported);
}

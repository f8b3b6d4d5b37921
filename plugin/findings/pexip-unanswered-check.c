/* pexip-unanswered-check.c
 * What the customer side sent the service that nothing answered (see
 * pexip-unanswered-check.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-unanswered-check.h"

#include <string.h>
#include "pexip-endpoint.h"
#include "pexip-transactions.h"
#include "pexip-detect-sip.h"
#include "pexip-findings-store.h"

typedef struct {
    pexip_stun_client_t c;
    /* The transaction IDs of its requests while nothing answered (12
     * bytes each): a repeat is a retransmission. */
    wmem_map_t *ids;
} stun_client_t;

static wmem_allocator_t *scope;
static wmem_map_t *clients;         /* pexip_endpoint_t* -> stun_client_t* */
static wmem_array_t *clients_in_order;  /* pexip_stun_client_t* */

static guint
id_hash(gconstpointer k)
{
    const guint8 *id = (const guint8 *)k;
    guint h = 0;
    for (guint i = 0; i < 12; i++)
        h = h * 31u + id[i];
    return h;
}

static gboolean
id_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, 12) == 0;
}

void
pexip_unanswered_init(wmem_allocator_t *allocator)
{
    scope = allocator;
    clients = wmem_map_new(scope, pexip_endpoint_hash, pexip_endpoint_equal);
    clients_in_order = wmem_array_new(scope, sizeof(pexip_stun_client_t *));
}

void
pexip_unanswered_cleanup(void)
{
    scope = NULL;
    clients = NULL;
    clients_in_order = NULL;
}

void
pexip_unanswered_stun(guint32 frame, guint8 family, const guint8 *client, const guint8 *service,
                      guint16 service_port, gboolean to_service, const pexip_stun_message_t *m)
{
    if (!clients)
        return;
    pexip_endpoint_t key;
    pexip_endpoint_set(&key, family, client, 0, FALSE);
    stun_client_t *s = (stun_client_t *)wmem_map_lookup(clients, &key);
    if (!to_service) {
        /* From the service: anything but a request answers the client. */
        if (s && m->cls != PEXIP_STUN_REQUEST)
            s->c.answered = TRUE;
        return;
    }
    if (!pexip_stun_is_path_request(m))
        return;
    if (!s) {
        s = wmem_new0(scope, stun_client_t);
        s->c.client = key;
        pexip_endpoint_set(&s->c.first_to, family, service, service_port, FALSE);
        s->c.first_request_frame = frame;
        s->ids = wmem_map_new(scope, id_hash, id_equal);
        wmem_map_insert(clients, &s->c.client, s);
        pexip_stun_client_t *c = &s->c;
        wmem_array_append_one(clients_in_order, c);
    }
    s->c.requests++;
    /* Once answered or retransmitted, the IDs tell nothing more. */
    if (s->c.answered || s->c.retransmitted)
        return;
    if (wmem_map_contains(s->ids, m->id)) {
        s->c.retransmitted = TRUE;
        return;
    }
    guint8 *id = (guint8 *)wmem_memdup(scope, m->id, sizeof m->id);
    wmem_map_insert(s->ids, id, id);
}

pexip_stun_client_t **
pexip_unanswered_stun_clients(guint *n)
{
    *n = clients_in_order ? wmem_array_get_count(clients_in_order) : 0;
    return *n ? (pexip_stun_client_t **)wmem_array_get_raw(clients_in_order) : NULL;
}

/* "got no answer (3 SYNs)" or "was refused (1 reset)". */
static const char *
tcp_outcome(wmem_allocator_t *pool, const pexip_reach_t *r, pexip_reach_outcome_t outcome)
{
    return outcome == PEXIP_REACH_REFUSED
        ? wmem_strdup_printf(pool, "was refused (%u reset%s)", r->replies,
                             r->replies == 1 ? "" : "s")
        : wmem_strdup_printf(pool, "got no answer (%u SYNs)", r->attempts);
}

/* What the web app uses a TURN/HTTPS port for, in the text. */
static const char *
turn_port_use(guint16 port)
{
    switch (port) {
    case 443:  return "TURN/HTTPS";
    case 3478: return "TURN";
    default:   return "TURN/TLS";
    }
}

/* A TCP record to a SIP port (service_unanswered) or a TURN port
 * (turn_refused, once per client address and port; not a web proxy's). */
static void
check_tcp(wmem_allocator_t *pool, const pexip_reach_t *r, pexip_service_address_fn is_proxy,
          GHashTable *turn_reported)
{
    /* Two attempts at least: a single SYN may be the capture's last. */
    pexip_reach_outcome_t outcome = pexip_reach_judge(r, 2);
    if (outcome == PEXIP_REACH_OK)
        return;
    const pexip_endpoint_t *client = &r->first_from, *where = &r->where;
    const char *from = pexip_address_to_str(pool, client->family, client->addr, 0);
    const char *to = pexip_address_to_str(pool, where->family, where->addr, where->port);
    if (pexip_port_is_sip_tcp(where->port)) {
        pexip_findings_capture_add(
            r->first_attempt_frame, PEXIP_FINDING_SERVICE_UNANSWERED, NULL,
            wmem_strdup_printf(pexip_findings_scope(),
                               "TCP from %s to the service's SIP port %s %s: calls to the "
                               "service fail. Open TCP 5061 (and 5060) from the SBC to the "
                               "service's address ranges",
                               from, to, tcp_outcome(pool, r, outcome)));
        return;
    }
    if (!pexip_port_is_turn_tcp(where->port) ||
        (is_proxy && is_proxy(client->family, client->addr, r->first_attempt_frame)))
        return;
    /* Once per client address and port (the text lives in pool while
     * the run lasts). */
    if (!g_hash_table_add(turn_reported,
                          pexip_address_to_str(pool, client->family, client->addr, where->port)))
        return;
    pexip_findings_capture_add(
        r->first_attempt_frame, PEXIP_FINDING_TURN_REFUSED, NULL,
        wmem_strdup_printf(pexip_findings_scope(),
                           "TCP from %s to the service's %s port %s %s: the web app's media "
                           "cannot fall back to TCP/TLS. Allow TCP 443 and 3478 from the "
                           "clients to the service's address ranges",
                           from, turn_port_use(where->port), to, tcp_outcome(pool, r, outcome)));
}

/* The customer side's SIP requests over UDP that nothing answered. */
static void
check_udp_requests(wmem_allocator_t *pool)
{
    guint n;
    pexip_sip_transaction_t **all = pexip_transactions_all(&n);
    for (guint i = 0; i < n; i++) {
        const pexip_sip_transaction_t *t = all[i];
        if (!pexip_detect_request_unanswered(t))
            continue;
        pexip_findings_capture_add(
            t->first_frame, PEXIP_FINDING_SERVICE_UNANSWERED, t->call,
            wmem_strdup_printf(pexip_findings_scope(),
                               "%s from %s to the service %s over UDP got no response to %u "
                               "sends: calls to the service fail. Open UDP 5060 (or TCP "
                               "5061/5060) from the SBC to the service's address ranges",
                               t->method,
                               pexip_address_to_str(pool, t->from.family, t->from.addr, 0),
                               pexip_address_to_str(pool, t->to.family, t->to.addr, t->to.port),
                               t->sends));
    }
}

static void
check_stun_clients(wmem_allocator_t *pool)
{
    guint n;
    pexip_stun_client_t **all = pexip_unanswered_stun_clients(&n);
    for (guint i = 0; i < n; i++) {
        const pexip_stun_client_t *c = all[i];
        if (!pexip_detect_udp_blocked(c))
            continue;
        pexip_findings_capture_add(
            c->first_request_frame, PEXIP_FINDING_UDP_BLOCKED, NULL,
            wmem_strdup_printf(pexip_findings_scope(),
                               "STUN from %s to the service over UDP got no answer (%u "
                               "requests, first to %s): UDP to the service is blocked; "
                               "the web app falls back to TURN over TCP/TLS 443, or fails. "
                               "Open UDP to the service's media ranges",
                               pexip_address_to_str(pool, c->client.family, c->client.addr, 0),
                               c->requests,
                               pexip_address_to_str(pool, c->first_to.family, c->first_to.addr,
                                                    c->first_to.port)));
    }
}

void
pexip_unanswered_check_run(wmem_allocator_t *pool, pexip_reach_t *const *tcp, guint n_tcp,
                           pexip_service_address_fn is_proxy)
{
    GHashTable *turn_reported = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < n_tcp; i++)
        check_tcp(pool, tcp[i], is_proxy, turn_reported);
    g_hash_table_destroy(turn_reported);
    check_udp_requests(pool);
    check_stun_clients(pool);
}

/* pexip-reach.c
 * TCP connections to announced endpoints (see pexip-reach.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-reach.h"

#include <epan/address.h>
#include "pexip-limits.h"

struct pexip_reach_watch {
    wmem_allocator_t *scope;
    pexip_service_address_fn side;
    wmem_map_t *latest;         /* pexip_endpoint_t* -> pexip_reach_t*: the latest record */
    wmem_array_t *all;          /* pexip_reach_t*, in the order announced */
};

pexip_reach_watch_t *
pexip_reach_watch_new(wmem_allocator_t *scope, pexip_service_address_fn side)
{
    pexip_reach_watch_t *watch = wmem_new0(scope, pexip_reach_watch_t);
    watch->scope = scope;
    watch->side = side;
    watch->latest = wmem_map_new(scope, pexip_endpoint_hash, pexip_endpoint_equal);
    watch->all = wmem_array_new(scope, sizeof(pexip_reach_t *));
    return watch;
}

pexip_reach_t *
pexip_reach_announce(pexip_reach_watch_t *watch, pexip_call_t *call, guint8 family,
                     const guint8 *addr, guint16 port, guint32 frame)
{
    if (!watch || !call || port == 0)
        return NULL;
    pexip_endpoint_t key;
    pexip_endpoint_set(&key, family, addr, port, TRUE);
    pexip_reach_t *r = (pexip_reach_t *)wmem_map_lookup(watch->latest, &key);
    if (r && r->call == call)
        return r;
    if (wmem_array_get_count(watch->all) >= PEXIP_LIMIT_ENDPOINTS_MAX) {
        pexip_limit_reached(PEXIP_LIMIT_ENDPOINTS, 0, frame);
        return NULL;
    }
    r = wmem_new0(watch->scope, pexip_reach_t);
    r->call = call;
    r->where = key;
    r->announced_frame = frame;
    /* The record's own copy of the endpoint is the map's key. */
    wmem_map_insert(watch->latest, &r->where, r);
    wmem_array_append_one(watch->all, r);
    return r;
}

pexip_reach_t *
pexip_reach_find(const pexip_reach_watch_t *watch, guint8 family, const guint8 *addr,
                 guint16 port)
{
    if (!watch || wmem_map_size(watch->latest) == 0)
        return NULL;
    pexip_endpoint_t key;
    pexip_endpoint_set(&key, family, addr, port, TRUE);
    return (pexip_reach_t *)wmem_map_lookup(watch->latest, &key);
}

void
pexip_reach_count(pexip_reach_t *r, gboolean attempt, const pexip_endpoint_t *other,
                  guint32 frame, gboolean carried)
{
    r->reached |= carried;
    if (!attempt) {
        r->replies++;
        r->answered = *other;
        return;
    }
    if (r->attempts++ == 0) {
        r->first_attempt_frame = frame;
        r->first_from = *other;
    }
    if (r->answered.family && pexip_endpoint_equal(&r->answered, other))
        r->established = TRUE;
}

void
pexip_reach_packet(pexip_reach_watch_t *watch, guint8 family, const guint8 *src, guint16 sport,
                   const guint8 *dst, guint16 dport, guint32 frame, gboolean carried)
{
    pexip_endpoint_t other;
    pexip_reach_t *to = pexip_reach_find(watch, family, dst, dport);
    if (to && (!watch->side || watch->side(family, src, frame))) {
        pexip_endpoint_set(&other, family, src, sport, TRUE);
        pexip_reach_count(to, TRUE, &other, frame, carried);
    }
    pexip_reach_t *from = pexip_reach_find(watch, family, src, sport);
    if (from && (!watch->side || watch->side(family, dst, frame))) {
        pexip_endpoint_set(&other, family, dst, dport, TRUE);
        pexip_reach_count(from, FALSE, &other, frame, carried);
    }
}

/* The family of a TCP packet over IP, or 0. */
static guint8
tcp_family(const packet_info *pinfo)
{
    if (pinfo->ptype != PT_TCP || pinfo->net_src.type != pinfo->net_dst.type)
        return 0;
    return pexip_address_family(&pinfo->net_src);
}

void
pexip_reach_frame(pexip_reach_watch_t *watch, const packet_info *pinfo, gboolean carried)
{
    if (!watch || wmem_map_size(watch->latest) == 0)
        return;
    guint8 family = tcp_family(pinfo);
    if (family)
        pexip_reach_packet(watch, family, (const guint8 *)pinfo->net_src.data,
                           (guint16)pinfo->srcport, (const guint8 *)pinfo->net_dst.data,
                           (guint16)pinfo->destport, pinfo->num, carried);
}

pexip_reach_t *
pexip_reach_of_frame(const pexip_reach_watch_t *watch, const packet_info *pinfo)
{
    guint8 family = tcp_family(pinfo);
    if (!family)
        return NULL;
    pexip_reach_t *r = pexip_reach_find(watch, family, (const guint8 *)pinfo->net_dst.data,
                                        (guint16)pinfo->destport);
    return r ? r : pexip_reach_find(watch, family, (const guint8 *)pinfo->net_src.data,
                                    (guint16)pinfo->srcport);
}

pexip_reach_t **
pexip_reach_all(const pexip_reach_watch_t *watch, guint *n)
{
    *n = watch ? wmem_array_get_count(watch->all) : 0;
    return *n ? (pexip_reach_t **)wmem_array_get_raw(watch->all) : NULL;
}

pexip_reach_outcome_t
pexip_reach_judge(const pexip_reach_t *r, guint32 min_unanswered)
{
    if (!r || r->attempts == 0 || r->reached || r->established)
        return PEXIP_REACH_OK;
    if (r->replies)
        return PEXIP_REACH_REFUSED;
    return r->attempts >= min_unanswered ? PEXIP_REACH_NO_ANSWER : PEXIP_REACH_OK;
}

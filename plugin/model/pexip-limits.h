/* pexip-limits.h
 * Caps on the state the plugin keeps per capture, so that a hostile or
 * broken capture (100,000 Call-IDs, one call re-INVITEd thousands of
 * times) cannot make it grow without bound. A healthy capture stays far
 * below each. When one is reached, what is over it is not followed, and
 * the model records it once (per call, or per capture) so that the
 * finding pexip.limit.reached tells the user (docs/fields.md, "Limits").
 * (The fuzzers build with smaller caps, -DPEXIP_LIMIT_..._MAX=N, to reach
 * them; the plugin always has these.)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_LIMITS_H
#define PEXIP_LIMITS_H

#include <glib.h>
#include <epan/wmem_scopes.h>

/* Calls per capture (SIP dialogs and H.323 calls): a later Call-ID or
 * callIdentifier is not followed. */
#ifndef PEXIP_LIMIT_CALLS_MAX
#define PEXIP_LIMIT_CALLS_MAX 10000
#endif
/* Dialogs of one SIP Call-ID (forks): a later To tag joins the first. */
#ifndef PEXIP_LIMIT_DIALOGS_MAX
#define PEXIP_LIMIT_DIALOGS_MAX 16
#endif
/* Announced streams kept per call (each SDP m-line or H.245 channel, each
 * re-announcement included): later ones are not linked to media. */
#ifndef PEXIP_LIMIT_STREAMS_MAX
#define PEXIP_LIMIT_STREAMS_MAX 256
#endif
/* BFCP floor grants kept per call. */
#ifndef PEXIP_LIMIT_GRANTS_MAX
#define PEXIP_LIMIT_GRANTS_MAX 256
#endif
/* Signalling messages per capture whose copies are compared
 * (pexip.alg.rewritten): a later message is not compared. */
#ifndef PEXIP_LIMIT_MESSAGES_MAX
#define PEXIP_LIMIT_MESSAGES_MAX 100000
#endif
/* SIP requests followed for an answer (pexip.sip.refresh_unanswered,
 * pexip.sip.service_unanswered) per capture. */
#ifndef PEXIP_LIMIT_TRANSACTIONS_MAX
#define PEXIP_LIMIT_TRANSACTIONS_MAX 20000
#endif
/* Announced signalling endpoints (SIP Contacts, H.245 addresses) watched
 * for connections per capture. */
#ifndef PEXIP_LIMIT_ENDPOINTS_MAX
#define PEXIP_LIMIT_ENDPOINTS_MAX 20000
#endif

typedef enum {
    PEXIP_LIMIT_CALLS = 0,
    PEXIP_LIMIT_DIALOGS,
    PEXIP_LIMIT_STREAMS,
    PEXIP_LIMIT_GRANTS,
    PEXIP_LIMIT_MESSAGES,
    PEXIP_LIMIT_TRANSACTIONS,
    PEXIP_LIMIT_ENDPOINTS,
    PEXIP_LIMIT_COUNT
} pexip_limit_t;

/* A limit reached: which, on which frame, for which call (0: the
 * capture's limit). */
typedef struct {
    pexip_limit_t which;
    guint32 frame;
    guint32 call;
} pexip_limit_hit_t;

void pexip_limits_init(wmem_allocator_t *allocator);
void pexip_limits_cleanup(void);

/* The cap and what it counts ("calls per capture", ...). */
guint pexip_limit_value(pexip_limit_t which);
const char *pexip_limit_what(pexip_limit_t which);

/* Something over limit which was dropped on frame, for the call numbered
 * call (0: a capture-wide limit). The first time per (limit, call) it is
 * queued for pexip_limits_take(); every time it is counted. */
void pexip_limit_reached(pexip_limit_t which, guint32 call, guint32 frame);

/* The hits queued since the last take (at most max, the rest stay). */
guint pexip_limits_take(pexip_limit_hit_t *out, guint max);

/* How often which dropped something in this capture. */
guint32 pexip_limit_drops(pexip_limit_t which);

#endif /* PEXIP_LIMITS_H */

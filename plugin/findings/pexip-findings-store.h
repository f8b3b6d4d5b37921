/* pexip-findings-store.h
 * The one store of findings: what was found on which frame, and which
 * findings each call, connection or stream has shown already (most are
 * shown once per scope, see the table's scope column).
 *
 * Findings decided as a frame is read (first pass) stay; those of the
 * whole-capture checks (run once the capture has been read, and again if
 * a live capture reads on) are replaced by each run. Everything is in the
 * allocator given to init (wmem_file_scope() in the plugin; unit tests
 * give their own).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_FINDINGS_STORE_H
#define PEXIP_FINDINGS_STORE_H

#include <glib.h>
#include <epan/wmem_scopes.h>
#include "pexip-findings.h"
#include "pexip-calls.h"

/* One finding shown on a frame. */
typedef struct {
    pexip_finding_kind_t kind;
    guint32 call;               /* the number of the call it is about; 0: none
                                 * (a web proxy, an encrypted connection) */
    const char *text;           /* what was seen and what to do (static, or
                                 * in the store's allocator) */
} pexip_finding_t;

void pexip_findings_store_init(wmem_allocator_t *allocator);
void pexip_findings_store_cleanup(void);

/* The allocator texts given to the store must live in (NULL before init). */
wmem_allocator_t *pexip_findings_scope(void);

/* Whether owner (a call, a connection's state, a stream: whatever the
 * finding's scope names) has shown kind already. Detectors skip their
 * work then. */
gboolean pexip_findings_shown(pexip_finding_kind_t kind, gconstpointer owner);

/* First pass: show kind on frame with text, about call (or NULL), unless
 * owner has shown it (owner NULL: no limit). TRUE when it was added. */
gboolean pexip_findings_add(guint32 frame, pexip_finding_kind_t kind, gconstpointer owner,
                            const pexip_call_t *call, const char *text);

/* A whole-capture run starts: the findings of the previous run go. */
void pexip_findings_capture_begin(void);

/* A whole-capture check shows kind on frame with text, about call (or
 * NULL). */
void pexip_findings_capture_add(guint32 frame, pexip_finding_kind_t kind, const pexip_call_t *call,
                                const char *text);

/* Whether frame has any finding (checked on every service packet: two
 * lookups in maps that are empty for a healthy capture). */
gboolean pexip_findings_on(guint32 frame);

/* The findings of frame in the order they were added, first-pass ones
 * first (pexip_finding_t), or NULL; a copy in pool when both kinds are
 * there. */
wmem_array_t *pexip_findings_of(wmem_allocator_t *pool, guint32 frame);

/* Every finding of the capture in frame order, and on a frame in the
 * order wmem_findings_of gives: fn(frame, finding, data) for each. */
typedef void (*pexip_findings_fn)(guint32 frame, const pexip_finding_t *finding, gpointer data);
void pexip_findings_foreach(pexip_findings_fn fn, gpointer data);

/* An expert info holds at most PEXIP_FINDING_TEXT_MAX bytes (Wireshark
 * cuts the rest). A finding's text is "what was seen: what to do"; when it
 * is longer, the part before its last ": " is shortened (ending "...") so
 * that the advice stays whole. Returns text itself when it fits, else a
 * copy in pool. */
#define PEXIP_FINDING_TEXT_MAX 239
const char *pexip_finding_text_fit(wmem_allocator_t *pool, const char *text);

#endif /* PEXIP_FINDINGS_STORE_H */

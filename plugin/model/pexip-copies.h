/* pexip-copies.h
 * Signalling messages by identity: the same message seen at two capture
 * points (captures merged with mergecap, both sides of a firewall) is one
 * entry, holding what its first copy said about where to send, so a later
 * copy can be compared with it (pexip.alg.rewritten).
 *
 * Each signalling family builds its own identity strings and records
 * what a copy says in its own type (SIP: pexip_sip_addresses_t; H.225.0
 * and H.245: pexip_h323_addresses_t), with a kind that copies that
 * record into the store and compares two. One entry per distinct message (copies and
 * retransmissions share it), in the allocator given to init
 * (wmem_file_scope() in the plugin): only signalling messages are keyed.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_COPIES_H
#define PEXIP_COPIES_H

#include <glib.h>
#include <epan/wmem_scopes.h>
#include "pexip-calls.h"
#include "pexip-message.h"

void pexip_copies_init(wmem_allocator_t *allocator);
void pexip_copies_cleanup(void);

/* What a signalling family's messages say (SIP: pexip_sip_addresses_t;
 * H.225.0 and H.245: pexip_h323_addresses_t), to the store: keep copies
 * one into scope (one allocation, its strings and arrays in it); hash and
 * same tell two of them apart by content. Messages that say the same
 * thing (an INVITE and its re-INVITE, a request and its retransmission
 * under another branch) share one kept copy. */
typedef struct {
    guint index;                /* 0, 1, ...: one per family */
    gpointer (*keep)(wmem_allocator_t *scope, gconstpointer said);
    guint (*hash)(gconstpointer said);
    gboolean (*same)(gconstpointer a, gconstpointer b);
} pexip_copies_kind_t;

/* The message with this identity, seen in frame saying said (of kind,
 * kept when the message is new). *first: what the first copy said when
 * this is a later copy (from another frame), else NULL. NULL when identity is NULL
 * or the store is not initialised. */
pexip_message_copies_t *pexip_copies_see(const char *identity, gconstpointer said,
                                         const pexip_copies_kind_t *kind, guint32 frame,
                                         gconstpointer *first);

/* A new message that reuses an identity already seen (the same capture
 * point sent it again with other addresses: a logical channel opened
 * again): from now on the identity names this one, seen in frame saying
 * said. Returns its entry; the earlier entry stays with its frames. */
pexip_message_copies_t *pexip_copies_restart(const char *identity, gconstpointer said,
                                             const pexip_copies_kind_t *kind, guint32 frame);

/* What a reader records on its frame (out) for pexip.alg.other_frame: a
 * message's first copy, when frame is its first frame (its other frame
 * is known once a rewritten copy has been read)... */
void pexip_copies_first(const pexip_message_copies_t *copies, guint32 frame,
                        pexip_signalling_frame_t *out);

/* ...or a later copy that differs from the first (the first such frame
 * becomes the first copy's other frame). */
void pexip_copies_rewritten(pexip_message_copies_t *copies, guint32 frame,
                            pexip_signalling_frame_t *out);

/* ---- SIP ---------------------------------------------------------------- */

/* The identity of a SIP message: Call-ID, CSeq, top Via branch, first
 * line, and the From and To tags (forked responses share all the rest;
 * an ALG leaves tags alone). NULL when Call-ID, CSeq, branch or first
 * line is missing (a message without a branch cannot be told apart from
 * its retransmissions' neighbours). */
char *pexip_sip_identity(wmem_allocator_t *scope, const char *call_id, const char *cseq,
                         const char *branch, const char *first_line, const char *from_tag,
                         const char *to_tag);

/* The kind of a pexip_sip_addresses_t (kept with its strings and m-lines). */
extern const pexip_copies_kind_t pexip_sip_addresses_kind;

/* ---- H.225.0 and H.245 -------------------------------------------------- */

/* The identity of an H.225.0 or H.245 message: its call's identifier
 * (the callIdentifier; for H.245 the call of its connection or of the
 * H.225.0 message that tunnels it), the message ("H.225 Setup", "H.245
 * OpenLogicalChannel", ...), a number (H.225.0: the Q.931 call reference
 * value with its flag, G_MAXUINT32 when unknown; H.245: the
 * forwardLogicalChannelNumber) and whether the service sent it (the two
 * sides number their channels independently). A gatekeeper or SBC that
 * terminates the call uses its own call reference on its leg: another
 * message. NULL without a call identifier or message. Never equal to a
 * SIP identity (fewer fields). */
char *pexip_h323_identity(wmem_allocator_t *scope, const char *call_id, const char *message,
                          guint32 number, gboolean from_service);

/* The kind of a pexip_h323_addresses_t (kept with its addresses). */
extern const pexip_copies_kind_t pexip_h323_addresses_kind;

#endif /* PEXIP_COPIES_H */

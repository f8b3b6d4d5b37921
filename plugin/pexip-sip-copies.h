/* pexip-sip-copies.h
 * SIP messages by identity (Call-ID, CSeq, top Via branch, first line,
 * tags):
 * the same message seen at two capture points (captures merged with
 * mergecap, both sides of a firewall) is one entry, holding where its
 * first copy said to send, so a later copy can be compared with it
 * (pexip.alg.rewritten). One entry per distinct SIP message (copies and
 * retransmissions share it), in the allocator given to init
 * (wmem_file_scope() in the plugin): only SIP messages are keyed.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_SIP_COPIES_H
#define PEXIP_SIP_COPIES_H

#include <glib.h>
#include <epan/wmem_scopes.h>
#include "pexip-calls.h"
#include "pexip-detectors.h"

void pexip_sip_copies_init(wmem_allocator_t *allocator);
void pexip_sip_copies_cleanup(void);

/* The identity of a message in scope: Call-ID, CSeq, top Via branch,
 * first line, and the From and To tags (forked responses share all the
 * rest; an ALG leaves tags alone). NULL when Call-ID, CSeq, branch or
 * first line is missing (a message without a branch cannot be told
 * apart from its retransmissions' neighbours). */
char *pexip_sip_identity(wmem_allocator_t *scope, const char *call_id, const char *cseq,
                         const char *branch, const char *first_line, const char *from_tag,
                         const char *to_tag);

/* The message with this identity, seen in frame saying addresses (copied
 * when it is new). *first: the first copy's addresses when this is a
 * later copy (from another frame), else NULL. */
pexip_message_copies_t *pexip_sip_copies_see(const char *identity,
                                             const pexip_sip_addresses_t *addresses,
                                             guint32 frame,
                                             const pexip_sip_addresses_t **first);

#endif /* PEXIP_SIP_COPIES_H */

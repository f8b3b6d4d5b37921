/* pexip-h245-check.h
 * pexip.h323.h245_unreachable, once the capture has been read: each
 * announcement of an h245Address (an H.225.0 message's, kept by the
 * H.245 reader in a pexip-reach.h watch) that TCP packets went to but no
 * H.245 message ever did, reported on the first of those packets.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_H245_CHECK_H
#define PEXIP_H245_CHECK_H

#include <epan/wmem_scopes.h>
#include "pexip-reach.h"

/* Into the store's whole-capture findings; pool: for what the texts
 * need only while they are made. */
void pexip_h245_check_run(wmem_allocator_t *pool, const pexip_reach_watch_t *h245_addresses);

#endif /* PEXIP_H245_CHECK_H */

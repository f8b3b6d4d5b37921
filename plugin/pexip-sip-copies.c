/* pexip-sip-copies.c
 * SIP messages by identity (see pexip-sip-copies.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-sip-copies.h"

#include <string.h>

typedef struct {
    pexip_message_copies_t copies;      /* first: handed out */
    pexip_sip_addresses_t addresses;    /* what the first copy said */
} copy_entry_t;

static wmem_allocator_t *scope;
static wmem_map_t *by_identity;         /* identity -> copy_entry_t* */

void
pexip_sip_copies_init(wmem_allocator_t *allocator)
{
    scope = allocator;
    by_identity = wmem_map_new(scope, g_str_hash, g_str_equal);
}

void
pexip_sip_copies_cleanup(void)
{
    by_identity = NULL;
    scope = NULL;
}

char *
pexip_sip_identity(wmem_allocator_t *alloc, const char *call_id, const char *cseq,
                   const char *branch, const char *first_line, const char *from_tag,
                   const char *to_tag)
{
    if (!call_id || !*call_id || !cseq || !*cseq || !branch || !*branch || !first_line ||
        !*first_line)
        return NULL;
    return wmem_strdup_printf(alloc, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", call_id, cseq, branch,
                              first_line, from_tag ? from_tag : "", to_tag ? to_tag : "");
}

pexip_message_copies_t *
pexip_sip_copies_see(const char *identity, const pexip_sip_addresses_t *addresses,
                     guint32 frame, const pexip_sip_addresses_t **first)
{
    *first = NULL;
    if (!by_identity || !identity)
        return NULL;
    copy_entry_t *entry = (copy_entry_t *)wmem_map_lookup(by_identity, identity);
    if (entry) {
        if (entry->copies.first_frame != frame)
            *first = &entry->addresses;
        return &entry->copies;
    }
    entry = wmem_new0(scope, copy_entry_t);
    entry->copies.first_frame = frame;
    entry->addresses = *addresses;
    entry->addresses.via = addresses->via ? wmem_strdup(scope, addresses->via) : NULL;
    entry->addresses.contact = addresses->contact ? wmem_strdup(scope, addresses->contact) : NULL;
    entry->addresses.media = addresses->media_count
        ? (const pexip_media_address_t *)wmem_memdup(scope, addresses->media,
                                                     addresses->media_count *
                                                         sizeof(pexip_media_address_t))
        : NULL;
    wmem_map_insert(by_identity, wmem_strdup(scope, identity), entry);
    return &entry->copies;
}

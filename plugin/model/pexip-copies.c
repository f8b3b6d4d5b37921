/* pexip-copies.c
 * Signalling messages by identity (see pexip-copies.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-copies.h"

#include <string.h>
#include "pexip-limits.h"

typedef struct {
    pexip_message_copies_t copies;      /* first: handed out */
    gconstpointer said;                 /* what the first copy said */
} copy_entry_t;

static wmem_allocator_t *scope;
static wmem_map_t *by_identity;         /* identity -> copy_entry_t* */

void
pexip_copies_init(wmem_allocator_t *allocator)
{
    scope = allocator;
    by_identity = wmem_map_new(scope, g_str_hash, g_str_equal);
}

void
pexip_copies_cleanup(void)
{
    by_identity = NULL;
    scope = NULL;
}

static copy_entry_t *
new_entry(gconstpointer said, pexip_copies_keep_fn keep, guint32 frame)
{
    copy_entry_t *entry = wmem_new0(scope, copy_entry_t);
    entry->copies.first_frame = frame;
    entry->said = keep(scope, said);
    return entry;
}

pexip_message_copies_t *
pexip_copies_see(const char *identity, gconstpointer said, pexip_copies_keep_fn keep,
                 guint32 frame, gconstpointer *first)
{
    *first = NULL;
    if (!by_identity || !identity)
        return NULL;
    copy_entry_t *entry = (copy_entry_t *)wmem_map_lookup(by_identity, identity);
    if (entry) {
        if (entry->copies.first_frame != frame)
            *first = entry->said;
        return &entry->copies;
    }
    if (wmem_map_size(by_identity) >= PEXIP_LIMIT_MESSAGES_MAX) {
        pexip_limit_reached(PEXIP_LIMIT_MESSAGES, 0, frame);
        return NULL;
    }
    entry = new_entry(said, keep, frame);
    wmem_map_insert(by_identity, wmem_strdup(scope, identity), entry);
    return &entry->copies;
}

pexip_message_copies_t *
pexip_copies_restart(const char *identity, gconstpointer said, pexip_copies_keep_fn keep,
                     guint32 frame)
{
    if (!by_identity || !identity)
        return NULL;
    gpointer stored_key = NULL, old = NULL;
    if (!wmem_map_lookup_extended(by_identity, identity, (const void **)&stored_key, &old))
        stored_key = wmem_strdup(scope, identity);
    copy_entry_t *entry = new_entry(said, keep, frame);
    wmem_map_insert(by_identity, stored_key, entry);
    return &entry->copies;
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

void
pexip_copies_first(const pexip_message_copies_t *copies, guint32 frame,
                   pexip_signalling_frame_t *out)
{
    if (copies->first_frame == frame)
        pexip_signalling_frame_add_copy(out, copies, FALSE);
}

void
pexip_copies_rewritten(pexip_message_copies_t *copies, guint32 frame,
                       pexip_signalling_frame_t *out)
{
    if (!copies->rewritten_frame)
        copies->rewritten_frame = frame;
    pexip_signalling_frame_add_copy(out, copies, TRUE);
}

/* count items of size bytes in alloc, or NULL when there are none. */
static gconstpointer
keep_items(wmem_allocator_t *alloc, gconstpointer items, guint count, gsize size)
{
    return count && items ? wmem_memdup(alloc, items, count * size) : NULL;
}

gpointer
pexip_sip_addresses_keep(wmem_allocator_t *alloc, gconstpointer said)
{
    const pexip_sip_addresses_t *addresses = (const pexip_sip_addresses_t *)said;
    pexip_sip_addresses_t *kept = wmem_new(alloc, pexip_sip_addresses_t);
    *kept = *addresses;
    kept->via = addresses->via ? wmem_strdup(alloc, addresses->via) : NULL;
    kept->contact = addresses->contact ? wmem_strdup(alloc, addresses->contact) : NULL;
    kept->media = (const pexip_media_address_t *)keep_items(
        alloc, addresses->media, addresses->media_count, sizeof(pexip_media_address_t));
    return kept;
}

char *
pexip_h323_identity(wmem_allocator_t *alloc, const char *call_id, const char *message,
                    guint32 number, gboolean from_service)
{
    if (!call_id || !*call_id || !message || !*message)
        return NULL;
    return wmem_strdup_printf(alloc, "%s\x1f%s\x1f%u\x1f%c", call_id, message, number,
                              from_service ? 's' : 'c');
}

gpointer
pexip_h323_addresses_keep(wmem_allocator_t *alloc, gconstpointer said)
{
    const pexip_h323_addresses_t *addresses = (const pexip_h323_addresses_t *)said;
    pexip_h323_addresses_t *kept = wmem_new(alloc, pexip_h323_addresses_t);
    *kept = *addresses;
    /* the places' names are static strings */
    kept->named = (const pexip_named_address_t *)keep_items(alloc, addresses->named,
                                                            addresses->count,
                                                            sizeof(pexip_named_address_t));
    return kept;
}

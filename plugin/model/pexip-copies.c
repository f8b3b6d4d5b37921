/* pexip-copies.c
 * Signalling messages by identity (see pexip-copies.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-copies.h"

#include <string.h>
#include "pexip-limits.h"

/* One record per distinct message (every SIP message and H.323 message
 * that names its call: five or more per call), so it is kept small: the
 * identity is kept as a 64-bit hash of its text (the text is 80 to 200
 * bytes; two different messages of one capture share a hash with a
 * chance of about n^2 / 2^65, under 10^-9 for 100,000 messages), and what
 * the first copy said is one allocation. */
typedef struct {
    guint64 key;                        /* hash of the identity; the map's key */
    pexip_message_copies_t copies;      /* handed out */
    /* followed, in the same allocation, by what the first copy said */
} copy_entry_t;

/* What the first copy of entry's message said. */
static gconstpointer
entry_said(const copy_entry_t *entry)
{
    return entry + 1;
}

static wmem_allocator_t *scope;
static wmem_map_t *by_identity;         /* &entry->key -> copy_entry_t* */

void
pexip_copies_init(wmem_allocator_t *allocator)
{
    scope = allocator;
    by_identity = wmem_map_new(scope, g_int64_hash, g_int64_equal);
}

/* FNV-1a, 64 bits. */
static guint64
identity_hash(const char *identity)
{
    guint64 h = G_GUINT64_CONSTANT(14695981039346656037);
    for (const guchar *p = (const guchar *)identity; *p; p++) {
        h ^= *p;
        h *= G_GUINT64_CONSTANT(1099511628211);
    }
    return h;
}

void
pexip_copies_cleanup(void)
{
    by_identity = NULL;
    scope = NULL;
}

static copy_entry_t *
new_entry(guint64 key, gconstpointer said, pexip_copies_keep_fn keep, guint32 frame)
{
    G_STATIC_ASSERT(sizeof(copy_entry_t) % 8 == 0);
    copy_entry_t *entry = (copy_entry_t *)keep(scope, said, sizeof(copy_entry_t));
    memset(entry, 0, sizeof *entry);
    entry->key = key;
    entry->copies.first_frame = frame;
    return entry;
}

pexip_message_copies_t *
pexip_copies_see(const char *identity, gconstpointer said, pexip_copies_keep_fn keep,
                 guint32 frame, gconstpointer *first)
{
    *first = NULL;
    if (!by_identity || !identity)
        return NULL;
    guint64 key = identity_hash(identity);
    copy_entry_t *entry = (copy_entry_t *)wmem_map_lookup(by_identity, &key);
    if (entry) {
        if (entry->copies.first_frame != frame)
            *first = entry_said(entry);
        return &entry->copies;
    }
    if (wmem_map_size(by_identity) >= PEXIP_LIMIT_MESSAGES_MAX) {
        pexip_limit_reached(PEXIP_LIMIT_MESSAGES, 0, frame);
        return NULL;
    }
    entry = new_entry(key, said, keep, frame);
    wmem_map_insert(by_identity, &entry->key, entry);
    return &entry->copies;
}

pexip_message_copies_t *
pexip_copies_restart(const char *identity, gconstpointer said, pexip_copies_keep_fn keep,
                     guint32 frame)
{
    if (!by_identity || !identity)
        return NULL;
    guint64 key = identity_hash(identity);
    copy_entry_t *entry = new_entry(key, said, keep, frame);
    /* The map's key is the new entry's own: the old entry is left as it
     * was for the frames that point at it. */
    wmem_map_remove(by_identity, &key);
    wmem_map_insert(by_identity, &entry->key, entry);
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
    /* Joined by hand: read for every SIP message, and a printf is several
     * times slower than copying six strings. */
    const char *parts[] = { call_id, cseq, branch, first_line, from_tag ? from_tag : "",
                            to_tag ? to_tag : "" };
    size_t lens[G_N_ELEMENTS(parts)], total = 0;
    for (guint i = 0; i < G_N_ELEMENTS(parts); i++)
        total += (lens[i] = strlen(parts[i])) + 1;
    char *identity = (char *)wmem_alloc(alloc, total), *at = identity;
    for (guint i = 0; i < G_N_ELEMENTS(parts); i++) {
        memcpy(at, parts[i], lens[i]);
        at += lens[i];
        *at++ = '\x1f';
    }
    at[-1] = '\0';
    return identity;
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

/* One allocation: before bytes, the addresses, the media addresses, then
 * the strings. */
gpointer
pexip_sip_addresses_keep(wmem_allocator_t *alloc, gconstpointer said, gsize before)
{
    const pexip_sip_addresses_t *addresses = (const pexip_sip_addresses_t *)said;
    gsize media_len = addresses->media && addresses->media_count
        ? addresses->media_count * sizeof(pexip_media_address_t) : 0;
    gsize via_len = addresses->via ? strlen(addresses->via) + 1 : 0;
    gsize contact_len = addresses->contact ? strlen(addresses->contact) + 1 : 0;
    guint8 *block = (guint8 *)wmem_alloc(alloc, before + sizeof(pexip_sip_addresses_t) +
                                                media_len + via_len + contact_len);
    pexip_sip_addresses_t *kept = (pexip_sip_addresses_t *)(block + before);
    guint8 *next = (guint8 *)(kept + 1);
    *kept = *addresses;
    kept->media = NULL;
    if (media_len) {
        memcpy(next, addresses->media, media_len);
        kept->media = (const pexip_media_address_t *)next;
        next += media_len;
    }
    kept->via = via_len ? (const char *)memcpy(next, addresses->via, via_len) : NULL;
    next += via_len;
    kept->contact = contact_len ? (const char *)memcpy(next, addresses->contact, contact_len)
                                : NULL;
    return block;
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

/* One allocation: before bytes, the addresses, then the named ones. */
gpointer
pexip_h323_addresses_keep(wmem_allocator_t *alloc, gconstpointer said, gsize before)
{
    const pexip_h323_addresses_t *addresses = (const pexip_h323_addresses_t *)said;
    gsize named_len = addresses->named && addresses->count
        ? addresses->count * sizeof(pexip_named_address_t) : 0;
    guint8 *block = (guint8 *)wmem_alloc(alloc, before + sizeof(pexip_h323_addresses_t) +
                                                named_len);
    pexip_h323_addresses_t *kept = (pexip_h323_addresses_t *)(block + before);
    *kept = *addresses;
    /* the places' names are static strings */
    kept->named = named_len ? (const pexip_named_address_t *)memcpy(kept + 1, addresses->named,
                                                                    named_len)
                            : NULL;
    return block;
}

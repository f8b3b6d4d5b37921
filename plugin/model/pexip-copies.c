/* pexip-copies.c
 * Signalling messages by identity (see pexip-copies.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-copies.h"

#include <string.h>
#include "pexip-limits.h"
#include "pexip-table.h"

/* One record per distinct message (every SIP message and H.323 message
 * that names its call: five or more per call), so it is kept small: the
 * identity is kept as a 64-bit hash of its text (the text is 80 to 200
 * bytes; two different messages of one capture share a hash with a
 * chance of about n^2 / 2^65, under 10^-9 for 100,000 messages), and what
 * the first copy said is one allocation, shared by the messages that say
 * the same (of a call's five messages, an INVITE and its re-INVITE, and
 * their two answers, say the same as each other). */
typedef struct {
    guint64 key;                        /* hash of the identity; the table's key */
    pexip_message_copies_t copies;      /* handed out */
    gconstpointer said;                 /* what the first copy said (kept) */
} copy_entry_t;

#define KINDS 2

static wmem_allocator_t *scope;
static pexip_table_t *by_identity;      /* copy_entry_t by key */
/* Each kind's kept saids, by content (created at its first use). */
static pexip_table_t *said_by_kind[KINDS];

static guint
key_hash(guint64 key)
{
    return (guint)(key ^ (key >> 32));
}

static guint
entry_hash(gconstpointer record)
{
    return key_hash(((const copy_entry_t *)record)->key);
}

static gboolean
entry_match(gconstpointer record, gconstpointer key)
{
    return ((const copy_entry_t *)record)->key == *(const guint64 *)key;
}

void
pexip_copies_init(wmem_allocator_t *allocator)
{
    scope = allocator;
    by_identity = pexip_table_new(scope, entry_hash, entry_match);
    memset(said_by_kind, 0, sizeof said_by_kind);
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
    memset(said_by_kind, 0, sizeof said_by_kind);
    scope = NULL;
}

/* The kept copy of said: one that says the same already, or a new one. */
static gconstpointer
kept_said(gconstpointer said, const pexip_copies_kind_t *kind)
{
    g_assert(kind->index < KINDS);
    pexip_table_t **table = &said_by_kind[kind->index];
    if (!*table)
        *table = pexip_table_new(scope, kind->hash, kind->same);
    guint hash = kind->hash(said);
    gpointer kept = pexip_table_find(*table, hash, said);
    if (!kept) {
        kept = kind->keep(scope, said);
        pexip_table_put(*table, hash, kept, kept);
    }
    return kept;
}

static copy_entry_t *
new_entry(guint64 key, gconstpointer said, const pexip_copies_kind_t *kind, guint32 frame)
{
    copy_entry_t *entry = wmem_new0(scope, copy_entry_t);
    entry->key = key;
    entry->copies.first_frame = frame;
    entry->said = kept_said(said, kind);
    return entry;
}

pexip_message_copies_t *
pexip_copies_see(const char *identity, gconstpointer said, const pexip_copies_kind_t *kind,
                 guint32 frame, gconstpointer *first)
{
    *first = NULL;
    if (!by_identity || !identity)
        return NULL;
    guint64 key = identity_hash(identity);
    copy_entry_t *entry = (copy_entry_t *)pexip_table_find(by_identity, key_hash(key), &key);
    if (entry) {
        if (entry->copies.first_frame != frame)
            *first = entry->said;
        return &entry->copies;
    }
    if (pexip_table_size(by_identity) >= PEXIP_LIMIT_MESSAGES_MAX) {
        pexip_limit_reached(PEXIP_LIMIT_MESSAGES, 0, frame);
        return NULL;
    }
    entry = new_entry(key, said, kind, frame);
    pexip_table_put(by_identity, key_hash(key), &entry->key, entry);
    return &entry->copies;
}

pexip_message_copies_t *
pexip_copies_restart(const char *identity, gconstpointer said, const pexip_copies_kind_t *kind,
                     guint32 frame)
{
    if (!by_identity || !identity)
        return NULL;
    guint64 key = identity_hash(identity);
    copy_entry_t *entry = new_entry(key, said, kind, frame);
    /* It replaces the old entry in the table; the old one is left as it
     * was for the frames that point at it. */
    pexip_table_put(by_identity, key_hash(key), &entry->key, entry);
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

/* FNV-1a steps over bytes, for the saids' hashes. */
static guint32
mix(guint32 h, const void *bytes, gsize len)
{
    for (const guint8 *p = (const guint8 *)bytes; len--; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

static guint32
mix_str(guint32 h, const char *text)
{
    return text ? mix(h, text, strlen(text) + 1) : mix(h, "", 0) * 31u;
}

/* An address with its port, into a hash, and two compared. */
static guint32
mix_address(guint32 h, guint8 family, const guint8 addr[16], guint16 port)
{
    h = mix(h, &family, 1);
    h = mix(h, addr, 16);
    return mix(h, &port, sizeof port);
}

static gboolean
same_address(guint8 family, const guint8 addr[16], guint16 port, guint8 other_family,
             const guint8 other_addr[16], guint16 other_port)
{
    return family == other_family && port == other_port && memcmp(addr, other_addr, 16) == 0;
}

/* One allocation: the addresses, the media addresses, then the strings. */
static gpointer
sip_keep(wmem_allocator_t *alloc, gconstpointer said)
{
    const pexip_sip_addresses_t *addresses = (const pexip_sip_addresses_t *)said;
    gsize media_len = addresses->media && addresses->media_count
        ? addresses->media_count * sizeof(pexip_media_address_t) : 0;
    gsize via_len = addresses->via ? strlen(addresses->via) + 1 : 0;
    gsize contact_len = addresses->contact ? strlen(addresses->contact) + 1 : 0;
    pexip_sip_addresses_t *kept = (pexip_sip_addresses_t *)wmem_alloc(
        alloc, sizeof(pexip_sip_addresses_t) + media_len + via_len + contact_len);
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
    return kept;
}

/* The number of m-lines a SIP said gives (none without its array). */
static guint
sip_media_count(const pexip_sip_addresses_t *a)
{
    return a->media ? a->media_count : 0;
}

static guint
sip_hash(gconstpointer said)
{
    const pexip_sip_addresses_t *a = (const pexip_sip_addresses_t *)said;
    guint32 h = 2166136261u;
    h = mix_str(h, a->via);
    h = mix_str(h, a->contact);
    guint32 numbers[] = { a->via_count, a->media_count, sip_media_count(a), a->via_port,
                          a->contact_port, a->origin_family };
    h = mix(h, numbers, sizeof numbers);
    h = mix(h, a->origin_addr, sizeof a->origin_addr);
    for (guint i = 0; i < sip_media_count(a); i++)
        h = mix_address(h, a->media[i].family, a->media[i].addr, a->media[i].port);
    return h;
}

static gboolean
sip_same(gconstpointer x, gconstpointer y)
{
    const pexip_sip_addresses_t *a = (const pexip_sip_addresses_t *)x;
    const pexip_sip_addresses_t *b = (const pexip_sip_addresses_t *)y;
    if (g_strcmp0(a->via, b->via) != 0 || g_strcmp0(a->contact, b->contact) != 0 ||
        a->via_count != b->via_count || a->media_count != b->media_count ||
        sip_media_count(a) != sip_media_count(b) ||
        a->via_port != b->via_port || a->contact_port != b->contact_port ||
        a->origin_family != b->origin_family ||
        memcmp(a->origin_addr, b->origin_addr, sizeof a->origin_addr) != 0)
        return FALSE;
    for (guint i = 0; i < sip_media_count(a); i++) {
        const pexip_media_address_t *p = &a->media[i], *q = &b->media[i];
        if (!same_address(p->family, p->addr, p->port, q->family, q->addr, q->port))
            return FALSE;
    }
    return TRUE;
}

const pexip_copies_kind_t pexip_sip_addresses_kind = { 0, sip_keep, sip_hash, sip_same };

char *
pexip_h323_identity(wmem_allocator_t *alloc, const char *call_id, const char *message,
                    guint32 number, gboolean from_service)
{
    if (!call_id || !*call_id || !message || !*message)
        return NULL;
    return wmem_strdup_printf(alloc, "%s\x1f%s\x1f%u\x1f%c", call_id, message, number,
                              from_service ? 's' : 'c');
}

/* The number of addresses an H.323 said gives (none without its array). */
static guint
h323_count(const pexip_h323_addresses_t *a)
{
    return a->named ? a->count : 0;
}

/* One allocation: the addresses, then the named ones. */
static gpointer
h323_keep(wmem_allocator_t *alloc, gconstpointer said)
{
    const pexip_h323_addresses_t *addresses = (const pexip_h323_addresses_t *)said;
    gsize named_len = h323_count(addresses) * sizeof(pexip_named_address_t);
    pexip_h323_addresses_t *kept =
        (pexip_h323_addresses_t *)wmem_alloc(alloc, sizeof(pexip_h323_addresses_t) + named_len);
    *kept = *addresses;
    /* the places' names are static strings */
    kept->named = named_len ? (const pexip_named_address_t *)memcpy(kept + 1, addresses->named,
                                                                    named_len)
                            : NULL;
    return kept;
}

static guint
h323_hash(gconstpointer said)
{
    const pexip_h323_addresses_t *a = (const pexip_h323_addresses_t *)said;
    guint32 h = 2166136261u;
    guint32 numbers[] = { a->family, a->count, h323_count(a) };
    h = mix(h, numbers, sizeof numbers);
    h = mix(h, a->src, sizeof a->src);
    h = mix(h, a->dst, sizeof a->dst);
    for (guint i = 0; i < h323_count(a); i++) {
        h = mix_str(h, a->named[i].where);
        h = mix_address(h, a->named[i].family, a->named[i].addr, a->named[i].port);
    }
    return h;
}

static gboolean
h323_same(gconstpointer x, gconstpointer y)
{
    const pexip_h323_addresses_t *a = (const pexip_h323_addresses_t *)x;
    const pexip_h323_addresses_t *b = (const pexip_h323_addresses_t *)y;
    if (a->family != b->family || a->count != b->count || h323_count(a) != h323_count(b) ||
        memcmp(a->src, b->src, sizeof a->src) != 0 || memcmp(a->dst, b->dst, sizeof a->dst) != 0)
        return FALSE;
    for (guint i = 0; i < h323_count(a); i++) {
        const pexip_named_address_t *p = &a->named[i], *q = &b->named[i];
        if (g_strcmp0(p->where, q->where) != 0 ||
            !same_address(p->family, p->addr, p->port, q->family, q->addr, q->port))
            return FALSE;
    }
    return TRUE;
}

const pexip_copies_kind_t pexip_h323_addresses_kind = { 1, h323_keep, h323_hash, h323_same };

/* fuzz-h323.c
 * findings/pexip-detect-h323.c: two copies of an H.225.0 or H.245 message
 * (the transport addresses each embeds, and the IP ends of the packet
 * that carried it) compared, as pexip.alg.rewritten does.
 *
 * The plugin reads those addresses from Wireshark's dissected fields
 * (signalling/pexip-h323.c, pexip-h245.c), not from bytes: those readers
 * are exercised on damaged captures by tools/fuzz. Here the input is the
 * two copies: a family byte, then per copy the source and destination
 * (16 bytes each), a count byte (at most 8 places) and per place a
 * where-selector byte, a family byte, a port (2 bytes) and 16 address
 * bytes; what the input lacks reads as zeros.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz.h"
#include "pexip-detect-h323.h"

#define MAX_PLACES 8

typedef struct {
    const uint8_t *data;
    size_t size, at;
} reader_t;

static uint8_t
byte(reader_t *r)
{
    return r->at < r->size ? r->data[r->at++] : 0;
}

static void
bytes(reader_t *r, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = byte(r);
}

/* Where the plugin names places (static strings), and a NULL. */
static const char *const wheres[] = { "h245Address", "sourceCallSignalAddress",
                                      "destCallSignalAddress", "mediaChannel",
                                      "mediaControlChannel", NULL };

static void
read_copy(reader_t *r, guint8 family, pexip_h323_addresses_t *copy,
          pexip_named_address_t *named)
{
    memset(copy, 0, sizeof *copy);
    copy->family = family;
    bytes(r, copy->src, 16);
    bytes(r, copy->dst, 16);
    copy->count = byte(r) % (MAX_PLACES + 1);
    for (guint i = 0; i < copy->count; i++) {
        named[i].where = wheres[byte(r) % G_N_ELEMENTS(wheres)];
        named[i].family = byte(r) & 1 ? 6 : 4;
        named[i].port = (guint16)(byte(r) << 8 | byte(r));
        bytes(r, named[i].addr, 16);
    }
    copy->named = named;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reader_t r = { data, size, 0 };
    uint8_t f = byte(&r);
    pexip_named_address_t named_a[MAX_PLACES], named_b[MAX_PLACES];
    pexip_h323_addresses_t a, b;
    read_copy(&r, f & 1 ? 6 : 4, &a, named_a);
    /* The later copy: another family now and then. */
    read_copy(&r, f & 2 ? (f & 1 ? 4 : 6) : (f & 1 ? 6 : 4), &b, named_b);

    gboolean changed[MAX_PLACES];
    pexip_copy_verdict_t v = pexip_detect_h323_rewritten(&a, &b, changed);
    FUZZ_CHECK(v == PEXIP_COPY_UNCHANGED || v == PEXIP_COPY_REWRITTEN || v == PEXIP_COPY_OTHER ||
               v == PEXIP_COPY_NEW_MESSAGE);
    guint n_changed = 0;
    for (guint i = 0; i < b.count; i++)
        n_changed += changed[i] ? 1 : 0;
    /* Places are marked for a rewrite only, and a rewrite marks some. */
    FUZZ_CHECK(v == PEXIP_COPY_REWRITTEN ? n_changed > 0 : n_changed == 0);
    if (a.family != b.family)
        FUZZ_CHECK(v == PEXIP_COPY_OTHER);

    /* A copy compared with itself is unchanged (a place without a name
     * is never the same place: then it reads as a new message). */
    gboolean named = TRUE;
    for (guint i = 0; i < b.count; i++)
        named = named && b.named[i].where != NULL;
    FUZZ_CHECK(pexip_detect_h323_rewritten(&b, &b, changed) ==
               (named ? PEXIP_COPY_UNCHANGED : PEXIP_COPY_NEW_MESSAGE));
    return 0;
}

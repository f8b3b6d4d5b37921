/* pexip-cert.c
 * The names an X.509 certificate is for, from its DER (see pexip-cert.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-cert.h"

#include <string.h>

typedef struct {
    const guint8 *p;
    gsize len;
} der_t;

/* The next TLV of in: its tag and contents; in moves past it. Definite
 * lengths of up to 4 bytes and low tag numbers only (all X.509 needs). */
static gboolean
der_next(der_t *in, guint8 *tag, der_t *contents)
{
    if (in->len < 2 || (in->p[0] & 0x1f) == 0x1f)
        return FALSE;
    gsize pos = 2;
    gsize n = in->p[1];
    if (n & 0x80) {
        gsize bytes = n & 0x7f;
        if (bytes == 0 || bytes > 4 || in->len - pos < bytes)
            return FALSE;
        n = 0;
        for (gsize i = 0; i < bytes; i++)
            n = (n << 8) | in->p[pos++];
    }
    if (n > in->len - pos)
        return FALSE;
    *tag = in->p[0];
    contents->p = in->p + pos;
    contents->len = n;
    in->p += pos + n;
    in->len -= pos + n;
    return TRUE;
}

static gboolean
der_is_oid(const der_t *oid, const guint8 *bytes, gsize len)
{
    return oid->len == len && memcmp(oid->p, bytes, len) == 0;
}

typedef struct {
    const pexip_dns_suffixes_t *suffixes;
    pexip_cert_names_t *names;
} cert_reader_t;

static void
cert_add_name(cert_reader_t *r, const der_t *value)
{
    pexip_cert_names_t *names = r->names;
    if (value->len == 0 || value->len >= PEXIP_CERT_NAME_SIZE)
        return;
    char name[PEXIP_CERT_NAME_SIZE];
    for (gsize i = 0; i < value->len; i++) {
        guint8 c = value->p[i];
        name[i] = (c < 0x20 || c >= 0x7f) ? '?' : (char)c;
    }
    name[value->len] = '\0';
    for (guint i = 0; i < names->kept; i++) {
        if (g_ascii_strcasecmp(names->names[i], name) == 0)
            return;                     /* the CN repeating a dNSName */
    }
    names->count++;
    if (!names->service && pexip_cert_name_is_service(r->suffixes, name))
        names->service = TRUE;
    if (names->kept < PEXIP_CERT_MAX_NAMES)
        memcpy(names->names[names->kept++], name, value->len + 1);
}

/* Extensions ::= SEQUENCE OF Extension { extnID, critical DEFAULT FALSE,
 * extnValue OCTET STRING }: the dNSNames ([2]) of subjectAltName. */
static gboolean
cert_read_extensions(der_t explicit, cert_reader_t *r)
{
    static const guint8 san[] = { 0x55, 0x1d, 0x11 };      /* 2.5.29.17 */
    der_t list, ext, oid, value, general_names, name;
    guint8 tag;
    if (!der_next(&explicit, &tag, &list) || tag != 0x30)
        return FALSE;
    while (list.len) {
        if (!der_next(&list, &tag, &ext) || tag != 0x30 ||
            !der_next(&ext, &tag, &oid) || tag != 0x06 || !der_next(&ext, &tag, &value))
            return FALSE;
        if (tag == 0x01 && !der_next(&ext, &tag, &value))
            return FALSE;
        if (tag != 0x04)
            return FALSE;
        if (!der_is_oid(&oid, san, sizeof san))
            continue;
        if (!der_next(&value, &tag, &general_names) || tag != 0x30)
            return FALSE;
        while (general_names.len) {
            if (!der_next(&general_names, &tag, &name))
                return FALSE;
            if (tag == 0x82)
                cert_add_name(r, &name);
        }
    }
    return TRUE;
}

/* Name ::= SEQUENCE OF SET OF { type OID, value }: the commonNames. */
static gboolean
cert_read_subject(der_t subject, cert_reader_t *r)
{
    static const guint8 cn[] = { 0x55, 0x04, 0x03 };       /* 2.5.4.3 */
    der_t set, attribute, oid, value;
    guint8 tag;
    while (subject.len) {
        if (!der_next(&subject, &tag, &set) || tag != 0x31)
            return FALSE;
        while (set.len) {
            if (!der_next(&set, &tag, &attribute) || tag != 0x30 ||
                !der_next(&attribute, &tag, &oid) || tag != 0x06 ||
                !der_next(&attribute, &tag, &value))
                return FALSE;
            /* UTF8String, PrintableString, T61String, IA5String */
            if (der_is_oid(&oid, cn, sizeof cn) &&
                (tag == 0x0c || tag == 0x13 || tag == 0x14 || tag == 0x16))
                cert_add_name(r, &value);
        }
    }
    return TRUE;
}

gboolean
pexip_cert_name_is_service(const pexip_dns_suffixes_t *suffixes, const char *name)
{
    if (!name)
        return FALSE;
    if (g_str_has_prefix(name, "*."))
        name += 2;
    return pexip_dns_name_matches(suffixes, name);
}

gboolean
pexip_cert_names(const guint8 *der, gsize len, const pexip_dns_suffixes_t *suffixes,
                 pexip_cert_names_t *names)
{
    names->count = names->kept = 0;
    names->service = FALSE;
    if (!der)
        return FALSE;
    cert_reader_t reader = { suffixes, names };
    der_t in = { der, len }, cert, tbs, item, subject;
    guint8 tag;
    /* Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version
     * OPTIONAL, serialNumber, signature, issuer, validity, subject,
     * subjectPublicKeyInfo, [1], [2], [3] extensions }, ... } */
    if (!der_next(&in, &tag, &cert) || tag != 0x30 || !der_next(&cert, &tag, &tbs) || tag != 0x30)
        return FALSE;
    if (!der_next(&tbs, &tag, &item))
        return FALSE;
    if (tag == 0xa0 && !der_next(&tbs, &tag, &item))
        return FALSE;
    if (tag != 0x02)
        return FALSE;
    for (int i = 0; i < 3; i++) {       /* signature, issuer, validity */
        if (!der_next(&tbs, &tag, &item) || tag != 0x30)
            return FALSE;
    }
    if (!der_next(&tbs, &tag, &subject) || tag != 0x30 ||
        !der_next(&tbs, &tag, &item) || tag != 0x30)
        return FALSE;
    while (tbs.len) {
        if (!der_next(&tbs, &tag, &item))
            return FALSE;
        if (tag == 0xa3 && !cert_read_extensions(item, &reader))
            return FALSE;
    }
    return cert_read_subject(subject, &reader);
}

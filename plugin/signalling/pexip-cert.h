/* pexip-cert.h
 * The names an X.509 certificate is for, read from its DER (pure): what
 * TLS through a web proxy shows of the server (pexip.proxy.cert_name,
 * pexip.proxy.tls_intercepted).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_CERT_H
#define PEXIP_CERT_H

#include <glib.h>
#include "pexip-dns.h"

/* Whether a name a certificate is for is a service name (under
 * suffixes); a wildcard "*.pexip.me" counts as the domain it covers. */
gboolean pexip_cert_name_is_service(const pexip_dns_suffixes_t *suffixes, const char *name);

/* The names an X.509 certificate is for, read from its DER: the
 * subjectAltName dNSNames, then the subject's commonNames (not the
 * issuer's), each once. Characters outside printable ASCII become '?'; a
 * name longer than a DNS name can be is left out. */
#define PEXIP_CERT_MAX_NAMES 8
#define PEXIP_CERT_NAME_SIZE 256
typedef struct {
    guint count;                /* names read (a repeat of a kept one is not counted) */
    guint kept;                 /* the first of them, at most PEXIP_CERT_MAX_NAMES */
    gboolean service;           /* one of the names read is a service name */
    char names[PEXIP_CERT_MAX_NAMES][PEXIP_CERT_NAME_SIZE];
} pexip_cert_names_t;

/* FALSE when der is not a certificate this reader understands (then no
 * judgement can be made). suffixes may be NULL (no service names). */
gboolean pexip_cert_names(const guint8 *der, gsize len, const pexip_dns_suffixes_t *suffixes,
                          pexip_cert_names_t *names);

#endif /* PEXIP_CERT_H */

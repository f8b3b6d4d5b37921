/* pexip-http.h
 * HTTP header values a web proxy exchanges with the browser (pure): the
 * schemes of Proxy-Authenticate challenges and Proxy-Authorization
 * credentials, and a CONNECT's request-target.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_HTTP_H
#define PEXIP_HTTP_H

#include <glib.h>
#include "pexip-text.h"

/* The auth-schemes of the challenges in a Proxy-Authenticate value: a
 * comma-separated list where each challenge is a scheme followed by a
 * token68 or by auth-params (name=value, values may be quoted strings
 * holding commas), e.g. `Digest realm="a, b", nonce="1", Basic realm="c"`
 * gives Digest and Basic. Fills at most max of schemes; returns how many
 * there are (possibly more than max). NULL or empty: 0. */
guint pexip_http_challenge_schemes(const char *value, pexip_token_t *schemes, guint max);

/* The scheme of a Proxy-Authorization value (`NTLM TlRM...` gives NTLM).
 * FALSE when the value does not start with a token. */
gboolean pexip_http_credentials_scheme(const char *value, pexip_token_t *scheme);

/* A CONNECT request-target (authority form): "host:port", "[v6]:port";
 * a bare host or IPv6 address is taken without a port (port 0). The host,
 * without brackets, goes to host (size bytes, NUL-terminated). FALSE when
 * the host is empty or too long, or the port is not 1-65535. */
gboolean pexip_connect_target_split(const char *target, char *host, gsize size,
                                    guint16 *port);

#endif /* PEXIP_HTTP_H */

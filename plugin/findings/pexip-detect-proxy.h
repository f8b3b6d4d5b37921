/* pexip-detect-proxy.h
 * What a web proxy's answers mean for the web app (pure): the proxy
 * authentication schemes it cannot use (pexip.proxy.auth_unsupported)
 * and CONNECT statuses that keep the tunnel shut (pexip.proxy.connect_failed).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_DETECT_PROXY_H
#define PEXIP_DETECT_PROXY_H

#include <glib.h>
#include "pexip-text.h"

/* pexip.proxy.auth_unsupported: a proxy authentication scheme the web app
 * cannot use to reach the service (Digest, NTLM, Negotiate, Kerberos); only
 * Basic works. Other schemes are not judged (FALSE). */
gboolean pexip_proxy_scheme_unsupported(const pexip_token_t *scheme);

/* pexip.proxy.connect_failed: whether a final status to a CONNECT means the
 * tunnel was not opened. 1xx is interim and 2xx opens it; 407 is a
 * challenge the browser answers (judged by the auth rules): FALSE. */
gboolean pexip_proxy_connect_failed(guint status);

/* What to tell the customer about a failed CONNECT with this status. */
const char *pexip_proxy_connect_advice(guint status);

#endif /* PEXIP_DETECT_PROXY_H */

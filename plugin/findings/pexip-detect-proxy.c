/* pexip-detect-proxy.c
 * What a web proxy's answers mean for the web app (see pexip-detect-proxy.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-detect-proxy.h"

gboolean
pexip_proxy_scheme_unsupported(const pexip_token_t *scheme)
{
    return pexip_token_is(scheme, "Digest") || pexip_token_is(scheme, "NTLM") ||
           pexip_token_is(scheme, "Negotiate") || pexip_token_is(scheme, "Kerberos");
}

gboolean
pexip_proxy_connect_failed(guint status)
{
    return status >= 300 && status != 407;
}

const char *
pexip_proxy_connect_advice(guint status)
{
    if (status >= 500)
        return "the proxy could not reach the service. Let the proxy connect to the service's "
               "addresses on TCP 443";
    if (status >= 400)
        return "the proxy refused the tunnel. Allow CONNECT to the service domains and "
               "addresses on port 443";
    return "the proxy did not open the tunnel. Allow CONNECT to the service domains and "
           "addresses on port 443";
}

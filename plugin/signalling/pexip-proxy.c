/* pexip-proxy.c
 * HTTP CONNECT tunnels to the service and TLS through them (see
 * pexip-proxy.h).
 *
 * One state per TCP connection (conversation) that concerns the service:
 * created by a CONNECT to a service host, or a ClientHello naming one.
 * Responses pair with the last request of their connection (a client
 * waits for the answer to a CONNECT before it sends anything else). Each
 * finding is shown once per connection, on the frame it is seen in.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-proxy.h"

#include <string.h>
#include <epan/conversation.h>

#include "pexip-compat.h"
#include "pexip-fields.h"
#include "pexip-endpoint.h"
#include "pexip-http.h"
#include "pexip-cert.h"
#include "pexip-connection.h"
#include "pexip-detect-proxy.h"
#include "pexip-findings-store.h"

static int hf_http_request_method = -1;
static int hf_http_request_uri = -1;
static int hf_http_response_code = -1;
static int hf_http_proxy_authenticate = -1;
static int hf_http_proxy_authorization = -1;
static int hf_tls_server_name = -1;
static int hf_tls_certificate = -1;

/* Schemes kept per frame, and how much of a name goes into a message
 * (expert texts are cut at 240 characters). */
#define MAX_SCHEMES 8
#define MAX_SCHEME_LEN 32
#define TEXT_SCHEMES 4
#define TEXT_NAME_LEN 48

typedef struct pexip_proxy_conn {
    address client;             /* the side that sent the CONNECT or ClientHello */
    guint32 client_port;
    const char *pending;        /* the CONNECT to the service awaiting its final
                                 * response, or NULL (no request, or the last
                                 * request was something else) */
    const char *tls_host;       /* TLS on this connection is with this service
                                 * host (SNI, or the tunnel's target), or NULL */
    gboolean cert_checked;      /* the server certificate was read */
} proxy_conn_t;

/* Connections that have a proxy_conn_t (kept as their conversation data). */
static guint connection_count;
static pexip_service_address_fn service_address;
/* The addresses CONNECTs to a service host went to (pexip_endpoint_t*,
 * port 0): the proxies. */
static wmem_map_t *proxies;

void
pexip_proxy_handoff(GArray *wanted_hfids)
{
    hf_http_request_method = pexip_want_field(wanted_hfids, "http.request.method");
    hf_http_request_uri = pexip_want_field(wanted_hfids, "http.request.uri");
    hf_http_response_code = pexip_want_field(wanted_hfids, "http.response.code");
    hf_http_proxy_authenticate = pexip_want_field(wanted_hfids, "http.proxy_authenticate");
    hf_http_proxy_authorization = pexip_want_field(wanted_hfids, "http.proxy_authorization");
    hf_tls_server_name = pexip_want_field(wanted_hfids, "tls.handshake.extensions_server_name");
    hf_tls_certificate = pexip_want_field(wanted_hfids, "tls.handshake.certificate");
}

void
pexip_proxy_init(pexip_service_address_fn is_service)
{
    connection_count = 0;
    service_address = is_service;
    /* Emptied with the capture file. */
    if (!proxies)
        proxies = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
                                         pexip_endpoint_hash, pexip_endpoint_equal);
}

gboolean
pexip_proxy_is_proxy(guint8 family, const guint8 *addr, guint32 frame _U_)
{
    if (!proxies || wmem_map_size(proxies) == 0)
        return FALSE;
    pexip_endpoint_t key;
    pexip_endpoint_set(&key, family, addr, 0, FALSE);
    return wmem_map_contains(proxies, &key);
}

/* ---- reading fields ----------------------------------------------------- */

static GPtrArray *
items(proto_tree *tree, int hf)
{
    if (hf <= 0)
        return NULL;
    GPtrArray *found = proto_get_finfo_ptr_array(tree, hf);
    return found && found->len ? found : NULL;
}

static const char *
item_string(const field_info *fi)
{
    const char *s = fvalue_get_string(PEXIP_FINFO_FVALUE((field_info *)fi));
    return s && *s ? s : NULL;
}

/* Whether fi belongs to the message that heads[i] starts: the same data
 * source, at or after heads[i], before the next message in it. */
static gboolean
in_message(const field_info *fi, GPtrArray *heads, guint i)
{
    const field_info *head = (const field_info *)g_ptr_array_index(heads, i);
    if (fi->ds_tvb != head->ds_tvb || fi->start < head->start)
        return FALSE;
    for (guint j = i + 1; j < heads->len; j++) {
        const field_info *next = (const field_info *)g_ptr_array_index(heads, j);
        if (next->ds_tvb == head->ds_tvb && next->start > head->start)
            return fi->start < next->start;
    }
    return TRUE;
}

/* The first item of list in message i of heads, or NULL. */
static const field_info *
first_in_message(GPtrArray *list, GPtrArray *heads, guint i)
{
    for (guint k = 0; list && k < list->len; k++) {
        const field_info *fi = (const field_info *)g_ptr_array_index(list, k);
        if (in_message(fi, heads, i))
            return fi;
    }
    return NULL;
}

/* ---- per connection and per frame -------------------------------------- */

/* The tunnel state of a connection, or NULL. */
static proxy_conn_t *
connection_state(conversation_t *conv)
{
    pexip_connection_t *c = pexip_connection_of(conv, FALSE);
    return c ? c->proxy : NULL;
}

static proxy_conn_t *
connection_new(conversation_t *conv, packet_info *pinfo)
{
    proxy_conn_t *conn = wmem_new0(wmem_file_scope(), proxy_conn_t);
    copy_address_wmem(wmem_file_scope(), &conn->client, &pinfo->src);
    conn->client_port = pinfo->srcport;
    pexip_connection_of(conv, TRUE)->proxy = conn;
    connection_count++;
    return conn;
}

static gboolean
from_client(const proxy_conn_t *conn, const packet_info *pinfo)
{
    return pinfo->srcport == conn->client_port && addresses_equal(&pinfo->src, &conn->client);
}

static pexip_proxy_frame_t *
frame_info(pexip_proxy_frame_t **frame)
{
    if (!*frame)
        *frame = wmem_new0(wmem_file_scope(), pexip_proxy_frame_t);
    return *frame;
}

static void
add_string(wmem_array_t **array, const char *text)
{
    if (!*array)
        *array = wmem_array_new(wmem_file_scope(), sizeof(const char *));
    const char *copy = wmem_strdup(wmem_file_scope(), text);
    wmem_array_append_one(*array, copy);
}

/* A finding once per connection and kind; the frame shows the proxy's
 * part of the tree. */
static void
add_finding(packet_info *pinfo, pexip_proxy_frame_t **frame, proxy_conn_t *conn,
            pexip_finding_kind_t kind, const char *text)
{
    if (pexip_findings_add(pinfo->num, kind, conn, NULL, wmem_strdup(wmem_file_scope(), text)))
        frame_info(frame);
}

/* Whether a CONNECT target names a service host: an address in the
 * service table (or learned from DNS), or a name under a service domain. */
static gboolean
target_is_service(const char *target, const pexip_dns_suffixes_t *suffixes, guint32 frame)
{
    char host[256];
    guint16 port;
    guint8 family, addr[16];
    if (!pexip_connect_target_split(target, host, sizeof host, &port))
        return FALSE;
    if (pexip_address_parse(host, &family, addr))
        return service_address && service_address(family, addr, frame);
    return pexip_dns_name_matches(suffixes, host);
}

static char *
token_str(wmem_allocator_t *pool, const pexip_token_t *token)
{
    return wmem_strndup(pool, token->start,
                        MIN(token->len, (gsize)MAX_SCHEME_LEN));
}

/* A CONNECT (request i of the frame): to the service, it becomes the
 * connection's pending request; its credentials are judged. Any other
 * request on a known connection clears the pending one. */
static void
read_request(packet_info *pinfo, proto_tree *tree, GPtrArray *methods, guint i,
             const pexip_dns_suffixes_t *suffixes, conversation_t *conv, pexip_proxy_frame_t **frame)
{
    proxy_conn_t *conn = connection_state(conv);
    const char *method = item_string((const field_info *)g_ptr_array_index(methods, i));
    const field_info *uri_fi = first_in_message(items(tree, hf_http_request_uri), methods, i);
    const char *target = uri_fi ? item_string(uri_fi) : NULL;
    gboolean service = method && strcmp(method, "CONNECT") == 0 && target &&
                       target_is_service(target, suffixes, pinfo->num);
    if (!service) {
        if (conn)
            conn->pending = NULL;
        return;
    }
    if (!conn)
        conn = connection_new(conv, pinfo);
    conn->pending = wmem_strdup(wmem_file_scope(), target);
    guint8 family = pexip_address_family(&pinfo->net_dst);
    if (family && proxies) {
        pexip_endpoint_t *proxy = wmem_new(wmem_file_scope(), pexip_endpoint_t);
        pexip_endpoint_set(proxy, family, (const guint8 *)pinfo->net_dst.data, 0, FALSE);
        wmem_map_insert(proxies, proxy, proxy);
    }
    pexip_proxy_frame_t *f = frame_info(frame);
    f->target = conn->pending;

    GPtrArray *credentials = items(tree, hf_http_proxy_authorization);
    for (guint k = 0; credentials && k < credentials->len; k++) {
        const field_info *fi = (const field_info *)g_ptr_array_index(credentials, k);
        pexip_token_t scheme;
        if (!in_message(fi, methods, i) || !pexip_http_credentials_scheme(item_string(fi), &scheme))
            continue;
        const char *name = token_str(pinfo->pool, &scheme);
        add_string(&f->schemes, name);
        if (pexip_proxy_scheme_unsupported(&scheme)) {
            char *text = wmem_strdup_printf(
                pinfo->pool,
                "CONNECT to %.*s sent %s proxy credentials: the web app supports only Basic "
                "proxy auth. Allow Basic for the service domains or exempt them from proxy auth",
                TEXT_NAME_LEN, target, name);
            add_finding(pinfo, frame, conn, PEXIP_FINDING_PROXY_AUTH_UNSUPPORTED, text);
        }
    }
}

/* A final response (i of the frame) to the connection's pending CONNECT. */
static void
read_response(packet_info *pinfo, proto_tree *tree, GPtrArray *codes, guint i, conversation_t *conv,
              pexip_proxy_frame_t **frame)
{
    proxy_conn_t *conn = connection_state(conv);
    if (!conn || !conn->pending || from_client(conn, pinfo))
        return;
    guint status = fvalue_get_uinteger(
        PEXIP_FINFO_FVALUE((field_info *)g_ptr_array_index(codes, i)));
    if (status < 200)
        return;                         /* interim: the final answer follows */
    const char *target = conn->pending;
    conn->pending = NULL;
    pexip_proxy_frame_t *f = frame_info(frame);
    f->target = target;

    if (status == 407) {
        /* Every scheme of every Proxy-Authenticate header of this response. */
        GString *offered = g_string_new(NULL);
        gboolean basic = FALSE;
        GPtrArray *challenges = items(tree, hf_http_proxy_authenticate);
        for (guint k = 0; challenges && k < challenges->len; k++) {
            const field_info *fi = (const field_info *)g_ptr_array_index(challenges, k);
            if (!in_message(fi, codes, i))
                continue;
            pexip_token_t schemes[MAX_SCHEMES];
            guint n = pexip_http_challenge_schemes(item_string(fi), schemes, MAX_SCHEMES);
            for (guint s = 0; s < MIN(n, MAX_SCHEMES); s++) {
                basic = basic || pexip_token_is(&schemes[s], "Basic");
                const char *name = token_str(pinfo->pool, &schemes[s]);
                guint kept = f->schemes ? wmem_array_get_count(f->schemes) : 0;
                if (kept < MAX_SCHEMES)
                    add_string(&f->schemes, name);
                if (kept < TEXT_SCHEMES)
                    g_string_append_printf(offered, "%s%s", kept ? ", " : "", name);
                else if (kept == TEXT_SCHEMES)
                    g_string_append(offered, ", ...");
            }
        }
        if (!basic) {
            char *text = wmem_strdup_printf(
                pinfo->pool,
                "CONNECT to %.*s answered 407 offering %s%s: the web app supports only Basic "
                "proxy auth. Allow Basic for the service domains or exempt them from proxy auth",
                TEXT_NAME_LEN, target, offered->len ? "only " : "no scheme",
                offered->len ? offered->str : "");
            add_finding(pinfo, frame, conn, PEXIP_FINDING_PROXY_AUTH_UNSUPPORTED, text);
        }
        g_string_free(offered, TRUE);
    } else if (pexip_proxy_connect_failed(status)) {
        char *text = wmem_strdup_printf(pinfo->pool, "CONNECT to %.*s answered %u: %s",
                                        TEXT_NAME_LEN, target, status,
                                        pexip_proxy_connect_advice(status));
        add_finding(pinfo, frame, conn, PEXIP_FINDING_PROXY_CONNECT_FAILED, text);
    } else if (status < 300) {
        /* The tunnel is open: TLS through it is with the target host. */
        char host[256];
        guint16 port;
        if (pexip_connect_target_split(target, host, sizeof host, &port))
            conn->tls_host = wmem_strdup(wmem_file_scope(), host);
    }
}

/* A ClientHello naming a service host makes the connection's TLS the
 * service's. */
static void
read_server_name(packet_info *pinfo, GPtrArray *names, const pexip_dns_suffixes_t *suffixes,
                 conversation_t *conv)
{
    const char *name = item_string((const field_info *)g_ptr_array_index(names, 0));
    if (!name || !pexip_dns_name_matches(suffixes, name))
        return;
    proxy_conn_t *conn = connection_state(conv);
    if (!conn)
        conn = connection_new(conv, pinfo);
    conn->tls_host = wmem_strdup(wmem_file_scope(), name);
}

/* The first server Certificate of TLS with a service host: the names of
 * its first certificate (the server's own) must include a service name. */
static void
read_certificate(packet_info *pinfo, GPtrArray *certificates,
                 const pexip_dns_suffixes_t *suffixes, conversation_t *conv, pexip_proxy_frame_t **frame)
{
    proxy_conn_t *conn = connection_state(conv);
    if (!conn || !conn->tls_host || conn->cert_checked || from_client(conn, pinfo))
        return;
    const field_info *fi = (const field_info *)g_ptr_array_index(certificates, 0);
    if (!fi->ds_tvb || fi->length <= 0 ||
        tvb_captured_length_remaining(fi->ds_tvb, fi->start) < fi->length)
        return;
    conn->cert_checked = TRUE;
    pexip_cert_names_t names;
    if (!pexip_cert_names(tvb_get_ptr(fi->ds_tvb, fi->start, fi->length), (gsize)fi->length,
                          suffixes, &names))
        return;
    pexip_proxy_frame_t *f = frame_info(frame);
    for (guint i = 0; i < names.kept; i++)
        add_string(&f->cert_names, names.names[i]);
    if (names.service)
        return;
    char *text = wmem_strdup_printf(
        pinfo->pool,
        "TLS with %.*s got a certificate for %.*s, not a service domain: a proxy intercepts "
        "TLS, which breaks the call's media (TURN). Exempt the service domains from TLS "
        "inspection", TEXT_NAME_LEN, conn->tls_host, TEXT_NAME_LEN,
        names.kept ? names.names[0] : "no name");
    add_finding(pinfo, frame, conn, PEXIP_FINDING_PROXY_TLS_INTERCEPTED, text);
}

pexip_proxy_frame_t *
pexip_proxy_read(packet_info *pinfo, proto_tree *tree, const pexip_dns_suffixes_t *suffixes)
{
    if (!tree || pinfo->ptype != PT_TCP)
        return NULL;
    GPtrArray *methods = items(tree, hf_http_request_method);
    GPtrArray *codes = items(tree, hf_http_response_code);
    GPtrArray *names = items(tree, hf_tls_server_name);
    GPtrArray *certificates = items(tree, hf_tls_certificate);
    if (!methods && !codes && !names && !certificates)
        return NULL;
    /* Responses and certificates matter only on connections already known. */
    if (!methods && !names && connection_count == 0)
        return NULL;
    conversation_t *conv = pexip_conversation_of(pinfo);
    if (!conv)
        return NULL;

    pexip_proxy_frame_t *frame = NULL;
    for (guint i = 0; methods && i < methods->len; i++)
        read_request(pinfo, tree, methods, i, suffixes, conv, &frame);
    for (guint i = 0; codes && i < codes->len; i++)
        read_response(pinfo, tree, codes, i, conv, &frame);
    if (names)
        read_server_name(pinfo, names, suffixes, conv);
    if (certificates)
        read_certificate(pinfo, certificates, suffixes, conv, &frame);
    return frame;
}

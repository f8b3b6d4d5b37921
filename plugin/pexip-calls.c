/* pexip-calls.c
 * The call model (see pexip-calls.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-calls.h"

#include <string.h>
#include <epan/wmem_scopes.h>

typedef struct {
    guint8 family;
    guint8 tcp;
    guint16 port;
    guint8 addr[16];
} endpoint_key_t;

static wmem_map_t *calls_by_id;     /* "S:" or "H:" + id -> pexip_call_t* */
/* endpoint_key_t* -> wmem_array_t* of pexip_media_setup_t*: each setup is
 * its own allocation, because frames keep pointers to them while the
 * arrays grow. */
static wmem_map_t *endpoints;
static guint32 call_count;

const char *
pexip_signaling_name(pexip_signaling_t signaling)
{
    return signaling == PEXIP_SIGNALING_H323 ? "H.323" : "SIP";
}

static guint
endpoint_hash(gconstpointer k)
{
    const endpoint_key_t *key = (const endpoint_key_t *)k;
    guint h = key->family * 131u + key->tcp * 7u + key->port;
    for (guint i = 0; i < 16; i++)
        h = h * 31u + key->addr[i];
    return h;
}

static gboolean
endpoint_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, sizeof(endpoint_key_t)) == 0;
}

static void
make_key(endpoint_key_t *key, guint8 family, const guint8 *addr, guint16 port, gboolean tcp)
{
    memset(key, 0, sizeof *key);
    key->family = family;
    key->tcp = tcp ? 1 : 0;
    key->port = port;
    memcpy(key->addr, addr, family == 4 ? 4 : 16);
}

void
pexip_calls_init(void)
{
    calls_by_id = wmem_map_new(wmem_file_scope(), g_str_hash, g_str_equal);
    endpoints = wmem_map_new(wmem_file_scope(), endpoint_hash, endpoint_equal);
    call_count = 0;
}

void
pexip_calls_cleanup(void)
{
    calls_by_id = NULL;
    endpoints = NULL;
    call_count = 0;
}

const pexip_call_t *
pexip_call_get(const char *call_id, pexip_signaling_t signaling, guint32 frame)
{
    if (!calls_by_id || !call_id)
        return NULL;
    /* Looked up on every SIP message: the key is only kept for a new call. */
    char *key = g_strdup_printf("%c:%s", signaling == PEXIP_SIGNALING_H323 ? 'H' : 'S', call_id);
    pexip_call_t *call = (pexip_call_t *)wmem_map_lookup(calls_by_id, key);
    if (call) {
        g_free(key);
        return call;
    }
    call = wmem_new0(wmem_file_scope(), pexip_call_t);
    call->number = ++call_count;
    call->call_id = wmem_strdup(wmem_file_scope(), call_id);
    call->signaling = signaling;
    call->first_frame = frame;
    wmem_map_insert(calls_by_id, wmem_strdup(wmem_file_scope(), key), call);
    g_free(key);
    return call;
}

static void
add_endpoint(guint8 family, const guint8 *addr, guint16 port, gboolean tcp,
             const pexip_media_setup_t *setup)
{
    endpoint_key_t key;
    make_key(&key, family, addr, port, tcp);
    wmem_array_t *list = (wmem_array_t *)wmem_map_lookup(endpoints, &key);
    if (!list) {
        endpoint_key_t *stored = wmem_new(wmem_file_scope(), endpoint_key_t);
        *stored = key;
        list = wmem_array_new(wmem_file_scope(), sizeof(pexip_media_setup_t *));
        wmem_map_insert(endpoints, stored, list);
    }
    pexip_media_setup_t *copy = wmem_new(wmem_file_scope(), pexip_media_setup_t);
    *copy = *setup;
    wmem_array_append_one(list, copy);
}

void
pexip_calls_add_sdp(const pexip_call_t *call, guint32 frame, const pexip_sdp_t *sdp)
{
    if (!endpoints || !call)
        return;
    for (guint i = 0; i < sdp->count; i++) {
        const pexip_sdp_mline_t *m = &sdp->mlines[i];
        if (m->port == 0 || m->family == 0)
            continue;
        pexip_media_setup_t setup = {
            .call = call, .setup_frame = frame, .mline = i, .stream = i + 1,
            .kind = m->kind, .direction = m->direction, .rtcp = FALSE,
        };
        add_endpoint(m->family, m->addr, m->port, m->tcp, &setup);
        /* RTCP on port + 1 unless multiplexed (RTP transports only). */
        if (!m->tcp && !m->rtcp_mux && strstr(m->transport, "RTP") && m->port < 65535) {
            setup.rtcp = TRUE;
            add_endpoint(m->family, m->addr, (guint16)(m->port + 1), FALSE, &setup);
        }
    }
}

const pexip_media_setup_t *
pexip_media_lookup(guint8 family, const guint8 *addr, guint16 port, gboolean tcp, guint32 frame)
{
    if (!endpoints || wmem_map_size(endpoints) == 0)
        return NULL;
    endpoint_key_t key;
    make_key(&key, family, addr, port, tcp);
    wmem_array_t *list = (wmem_array_t *)wmem_map_lookup(endpoints, &key);
    if (!list)
        return NULL;
    /* Appended in frame order on the first pass: the last one at or
     * before this frame is in force. */
    pexip_media_setup_t **setups = (pexip_media_setup_t **)wmem_array_get_raw(list);
    for (guint i = wmem_array_get_count(list); i > 0; i--) {
        if (setups[i - 1]->setup_frame <= frame)
            return setups[i - 1];
    }
    return NULL;
}

/* pexip-connection.c
 * Per-connection state as conversation data (see pexip-connection.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-connection.h"

static int proto = -1;

void
pexip_connection_register(int proto_pexip)
{
    proto = proto_pexip;
}

conversation_t *
pexip_conversation_of(packet_info *pinfo)
{
    return find_conversation_pinfo(pinfo, 0);
}

pexip_connection_t *
pexip_connection_of(conversation_t *conv, gboolean create)
{
    if (!conv || proto < 0)
        return NULL;
    pexip_connection_t *c = (pexip_connection_t *)conversation_get_proto_data(conv, proto);
    if (!c && create) {
        c = wmem_new0(wmem_file_scope(), pexip_connection_t);
        conversation_add_proto_data(conv, proto, c);
    }
    return c;
}

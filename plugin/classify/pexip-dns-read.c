/* pexip-dns-read.c
 * DNS answers for service names (see pexip-dns-read.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-dns-read.h"

#include <epan/proto_data.h>
#include "pexip-compat.h"
#include "pexip-fields.h"
#include "pexip-ranges.h"
#include "pexip-frame-data.h"

static int proto = -1;
static int hf_dns_qry_name = -1;
static int hf_dns_a = -1;
static int hf_dns_aaaa = -1;

void
pexip_dns_read_handoff(GArray *wanted, int proto_pexip)
{
    proto = proto_pexip;
    hf_dns_qry_name = pexip_want_field(wanted, "dns.qry.name");
    hf_dns_a = pexip_want_field(wanted, "dns.a");
    hf_dns_aaaa = pexip_want_field(wanted, "dns.aaaa");
}

/* First pass: read the DNS fields; a question for a service name makes its
 * answers (A/AAAA) service addresses. */
static pexip_dns_frame_t *
read_dns(packet_info *pinfo, proto_tree *tree, const pexip_dns_suffixes_t *dns_suffixes)
{
    if (!tree || !dns_suffixes)
        return NULL;
    GPtrArray *names = proto_get_finfo_ptr_array(tree, hf_dns_qry_name);
    if (!names || names->len == 0)
        return NULL;
    field_info *name_fi = (field_info *)g_ptr_array_index(names, 0);
    const char *name = fvalue_get_string(PEXIP_FINFO_FVALUE(name_fi));
    if (!pexip_dns_name_matches(dns_suffixes, name))
        return NULL;

    pexip_dns_frame_t *info = wmem_new0(wmem_file_scope(), pexip_dns_frame_t);
    info->query = wmem_strdup(wmem_file_scope(), name);
    info->v4 = wmem_array_new(wmem_file_scope(), sizeof(ws_in4_addr));
    info->v6 = wmem_array_new(wmem_file_scope(), sizeof(ws_in6_addr));

    GPtrArray *a = proto_get_finfo_ptr_array(tree, hf_dns_a);
    for (guint i = 0; a && i < a->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(a, i);
        if (fi->length == 4) {
            ws_in4_addr a4 = tvb_get_ipv4(fi->ds_tvb, fi->start);
            wmem_array_append_one(info->v4, a4);
            pexip_learned_add(PEXIP_FAMILY_IPV4, (const guint8 *)&a4, pinfo->num, name);
        }
    }
    GPtrArray *aaaa = proto_get_finfo_ptr_array(tree, hf_dns_aaaa);
    for (guint i = 0; aaaa && i < aaaa->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(aaaa, i);
        if (fi->length == 16) {
            ws_in6_addr a6;
            tvb_get_ipv6(fi->ds_tvb, fi->start, &a6);
            wmem_array_append_one(info->v6, a6);
            pexip_learned_add(PEXIP_FAMILY_IPV6, a6.bytes, pinfo->num, name);
        }
    }
    return info;
}

const pexip_dns_frame_t *
pexip_dns_frame(packet_info *pinfo, proto_tree *tree, const pexip_dns_suffixes_t *suffixes)
{
    if (PINFO_FD_VISITED(pinfo))
        return (const pexip_dns_frame_t *)p_get_proto_data(wmem_file_scope(), pinfo,
                                                          proto, PEXIP_FRAME_DNS);
    pexip_dns_frame_t *info = read_dns(pinfo, tree, suffixes);
    if (info)
        p_add_proto_data(wmem_file_scope(), pinfo, proto, PEXIP_FRAME_DNS, info);
    return info;
}

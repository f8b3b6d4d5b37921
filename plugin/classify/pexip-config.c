/* pexip-config.c
 * Preferences, the range table and the configuration they add up to (see
 * pexip-config.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-config.h"

#include <epan/uat.h>
#include <wsutil/report_message.h>
#include "pexip-compat.h"
#include "service_ranges_default.h"

/* ---- preferences ------------------------------------------------------ */

static pexip_ws_bool_t pref_use_default_ranges = TRUE;
static const char *pref_dns_suffixes = PEXIP_DNS_DEFAULT_SUFFIXES;
static range_t *pref_udp_media_ports;
static range_t *pref_tcp_media_ports;
static guint pref_media_timeout = 5;
static range_t *pref_sbc_media_ports;

#define DEFAULT_UDP_MEDIA_PORTS "40000-49999"
#define DEFAULT_TCP_MEDIA_PORTS "33000-39999"

/* ---- the user table pexip_service_ranges ------------------------------ */

typedef struct {
    char *cidr;
    char *label;
} service_range_row_t;

static service_range_row_t *service_range_rows;
static guint service_range_row_count;

UAT_CSTRING_CB_DEF(service_range_rows, cidr, service_range_row_t)
UAT_CSTRING_CB_DEF(service_range_rows, label, service_range_row_t)

static void *
service_range_row_copy(void *dest, const void *src, size_t len _U_)
{
    service_range_row_t *d = (service_range_row_t *)dest;
    const service_range_row_t *s = (const service_range_row_t *)src;
    d->cidr = g_strdup(s->cidr);
    d->label = g_strdup(s->label);
    return d;
}

static void
service_range_row_free(void *r)
{
    service_range_row_t *row = (service_range_row_t *)r;
    g_free(row->cidr);
    g_free(row->label);
}

/* A row that is not a prefix is refused with a message naming it: the GUI
 * marks it as it is typed, a profile file reports "pexip_service_ranges:N"
 * and keeps its other rows, and -o fails with the message. Rows that reach
 * the table some other way are checked again when the table is built. */
static pexip_ws_bool_t
service_range_cidr_check(void *r _U_, const char *text, unsigned len,
                         const void *u1 _U_, const void *u2 _U_, char **err)
{
    char *value = g_strndup(text, len);
    pexip_prefix_t prefix;
    /* Wireshark prefixes the message with the table name and line. */
    gboolean ok = pexip_prefix_parse(value, &prefix, err);
    g_free(value);
    return ok;
}

/* ---- what they add up to ------------------------------------------- */

static pexip_range_table_t *service_ranges;
static pexip_dns_suffixes_t *dns_suffixes;
static gboolean config_dirty = TRUE;

static void
mark_config_dirty(void)
{
    config_dirty = TRUE;
}

void
pexip_config_apply(void)
{
    if (!config_dirty)
        return;
    GString *errors = g_string_new(NULL);

    pexip_range_table_free(service_ranges);
    service_ranges = pexip_range_table_new();
    if (pref_use_default_ranges)
        pexip_range_table_add_csv(service_ranges, pexip_default_ranges_csv,
                                  "built-in default table", errors);
    for (guint i = 0; i < service_range_row_count; i++) {
        const service_range_row_t *row = &service_range_rows[i];
        char *err = NULL;
        if (!pexip_range_table_add(service_ranges, row->cidr, row->label, &err)) {
            g_string_append_printf(errors,
                                   "%s row %u (\"%s\",\"%s\"): %s; this row is "
                                   "ignored, the others are used\n",
                                   PEXIP_RANGES_UAT_NAME, i + 1,
                                   row->cidr ? row->cidr : "",
                                   row->label ? row->label : "", err);
            g_free(err);
        }
    }

    pexip_dns_suffixes_free(dns_suffixes);
    char *err = NULL;
    dns_suffixes = pexip_dns_suffixes_parse(pref_dns_suffixes, &err);
    if (err) {
        g_string_append_printf(errors, "preference pexip.dns_suffixes: %s\n", err);
        g_free(err);
    }

    if (errors->len) {
        g_strchomp(errors->str);
        report_failure("Pexip service plugin:\n%s", errors->str);
    }
    g_string_free(errors, TRUE);
    config_dirty = FALSE;
}

void
pexip_config_free(void)
{
    pexip_range_table_free(service_ranges);
    service_ranges = NULL;
    pexip_dns_suffixes_free(dns_suffixes);
    dns_suffixes = NULL;
    config_dirty = TRUE;
}

const pexip_range_table_t *
pexip_config_ranges(void)
{
    return service_ranges;
}

const pexip_dns_suffixes_t *
pexip_config_dns_suffixes(void)
{
    return dns_suffixes;
}

pexip_port_ranges_t
pexip_config_port_ranges(void)
{
    pexip_port_ranges_t ranges = { pref_udp_media_ports, pref_tcp_media_ports };
    return ranges;
}

double
pexip_config_media_timeout(void)
{
    return (double)pref_media_timeout;
}

const range_t *
pexip_config_sbc_media_ports(void)
{
    return pref_sbc_media_ports;
}

/* ---- registration ----------------------------------------------------- */

void
pexip_config_register(int proto)
{
    module_t *module = prefs_register_protocol(proto, mark_config_dirty);
    static uat_field_t service_range_fields[] = {
        { "cidr", "Prefix", PT_TXTMOD_STRING,
          { service_range_cidr_check, service_range_rows_cidr_set_cb,
            service_range_rows_cidr_tostr_cb },
          { 0, 0, 0 }, 0,
          "IPv4 or IPv6 prefix (185.94.240.0/22, 2001:db8::/32) or one address",
          FLDFILL },
        UAT_FLD_CSTRING(service_range_rows, label, "Label",
                        "What this range is (shown as pexip.range_label)"),
        UAT_END_FIELDS
    };

    uat_t *ranges_uat = uat_new("Pexip service ranges",
                                sizeof(service_range_row_t),
                                PEXIP_RANGES_UAT_NAME,
                                TRUE,
                                &service_range_rows,
                                &service_range_row_count,
                                UAT_AFFECTS_DISSECTION,
                                NULL,
                                service_range_row_copy,
                                NULL,
                                service_range_row_free,
                                mark_config_dirty,
                                NULL,
                                service_range_fields);
    prefs_register_uat_preference(module, "service_ranges", "Service address ranges",
                                  "Prefixes of the Pexip Service, in addition to "
                                  "the built-in defaults (see use_default_ranges)",
                                  ranges_uat);
    prefs_register_bool_preference(module, "use_default_ranges",
                                   "Use the built-in service ranges",
                                   "Also treat the plugin's shipped prefixes "
                                   "(plugin/classify/service_ranges.csv) as service addresses",
                                   &pref_use_default_ranges);
    prefs_register_string_preference(module, "dns_suffixes",
                                     "Service DNS domains",
                                     "A DNS answer for a name in one of these "
                                     "domains (comma-separated) makes its "
                                     "addresses service addresses from that frame on; "
                                     "empty turns this off",
                                     &pref_dns_suffixes);
    range_convert_str(wmem_epan_scope(), &pref_udp_media_ports, DEFAULT_UDP_MEDIA_PORTS, 65535);
    prefs_register_range_preference(module, "service_media_ports",
                                    "Service UDP media ports",
                                    "UDP ports of the service used for RTP/RTCP "
                                    "(pexip.port_class rtp on even, rtcp on odd ports)",
                                    &pref_udp_media_ports, 65535);
    range_convert_str(wmem_epan_scope(), &pref_tcp_media_ports, DEFAULT_TCP_MEDIA_PORTS, 65535);
    prefs_register_range_preference(module, "service_tcp_ports",
                                    "Service TCP H.245/BFCP ports",
                                    "TCP ports of the service used for H.245 and BFCP",
                                    &pref_tcp_media_ports, 65535);

    prefs_register_uint_preference(module, "media_timeout",
                                   "Seconds before media counts as missing",
                                   "pexip.media.missing, one_way and content_missing: how long "
                                   "other media of the call (or the call after a floor grant) "
                                   "must flow before a destination that got nothing is reported",
                                   10, &pref_media_timeout);
    range_convert_str(wmem_epan_scope(), &pref_sbc_media_ports, "", 65535);
    prefs_register_range_preference(module, "sbc_media_ports",
                                    "Customer SBC UDP media ports",
                                    "The customer SBC's UDP media port range (e.g. 36000-59999): "
                                    "customer-side media announced outside it gets "
                                    "pexip.media.outside_sbc_range; empty turns the check off",
                                    &pref_sbc_media_ports, 65535);
}

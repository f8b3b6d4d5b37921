/* pexip-config.h
 * The plugin's configuration: its preferences and the user table of
 * service ranges, registered here, and what they add up to (rebuilt when
 * one changes): the service address table (built-in rows, then the
 * user's), the service DNS domains, the port ranges. A bad row or value
 * is named in one message; the rest is used.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_CONFIG_H
#define PEXIP_CONFIG_H

#include <epan/prefs.h>
#include <epan/range.h>
#include "pexip-ranges.h"
#include "pexip-dns.h"
#include "pexip-ports.h"

#define PEXIP_RANGES_UAT_NAME "pexip_service_ranges"

/* Register the protocol's preferences and the range table. */
void pexip_config_register(int proto);

/* Rebuild what the preferences add up to if one changed since (call from
 * the init routine); pexip_config_free at shutdown. */
void pexip_config_apply(void);
void pexip_config_free(void);

/* The service address table (never NULL after pexip_config_apply). */
const pexip_range_table_t *pexip_config_ranges(void);

/* The service DNS domains (pexip.dns_suffixes), or NULL when none. */
const pexip_dns_suffixes_t *pexip_config_dns_suffixes(void);

/* The service's UDP media and TCP H.245/BFCP port ranges. */
pexip_port_ranges_t pexip_config_port_ranges(void);

/* pexip.media_timeout, seconds. */
double pexip_config_media_timeout(void);

/* pexip.sbc_media_ports; NULL or empty: the check is off. */
const range_t *pexip_config_sbc_media_ports(void);

#endif /* PEXIP_CONFIG_H */

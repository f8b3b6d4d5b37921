/* pexip-compat.h
 * The few things that differ between the Wireshark minors this plugin is
 * built and tested against: 4.0 (Debian 12), 4.4 (Debian 13) and 4.6
 * (Debian testing), each checked by tools/check-versions. CMakeLists.txt
 * refuses any other minor (4.2 included: it is not tested).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_COMPAT_H
#define PEXIP_COMPAT_H

#include <glib.h>
#include <ws_version.h>

#define PEXIP_WS_AT_LEAST(major, minor) \
    (WIRESHARK_VERSION_MAJOR > (major) || \
     (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

/* field_info::value is embedded in 4.0 and a pointer from 4.2 on. */
#if PEXIP_WS_AT_LEAST(4, 2)
#define PEXIP_FINFO_FVALUE(fi) ((fi)->value)
#else
#define PEXIP_FINFO_FVALUE(fi) (&(fi)->value)
#endif

/* 4.4 has plugin_describe() and its WS_PLUGIN_DESC_* flags in
 * <wsutil/plugins.h>; 4.0 has neither. */
#if PEXIP_WS_AT_LEAST(4, 4)
#define PEXIP_HAVE_PLUGIN_DESCRIBE 1
#include <wsutil/plugins.h>
#endif

/* What a boolean preference points at and what a UAT field check returns:
 * gboolean (an int) in 4.0, C99 bool from 4.4 on. Pointers to one are not
 * pointers to the other (gcc 14 makes that an error). */
#if PEXIP_WS_AT_LEAST(4, 4)
#include <stdbool.h>
typedef bool pexip_ws_bool_t;
#else
typedef gboolean pexip_ws_bool_t;
#endif

/* 4.4 deprecates tvb_get_guint8() for tvb_get_uint8(), which 4.0 lacks:
 * the code says tvb_get_uint8(). */
#if !PEXIP_WS_AT_LEAST(4, 4)
#define tvb_get_uint8 tvb_get_guint8
#endif

/* A -z statistic's init callback returns whether it registered (4.6), or
 * nothing (4.0, 4.4). */
#if PEXIP_WS_AT_LEAST(4, 6)
typedef bool pexip_stat_init_t;
#define PEXIP_STAT_INIT_RETURN(ok) return (ok)
#else
typedef void pexip_stat_init_t;
#define PEXIP_STAT_INIT_RETURN(ok) return
#endif

/* TCP's data of a conversation, read without touching it (4.4 and later
 * have a call for that; 4.0's recomputes the direction of the packet being
 * dissected, which TCP has just done the same way). */
#if PEXIP_WS_AT_LEAST(4, 4)
#define pexip_tcp_conversation(conv, pinfo) get_tcp_conversation_data_idempotent(conv)
#else
#define pexip_tcp_conversation(conv, pinfo) get_tcp_conversation_data(conv, pinfo)
#endif

#endif /* PEXIP_COMPAT_H */

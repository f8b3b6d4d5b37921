/* pexip-compat.h
 * The few things that differ between the Wireshark minors this plugin
 * builds against. 4.0 is tested; 4.2/4.4 are the expected differences.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_COMPAT_H
#define PEXIP_COMPAT_H

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

/* 4.2 added plugin_describe(); 4.0 has none. */
#if PEXIP_WS_AT_LEAST(4, 2)
#define PEXIP_HAVE_PLUGIN_DESCRIBE 1
#endif

#endif /* PEXIP_COMPAT_H */

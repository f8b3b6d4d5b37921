/* unit.h
 * What the unit tests share: GLib's test framework set up so that every
 * failed assertion of a test is reported (not only the first), and the
 * service of the tests.
 *
 * Each test-<module>.c tests one module of plugin/ and is one ctest entry
 * (unit-<module>), so a failure names its module. Run one on its own:
 * build/tests/test-<module> [-p /<module>/<test>] [--verbose].
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_UNIT_H
#define PEXIP_UNIT_H

#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <wsutil/inet_addr.h>
#include <epan/wmem_scopes.h>

/* Two strings (either may be NULL) are equal. */
#define unit_assert_str(got, want) g_assert_cmpstr((got), ==, (want))

static inline void
unit_init(int *argc, char ***argv)
{
    g_test_init(argc, argv, NULL);
    /* A failed assertion marks its test failed and the test goes on. */
    g_test_set_nonfatal_assertions();
}

/* The service for these tests: 185.94.242.66 and 2001:db8::66. */
static inline gboolean
service_address(guint8 family, const guint8 *addr, guint32 frame G_GNUC_UNUSED)
{
    static const guint8 v4[4] = { 185, 94, 242, 66 };
    static const guint8 v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x66 };
    return family == 4 ? memcmp(addr, v4, 4) == 0 : memcmp(addr, v6, 16) == 0;
}

#endif /* PEXIP_UNIT_H */

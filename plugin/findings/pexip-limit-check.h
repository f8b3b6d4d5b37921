/* pexip-limit-check.h
 * pexip.limit.reached: the plugin's caps on per-capture state
 * (model/pexip-limits.h) shown where they were first reached.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_LIMIT_CHECK_H
#define PEXIP_LIMIT_CHECK_H

#include <glib.h>

/* First pass, after a frame's signalling was read: a finding on frame for
 * each limit reached since the last call (once per limit and call, or
 * per limit for the capture's limits). Costs one check when none was. */
void pexip_limits_report(guint32 frame);

#endif /* PEXIP_LIMIT_CHECK_H */

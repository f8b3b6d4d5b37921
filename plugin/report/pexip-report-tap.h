/* pexip-report-tap.h
 * The report inside Wireshark: a tap named "pexip" that the plugin queues
 * on every frame it sees while someone listens; `tshark -z pexip,report`
 * (text) and `-z pexip,report,json` print the report (pexip-report.h)
 * when the capture has been read; the GUI's Statistics menu has "Pexip
 * calls", a table of the calls and their findings (also `-z pexip,calls`
 * with `tshark -2`).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_REPORT_TAP_H
#define PEXIP_REPORT_TAP_H

#include <epan/packet.h>

/* The findings that need the whole capture, decided when they are due
 * (packet-pexip.c runs them; single-pass tshark has no later pass, so
 * the report asks before it is drawn). */
typedef void (*pexip_capture_read_fn)(wmem_allocator_t *pool);

/* Register the tap and the statistics (from proto_register). */
void pexip_report_register(pexip_capture_read_fn capture_read);

/* Every frame the plugin sees: queued on the tap when someone listens
 * (costs a look at the tap's listeners otherwise). */
void pexip_report_frame(packet_info *pinfo);

#endif /* PEXIP_REPORT_TAP_H */

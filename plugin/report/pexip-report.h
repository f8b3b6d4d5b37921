/* pexip-report.h
 * The triage report of a capture: each call (its signalling, call id,
 * service and peer address, how it was dialled, first and last frame,
 * each stream it announced with the packets and bytes each way, its
 * findings), the findings that belong to no call, and a verdict (the
 * worst severity found). As text, or as one JSON document whose keys are
 * a contract (docs/report.md). Made from the call model and the findings
 * store once the capture has been read; nothing here reads packets.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_REPORT_H
#define PEXIP_REPORT_H

#include <glib.h>

/* The version of the JSON contract ("pexip_report": 1). */
#define PEXIP_REPORT_VERSION 1

typedef enum {
    PEXIP_VERDICT_OK = 0,       /* no finding */
    PEXIP_VERDICT_NOTES,
    PEXIP_VERDICT_WARNINGS,
    PEXIP_VERDICT_ERRORS
} pexip_verdict_t;

/* "ok", "notes", "warnings", "errors". */
const char *pexip_verdict_name(pexip_verdict_t verdict);

/* The worst severity among every finding in the store. */
pexip_verdict_t pexip_report_verdict(void);

/* Append the report of a capture of frames frames to out: text when json
 * is FALSE, else one JSON document (no line breaks inside, one at the
 * end). */
void pexip_report_write(GString *out, guint32 frames, gboolean json);

#endif /* PEXIP_REPORT_H */

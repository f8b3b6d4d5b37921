/* pexip-dialling.h
 * How a device dialled the service: the conference number or the URI in
 * what it sent (H.225.0 Setup aliases, a SIP Request-URI), and DTMF digits
 * keyed into the IVR. Pure functions, unit-tested on their own.
 *
 * The service's dialling forms: "185.94.242.66##87654321" (number after
 * "##"), "87654321@185.94.242.66" and "87654321@vmr.vc" (user part at a
 * service address or at vmr.vc), the digits alone (dialledDigits, or a
 * device that split "IP##number" itself); anything else with an "@" is a
 * URI such as "person.vmr@pexip.com" or "bob@10.0.0.2".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_DIALLING_H
#define PEXIP_DIALLING_H

#include <glib.h>
#include "pexip-ranges.h"

#define PEXIP_DIAL_MAX 128

typedef enum {
    PEXIP_DIALLED_NOTHING = 0,      /* no number, no URI (an address alone) */
    PEXIP_DIALLED_CONFERENCE,       /* a conference number or alias */
    PEXIP_DIALLED_URI               /* user@domain */
} pexip_dialled_kind_t;

/* Read one dialled string (sent in frame). digits_only: it came as H.225.0
 * dialledDigits (the number itself). A scheme (sip:, sips:, h323:, tel:),
 * URI parameters and a port are dropped. An IP address as the host is a
 * conference form when is_service says it is the service's (NULL: any
 * address). out (PEXIP_DIAL_MAX bytes) receives the conference number or
 * "user@domain". */
pexip_dialled_kind_t pexip_dialled_read(const char *dialled, gboolean digits_only,
                                        pexip_service_address_fn is_service, guint32 frame,
                                        char out[PEXIP_DIAL_MAX]);

/* DTMF keyed into the IVR: digits up to "#" are a conference number. */
#define PEXIP_DTMF_MAX 32

typedef struct {
    char digits[PEXIP_DTMF_MAX + 1];
    guint count;
    gboolean overflow;          /* more than PEXIP_DTMF_MAX before "#" */
} pexip_dtmf_t;

/* Add one key ('0'-'9', '*', '#'; others are ignored). Returns TRUE when
 * key is '#' completing a non-empty entry; the number is then in
 * dtmf->digits (NUL-terminated) until the next key starts a new entry. */
gboolean pexip_dtmf_key(pexip_dtmf_t *dtmf, char key);

/* The key of an RFC 4733 telephone-event code (0-9, 10 '*', 11 '#'),
 * or 0 for events that are not keys. */
char pexip_dtmf_event_key(guint event);

#endif /* PEXIP_DIALLING_H */

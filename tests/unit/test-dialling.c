/* test-dialling.c
 * Unit tests of model/pexip-dialling.c: dialled strings to conference numbers and URIs; DTMF entry.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-dialling.h"
#include "pexip-calls.h"

static pexip_dialled_kind_t
dialled(const char *text, gboolean digits, char out[PEXIP_DIAL_MAX])
{
    return pexip_dialled_read(text, digits, service_address, 1, out);
}

static void
test_dialling(void)
{
    char out[PEXIP_DIAL_MAX];
    /* The service's forms */
    g_assert_true(dialled("185.94.242.66##87654321", FALSE, out) == PEXIP_DIALLED_CONFERENCE);
    unit_assert_str(out, "87654321");
    g_assert_true(dialled("87654321@185.94.242.66", FALSE, out) == PEXIP_DIALLED_CONFERENCE);
    unit_assert_str(out, "87654321");
    g_assert_true(dialled("87654321@vmr.vc", FALSE, out) == PEXIP_DIALLED_CONFERENCE);
    unit_assert_str(out, "87654321");
    g_assert_true(dialled("h323:87654321@VMR.VC", FALSE, out) == PEXIP_DIALLED_CONFERENCE);
    unit_assert_str(out, "87654321");
    g_assert_true(dialled("87654321", TRUE, out) == PEXIP_DIALLED_CONFERENCE);
    unit_assert_str(out, "87654321");
    g_assert_true(dialled("87654321", FALSE, out) == PEXIP_DIALLED_CONFERENCE);
    unit_assert_str(out, "87654321");
    /* SIP Request-URIs */
    g_assert_true(dialled("sip:87654321@185.94.242.66:5061;transport=tls", FALSE, out) ==
          PEXIP_DIALLED_CONFERENCE);
    unit_assert_str(out, "87654321");
    g_assert_true(dialled("<sips:87654321@[2001:db8::66]:5061>", FALSE, out) == PEXIP_DIALLED_CONFERENCE);
    unit_assert_str(out, "87654321");
    g_assert_true(dialled("sip:meet.alice@vmr.vc", FALSE, out) == PEXIP_DIALLED_CONFERENCE);
    unit_assert_str(out, "meet.alice");
    /* URIs */
    g_assert_true(dialled("person.vmr@pexip.com", FALSE, out) == PEXIP_DIALLED_URI);
    unit_assert_str(out, "person.vmr@pexip.com");
    g_assert_true(dialled("sip:Person.VMR@pexip.com:5060;transport=tcp?x=y", FALSE, out) ==
          PEXIP_DIALLED_URI);
    unit_assert_str(out, "Person.VMR@pexip.com");
    g_assert_true(dialled("87654321@example.com", FALSE, out) == PEXIP_DIALLED_URI);
    unit_assert_str(out, "87654321@example.com");
    /* An address that is not the service's: a URI, not a conference */
    g_assert_true(dialled("sip:bob@10.77.0.2:5060", FALSE, out) == PEXIP_DIALLED_URI);
    unit_assert_str(out, "bob@10.77.0.2");
    g_assert_true(dialled("87654321@[2001:db8::67]", FALSE, out) == PEXIP_DIALLED_URI);
    unit_assert_str(out, "87654321@[2001:db8::67]");
    g_assert_true(pexip_dialled_read("87654321@10.0.0.1", FALSE, NULL, 1, out) == PEXIP_DIALLED_CONFERENCE);
    /* Nothing to read */
    g_assert_true(dialled("185.94.242.66", FALSE, out) == PEXIP_DIALLED_NOTHING);
    unit_assert_str(out, "");
    g_assert_true(dialled("room30", FALSE, out) == PEXIP_DIALLED_NOTHING);
    g_assert_true(dialled("185.94.242.66##", FALSE, out) == PEXIP_DIALLED_NOTHING);
    g_assert_true(dialled("@vmr.vc", FALSE, out) == PEXIP_DIALLED_NOTHING);
    g_assert_true(dialled("87654321@", FALSE, out) == PEXIP_DIALLED_NOTHING);
    g_assert_true(dialled("sip:", FALSE, out) == PEXIP_DIALLED_NOTHING);
    g_assert_true(dialled("", TRUE, out) == PEXIP_DIALLED_NOTHING);
    g_assert_true(dialled(NULL, FALSE, out) == PEXIP_DIALLED_NOTHING);
    /* Too long: cut, never overrun */
    char longer[400];
    memset(longer, '7', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    g_assert_true(dialled(longer, TRUE, out) == PEXIP_DIALLED_CONFERENCE && strlen(out) == PEXIP_DIAL_MAX - 1);
    memcpy(longer + 200, "@example.com", 13);
    g_assert_true(dialled(longer, FALSE, out) == PEXIP_DIALLED_URI && strlen(out) == PEXIP_DIAL_MAX - 1);
}

static void
test_dtmf(void)
{
    pexip_dtmf_t dtmf;
    memset(&dtmf, 0, sizeof dtmf);
    const char *keys = "87654321";
    for (const char *k = keys; *k; k++)
        g_assert_true(!pexip_dtmf_key(&dtmf, *k));
    g_assert_true(pexip_dtmf_key(&dtmf, '#'));
    unit_assert_str(dtmf.digits, "87654321");
    g_assert_true(!pexip_dtmf_key(&dtmf, '#'));                 /* an empty entry */
    g_assert_true(!pexip_dtmf_key(&dtmf, 'A'));                 /* not a key we read */
    g_assert_true(!pexip_dtmf_key(&dtmf, '1') && !pexip_dtmf_key(&dtmf, '*'));
    g_assert_true(pexip_dtmf_key(&dtmf, '#'));
    unit_assert_str(dtmf.digits, "1*");
    for (int i = 0; i < PEXIP_DTMF_MAX + 5; i++)
        pexip_dtmf_key(&dtmf, '5');
    g_assert_true(!pexip_dtmf_key(&dtmf, '#'));                 /* too long: dropped */
    g_assert_true(!pexip_dtmf_key(&dtmf, '9') && pexip_dtmf_key(&dtmf, '#'));
    unit_assert_str(dtmf.digits, "9");
    g_assert_true(pexip_dtmf_event_key(0) == '0' && pexip_dtmf_event_key(9) == '9' &&
          pexip_dtmf_event_key(10) == '*' && pexip_dtmf_event_key(11) == '#' &&
          pexip_dtmf_event_key(12) == 0 && pexip_dtmf_event_key(255) == 0);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/dialling/dialling", test_dialling);
    g_test_add_func("/dialling/dtmf", test_dtmf);
    return g_test_run();
}

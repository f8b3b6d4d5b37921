/* fuzz-dialling.c
 * model/pexip-dialling.c: a dialled string (H.225.0 aliases and SIP
 * Request-URIs reach it as strings) read in every way the plugin reads
 * one, and the same bytes keyed as DTMF.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz.h"
#include "pexip-dialling.h"

/* The service: 185.94.242.66 (as in the unit tests). */
static gboolean
service_address(guint8 family, const guint8 *addr, guint32 frame G_GNUC_UNUSED)
{
    static const guint8 v4[4] = { 185, 94, 242, 66 };
    return family == 4 && memcmp(addr, v4, 4) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    for (int digits_only = 0; digits_only < 2; digits_only++) {
        for (int with_service = 0; with_service < 2; with_service++) {
            char out[PEXIP_DIAL_MAX];
            pexip_dialled_kind_t kind = pexip_dialled_read(
                text, digits_only, with_service ? service_address : NULL, 1, out);
            FUZZ_CHECK_TERMINATED(out);
            FUZZ_CHECK(kind == PEXIP_DIALLED_NOTHING || out[0] != '\0');
        }
    }
    free(text);

    pexip_dtmf_t dtmf;
    memset(&dtmf, 0, sizeof dtmf);
    for (size_t i = 0; i < size; i++) {
        gboolean complete = pexip_dtmf_key(&dtmf, (char)data[i]);
        FUZZ_CHECK(dtmf.count <= PEXIP_DTMF_MAX);
        FUZZ_CHECK_TERMINATED(dtmf.digits);
        FUZZ_CHECK(!complete || (data[i] == '#' && dtmf.digits[0] != '\0'));
        char key = pexip_dtmf_event_key(data[i]);
        FUZZ_CHECK(key == 0 || strchr("0123456789*#", key));
    }
    return 0;
}

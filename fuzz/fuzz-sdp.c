/* fuzz-sdp.c
 * model/pexip-sdp.c: pexip_sdp_parse() on an SDP body (the plugin hands it
 * the body's bytes from the packet, not NUL-terminated), then the SDP
 * detectors of findings/pexip-detect-sip.c on what it read.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz.h"
#include "pexip-sdp.h"
#include "pexip-detect-sip.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pexip_sdp_t sdp;
    gboolean any = pexip_sdp_parse((const char *)data, size, &sdp);
    FUZZ_CHECK(any == (sdp.count > 0));
    FUZZ_CHECK(sdp.count <= PEXIP_SDP_MAX_MLINES);
    FUZZ_CHECK(sdp.origin_family == 0 || sdp.origin_family == 4 || sdp.origin_family == 6);
    for (guint i = 0; i < sdp.count; i++) {
        const pexip_sdp_mline_t *m = &sdp.mlines[i];
        FUZZ_CHECK_TERMINATED(m->media);
        FUZZ_CHECK_TERMINATED(m->transport);
        FUZZ_CHECK_TERMINATED(m->content);
        FUZZ_CHECK_TERMINATED(m->label);
        FUZZ_CHECK_TERMINATED(m->floorctrl);
        FUZZ_CHECK_TERMINATED(m->confid);
        FUZZ_CHECK_TERMINATED(m->userid);
        FUZZ_CHECK(m->family == 0 || m->family == 4 || m->family == 6);
        FUZZ_CHECK(pexip_media_kind_name(m->kind) != NULL);
        FUZZ_CHECK(pexip_direction_name(m->direction) != NULL);
    }
    gint origin = pexip_detect_sdp_origin_mismatch(&sdp);
    FUZZ_CHECK(origin >= -1 && origin < (gint)sdp.count);
    gint trace = pexip_detect_nat_trace(&sdp);
    FUZZ_CHECK(trace >= -1 && trace < (gint)sdp.count);
    return 0;
}

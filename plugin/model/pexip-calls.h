/* pexip-calls.h
 * The call model: calls (one per SIP dialog or H.323 call), the streams
 * their signalling announced (one per m-line of each SDP, or per logical
 * channel), and the destinations those streams receive on, in frame order,
 * so a media packet links to the announcement in force when it was sent.
 * All state lives in wmem_file_scope() (the allocator given to
 * pexip_calls_init) and is built on the first pass;
 * later passes only read it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_CALLS_H
#define PEXIP_CALLS_H

#include <glib.h>
#include <epan/wmem_scopes.h>
#include <epan/packet_info.h>
#include "pexip-endpoint.h"
#include "pexip-media.h"
#include "pexip-dialling.h"

typedef enum {
    PEXIP_SIGNALING_SIP = 0,
    PEXIP_SIGNALING_H323
} pexip_signaling_t;

/* Who sent a message and when: the frame, its time (seconds since the
 * epoch) and its source address. */
typedef struct {
    double time;
    guint32 frame;
    guint8 family;              /* 4 or 6; 0 when unknown */
    guint8 addr[16];
} pexip_sender_t;

/* The sender of the packet being dissected: frame, time, source address. */
static inline void
pexip_sender_of(const packet_info *pinfo, pexip_sender_t *sender)
{
    memset(sender, 0, sizeof *sender);
    sender->frame = pinfo->num;
    sender->time = nstime_to_sec(&pinfo->abs_ts);
    sender->family = pexip_address_family(&pinfo->net_src);
    if (sender->family)
        memcpy(sender->addr, pinfo->net_src.data, (size_t)pinfo->net_src.len);
}

/* A BFCP floor grant of a call. */
typedef struct {
    guint32 frame;
    double time;
} pexip_floor_grant_t;

/* IVR entry of a call (allocated at its first key or RFC 4733 event):
 * keys so far; the RTP timestamp of the last RFC 4733 event (its packets
 * repeat it), valid when event_seen. */
typedef struct {
    pexip_dtmf_t dtmf;
    gboolean event_seen;
    guint32 event_timestamp;
} pexip_call_keys_t;

/* One per SIP dialog or H.323 call: ordered to leave no holes, flags as
 * bits (assign 0 or 1). */
typedef struct pexip_call {
    const char *call_id;        /* SIP Call-ID or H.323 callIdentifier */
    /* Its frames, signalling and media, as read on the first pass: the
     * first and last, and their times (pexip_call_seen). */
    double first_time;
    double last_time;
    /* SIP dialogs: one Call-ID forks into several dialogs, told apart by
     * the tag pair. */
    const char *tag_a;          /* From tag of the request that created it */
    const char *tag_b;          /* the other side's tag, NULL until seen */
    struct pexip_call *next_dialog;     /* the next fork of its Call-ID, or NULL */
    /* The dialog whose streams flagged initial_offer are the initial
     * request's offer, which every fork answers (itself for the first
     * dialog once it has one; a fork made after the offer: the first
     * dialog); offer_adopted: this dialog took them on. */
    const struct pexip_call *offer_call;
    /* How the device dialled (H.225.0 Setup, SIP initial INVITE), shown
     * from dial_frame on; the conference number from conference_frame on
     * (later than dial_frame when keyed into the IVR). */
    wmem_array_t *dial_strings;     /* const char*: called addresses as sent */
    const char *conference_id;
    const char *dial_uri;
    pexip_call_keys_t *keys;    /* NULL until a key */
    /* Every stream announced for the call (pexip_stream_t*), in frame
     * order; BFCP floor grants (pexip_floor_grant_t). For the media
     * detectors, after the capture has been read. */
    wmem_array_t *streams;
    wmem_array_t *floor_grants;
    guint32 number;             /* pexip.call: 1, 2, ... in order of first frame */
    guint32 first_frame;
    guint32 last_frame;
    guint32 dial_frame;
    guint32 conference_frame;
    guint32 ended_frame;        /* the first BYE / ReleaseComplete, 0: none */
    guint16 dialog;             /* 1 for the first, 2... for forks */
    pexip_signaling_t signaling : 8;
    /* The service's address and the other side's (the customer's SBC,
     * endpoint or gateway), from the first signalling frame that has
     * one of each; family 0 until then. */
    guint8 service_family;
    guint8 service_addr[16];
    guint8 peer_addr[16];
    guint8 offer_adopted : 1;
    /* whether the call was answered (SIP: a 2xx to an INVITE; H.323:
     * Connect) */
    guint8 answered : 1;
} pexip_call_t;

/* Packets that went one way (to a destination, or from it): how many,
 * and the first and last of them. */
typedef struct {
    guint64 bytes;
    double first_time, last_time;
    guint32 packets;
    guint32 first_frame, last_frame;
} pexip_flow_t;

/* One signalling message seen more than once in the capture (two capture
 * points merged): its first copy, and the first copy an ALG had rewritten
 * (0 if none, or none yet on the first pass). */
typedef struct {
    guint32 first_frame;
    guint32 rewritten_frame;
} pexip_message_copies_t;

/* One stream as one SDP m-line (or one logical channel) announced it: where
 * it is received, and what the capture showed of it. One per announcement
 * that changes what its sender said of the stream (a re-INVITE that
 * repeats it unchanged is the same record), so its fields are ordered and
 * sized to leave no holes: 208 bytes. */
typedef struct {
    const pexip_call_t *call;   /* the dialog whose message announced it */
    /* That message as one entry for all its copies (the same message seen
     * at another capture point announces the same stream again, maybe
     * rewritten: the same side, not the other); NULL when it has no
     * identity. */
    const pexip_message_copies_t *message;
    /* The m-line's transport ("RTP/AVP", "UDP/BFCP"; H.323: "RTP" or
     * "RTCP"): the model keeps each distinct one once
     * (pexip_calls_add_stream and _add_channel copy the announced one). */
    const char *transport;
    /* The message that announced it (its frame is setup_frame), and when
     * a later announcement of the same stream by the same sender replaced
     * it (superseded_frame 0: in force to the end). */
    pexip_sender_t announced_by;
    double superseded_time;
    /* Counted on the first pass: packets to the announced destination (RTP
     * or RTCP) and packets from it (symmetric media, the announcing side
     * sending); pexip_stream_first_frame and _last_frame: any of them. */
    pexip_flow_t to, from;
    guint32 superseded_frame;
    guint32 setup_frame;        /* the frame that announced it */
    guint16 mline;              /* SIP: 0-based m-line index */
    guint16 stream;             /* stable within the call: SIP mline + 1,
                                 * H.323 the H.245 session ID */
    guint16 channel;            /* H.323: the H.245 logical channel number;
                                 * 0 for SIP */
    guint16 port;               /* 0: no RTP destination (an H.245 OLC that
                                 * names only where its RTCP goes) */
    guint16 rtcp_port;
    pexip_media_kind_t kind : 8;
    pexip_direction_t direction : 8;
    guint8 family;              /* 4 or 6 */
    guint8 addr[16];
    guint8 rtcp_family;
    guint8 rtcp_addr[16];
    /* Flags (assign 0 or 1): a TCP transport; RTCP is received at
     * rtcp_addr:rtcp_port; announced by a request that may fork;
     * pexip.media.unannounced_source looked at its first packet. */
    guint8 tcp : 1;
    guint8 rtcp : 1;
    guint8 initial_offer : 1;
    guint8 source_checked : 1;
} pexip_stream_t;

/* The first and last packet of a stream, either way; 0 when none. */
static inline guint32
pexip_stream_first_frame(const pexip_stream_t *s)
{
    if (!s->to.packets || !s->from.packets)
        return s->to.packets ? s->to.first_frame : s->from.first_frame;
    return MIN(s->to.first_frame, s->from.first_frame);
}

static inline guint32
pexip_stream_last_frame(const pexip_stream_t *s)
{
    return MAX(s->to.last_frame, s->from.last_frame);
}

/* A destination (address, port, transport) of a stream, in force for
 * packets from frame valid_from on, for one call (a fork's dialog shares
 * the offer's streams); prev: the setup announced at the same destination
 * before it (NULL: none), so the model keeps a destination as its latest
 * setup alone. */
typedef struct pexip_media_setup {
    const pexip_call_t *call;
    pexip_stream_t *stream;
    const struct pexip_media_setup *prev;
    guint32 valid_from;
    gboolean rtcp;              /* the stream's RTCP destination, not its RTP one */
} pexip_media_setup_t;

/* A message of a frame and its copies: rewritten is TRUE when this
 * frame's copy differs from the first one. */
typedef struct {
    const pexip_message_copies_t *copies;
    gboolean rewritten;
} pexip_copy_ref_t;

/* The other copy of ref's message to point at from frame
 * (pexip.alg.other_frame): from a rewritten copy the first one; from the
 * first copy the rewritten one once known; else 0. */
guint32 pexip_copy_other_frame(const pexip_copy_ref_t *ref, guint32 frame);

/* What the signalling messages of one frame gave the call model: its
 * calls (each once), the streams they announced, and the copies records
 * of its messages that are a first copy or a rewritten one. Kept for
 * every signalling frame (copied by value into the frame's record), so it
 * is one small block: the entries in one list, calls first, then streams,
 * then copies (a copies record with its rewritten flag in the pointer's
 * low bit); PEXIP_FRAME_INLINE entries (the usual one call, two streams
 * and one copy) inside the record, more in one array in the model's
 * allocator. Read it with the functions below. */
#define PEXIP_FRAME_INLINE 4
typedef struct {
    guint16 ncalls, nstreams, ncopies;
    guint16 capacity;           /* of heap; 0: the entries are inline */
    union {
        gconstpointer inline_items[PEXIP_FRAME_INLINE];
        gconstpointer *heap;
    } u;
} pexip_signalling_frame_t;

/* The frame's calls (*count of them; the model's own), or NULL. */
pexip_call_t *const *pexip_signalling_frame_calls(const pexip_signalling_frame_t *frame,
                                                        guint *count);

/* The frame's streams (*count of them), or NULL. */
pexip_stream_t *const *pexip_signalling_frame_streams(const pexip_signalling_frame_t *frame,
                                                      guint *count);

/* How many copies records the frame has, and the i-th one. */
guint pexip_signalling_frame_copy_count(const pexip_signalling_frame_t *frame);
pexip_copy_ref_t pexip_signalling_frame_copy(const pexip_signalling_frame_t *frame, guint i);

/* The message (its entry for all its copies) that announced the frame's
 * streams from index first on, for those that have none yet (an H.245
 * message tunnelled in an H.225.0 one is its own message). */
void pexip_signalling_frame_set_message(pexip_signalling_frame_t *frame, guint first,
                                        const pexip_message_copies_t *message);

/* How many streams the frame's messages announced so far. */
guint pexip_signalling_frame_stream_count(const pexip_signalling_frame_t *frame);

/* A reader starts a frame empty. */
void pexip_signalling_frame_clear(pexip_signalling_frame_t *frame);

/* Add call to a frame's calls, once. */
void pexip_signalling_frame_add_call(pexip_signalling_frame_t *frame, const pexip_call_t *call);

/* Add announced streams (pexip_stream_t*; NULL ones are skipped) to the
 * frame's streams. */
void pexip_signalling_frame_add_streams(pexip_signalling_frame_t *frame,
                                        pexip_stream_t *const *streams, guint count);

/* Add a message's copies record to the frame. */
void pexip_signalling_frame_add_copy(pexip_signalling_frame_t *frame,
                                     const pexip_message_copies_t *copies, gboolean rewritten);

/* Keeps a copy of what frame's messages gave the model (read on the first
 * pass) for the later passes... */
void pexip_signalling_frame_keep(guint32 frame, const pexip_signalling_frame_t *kept);

/* ...which find it here (NULL: the frame had no signalling). One table
 * slot a frame, where Wireshark's per-frame data (p_add_proto_data) costs
 * two allocations of its own a frame: bench/README.md, the fifth round. */
const pexip_signalling_frame_t *pexip_signalling_frame_kept(guint32 frame);

/* allocator: wmem_file_scope() (unit tests use their own). is_service
 * tells service addresses in dialled strings (NULL: any address). */
void pexip_calls_init(wmem_allocator_t *allocator, pexip_service_address_fn is_service);
void pexip_calls_cleanup(void);

const char *pexip_signaling_name(pexip_signaling_t signaling);

/* The call with this identifier, created (numbered) at frame if new. */
pexip_call_t *pexip_call_get(const char *call_id, pexip_signaling_t signaling,
                             guint32 frame);

/* The call with this identifier, or NULL (nothing is created). */
pexip_call_t *pexip_call_find(const char *call_id, pexip_signaling_t signaling);

/* Make another identifier (H.323: the conferenceID of a Setup) name call
 * too, unless it already names a call. */
void pexip_call_alias(pexip_call_t *call, const char *other_id);

#define PEXIP_DIAL_STRINGS_MAX 16

/* A called address the device sent for call in frame (an H.225.0 Setup
 * alias or destCallSignalAddress, a SIP Request-URI; digits_only for
 * dialledDigits): kept once (PEXIP_DIAL_STRINGS_MAX at most), and read for
 * the conference number or URI unless the call already has one. */
void pexip_call_dialled(pexip_call_t *call, const char *dialled, gboolean digits_only,
                        guint32 frame);

/* A DTMF key of call in frame (H.245 userInputIndication). Keys complete
 * a conference number at "#" only while the call has none (dialled to
 * the IVR without a number). */
void pexip_call_dtmf(pexip_call_t *call, char key, guint32 frame);

/* An RFC 4733 event of call: one key per event, however many packets
 * (same RTP timestamp) carry it. call is the model's own (a media
 * packet's setup names it const). */
void pexip_call_dtmf_event(const pexip_call_t *call, guint event, guint32 rtp_timestamp,
                           guint32 frame);

/* The SIP dialog of a message: by Call-ID and the tag pair (from_tag,
 * to_tag, either may be NULL or empty). A message whose tags pair with an
 * existing dialog belongs to it; a To tag that differs from an established
 * dialog's, for the same From tag, is a fork: a new dialog, numbered at
 * frame. Messages without a To tag (the initial request, CANCEL) belong to
 * the first dialog. */
pexip_call_t *pexip_sip_dialog_get(const char *call_id, const char *from_tag,
                                   const char *to_tag, guint32 frame);

/* A fork answered: from frame valid_from, the initial offer's
 * destinations also belong to the fork's dialog. */
void pexip_calls_adopt_offer(pexip_call_t *fork, guint32 valid_from);

/* Record one stream (announced's destination, description and
 * announced_by; its counters are ignored), in force from frame valid_from, with RTCP on
 * port + 1 when with_rtcp. Returns the stored stream, or NULL when it
 * has no address or port. When its sender's last announcement of that
 * stream said the same (destinations, transport, kind, direction) and
 * nothing took its destinations since, that stream is returned and
 * nothing is added: one record however often a stream is re-announced. */
pexip_stream_t *pexip_calls_add_stream(const pexip_call_t *call, guint32 valid_from,
                                       const pexip_stream_t *announced,
                                       gboolean with_rtcp);

/* Record one H.245 logical channel as a stream: RTP to announced's
 * addr:port (when port is not 0) and RTCP to its rtcp_addr:rtcp_port
 * (when rtcp is set), in force from frame valid_from (an unchanged
 * re-announcement: as pexip_calls_add_stream). An announcement of
 * RTCP alone (an OpenLogicalChannel's mediaControlChannel: where the
 * opener takes reports about what it sends) does not replace a
 * destination the call already has there (the peer's OLC-Ack for its own
 * channel). Returns the stored stream, or NULL when it names no
 * destination. */
pexip_stream_t *pexip_calls_add_channel(const pexip_call_t *call, guint32 valid_from,
                                        const pexip_stream_t *announced);

/* The setup in force at frame for a packet to addr:port (family 4 or 6,
 * addr in network order), or NULL. */
const pexip_media_setup_t *pexip_media_lookup(guint8 family, const guint8 *addr,
                                              guint16 port, gboolean tcp, guint32 frame);

/* Count one packet of stream (first pass): to_destination when sent to the
 * announced destination, else sent from it; time in seconds. */
void pexip_stream_count(pexip_stream_t *stream, gboolean to_destination,
                        guint32 frame, double time, guint32 bytes);

/* A frame of call, signalling or media, at time (first pass, frames in
 * order): the call's last frame so far. call is the model's own. */
void pexip_call_seen(const pexip_call_t *call, guint32 frame, double time);

/* The service's address and the peer's (family 4 or 6) in a signalling
 * frame of call; the first ones given are kept. */
void pexip_call_sides(pexip_call_t *call, guint8 family, const guint8 *service,
                      const guint8 *peer);

/* The call was answered (SIP 2xx to an INVITE, H.225.0 Connect). */
void pexip_call_answered(pexip_call_t *call);

/* The call ends in frame (SIP BYE, H.225.0 ReleaseComplete): the first
 * one counts. */
void pexip_call_ended(pexip_call_t *call, guint32 frame);

/* A BFCP floor of call was granted in frame at time (first pass). call
 * is the model's own (a BFCP packet's setup names it const). */
void pexip_call_floor_granted(const pexip_call_t *call, guint32 frame, double time);

/* Whether an address is the service's (the is_service given to
 * pexip_calls_init; FALSE without one). */
gboolean pexip_calls_is_service(guint8 family, const guint8 *addr, guint32 frame);

/* Every call, in the order of their numbers (pexip_call_t*), or NULL. */
wmem_array_t *pexip_calls_all(void);

#endif /* PEXIP_CALLS_H */

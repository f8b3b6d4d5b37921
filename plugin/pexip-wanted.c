/* pexip-wanted.c
 * Which of the fields the plugin reads (other dissectors' SIP, SDP,
 * H.225.0, H.245, TLS, HTTP, DNS... fields, pexip_want_field()) Wireshark
 * is asked to fill in, and when.
 *
 * A tree that nobody looks at (tshark -Y, -T fields, the GUI's packet
 * list) holds only the items of "referenced" fields; the others are
 * faked. Wireshark references a post-dissector's wanted fields by priming
 * them before every first-pass dissection: about 31 instructions per field
 * per packet, whatever the packet holds. With the ~80 fields the plugin
 * reads, that alone was 2.9% of a media capture's dissection.
 *
 * Priming marks a field as referenced until an item of that field is
 * freed with its tree: then it, and its protocol, are unmarked (epan/
 * proto.c frees a tree's "interesting fields" that way, in 4.0, 4.4 and
 * 4.6 alike). A field that was in no tree since it was primed is still
 * marked. So the next frame needs to ask only for the fields that may
 * have lost their mark: those of every protocol one of whose fields was
 * an interesting field of this frame's tree. The rest stay marked from
 * the last time they were asked for. Each protocol's fields are a family,
 * asked for together; one field is always asked for, so that Wireshark
 * still builds a tree for every packet.
 *
 * When a frame is dissected with nothing primed (a frame already seen:
 * tshark -2's second pass, the GUI redrawing or showing a packet), its
 * unmarked families are carried until a first-pass frame has asked for
 * them. A tree that is shown (the GUI's packet details, tshark -V) can be
 * freed long after the frames that follow it were read, so what was in it
 * is asked for on every frame from then on (as before this file existed:
 * never more than all of them).
 *
 * While the protocol is disabled nothing is asked for at all: Wireshark
 * asks for a post-dissector's wanted fields whether or not its protocol
 * is enabled (postdissectors_want_hfids() does not look), and wanted
 * fields make tshark build a tree for every packet. Enablement changes
 * (--disable-protocol, disabled_protos of the profile, Analyze > Enabled
 * Protocols) are applied before a capture is opened or dissected again,
 * and opening or redissecting runs the init routines: this is checked
 * there.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define WS_LOG_DOMAIN "pexip"

#include "pexip-wanted.h"

#include <string.h>
#include <wireshark.h>
#include <epan/proto.h>
#include <epan/tap.h>

static dissector_handle_t wanted_handle;
static int wanted_proto = -1;

/* Every field read, grouped by protocol: family f's fields are
 * family_ids[families[f].first ...]. At most 32 families (a bit each in a
 * guint32); a 33rd protocol would share the last one's bit. */
#define MAX_FAMILIES 32
static struct {
    int proto;
    guint first, count;
} families[MAX_FAMILIES];
static guint n_families;
static int *family_ids;
static guint n_ids;
static guint32 all_families;

/* protocol id -> family: an open-addressed table, looked up for every
 * interesting field of every frame. */
#define FAMILY_SLOTS 128
static struct {
    int key;            /* protocol id + 1; 0: empty */
    guint8 family;
} family_slots[FAMILY_SLOTS];

static gboolean asking;         /* the protocol is enabled: fields are asked for */
static guint32 asked;           /* the families the current wanted array holds */
static guint32 carried;         /* unmarked since the last first-pass frame */
static guint32 shown;           /* in a shown tree since start-up */

/* The tests compare what the plugin shows this way with what it shows
 * when every field is asked for on every frame, as Wireshark would:
 * PEXIP_ASK_ALL_FIELDS set in the environment (read at start-up). */
static gboolean ask_all_always;

static guint
family_slot(int proto)
{
    return ((guint)proto * 2654435761u) >> 25;   /* 7 bits: FAMILY_SLOTS */
}

static guint32
family_bit(int proto)
{
    for (guint s = family_slot(proto); family_slots[s].key; s = (s + 1) % FAMILY_SLOTS) {
        if (family_slots[s].key == proto + 1)
            return 1u << family_slots[s].family;
    }
    return 0;
}

/* The protocol a field belongs to (a protocol is its own). */
static int
field_protocol(int hf)
{
    int parent = proto_registrar_get_parent(hf);
    return parent >= 0 ? parent : hf;
}

/* Hand Wireshark a wanted array holding the families of mask (it takes
 * the array, and frees the one it had). */
static void
ask(guint32 mask)
{
    GArray *wanted = g_array_sized_new(FALSE, FALSE, (guint)sizeof(int), n_ids + 1);
    /* Always one, so that a tree is built for every packet. */
    g_array_append_val(wanted, family_ids[0]);
    for (guint f = 0; f < n_families; f++) {
        if (mask & (1u << f))
            g_array_append_vals(wanted, family_ids + families[f].first, families[f].count);
    }
    /* tshark --log-debug pexip shows each change (the tests read it). */
    ws_log(WS_LOG_DOMAIN, LOG_LEVEL_DEBUG, "asks for %u of %u fields", wanted->len, n_ids);
    set_postdissector_wanted_hfids(wanted_handle, wanted);
    asked = mask;
}

static void
ask_none(void)
{
    set_postdissector_wanted_hfids(wanted_handle, NULL);
    asked = 0;
}

/* The last interesting fields families_in walked (when they were few)
 * and their families: the next tree's are usually the same ones (the
 * display filter's, and what was asked for). */
#define REMEMBERED_KEYS 4
static struct {
    guint n;                    /* 0: nothing remembered */
    gpointer keys[REMEMBERED_KEYS];
    guint32 mask;
} last_interesting;

/* The families with a field among this tree's interesting fields: theirs
 * (and their protocol's) mark goes when the tree is freed. Usually one or
 * two entries (a display filter's fields), or none. When the table holds
 * as many fields as the last one and all of them, it holds the same set:
 * a lookup per field instead of a walk, which visits every bucket up to
 * the last entry (90 instructions a packet with -Y frame). Otherwise
 * they are taken one by one, stopping at the last. */
static guint32
families_in(proto_tree *tree)
{
    GHashTable *interesting = PTREE_DATA(tree)->interesting_hfids;
    guint n = interesting ? g_hash_table_size(interesting) : 0;
    if (!n)
        return 0;
    if (n == last_interesting.n) {
        guint i = 0;
        while (i < n && g_hash_table_contains(interesting, last_interesting.keys[i]))
            i++;
        if (i == n)
            return last_interesting.mask;
    }
    guint32 mask = 0;
    GHashTableIter iter;
    gpointer key;
    guint left = n;
    last_interesting.n = n <= REMEMBERED_KEYS ? n : 0;
    g_hash_table_iter_init(&iter, interesting);
    for (guint i = 0; left && g_hash_table_iter_next(&iter, &key, NULL); left--, i++) {
        mask |= family_bit(field_protocol(GPOINTER_TO_INT(key)));
        if (i < REMEMBERED_KEYS)
            last_interesting.keys[i] = key;
    }
    if (left)
        last_interesting.n = 0;     /* fewer than its size said: not remembered */
    last_interesting.mask = mask;
    return mask;
}

void
pexip_wanted_frame(packet_info *pinfo, proto_tree *tree)
{
    if (!asking || !tree || !n_ids || ask_all_always)
        return;
    /* A first-pass frame was dissected after priming what was asked for:
     * what was carried is marked again. */
    if (!PINFO_FD_VISITED(pinfo))
        carried = 0;
    guint32 in_tree = families_in(tree);
    if (PTREE_DATA(tree)->visible)
        shown |= in_tree;
    else
        carried |= in_tree;
    guint32 want = shown | carried;
    if (want != asked)
        ask(want);
}

/* ---- enabled and disabled --------------------------------------------- */

/* The GUI decides whether its next pass builds a tree before it runs the
 * init routines, so on the pass right after the plugin is enabled again
 * (Analyze > Enabled Protocols) it would not see the fields handed back
 * (a later reload would). A tap listener with a filter makes that pass
 * build a tree (file.c checks for one after the init routines, for Lua's
 * sake); it is removed at the next init, when the wanted fields are in
 * place again. tshark applies enablement once, before reading: it never
 * takes this path. */
static gboolean tree_listener;
static char tree_listener_data;

static void
tree_listener_set(gboolean on)
{
    if (on == tree_listener)
        return;
    if (on) {
        GString *error = register_tap_listener("frame", &tree_listener_data, "frame",
                                               TL_REQUIRES_NOTHING, NULL, NULL, NULL, NULL);
        if (error) {
            ws_warning("pexip: no tap listener for the pass after enabling: %s", error->str);
            g_string_free(error, TRUE);
            return;
        }
    } else {
        remove_tap_listener(&tree_listener_data);
    }
    tree_listener = on;
}

/* at_init: called by the init routine (a capture is about to be read);
 * otherwise at start-up. */
static void
wanted_apply(gboolean at_init)
{
    gboolean enabled = proto_is_protocol_enabled(find_protocol_by_id(wanted_proto));
    if (at_init)
        tree_listener_set(FALSE);
    if (!n_ids)
        return;
    if (enabled) {
        if (at_init && !asking)
            tree_listener_set(TRUE);
        /* Every field, on the first frame: whatever was freed while no
         * capture was read, or while disabled, is marked again. */
        ask(all_families);
        asking = TRUE;
    } else if (asking) {
        ask_none();
        asking = FALSE;
    }
}

void
pexip_wanted_init(void)
{
    wanted_apply(TRUE);
}

/* ---- registration ----------------------------------------------------- */

void
pexip_wanted_register(dissector_handle_t handle, int proto)
{
    wanted_handle = handle;
    wanted_proto = proto;
}

void
pexip_wanted_free(void)
{
    g_free(family_ids);
    family_ids = NULL;
    n_ids = n_families = 0;
    all_families = 0;
    memset(family_slots, 0, sizeof family_slots);
    memset(&last_interesting, 0, sizeof last_interesting);
}

void
pexip_wanted_handoff(GArray *all)
{
    pexip_wanted_free();
    guint8 *family_of = g_new0(guint8, all->len ? all->len : 1);
    for (guint i = 0; i < all->len; i++) {
        int proto = field_protocol(g_array_index(all, int, i));
        guint f = 0;
        while (f < n_families && families[f].proto != proto)
            f++;
        if (f == n_families) {
            if (n_families < MAX_FAMILIES) {
                families[n_families].proto = proto;
                families[n_families].count = 0;
                n_families++;
            } else {
                f = MAX_FAMILIES - 1;
            }
            guint s = family_slot(proto);
            while (family_slots[s].key)
                s = (s + 1) % FAMILY_SLOTS;
            family_slots[s].key = proto + 1;
            family_slots[s].family = (guint8)f;
        }
        family_of[i] = (guint8)f;
        families[f].count++;
    }
    /* The fields, family by family, in the order they were asked for. */
    family_ids = g_new(int, all->len ? all->len : 1);
    guint next = 0;
    for (guint f = 0; f < n_families; f++) {
        families[f].first = next;
        for (guint i = 0; i < all->len; i++) {
            if (family_of[i] == f)
                family_ids[next++] = g_array_index(all, int, i);
        }
        all_families |= 1u << f;
    }
    n_ids = next;
    g_free(family_of);
    g_array_free(all, TRUE);
    /* Asked for now (the protocol is enabled at start-up); the init
     * routine drops them if it is disabled by the time a capture is read. */
    asking = FALSE;
    carried = shown = 0;
    ask_all_always = g_getenv("PEXIP_ASK_ALL_FIELDS") != NULL;
    wanted_apply(FALSE);
}

/* pexip-report-tap.c
 * The report's tap and statistics (see pexip-report-tap.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-report-tap.h"

#include <stdio.h>
#include <string.h>
#include <epan/tap.h>
#include <epan/stat_tap_ui.h>
#include "pexip-compat.h"
#include "pexip-report.h"
#include "pexip-calls.h"
#include "pexip-endpoint.h"
#include "pexip-findings.h"
#include "pexip-findings-store.h"

static int pexip_tap = -1;
static pexip_capture_read_fn capture_read;

void
pexip_report_frame(packet_info *pinfo)
{
    if (pexip_tap >= 0 && have_tap_listener(pexip_tap))
        tap_queue_packet(pexip_tap, pinfo, NULL);
}

/* The findings that need the whole capture are due once it has been
 * read; a later pass has decided them already (a no-op then). */
static void
capture_is_read(void)
{
    if (!capture_read)
        return;
    wmem_allocator_t *pool = wmem_allocator_new(WMEM_ALLOCATOR_BLOCK);
    capture_read(pool);
    wmem_destroy_allocator(pool);
}

/* ---- tshark -z pexip,report[,json] ------------------------------------- */

typedef struct {
    gboolean json;
    guint32 frames;             /* the last frame seen: the capture's frames */
} report_t;

static void
report_reset(void *data)
{
    ((report_t *)data)->frames = 0;
}

static tap_packet_status
report_packet(void *data, packet_info *pinfo, epan_dissect_t *edt _U_, const void *unused _U_,
              tap_flags_t flags _U_)
{
    report_t *report = (report_t *)data;
    report->frames = MAX(report->frames, pinfo->num);
    return TAP_PACKET_DONT_REDRAW;
}

static void
report_draw(void *data)
{
    report_t *report = (report_t *)data;
    capture_is_read();
    GString *out = g_string_new(NULL);
    pexip_report_write(out, report->frames, report->json);
    fputs(out->str, stdout);
    fflush(stdout);
    g_string_free(out, TRUE);
}

static void
report_finish(void *data)
{
    g_free(data);
}

static pexip_stat_init_t
report_init(const char *opt_arg, void *userdata _U_)
{
    report_t *report = g_new0(report_t, 1);
    report->json = g_str_has_prefix(opt_arg, "pexip,report,json");
    GString *error = register_tap_listener("pexip", report, NULL, TL_REQUIRES_NOTHING, report_reset,
                                           report_packet, report_draw, report_finish);
    if (error) {
        fprintf(stderr, "pexip,report: %s\n", error->str);
        g_string_free(error, TRUE);
        g_free(report);
        PEXIP_STAT_INIT_RETURN(FALSE);
    }
    PEXIP_STAT_INIT_RETURN(TRUE);
}

/* ---- the GUI's table of calls ------------------------------------------ */

enum {
    COL_CALL, COL_SIGNALING, COL_CALL_ID, COL_SERVICE, COL_PEER, COL_DIALLED, COL_CONFERENCE,
    COL_FIRST, COL_LAST, COL_STREAMS, COL_VERDICT, COL_FINDINGS, COLUMNS
};

static stat_tap_table_item calls_fields[COLUMNS] = {
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Call", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Signalling", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Call ID", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Service", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Peer", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Dialled", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Conference", "%s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "First frame", "%u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Last frame", "%u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Streams", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Verdict", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Findings", "%s" },
};

static stat_tap_table_ui calls_table_ui;

static void calls_reset(stat_tap_table *table);

static void
calls_init(stat_tap_table_ui *ui)
{
    stat_tap_table *table = stat_tap_find_table(ui, "Calls");
    if (table) {
        calls_reset(table);
        return;
    }
    table = stat_tap_init_table("Calls", COLUMNS, 0, "pexip.call==%d");
    stat_tap_add_table(ui, table);
}

static stat_tap_table_item_type
text_item(const char *text)
{
    stat_tap_table_item_type item;
    memset(&item, 0, sizeof item);
    item.type = TABLE_ITEM_STRING;
    item.value.string_value = g_strdup(text ? text : "");
    return item;
}

static stat_tap_table_item_type
number_item(guint value)
{
    stat_tap_table_item_type item;
    memset(&item, 0, sizeof item);
    item.type = TABLE_ITEM_UINT;
    item.value.uint_value = value;
    return item;
}

typedef struct {
    guint32 call;
    GString *names;
    pexip_verdict_t verdict;
} call_findings_t;

static void
findings_of_call(guint32 frame, const pexip_finding_t *finding, gpointer data)
{
    call_findings_t *c = (call_findings_t *)data;
    if (finding->call != c->call)
        return;
    const pexip_finding_info_t *row = &pexip_findings[finding->kind];
    g_string_append_printf(c->names, "%s%s (frame %u)", c->names->len ? ", " : "", row->name,
                           frame);
    pexip_verdict_t v = row->severity == PI_ERROR ? PEXIP_VERDICT_ERRORS
                      : row->severity == PI_WARN ? PEXIP_VERDICT_WARNINGS : PEXIP_VERDICT_NOTES;
    c->verdict = MAX(c->verdict, v);
}

/* One row per call of the model. */
static void
fill_calls(stat_tap_table *table)
{
    wmem_array_t *all = pexip_calls_all();
    guint n = all ? wmem_array_get_count(all) : 0;
    for (guint i = 0; i < n; i++) {
        const pexip_call_t *call = *(const pexip_call_t **)wmem_array_index(all, i);
        call_findings_t found = { call->number, g_string_new(NULL), PEXIP_VERDICT_OK };
        pexip_findings_foreach(findings_of_call, &found);
        char *service = call->service_family
            ? pexip_address_to_str(NULL, call->service_family, call->service_addr, 0) : NULL;
        char *peer = call->service_family
            ? pexip_address_to_str(NULL, call->service_family, call->peer_addr, 0) : NULL;
        const char *dialled = call->dial_strings && wmem_array_get_count(call->dial_strings)
            ? *(const char **)wmem_array_index(call->dial_strings, 0) : NULL;
        stat_tap_table_item_type row[COLUMNS] = {
            [COL_CALL] = number_item(call->number),
            [COL_SIGNALING] = text_item(pexip_signaling_name(call->signaling)),
            [COL_CALL_ID] = text_item(call->call_id),
            [COL_SERVICE] = text_item(service),
            [COL_PEER] = text_item(peer),
            [COL_DIALLED] = text_item(dialled),
            [COL_CONFERENCE] = text_item(call->conference_id),
            [COL_FIRST] = number_item(call->first_frame),
            [COL_LAST] = number_item(call->last_frame),
            [COL_STREAMS] = number_item(call->streams ? wmem_array_get_count(call->streams) : 0),
            [COL_VERDICT] = text_item(pexip_verdict_name(found.verdict)),
            [COL_FINDINGS] = text_item(found.names->str),
        };
        stat_tap_init_table_row(table, i, COLUMNS, row);
        wmem_free(NULL, service);
        wmem_free(NULL, peer);
        g_string_free(found.names, TRUE);
    }
}

/* The calls are known once the capture has been read: the table is made
 * on the first frame of a later pass (the GUI's retap, tshark -2). */
static tap_packet_status
calls_packet(void *data, packet_info *pinfo, epan_dissect_t *edt _U_, const void *unused _U_,
             tap_flags_t flags _U_)
{
    stat_data_t *stat_data = (stat_data_t *)data;
    stat_tap_table *table = g_array_index(stat_data->stat_tap_data->tables, stat_tap_table *, 0);
    if (!PINFO_FD_VISITED(pinfo) || table->num_elements > 0)
        return TAP_PACKET_DONT_REDRAW;
    capture_is_read();
    fill_calls(table);
    return TAP_PACKET_REDRAW;
}

static void
calls_reset(stat_tap_table *table)
{
    /* The rows are made anew from the model on the next pass. */
    for (guint row = 0; row < table->num_elements; row++) {
        for (guint col = 0; col < table->num_fields; col++) {
            stat_tap_table_item_type *item = stat_tap_get_field_data(table, row, col);
            if (item->type == TABLE_ITEM_STRING)
                g_free((char *)item->value.string_value);
        }
        g_free(table->elements[row]);
    }
    g_free(table->elements);
    table->elements = NULL;
    table->num_elements = 0;
}

static void
calls_free_item(stat_tap_table *table _U_, guint row _U_, guint column _U_,
                stat_tap_table_item_type *item)
{
    if (item->type == TABLE_ITEM_STRING)
        g_free((char *)item->value.string_value);
}

/* At exit, before Wireshark unloads the plugin: the Calls table and its
 * rows. tshark's -z pexip,calls never frees the tables it asked the plugin
 * to make (Wireshark's own tables live in libwireshark, still reachable at
 * exit); the GUI's dialog has freed its rows already (free_stat_tables
 * leaves the list empty). Without this, the list and every row string
 * are lost when the plugin's memory goes (LeakSanitizer, issue 16). */
static void
calls_shutdown(void)
{
    if (!calls_table_ui.tables)
        return;
    free_stat_tables(&calls_table_ui);
    g_array_free(calls_table_ui.tables, TRUE);
    calls_table_ui.tables = NULL;
}

void
pexip_report_register(pexip_capture_read_fn read)
{
    static stat_tap_ui report_ui = {
        REGISTER_STAT_GROUP_GENERIC, "Pexip report", "pexip,report", report_init, 0, NULL
    };
    capture_read = read;
    pexip_tap = register_tap("pexip");
    register_stat_tap_ui(&report_ui, NULL);

    calls_table_ui.group = REGISTER_STAT_GROUP_GENERIC;
    calls_table_ui.title = "Pexip calls";
    calls_table_ui.tap_name = "pexip";
    calls_table_ui.cli_string = "pexip,calls";
    calls_table_ui.stat_tap_init_cb = calls_init;
    calls_table_ui.packet_func = calls_packet;
    calls_table_ui.stat_tap_reset_table_cb = calls_reset;
    calls_table_ui.stat_tap_free_table_item_cb = calls_free_item;
    calls_table_ui.nfields = COLUMNS;
    calls_table_ui.fields = calls_fields;
    register_stat_tap_table_ui(&calls_table_ui);
    register_shutdown_routine(calls_shutdown);
}

/* pexip-findings-dump.c
 * Prints the findings table, one row per line, tab-separated: name,
 * severity, group, scope, pass, summary, advice. The tests check
 * docs/fields.md against it, and the Lua fallback's table is generated
 * from it, so neither can drift from the plugin.
 *
 *   build/plugin/pexip-findings-table
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include "pexip-findings.h"

int
main(void)
{
    printf("name\tseverity\tgroup\tscope\tpass\tsummary\tadvice\n");
    for (guint i = 0; i < PEXIP_FINDING_COUNT; i++) {
        const pexip_finding_info_t *row = &pexip_findings[i];
        printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", row->name,
               pexip_finding_severity_name(row->severity), pexip_finding_group_name(row->group),
               pexip_finding_scope_name(row->scope), pexip_finding_pass_name(row->pass),
               row->summary, row->advice);
    }
    return 0;
}

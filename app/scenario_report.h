/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a scenario run reports besides its verdict (app/scenario_report.c),
 * for the executor: the statistics lines people and `faultsim matrix`
 * read.  Built with the kernel side, as the executor is.
 */
#ifndef FAULTSIM_SCENARIO_REPORT_H
#define FAULTSIM_SCENARIO_REPORT_H

#include <stdio.h>

/* "vmstat deltas:", every event counter since @start[] */
void scenario_report_vmstat(FILE *out, const unsigned long *start);
/* "hints: ..." and, with DAMON, "damon-reports: ..." */
void scenario_report_hints(FILE *out);
#ifdef CONFIG_DAMON
/* DAMON's last aggregation and its accuracy, after damon_stop @where */
void scenario_report_damon(FILE *out, const char *where);
#endif

#endif /* FAULTSIM_SCENARIO_REPORT_H */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The statistics a scenario run prints (app/scenario_report.h): vmstat
 * deltas, who installed hints and who ended them, what DAMON's report
 * sink did, and DAMON's regions and accuracy.  The "hints",
 * "damon-reports" and "damon-accuracy" lines are read by the matrix.
 */
#include <stdint.h>
#include <stdio.h>
#include <linux/vmstat.h>
#include <linux/timekeeping.h>
#include <kshim/kshim.h>
#include <kshim/inject_table.h>
#include "sim/sched.h"
#include "oracles/hint_owner.h"
#include "app/scenario_report.h"
#ifdef CONFIG_DAMON
#include "damon_core/sim_damon.h"
#include "damon_core/report.h"
#endif

/*
 * Who installed the hints of the run and which consumers' endpoints
 * fired in the faults that ended them (oracles/hint_owner.c: "to NUMA",
 * "to DAMON", "to both", "to none"), and what DAMON's report sink did
 * with the reports; "hints" and "damon-reports" lines the matrix reads.
 */
void scenario_report_hints(FILE *out)
{
	const struct hint_stats *h = hint_owner_stats();
	int o, c;

	fprintf(out, "hints:");
	for (o = HINT_OWNER_NONE; o < HINT_NR_OWNERS; o++) {
		if (!h->installed[o] && o != HINT_OWNER_NUMA &&
		    o != HINT_OWNER_DAMON)
			continue;
		fprintf(out, " %s installed %llu", hint_owner_names[o],
			(unsigned long long)h->installed[o]);
		for (c = HINT_EFFECT_NONE; c < HINT_NR_EFFECTS; c++)
			if (h->resolved[o][c])
				fprintf(out, ", to %s %llu",
					hint_effect_names[c],
					(unsigned long long)h->resolved[o][c]);
		fprintf(out, ";");
	}
	fprintf(out, " virtual time %llu ns\n",
		(unsigned long long)ktime_get_ns());
	/* findings the design accepts (designs/design.h), counted */
	for (c = 0, o = 0; c < NR_ROUTING_KINDS; c++)
		if (h->accepted[c])
			fprintf(out, "%s %s %llu", o++ ? "," :
				"routing-accepted:", routing_kind_names[c],
				(unsigned long long)h->accepted[c]);
	if (o)
		fputc('\n', out);
#ifdef CONFIG_DAMON
	{
		const struct faultsim_report_stats *r =
			faultsim_report_sink_stats();

		fprintf(out, "damon-reports: reported %llu stored %llu "
			"dropped_contended %llu dropped_full %llu "
			"hidden_by_wrap %llu counted %llu\n",
			(unsigned long long)r->reported,
			(unsigned long long)r->stored,
			(unsigned long long)r->dropped_contended,
			(unsigned long long)r->dropped_full,
			(unsigned long long)r->hidden_by_wrap,
			(unsigned long long)r->counted);
	}
#endif
	/* run --inject: what the run armed and which of them failed */
	if (sim_inject_armed()) {
		char armed[128], failed[128];

		kshim_inject_format(sim_inject_armed(), armed, sizeof(armed));
		kshim_inject_format(sim_inject_failed(), failed,
				    sizeof(failed));
		fprintf(out, "injected: failed %s; armed %s, %llu choices\n",
			failed[0] ? failed : "none", armed,
			(unsigned long long)sim_inject_choices());
	}
}

/*
 * Printed at the end of every explored schedule (and hashed into its
 * trace), so without fprintf: each line's padded name is formatted once,
 * the number by hand -- the same bytes as "  %-26s %lu\n".
 */
void scenario_report_vmstat(FILE *out, const unsigned long *start)
{
	static char label[NR_VM_EVENT_ITEMS][32];
	static int label_len[NR_VM_EVENT_ITEMS];
	char num[24];
	int i, n;

	if (!label_len[0])
		for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
			label_len[i] = snprintf(label[i], sizeof(label[i]),
						"  %-26s ",
						kshim_vm_event_name(i));
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)	/* a longer name: a wider label */
		BUG_ON(label_len[i] >= (int)sizeof(label[i]));
	fputs("vmstat deltas:\n", out);
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++) {
		unsigned long d = kshim_vm_event_read(i) - start[i];

		n = sizeof(num);
		num[--n] = '\n';
		do {
			num[--n] = (char)('0' + d % 10);
			d /= 10;
		} while (d);
		fwrite(label[i], 1, (size_t)label_len[i], out);
		fwrite(num + n, 1, sizeof(num) - (size_t)n, out);
	}
}

#ifdef CONFIG_DAMON
/* DAMON's last aggregation, after damon_stop (sim_damon.h) */
void scenario_report_damon(FILE *out, const char *where)
{
	const struct damon_sim_stats *st = damon_sim_stats();
	const struct damon_sim_region *r;
	int i, nr = damon_sim_last_regions(&r);
	uint64_t t_ns = 0;

	if (nr >= 0)
		damon_sim_aggregation(damon_sim_nr_aggregations() - 1, &r,
				      &t_ns);
	fprintf(out, "damon %s (%s): %u aggregation(s), %lu sample(s)",
		where, damon_sim_ops_names[damon_sim_last_ops()],
		damon_sim_nr_aggregations(), st->samples);
	if (damon_sim_ops_fault(damon_sim_last_ops()))
		fprintf(out, ", %lu install(s), %lu hinted, %lu "
			"unmapped, %lu inaccessible, %lu mmap busy, %lu "
			"error(s)", st->installs, st->hinted, st->no_mapping,
			st->inaccessible, st->mmap_busy, st->install_errors);
	fputc('\n', out);
	/* "damon-accuracy": the matrix reads it */
	fprintf(out, "damon-accuracy: accessed and counted %lu, accessed "
		"not counted %lu, counted not accessed %lu, neither %lu\n",
		st->truth_counted, st->truth_missed, st->false_counted,
		st->truth_idle);
	if (nr < 0)
		return;
	fprintf(out, "damon regions at %llu.%06llu ms (last "
		"aggregation):\n", (unsigned long long)(t_ns / 1000000),
		(unsigned long long)(t_ns % 1000000));
	fprintf(out, "  %-18s %-18s %11s %11s %5s\n", "start", "end",
		"size", "nr_accesses", "age");
	for (i = 0; i < nr; i++)
		fprintf(out, "  %#-18lx %#-18lx %11lu %11u %5u\n",
			r[i].start, r[i].end, r[i].end - r[i].start,
			r[i].nr_accesses, r[i].age);
	if (!nr && !damon_sim_ops_physical(damon_sim_last_ops()))
		fprintf(out, "  (no regions: 6.12's "
			"__damon_va_three_regions() needs three or more VMAs "
			"with gaps between them)\n");
}
#endif

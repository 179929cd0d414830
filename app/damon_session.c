// SPDX-License-Identifier: GPL-2.0-only
/*
 * A scenario's DAMON session as a damo record and a picture: its
 * aggregations (damon_sim_aggregation()), the pages the MMU saw
 * accessed between them (damon_sim_aggregation_truth()), and per
 * aggregation the sample verdicts against that truth.
 */
#include <stdio.h>
#include <stdlib.h>
#include "app/cli_args.h"
#include "app/damo_record.h"
#include "app/damon_pictures.h"
#include "app/damon_session.h"
#include "app/svg.h"
#include "sim/sched.h"
#ifdef FAULTSIM_HAS_DAMON
#include "damon_core/sim_damon.h"
#endif

#ifdef FAULTSIM_HAS_DAMON
/* the session's aggregations as the demo's record; @p its axes */
static void session_record(struct synth_record *rec, struct synth_params *p)
{
	const struct damon_sim_attrs *a = damon_sim_last_attrs();
	unsigned int n = damon_sim_nr_aggregations(), i;
	int j;

	*p = (struct synth_params){ .start = ~0UL,
				    .sample_us = a->sample_us,
				    .aggr_us = a->aggr_us,
				    .ops_update_us = DAMON_SIM_OPS_UPDATE_US };
	rec->nr_snapshots = rec->max_snapshots = (int)n;
	rec->snapshots = calloc(n ? n : 1, sizeof(*rec->snapshots));
	if (!rec->snapshots)
		sim_out_of_memory("the DAMON record");
	for (i = 0; i < n; i++) {
		const struct damon_sim_region *r;
		struct synth_snapshot *s = &rec->snapshots[i];
		int nr = damon_sim_aggregation(i, &r, &s->time_ns);

		s->regions = calloc(nr > 0 ? nr : 1, sizeof(*s->regions));
		if (!s->regions)
			sim_out_of_memory("the DAMON record");
		for (j = 0; j < nr; j++) {
			s->regions[j] = (struct synth_region){
				r[j].start, r[j].end, r[j].nr_accesses, r[j].age
			};
			if (r[j].start < p->start)
				p->start = r[j].start;
			if (r[j].end > p->end)
				p->end = r[j].end;
		}
		s->nr_regions = nr > 0 ? nr : 0;
	}
	if (p->start > p->end)
		p->start = p->end;
}

static void record_free(struct synth_record *rec)
{
	int i;

	for (i = 0; i < rec->nr_snapshots; i++)
		free(rec->snapshots[i].regions);
	free(rec->snapshots);
}

static int by_start(const void *a, const void *b)
{
	const struct svg_yseg *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * The address ranges any snapshot's regions cover, merged: the y axis,
 * without the gaps between a task's VMAs (terabytes for vaddr)
 */
static struct svg_yseg *record_segs(const struct synth_record *rec, int *nr)
{
	size_t n = 0, i, k = 0;
	struct svg_yseg *g;
	int s, j;

	for (s = 0; s < rec->nr_snapshots; s++)
		n += rec->snapshots[s].nr_regions;
	g = calloc(n ? n : 1, sizeof(*g));
	if (!g)
		sim_out_of_memory("the DAMON picture");
	for (s = 0; s < rec->nr_snapshots; s++)
		for (j = 0; j < rec->snapshots[s].nr_regions; j++)
			g[k++] = (struct svg_yseg){
				rec->snapshots[s].regions[j].start,
				rec->snapshots[s].regions[j].end
			};
	qsort(g, n, sizeof(*g), by_start);
	for (i = 0, k = 0; i < n; i++) {
		if (k && g[i].start <= g[k - 1].end) {
			if (g[i].end > g[k - 1].end)
				g[k - 1].end = g[i].end;
		} else {
			g[k++] = g[i];
		}
	}
	*nr = (int)k;
	return g;
}

static int session_picture(const char *path, const struct synth_params *p,
			   const struct synth_record *rec, const char *scenario,
			   const char *design)
{
	int n = rec->nr_snapshots, i, j, ret;
	size_t nr = 0, cap = 0;
	struct svg_cell *truth = NULL;
	double *acc = calloc(DAMON_ACC_NR * (size_t)(n ? n : 1), sizeof(*acc));
	unsigned long prev[DAMON_ACC_NR] = { 0 };
	char title[512];
	struct damon_view v;
	int nr_segs;
	struct svg_yseg *segs = record_segs(rec, &nr_segs);

	if (!acc)
		sim_out_of_memory("the DAMON picture");
	for (i = 0; i < n; i++) {
		const struct damon_sim_truth *t;
		const struct damon_sim_stats *st;
		double x0 = damon_snap_start_ms(p->aggr_us, rec, i);
		double x1 = rec->snapshots[i].time_ns / 1e6;
		int nt = damon_sim_aggregation_truth(i, &t, &st);
		unsigned long now[DAMON_ACC_NR] = { st->truth_counted,
						    st->truth_missed,
						    st->false_counted,
						    st->truth_idle };

		for (j = 0; j < DAMON_ACC_NR; j++) {
			acc[j * n + i] = now[j] - prev[j];
			prev[j] = now[j];
		}
		for (j = 0; j < nt; j++) {
			if (nr == cap) {
				cap = cap ? 2 * cap : 64;
				truth = realloc(truth, cap * sizeof(*truth));
				if (!truth)
					sim_out_of_memory("the DAMON picture");
			}
			truth[nr++] =
				(struct svg_cell){ x0, x1, t[j].start, t[j].end,
						   t[j].accessed };
		}
	}
	snprintf(title, sizeof(title),
		 "DAMON (%s) in %s, design %s: "
		 "regions, ground truth, accuracy",
		 damon_sim_ops_names[damon_sim_last_ops()], scenario, design);
	v = (struct damon_view){
		.title = title,
		.start = p->start,
		.end = p->end,
		.segs = segs,
		.nr_segs = nr_segs,
		.sample_us = p->sample_us,
		.aggr_us = p->aggr_us,
		.rec = rec,
		.truth_title = "ground truth: pages the MMU saw accessed",
		.truth = truth,
		.nr_truth = nr,
		.truth_vmax = 1,
		.acc_title = "sample verdicts per aggregation (region samples)",
		.acc = acc,
	};
	ret = damon_pictures_write_view(path, &v);
	free(segs);
	free(truth);
	free(acc);
	return ret;
}

#endif /* FAULTSIM_HAS_DAMON */

/*
 * One definition of each entry point in every kconfig's binary, the
 * kconfig inside: gcovr merges a function's counts over the binaries
 * only where it stands at the same line in each
 */
int damon_session_prepare(const char *damo_record, const char *heatmap)
{
#ifdef FAULTSIM_HAS_DAMON
	(void)damo_record;
	/* the truth walks every page of the regions: only when drawn */
	damon_sim_record_truth(heatmap != NULL);
	return EXIT_OK;
#else
	if (damo_record || heatmap)
		return cli_usage_error("--%s: this build's kconfig (%s) has no "
				       "CONFIG_DAMON (try --kconfig full)",
				       heatmap ? "heatmap" : "damo-record",
				       FAULTSIM_KCONFIG);
	return EXIT_OK;
#endif
}

int damon_session_write(const char *damo_record, const char *heatmap,
			const char *scenario, const char *design)
{
#ifdef FAULTSIM_HAS_DAMON
	struct synth_record rec;
	struct synth_params p;
	int ret = EXIT_OK;

	if (!damo_record && !heatmap)
		return EXIT_OK;
	if (!damon_sim_nr_aggregations())
		return cli_usage_error("--%s: the run had no DAMON "
				       "aggregation to write",
				       heatmap ? "heatmap" : "damo-record");
	session_record(&rec, &p);
	if (damo_record && damo_record_write(damo_record, &p, &rec))
		ret = EXIT_USAGE;
	if (heatmap && session_picture(heatmap, &p, &rec, scenario, design))
		ret = EXIT_USAGE;
	record_free(&rec);
	return ret;
#else
	(void)damo_record;
	(void)heatmap;
	(void)scenario;
	(void)design;
	return EXIT_OK;
#endif
}

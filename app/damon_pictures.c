// SPDX-License-Identifier: GPL-2.0-only
/*
 * A DAMON session as pictures (app/svg.c draws them): each snapshot's
 * regions coloured by nr_accesses beside the accesses that really
 * happened, and how many bytes DAMON got right per aggregation.
 */
#include <stdbool.h>
#include <stdlib.h>
#include "app/cli_args.h"
#include "app/damon_pictures.h"
#include "app/svg.h"
#include "sim/sched.h"

static uint64_t overlap(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
	uint64_t lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;

	return hi > lo ? hi - lo : 0;
}

void damon_accuracy_synth(const struct synth_params *p,
			  const struct synth_snapshot *s,
			  uint64_t bytes[DAMON_ACC_NR])
{
	int i, k;

	for (k = 0; k < DAMON_ACC_NR; k++)
		bytes[k] = 0;
	for (i = 0; i < s->nr_regions; i++) {
		const struct synth_region *r = &s->regions[i];
		uint64_t hot =
			overlap(r->start, r->end, p->hot_start, p->hot_end);
		uint64_t cold = r->end - r->start - hot;
		bool counted = r->nr_accesses > 0;

		bytes[counted ? DAMON_ACC_ACCESSED_COUNTED :
				DAMON_ACC_MISSED] += hot;
		bytes[counted ? DAMON_ACC_COUNTED_IDLE : DAMON_ACC_IDLE] +=
			cold;
	}
}

double damon_snap_start_ms(unsigned long aggr_us,
			   const struct synth_record *rec, int i)
{
	uint64_t end = rec->snapshots[i].time_ns;
	uint64_t aggr = (uint64_t)aggr_us * 1000;

	if (i)
		return rec->snapshots[i - 1].time_ns / 1e6;
	return (end > aggr ? end - aggr : 0) / 1e6;
}

#define PIC_W 1000
#define MAP_W 500
#define MAP_H 320
#define BARS_H 260

void damon_pictures_draw(FILE *f, const struct damon_view *v)
{
	static const char *const names[DAMON_ACC_NR] = {
		"accessed & counted",
		"missed (accessed, not counted)",
		"counted, not accessed",
		"not accessed, not counted",
	};
	static const char *const colours[DAMON_ACC_NR] = {
		"#2b8a3e",
		"#e03131",
		"#f59f00",
		"#ced4da",
	};
	const struct synth_record *rec = v->rec;
	int n = rec->nr_snapshots, i, j, k;
	size_t nr = 0;
	struct svg_cell *damon;
	char(*labels)[16];
	const char **label_ptrs;
	struct svg_series series[DAMON_ACC_NR];
	struct svg_heatmap map;
	struct svg_bars bars;

	for (i = 0; i < n; i++)
		nr += rec->snapshots[i].nr_regions;
	damon = calloc(nr ? nr : 1, sizeof(*damon));
	labels = calloc(n ? n : 1, sizeof(*labels));
	label_ptrs = calloc(n ? n : 1, sizeof(*label_ptrs));
	if (!damon || !labels || !label_ptrs)
		sim_out_of_memory("the DAMON pictures");
	nr = 0;
	for (i = 0; i < n; i++) {
		const struct synth_snapshot *s = &rec->snapshots[i];
		double x0 = damon_snap_start_ms(v->aggr_us, rec, i);
		double x1 = s->time_ns / 1e6;

		for (j = 0; j < s->nr_regions; j++)
			damon[nr++] =
				(struct svg_cell){ x0, x1, s->regions[j].start,
						   s->regions[j].end,
						   s->regions[j].nr_accesses };
		snprintf(labels[i], sizeof(labels[i]), "%d", i + 1);
		label_ptrs[i] = labels[i];
	}

	svg_begin(f, PIC_W, MAP_H + BARS_H + 20, v->title);
	map = (struct svg_heatmap){
		.id = "damon-regions",
		.title = "DAMON regions: nr_accesses per aggregation",
		.xlabel = "virtual time (ms)",
		.ylabel = "address",
		.xmin = n ? damon_snap_start_ms(v->aggr_us, rec, 0) : 0,
		.xmax = n ? rec->snapshots[n - 1].time_ns / 1e6 : 1,
		.ymin = v->start,
		.ymax = v->end,
		.segs = v->segs,
		.nr_segs = v->nr_segs,
		.vmax = (double)v->aggr_us / v->sample_us,
		.cells = damon,
		.nr_cells = nr,
	};
	svg_heatmap(f, 0, 0, MAP_W, MAP_H, &map);
	map.id = "ground-truth";
	map.title = v->truth_title;
	map.cells = v->truth;
	map.nr_cells = v->nr_truth;
	map.vmax = v->truth_vmax;
	svg_heatmap(f, MAP_W, 0, MAP_W, MAP_H, &map);
	for (k = 0; k < DAMON_ACC_NR; k++)
		series[k] = (struct svg_series){ names[k], colours[k],
						 v->acc + k * n };
	bars = (struct svg_bars){
		.id = "damon-accuracy",
		.title = v->acc_title,
		.ylabel = v->acc_title,
		.labels = label_ptrs,
		.nr_bars = n,
		.series = series,
		.nr_series = DAMON_ACC_NR,
	};
	svg_stacked_bars(f, 0, MAP_H + 10, PIC_W, BARS_H, &bars);
	svg_end(f);
	free(damon);
	free(labels);
	free(label_ptrs);
}

void damon_pictures_synth(FILE *f, const struct synth_params *p,
			  const struct synth_record *rec)
{
	int n = rec->nr_snapshots, i, k;
	double max_samples = (double)p->aggr_us / p->sample_us;
	struct svg_cell *truth;
	double *vals;
	struct damon_view v;

	truth = calloc(3 * (size_t)(n ? n : 1), sizeof(*truth));
	vals = calloc(DAMON_ACC_NR * (size_t)(n ? n : 1), sizeof(*vals));
	if (!truth || !vals)
		sim_out_of_memory("the DAMON pictures");
	for (i = 0; i < n; i++) {
		const struct synth_snapshot *s = &rec->snapshots[i];
		double x0 = damon_snap_start_ms(p->aggr_us, rec, i);
		double x1 = s->time_ns / 1e6;
		uint64_t acc[DAMON_ACC_NR];

		/* the synthetic ops: the hot range at every sample */
		truth[3 * i] =
			(struct svg_cell){ x0, x1, p->start, p->hot_start, 0 };
		truth[3 * i + 1] = (struct svg_cell){ x0, x1, p->hot_start,
						      p->hot_end, max_samples };
		truth[3 * i + 2] =
			(struct svg_cell){ x0, x1, p->hot_end, p->end, 0 };
		damon_accuracy_synth(p, s, acc);
		for (k = 0; k < DAMON_ACC_NR; k++)
			vals[k * n + i] = acc[k] / (double)(1 << 20);
	}
	v = (struct damon_view){
		.title = "DAMON (mm/damon/core.c on the synthetic ops): "
			 "regions, ground truth, accuracy",
		.start = p->start,
		.end = p->end,
		.sample_us = p->sample_us,
		.aggr_us = p->aggr_us,
		.rec = rec,
		.truth_title = "ground truth: accesses per aggregation "
			       "(samples)",
		.truth = truth,
		.nr_truth = 3 * (size_t)n,
		.truth_vmax = max_samples,
		.acc_title = "DAMON accuracy per aggregation (MiB)",
		.acc = vals,
	};
	damon_pictures_draw(f, &v);
	free(truth);
	free(vals);
}

int damon_pictures_write(const char *path, const struct synth_params *p,
			 const struct synth_record *rec)
{
	FILE *f = fopen(path, "w");
	bool bad;

	if (!f)
		return cli_usage_error("--heatmap %s: %m", path);
	damon_pictures_synth(f, p, rec);
	bad = ferror(f);
	if (fclose(f) || bad)
		return cli_usage_error("--heatmap %s: cannot write it", path);
	return 0;
}

int damon_pictures_write_view(const char *path, const struct damon_view *v)
{
	FILE *f = fopen(path, "w");
	bool bad;

	if (!f)
		return cli_usage_error("--heatmap %s: %m", path);
	damon_pictures_draw(f, v);
	bad = ferror(f);
	if (fclose(f) || bad)
		return cli_usage_error("--heatmap %s: cannot write it", path);
	return 0;
}

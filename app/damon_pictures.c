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

/* the x axis in ms: snapshot @i covers the aggregation ending at it */
static double snap_start_ms(const struct synth_params *p,
			    const struct synth_record *rec, int i)
{
	uint64_t end = rec->snapshots[i].time_ns;
	uint64_t aggr = (uint64_t)p->aggr_us * 1000;

	if (i)
		return rec->snapshots[i - 1].time_ns / 1e6;
	return (end > aggr ? end - aggr : 0) / 1e6;
}

#define PIC_W 1000
#define MAP_W 500
#define MAP_H 320
#define BARS_H 260

void damon_pictures_synth(FILE *f, const struct synth_params *p,
			  const struct synth_record *rec)
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
	int n = rec->nr_snapshots, i, j, k;
	size_t nr = 0;
	struct svg_cell *damon, *truth;
	double *vals, max_samples = (double)p->aggr_us / p->sample_us;
	char(*labels)[16];
	const char **label_ptrs;
	struct svg_series series[DAMON_ACC_NR];
	struct svg_heatmap map;
	struct svg_bars bars;

	for (i = 0; i < n; i++)
		nr += rec->snapshots[i].nr_regions;
	damon = calloc(nr ? nr : 1, sizeof(*damon));
	truth = calloc(3 * (size_t)(n ? n : 1), sizeof(*truth));
	vals = calloc(DAMON_ACC_NR * (size_t)(n ? n : 1), sizeof(*vals));
	labels = calloc(n ? n : 1, sizeof(*labels));
	label_ptrs = calloc(n ? n : 1, sizeof(*label_ptrs));
	if (!damon || !truth || !vals || !labels || !label_ptrs)
		sim_out_of_memory("the DAMON pictures");

	nr = 0;
	for (i = 0; i < n; i++) {
		const struct synth_snapshot *s = &rec->snapshots[i];
		double x0 = snap_start_ms(p, rec, i), x1 = s->time_ns / 1e6;
		uint64_t acc[DAMON_ACC_NR];

		for (j = 0; j < s->nr_regions; j++)
			damon[nr++] =
				(struct svg_cell){ x0, x1, s->regions[j].start,
						   s->regions[j].end,
						   s->regions[j].nr_accesses };
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
		snprintf(labels[i], sizeof(labels[i]), "%d", i + 1);
		label_ptrs[i] = labels[i];
	}

	svg_begin(f, PIC_W, MAP_H + BARS_H + 20,
		  "DAMON (mm/damon/core.c on the synthetic ops): regions, "
		  "ground truth, accuracy");
	map = (struct svg_heatmap){
		.id = "damon-regions",
		.title = "DAMON regions: nr_accesses per aggregation",
		.xlabel = "virtual time (ms)",
		.ylabel = "address",
		.xmin = n ? snap_start_ms(p, rec, 0) : 0,
		.xmax = n ? rec->snapshots[n - 1].time_ns / 1e6 : 1,
		.ymin = p->start,
		.ymax = p->end,
		.vmax = max_samples,
		.cells = damon,
		.nr_cells = nr,
	};
	svg_heatmap(f, 0, 0, MAP_W, MAP_H, &map);
	map.id = "ground-truth";
	map.title = "ground truth: accesses per aggregation (samples)";
	map.cells = truth;
	map.nr_cells = 3 * (size_t)n;
	svg_heatmap(f, MAP_W, 0, MAP_W, MAP_H, &map);
	for (k = 0; k < DAMON_ACC_NR; k++)
		series[k] = (struct svg_series){ names[k], colours[k],
						 vals + k * n };
	bars = (struct svg_bars){
		.id = "damon-accuracy",
		.title = "DAMON accuracy per aggregation (MiB)",
		.ylabel = "MiB",
		.labels = label_ptrs,
		.nr_bars = n,
		.series = series,
		.nr_series = DAMON_ACC_NR,
	};
	svg_stacked_bars(f, 0, MAP_H + 10, PIC_W, BARS_H, &bars);
	svg_end(f);
	free(damon);
	free(truth);
	free(vals);
	free(labels);
	free(label_ptrs);
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

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The pictures of a DAMON session (docs/outputs.md): its regions beside
 * the ground truth as heatmaps, and its accuracy per aggregation.
 */
#ifndef FAULTSIM_APP_DAMON_PICTURES_H
#define FAULTSIM_APP_DAMON_PICTURES_H

#include <stdint.h>
#include <stdio.h>
#include "damon_core/synthetic_ops.h"

/* Bytes of one snapshot, by truth (accessed) and by DAMON (counted) */
enum damon_accuracy_kind {
	DAMON_ACC_ACCESSED_COUNTED, /* accessed, nr_accesses > 0 */
	DAMON_ACC_MISSED, /* accessed, nr_accesses == 0 */
	DAMON_ACC_COUNTED_IDLE, /* not accessed, nr_accesses > 0 */
	DAMON_ACC_IDLE, /* neither */
	DAMON_ACC_NR,
};

/*
 * @s's regions against the synthetic ops' truth (@p: the hot range is
 * accessed at every sample, the rest never) into @bytes.
 */
void damon_accuracy_synth(const struct synth_params *p,
			  const struct synth_snapshot *s,
			  uint64_t bytes[DAMON_ACC_NR]);
struct svg_cell;
struct svg_yseg;

/* What a picture shows: DAMON's snapshots, the truth, the accuracy */
struct damon_view {
	const char *title;
	unsigned long start, end; /* the address axis */
	const struct svg_yseg *segs; /* or these ranges of it */
	int nr_segs;
	unsigned long sample_us, aggr_us;
	const struct synth_record *rec; /* DAMON's snapshots */
	const char *truth_title;
	const struct svg_cell *truth; /* x in ms, as the snapshots */
	size_t nr_truth;
	double truth_vmax;
	const char *acc_title;
	const double *acc; /* [kind * nr_snapshots + snapshot] */
};

/* @v as one SVG into @f: the two heatmaps side by side, the bars below */
void damon_pictures_draw(FILE *f, const struct damon_view *v);
/* The heatmaps and the accuracy chart of @rec as one SVG into @f */
void damon_pictures_synth(FILE *f, const struct synth_params *p,
			  const struct synth_record *rec);
/* The same to @path; 0, or EXIT_USAGE after one line */
int damon_pictures_write(const char *path, const struct synth_params *p,
			 const struct synth_record *rec);
/* @v to @path; 0, or EXIT_USAGE after one line */
int damon_pictures_write_view(const char *path, const struct damon_view *v);
/* the x of snapshot @i's start (ms): the aggregation ending at it */
double damon_snap_start_ms(unsigned long aggr_us,
			   const struct synth_record *rec, int i);

#endif

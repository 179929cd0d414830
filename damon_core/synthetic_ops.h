/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A synthetic DAMON operations set: one target with a fixed address
 * range and a "hot" sub-range that is accessed on every sample.  It lets
 * the real kdamond (mm/damon/core.c) run on the virtual clock before the
 * address-space models exist, and gives runs whose only randomness is
 * DAMON's own (sampling addresses, region splits).
 */
#ifndef FAULTSIM_DAMON_SYNTHETIC_OPS_H
#define FAULTSIM_DAMON_SYNTHETIC_OPS_H

#include <stdint.h>

struct damon_ctx;

struct synth_region {
	unsigned long start;
	unsigned long end;
	unsigned int nr_accesses;
	unsigned int age;
};

struct synth_params {
	unsigned long start, end;		/* monitored range */
	unsigned long hot_start, hot_end;	/* always accessed */
	unsigned long sample_us, aggr_us, ops_update_us;
	unsigned long min_nr_regions, max_nr_regions;
};

struct synth_snapshot {
	uint64_t time_ns;			/* at aggregation */
	int nr_regions;
	struct synth_region *regions;
};

struct synth_record {
	int max_snapshots;
	int nr_snapshots;
	int max_regions;			/* per snapshot */
	struct synth_snapshot *snapshots;
};

/* Default parameters: 1 GiB at 4 GiB, the second 64 MiB hot. */
void synth_default_params(struct synth_params *p);
/*
 * Runs a real kdamond with the synthetic ops for @nr_aggregations
 * aggregation intervals of virtual time, recording each aggregation's
 * regions into @rec.  Must run inside a simulated task.  Returns 0, or a
 * negative errno from damon_start()/damon_stop().
 */
int synth_run_kdamond(const struct synth_params *p, int nr_aggregations,
		      struct synth_record *rec);

#endif

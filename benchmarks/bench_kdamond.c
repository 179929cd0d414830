// SPDX-License-Identifier: GPL-2.0-only
/*
 * Figures for the foundation: simulated boots per second (kernel-data
 * restore, slab reset, initcalls), and the real kdamond's speed on the
 * virtual clock (sample intervals per wall second).  Wall-clock time is
 * read here only, never inside a simulated run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "damon_core/synthetic_ops.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct synth_params params;
static int nr_aggr;

static int kdamond_task(void *arg)
{
	*(int *)arg = synth_run_kdamond(&params, nr_aggr, NULL);
	return 0;
}

int main(void)
{
	const int boots = 2000;
	double t0, t1;
	int i, err = 0;

	t0 = now_s();
	for (i = 0; i < boots; i++) {
		sim_reset(i);
		if (kshim_boot() || sim_run(UINT64_MAX) != SIM_RUN_DONE) {
			fprintf(stderr, "bench: boot failed\n");
			return 1;
		}
	}
	t1 = now_s();
	printf("boot: %d simulated boots in %.1f ms: %.1f us/boot\n", boots,
	       (t1 - t0) * 1e3, (t1 - t0) * 1e6 / boots);

	synth_default_params(&params);
	nr_aggr = 500;
	sim_reset(1);
	kshim_boot();
	sim_run(UINT64_MAX);
	t0 = now_s();
	kshim_spawn("bench", kdamond_task, &err);
	sim_run(UINT64_MAX);
	t1 = now_s();
	if (err) {
		fprintf(stderr, "bench: kdamond run failed: %d\n", err);
		return 1;
	}
	printf("kdamond: %d aggregations (%.0f s virtual, %lu samples) in "
	       "%.1f ms: %.0f samples/s, %.0fx real time, %llu switches\n",
	       nr_aggr, sim_now_ns() / 1e9,
	       nr_aggr * (params.aggr_us / params.sample_us), (t1 - t0) * 1e3,
	       nr_aggr * (params.aggr_us / params.sample_us) / (t1 - t0),
	       sim_now_ns() / 1e9 / (t1 - t0),
	       (unsigned long long)sim_get_stats()->switches);
	return 0;
}

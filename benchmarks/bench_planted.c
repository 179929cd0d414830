// SPDX-License-Identifier: GPL-2.0-only
/*
 * Time to first finding for the planted bug (designs/planted.c,
 * "no-pte-same-recheck") on scenarios/zap-races-hint-fault.json, per
 * strategy, and the cost of shrinking what random finds.  Random and PCT
 * over seeds 1..SEEDS (median and worst); exhaustive is deterministic.
 * Wall clock here only; the runs never read it.  Prints figures; not a
 * test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "designs/planted.h"
#include "app/scenario.h"
#include "app/scenario_exec.h"
#include "sim/shrink.h"
#include "sim/strategy.h"

#define SEEDS 21
#define MAX_RUNS 100000

static struct scenario *scn;
static FILE *devnull;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool config_enabled(const char *symbol)
{
	return true;
}

/* Runs under @s to the first finding; its schedule into @found. */
static uint64_t hunt(struct sim_strategy *s, struct sim_schedule *found)
{
	uint64_t runs = 0;

	scenario_exec_set_strategy(s);
	do {
		runs++;
		if (scenario_run(scn, "bench", 1, "full", config_enabled,
				 devnull) == SCENARIO_FINDING) {
			if (found && sim_schedule_copy(found,
						       sim_strategy_schedule(s)))
				abort();
			break;
		}
	} while (runs < MAX_RUNS && sim_strategy_next_run(s));
	scenario_exec_set_strategy(NULL);
	sim_strategy_destroy(s);
	return runs;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void per_seed(const char *name, bool pct)
{
	uint64_t runs[SEEDS];
	double t0 = now_s(), dt;
	int i;

	for (i = 0; i < SEEDS; i++) {
		struct sim_strategy *s = pct ?
			sim_strategy_pct_create(i + 1, 2, MAX_RUNS, 0) :
			sim_strategy_random_create(i + 1, MAX_RUNS);

		runs[i] = hunt(s, NULL);
	}
	dt = now_s() - t0;
	qsort(runs, SEEDS, sizeof(runs[0]), cmp_u64);
	printf("  %-22s median %6llu runs, worst %6llu; %.2f ms per "
	       "finding (%d seeds)\n", name,
	       (unsigned long long)runs[SEEDS / 2],
	       (unsigned long long)runs[SEEDS - 1], dt * 1e3 / SEEDS, SEEDS);
}

static bool still_fails(void *priv, const struct sim_schedule *cand,
			struct sim_schedule *taken)
{
	struct sim_strategy *s = sim_strategy_replay_create(cand);
	bool fails;

	scenario_exec_set_strategy(s);
	fails = scenario_run(scn, "bench", 1, "full", config_enabled,
			     devnull) == SCENARIO_FINDING;
	scenario_exec_set_strategy(NULL);
	if (fails && sim_schedule_copy(taken, sim_strategy_schedule(s)))
		abort();
	sim_strategy_destroy(s);
	return fails;
}

int main(void)
{
	struct sim_schedule found, small;
	struct sim_shrink_stats st;
	char err[512];
	double t0;
	uint64_t runs;

	devnull = fopen("/dev/null", "w");
	if (!devnull || scenario_load_file(FAULTSIM_ZAP_SCENARIO, &scn, err,
					   sizeof(err))) {
		fprintf(stderr, "bench_planted: %s\n", err);
		return 1;
	}
	if (faultsim_plant("no-pte-same-recheck"))
		return 1;
	printf("planted bug no-pte-same-recheck on zap-races-hint-fault:\n");
	t0 = now_s();
	runs = hunt(sim_strategy_exhaustive_create(2, true), NULL);
	printf("  %-22s %6llu runs, %.2f ms\n", "exhaustive (bound 2)",
	       (unsigned long long)runs, (now_s() - t0) * 1e3);
	per_seed("pct (d=2)", true);
	per_seed("random", false);

	sim_schedule_init(&found);
	sim_schedule_init(&small);
	hunt(sim_strategy_random_create(7, MAX_RUNS), &found);
	t0 = now_s();
	if (sim_shrink(&found, still_fails, NULL, MAX_RUNS, &small, &st))
		return 1;
	printf("  shrink (random seed 7): %u -> %u preemptions, %u -> %u "
	       "choices, %llu replays, %.0f ms\n", st.preemptions_before,
	       st.preemptions_after, st.len_before, st.len_after,
	       (unsigned long long)st.runs, (now_s() - t0) * 1e3);
	sim_schedule_free(&found);
	sim_schedule_free(&small);
	scenario_free(scn);
	faultsim_plant(NULL);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interleaving throughput on a real scenario of the kernel code
 * (benchmarks/hint-scan-sysctl.json: a hint fault vs the NUMA scanner
 * vs a sysctl toggle, three threads): complete schedules/s, context
 * switches/s and scheduling points/s under random, and exhaustive with
 * and without its reduction (local steps and sleep sets) at preemption
 * bounds 1 and 2: the reduction factor.  The same factor on the THP
 * split race (scenarios/thp-split-races-hint-fault.json), whose 512
 * PTE stores and mapcount increments are local steps.  Each exhaustive
 * search also counts its Mazurkiewicz traces: runs per trace is how far
 * the reduction is from optimal (target <= 1.5).
 * Prints figures; not a test.  One core: nothing here runs in parallel.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "sim/sched.h"
#include "app/scenario.h"
#include "app/scenario_exec.h"
#include "sim/strategy.h"

#define RANDOM_RUNS 20000
#define SCALE_RUNS 2000

static bool config_enabled(const char *symbol)
{
	return true;	/* the full kconfig */
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * CPU per schedule of @scn under random with its machine scaled to
 * @pages simulated pages (split evenly over its nodes): the same
 * threads, VMAs and steps, only the memmap grows.  The first schedule,
 * which builds the memmap once for the whole exploration, is timed on
 * its own (*@first).
 */
static double cpu_per_schedule(struct scenario *scn, uint64_t pages,
			       double *first)
{
	FILE *null = fopen("/dev/null", "w");
	struct sim_strategy *s;
	uint64_t runs = 0, max = SCALE_RUNS;
	unsigned int i;
	double t0;

	for (i = 0; i < scn->nr_nodes; i++)
		scn->nodes[i].pages = pages / scn->nr_nodes;
	/* a big machine: fewer runs, still well past the first */
	if (pages > (256u << 10))
		max /= 10;
	s = sim_strategy_random_create(1, max);
	scenario_exec_set_strategy(s);
	t0 = cpu_s();
	do {
		if (scenario_run(scn, "bench", 1, "full", config_enabled,
				 null) != SCENARIO_OK) {
			fprintf(stderr, "bench_scenario: a finding\n");
			exit(1);
		}
		if (!runs++) {
			*first = cpu_s() - t0;
			t0 = cpu_s();
		}
	} while (runs < max && sim_strategy_next_run(s));
	t0 = (cpu_s() - t0) / (runs - 1);
	scenario_exec_set_strategy(NULL);
	sim_strategy_destroy(s);
	fclose(null);
	return t0;
}

/* The per-schedule cost against the machine's size (issue #14 item 2) */
static void scale(struct scenario *scn)
{
	static const uint64_t sizes[] = {
		2u << 10, 20u << 10, 205u << 10, 2u << 20,
	};
	double ms[4], first;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		ms[i] = cpu_per_schedule(scn, sizes[i], &first) * 1e3;
		printf("CPU per schedule at %4llu Ki pages: %8.4f ms "
		       "(the first, which builds the memmap: %.2f ms)\n",
		       (unsigned long long)(sizes[i] >> 10), ms[i],
		       first * 1e3);
	}
	printf("  2 Mi pages / 2 Ki pages: %.2fx (target <= 2x)\n",
	       ms[3] / ms[0]);
}

/* Runs @s under @strat until it is done or @max runs; the figures. */
static uint64_t explore(struct scenario *scn, struct sim_strategy *s,
			uint64_t max, const char *label)
{
	FILE *null = fopen("/dev/null", "w");
	uint64_t runs = 0, switches = 0, points = 0;
	double t0 = now_s(), dt;
	int k;

	scenario_exec_set_strategy(s);
	do {
		if (scenario_run(scn, "bench", 1, "full", config_enabled,
				 null) != SCENARIO_OK) {
			fprintf(stderr, "bench_scenario: a finding\n");
			exit(1);
		}
		runs++;
		switches += sim_get_stats()->switches;
		for (k = 0; k < NR_SIM_POINT_KINDS; k++)
			points += sim_get_stats()->points[k];
	} while (runs < max && sim_strategy_next_run(s));
	scenario_exec_set_strategy(NULL);
	dt = now_s() - t0;
	printf("%-26s %8llu schedules in %6.2f s: %8.0f schedules/s, "
	       "%5.2f M switches/s, %5.2f M points/s\n", label,
	       (unsigned long long)runs, dt, runs / dt, switches / dt / 1e6,
	       points / dt / 1e6);
	if (sim_strategy_kind(s) == SIM_STRAT_EXHAUSTIVE) {
		struct sim_exhaustive_stats st;

		sim_strategy_exhaustive_stats(s, &st);
		printf("  %llu Mazurkiewicz traces: %.2f runs a trace "
		       "(target <= 1.5), %llu sleep-blocked%s\n",
		       (unsigned long long)st.traces,
		       (double)runs / (st.traces ? st.traces : 1),
		       (unsigned long long)st.sleep_blocked,
		       st.exhausted ? "" : ", not finished");
	}
	sim_strategy_destroy(s);
	fclose(null);
	return runs;
}

/* Exhaustive, counting traces; DPOR (bounded POR) on top if @dpor */
static struct sim_strategy *counting(int bound, bool reduction, bool dpor)
{
	struct sim_strategy *s = sim_strategy_exhaustive_create(bound,
								reduction);

	sim_strategy_exhaustive_set_dpor(s, dpor);
	sim_strategy_exhaustive_set_count_traces(s, true);
	return s;
}

static struct scenario *load(const char *path)
{
	struct scenario *scn;
	char err[512];

	if (scenario_load_file(path, &scn, err, sizeof(err))) {
		fprintf(stderr, "bench_scenario: %s\n", err);
		exit(2);
	}
	return scn;
}

/* Exhaustive with Optimal DPOR, counting traces (bounded POR in a bound) */
static struct sim_strategy *optimal(int bound)
{
	struct sim_strategy *s = counting(bound, true, true);

	sim_strategy_exhaustive_set_optimal(s, true);
	return s;
}

/*
 * "bench_scenario optimal": runs a trace of the reductions on the three
 * scenarios of issue 14 at bounds 1 and 2 (local steps + sleep sets,
 * and bounded POR, which --reduction optimal is under a bound) and
 * without a bound (DPOR, Optimal DPOR), each unbounded search cut at
 * OPT_MAX_RUNS runs.
 */
#define OPT_MAX_RUNS 300000

static void optimal_figures(const char *path)
{
	struct scenario *scn = load(path);
	char label[64];
	int bound;

	printf("-- %s\n", scn->name);
	for (bound = 1; bound <= 2; bound++) {
		snprintf(label, sizeof(label), "bound %d local+sleep", bound);
		explore(scn, counting(bound, true, false), UINT64_MAX, label);
		snprintf(label, sizeof(label), "bound %d bounded POR", bound);
		explore(scn, optimal(bound), UINT64_MAX, label);
	}
	explore(scn, counting(-1, true, true), OPT_MAX_RUNS,
		"no bound sleep+DPOR");
	explore(scn, optimal(-1), OPT_MAX_RUNS, "no bound optimal");
	scenario_free(scn);
}

/*
 * Exhaustive within @bound, without and with the reduction (local steps
 * and sleep sets, the default under a bound), and with DPOR
 */
static void reduction(struct scenario *scn, int bound, bool plain_too)
{
	char label[64];
	uint64_t plain = 0, reduced;

	snprintf(label, sizeof(label), "exhaustive bound %d", bound);
	if (plain_too)
		plain = explore(scn, counting(bound, false, false), UINT64_MAX,
				label);
	snprintf(label, sizeof(label), "exhaustive bound %d reduced", bound);
	reduced = explore(scn, counting(bound, true, false), UINT64_MAX,
			  label);
	snprintf(label, sizeof(label), "exhaustive bound %d DPOR", bound);
	explore(scn, counting(bound, true, true), UINT64_MAX, label);
	if (plain_too)
		printf("  reduction factor (runs, %s, bound %d): %.1fx\n",
		       scn->name, bound, (double)plain / reduced);
}


/* "bench_scenario random", "scale" or "optimal": only those figures */
int main(int argc, char **argv)
{
	struct scenario *scn = load(FAULTSIM_BENCH_SCENARIO);
	const char *only = argc > 1 ? argv[1] : "";

	printf("bench_scenario: %s (hint fault vs scanner vs sysctl "
	       "toggle, real kernel code, one core)\n", scn->name);
	if (!strcmp(only, "optimal")) {
		scenario_free(scn);
		optimal_figures(FAULTSIM_BENCH_SCENARIO);
		optimal_figures(FAULTSIM_ZAP_SCENARIO);
		optimal_figures(FAULTSIM_THP_SCENARIO);
		return 0;
	}
	if (!*only || !strcmp(only, "random"))
		explore(scn, sim_strategy_random_create(1, RANDOM_RUNS),
			RANDOM_RUNS, "random");
	if (!*only) {
		reduction(scn, 1, true);
		reduction(scn, 2, true);
	}
	if (!*only || !strcmp(only, "scale"))
		scale(scn);
	scenario_free(scn);
	if (*only)
		return 0;
	/* bound 2 without the reduction: ~42 h */
	scn = load(FAULTSIM_THP_SCENARIO);
	reduction(scn, 1, true);
	reduction(scn, 2, false);
	scenario_free(scn);
	return 0;
}

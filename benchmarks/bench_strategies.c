// SPDX-License-Identifier: GPL-2.0-only
/*
 * Strategy throughput on a tiny 3-thread program (each thread: lock,
 * load, store, unlock on shared objects, plus a private store): context
 * switches/s and complete schedules/s under random, and the exhaustive
 * search's size with and without its reduction (local steps and sleep
 * sets; DPOR without a bound): the reduction factor.
 * Prints figures; not a test.  "bench_strategies random" runs only the
 * random figure (the unbounded exhaustive searches take minutes);
 * "bench_strategies reduced" leaves out the unbounded plain search.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "sim/sched.h"
#include "sim/strategy.h"

struct lk {
	struct sim_thread *owner;
	struct sim_waitq wait;
};

static struct lk lock;
static int shared, priv[3];

static void lk_lock(struct lk *l)
{
	sim_point(SIM_PT_LOCK, l);
	while (l->owner)
		sim_wait(&l->wait, l);
	l->owner = sim_current();
}

static void lk_unlock(struct lk *l)
{
	l->owner = NULL;
	sim_wake_one(&l->wait);
	sim_point(SIM_PT_UNLOCK, l);
}

static int worker(void *arg)
{
	int *mine = arg, v;

	sim_point(SIM_PT_PT_STORE, mine);
	*mine = 1;
	lk_lock(&lock);
	sim_point(SIM_PT_PT_LOAD, &shared);
	v = shared;
	sim_point(SIM_PT_PT_STORE, &shared);
	shared = v + 1;
	lk_unlock(&lock);
	sim_point(SIM_PT_PT_STORE, mine);
	*mine = 2;
	return 0;
}

static void setup(void)
{
	int i;

	sim_reset(1);
	memset(&lock, 0, sizeof(lock));
	shared = 0;
	for (i = 0; i < 3; i++)
		sim_start_thread(sim_thread_create("w", worker, &priv[i],
						   NULL));
}

static double clock_s(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double now(void)
{
	return clock_s(CLOCK_MONOTONIC);
}

/*
 * One pass of 200,000 random schedules; its switches a CPU second (the
 * target's "on one core": on a shared machine the wall clock also
 * counts the time slices other jobs took), the wall figure in *@wall
 */
static double bench_random(double *wall)
{
	struct sim_strategy *s = sim_strategy_random_create(1, 200000);
	uint64_t switches = 0, points = 0, runs = 0;
	double t0 = now(), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID), dt, dc;

	do {
		setup();
		sim_strategy_install(s);
		sim_run(UINT64_MAX);
		switches += sim_get_stats()->switches;
		points += sim_choice_points();
		runs++;
	} while (sim_strategy_next_run(s));
	dt = now() - t0;
	dc = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
	sim_strategy_destroy(s);
	printf("random: %llu schedules in %.2f s (%.2f s CPU): %.0f "
	       "schedules/s, %.1f M switches/s, %.1f M choice points/s; "
	       "%.1f M switches a CPU second\n",
	       (unsigned long long)runs, dt, dc, runs / dt,
	       switches / dt / 1e6, points / dt / 1e6, switches / dc / 1e6);
	*wall = switches / dt;
	return switches / dc;
}

/* @dpor: 1 sleep sets + DPOR, 2 Optimal DPOR (bounded POR in a bound) */
static void bench_exhaustive(int bound, bool reduction, int dpor,
			     struct sim_exhaustive_stats *st)
{
	struct sim_strategy *s = sim_strategy_exhaustive_create(bound,
								reduction);
	double t0 = now(), dt;

	sim_strategy_exhaustive_set_dpor(s, dpor);
	sim_strategy_exhaustive_set_optimal(s, dpor == 2);
	sim_strategy_exhaustive_set_count_traces(s, true);
	do {
		setup();
		sim_strategy_install(s);
		sim_run(UINT64_MAX);
	} while (sim_strategy_next_run(s));
	dt = now() - t0;
	sim_strategy_exhaustive_stats(s, st);
	sim_strategy_destroy(s);
	printf("exhaustive bound %2d %-13s: %8llu runs (%llu schedules, "
	       "%llu sleep-blocked) in %.2f s, %.0f runs/s%s\n", bound,
	       dpor == 2 ? (bound < 0 ? "optimal" : "optimal=bPOR") :
	       dpor ? "sleep+DPOR" : reduction ? "local+sleep" :
					  "no reduction",
	       (unsigned long long)st->runs,
	       (unsigned long long)st->schedules,
	       (unsigned long long)st->sleep_blocked, dt, st->runs / dt,
	       st->bound_hit ? ", bound hit" : "");
	printf("  %llu Mazurkiewicz traces: %.1f runs a trace "
	       "(target <= 1.5)\n", (unsigned long long)st->traces,
	       (double)st->runs / (st->traces ? st->traces : 1));
}

int main(int argc, char **argv)
{
	int bounds[] = { 0, 1, 2 };
	double best = 0, best_wall = 0;
	unsigned int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("bench_strategies: 3 threads x (store, lock, load, store, "
	       "unlock, store)\n");
	/* best of 3, as bench_coro: the machine's other load only slows */
	for (i = 0; i < 3; i++) {
		double wall, r = bench_random(&wall);

		best = r > best ? r : best;
		best_wall = wall > best_wall ? wall : best_wall;
	}
	printf("random: best of 3: %.1f M switches a CPU second (target >= "
	       "20 M on one core), %.1f M switches/s wall\n", best / 1e6,
	       best_wall / 1e6);
	if (argc > 1 && !strcmp(argv[1], "random"))
		return 0;
	for (i = 0; i < sizeof(bounds) / sizeof(bounds[0]); i++) {
		struct sim_exhaustive_stats plain, red, opt;

		bench_exhaustive(bounds[i], false, 0, &plain);
		bench_exhaustive(bounds[i], true, 0, &red);
		bench_exhaustive(bounds[i], true, 2, &opt);
		printf("  reduction factor (runs): %.1fx\n",
		       (double)plain.runs / (red.runs ? red.runs : 1));
	}
	{
		struct sim_exhaustive_stats plain, red, dpor, opt;

		/* no bound: DPOR on top of the sleep sets, Optimal DPOR */
		memset(&plain, 0, sizeof(plain));
		if (argc < 2 || strcmp(argv[1], "reduced"))
			bench_exhaustive(-1, false, 0, &plain);
		bench_exhaustive(-1, true, 0, &red);
		bench_exhaustive(-1, true, 1, &dpor);
		bench_exhaustive(-1, true, 2, &opt);
		printf("  reduction factor (runs), no bound: local steps + "
		       "sleep sets %.1fx, sleep sets + DPOR %.1fx, optimal "
		       "%.1fx\n",
		       (double)plain.runs / (red.runs ? red.runs : 1),
		       (double)plain.runs / (dpor.runs ? dpor.runs : 1),
		       (double)plain.runs / (opt.runs ? opt.runs : 1));
	}
	return 0;
}

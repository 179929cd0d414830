// SPDX-License-Identifier: GPL-2.0-only
/*
 * Injected failures as scheduling choices (sim/inject.c): every strategy
 * takes them with no special case.  A worker asks two armed sites (kinds
 * 0 and 1) while a second thread runs a racy step of its own; the
 * outcome is which sites failed.
 *  - exhaustive (sleep sets, DPOR, Optimal DPOR) reaches all four
 *    outcomes, random and PCT do over a few seeds, replay reproduces each
 *    run's outcome from its schedule alone;
 *  - a kind not armed, or asked outside the window, makes no choice; a
 *    kind fails at most once a run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "sim/sched.h"
#include "sim/strategy.h"

static struct {
	int outcome;		/* bit k: the site of kind k failed */
	int shared;
	unsigned int kinds[2];	/* the worker's two sites */
} g;

static int worker(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 2; i++)
		if (sim_inject(g.kinds[i], "k"))
			g.outcome |= 1 << i;
	return 0;
}

static int other(void *arg)
{
	(void)arg;
	sim_point(SIM_PT_ATOMIC, &g.shared);
	g.shared++;
	return 0;
}

/* one run under @s (NULL: in order); its outcome */
static int run_once(struct sim_strategy *s, bool window)
{
	sim_reset(1);
	g.outcome = 0;
	sim_inject_window(window);
	sim_start_thread(sim_thread_create("worker", worker, NULL, NULL));
	sim_start_thread(sim_thread_create("other", other, NULL, NULL));
	if (s)
		sim_strategy_install(s);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);
	return g.outcome;
}

/* the outcomes of every run of @s (bit per outcome); each replayed */
static unsigned int explore(struct sim_strategy *s, uint64_t *runs)
{
	unsigned int seen = 0;
	int out;

	*runs = 0;
	do {
		struct sim_strategy *r;

		out = run_once(s, true);
		seen |= 1U << out;
		(*runs)++;
		/* the schedule alone gives the outcome back */
		r = sim_strategy_replay_create(sim_strategy_schedule(s));
		assert_int_equal(run_once(r, true), out);
		assert_false(sim_strategy_replay_diverged(r, NULL));
		sim_strategy_destroy(r);
	} while (sim_strategy_next_run(s));
	sim_strategy_destroy(s);
	return seen;
}

static void arm_two_kinds(void)
{
	g.kinds[0] = 0;
	g.kinds[1] = 1;
	sim_inject_arm(0x3);
}

static void test_exhaustive(void **state)
{
	struct sim_strategy *s;
	uint64_t runs;

	(void)state;
	arm_two_kinds();
	s = sim_strategy_exhaustive_create(2, true);
	assert_int_equal(explore(s, &runs), 0xf);
	s = sim_strategy_exhaustive_create(2, true);
	sim_strategy_exhaustive_set_dpor(s, true);
	assert_int_equal(explore(s, &runs), 0xf);
	s = sim_strategy_exhaustive_create(-1, true);
	sim_strategy_exhaustive_set_optimal(s, true);
	assert_int_equal(explore(s, &runs), 0xf);
	s = sim_strategy_exhaustive_create(2, false);
	assert_int_equal(explore(s, &runs), 0xf);
	sim_inject_arm(0);
}

static void test_random_pct(void **state)
{
	uint64_t runs;

	(void)state;
	arm_two_kinds();
	assert_int_equal(explore(sim_strategy_random_create(3, 64), &runs),
			 0xf);
	assert_int_equal(explore(sim_strategy_pct_create(3, 2, 64, 0), &runs),
			 0xf);
	sim_inject_arm(0);
}

static void test_no_choice(void **state)
{
	struct sim_strategy *s;
	uint64_t runs;

	(void)state;
	/* in order: the running thread goes on, nothing fails */
	arm_two_kinds();
	assert_int_equal(run_once(NULL, true), 0);
	assert_int_equal(sim_inject_choices(), 2);
	/* outside the window: no choice at all */
	s = sim_strategy_random_create(1, 1);
	assert_int_equal(run_once(s, false), 0);
	assert_int_equal(sim_inject_choices(), 0);
	sim_strategy_destroy(s);
	/* kind 1 not armed: only the first site is a choice */
	sim_inject_arm(0x1);
	s = sim_strategy_exhaustive_create(2, true);
	assert_int_equal(explore(s, &runs), 0x3);
	/* one kind twice: it fails at most once a run */
	g.kinds[1] = 0;
	s = sim_strategy_exhaustive_create(2, true);
	assert_int_equal(explore(s, &runs), 0x7);
	sim_inject_arm(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exhaustive),
		cmocka_unit_test(test_random_pct),
		cmocka_unit_test(test_no_choice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

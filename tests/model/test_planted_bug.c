// SPDX-License-Identifier: GPL-2.0-only
/*
 * A planted bug must be found by every exploration strategy, replay
 * exactly and shrink to at most 2 preemptions.  The bug
 * (designs/planted.c, "no-pte-same-recheck"): a protnone-fault handler
 * that restores the entry from its unlocked snapshot without
 * do_numa_page()'s pte_same() re-check under the PTL
 * (docs/kernel-6.12-fault-path.md section 5.1).  The
 * race: MADV_DONTNEED zaps and frees the page between the snapshot and
 * the handler's lock, and the stale entry is written back over the
 * zapped one: a mapping of a free page, which the conservation oracle
 * reports.  With the real do_numa_page() no schedule fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <linux/mm.h>
#include "designs/planted.h"
#include "sim/sched.h"
#include "app/scenario.h"
#include "app/scenario_exec.h"
#include "sim/shrink.h"
#include "sim/strategy.h"
#include "tests/model/planted_hunt.h"

/* the finding replays: same schedule, same event hash, same finding */
static void check_replay(const struct scenario *s, const struct hunt *h)
{
	struct sim_strategy *replay = sim_strategy_replay_create(&h->schedule);
	struct hunt again = hunt(s, replay, 1);
	uint32_t at;

	assert_true(again.found);
	assert_false(sim_strategy_replay_diverged(replay, &at));
	assert_int_equal(again.hash, h->hash);
	assert_non_null(strstr(sim_finding_get(0)->msg, "a free page"));
	sim_schedule_free(&again.schedule);
	sim_strategy_destroy(replay);
}

/* The shrinker's test: the candidate still maps a free page. */
static bool still_fails(void *priv, const struct sim_schedule *cand,
			struct sim_schedule *taken)
{
	struct sim_strategy *replay = sim_strategy_replay_create(cand);
	struct hunt h = hunt(priv, replay, 1);
	bool same = h.found && strstr(sim_finding_get(0)->msg, "a free page");

	if (same)
		assert_int_equal(sim_schedule_copy(taken, &h.schedule), 0);
	sim_schedule_free(&h.schedule);
	sim_strategy_destroy(replay);
	return same;
}

/*
 * Shrink the finding: at most 2 preemptions (the race needs one), never
 * more than before, and the shrunk schedule replays bit for bit.  (It
 * may be longer: a run without preemptions goes further per thread.)
 */
static void check_shrink(const struct scenario *s, const struct hunt *h)
{
	struct sim_shrink_stats st;
	struct hunt small = { 0 }, first;
	struct sim_strategy *replay;

	sim_schedule_init(&small.schedule);
	assert_int_equal(sim_shrink(&h->schedule, still_fails, (void *)s,
				    10000, &small.schedule, &st), 0);
	print_message("  shrunk in %llu replays: %u -> %u preemptions, "
		      "%u -> %u choices\n", (unsigned long long)st.runs,
		      st.preemptions_before, st.preemptions_after,
		      st.len_before, st.len_after);
	assert_true(st.preemptions_after <= 2);
	assert_true(st.preemptions_after <= h->schedule.nr_preemptions);
	assert_int_equal(small.schedule.nr_preemptions, st.preemptions_after);
	/* the recorded hash of the shrunk run, then its replay */
	replay = sim_strategy_replay_create(&small.schedule);
	first = hunt(s, replay, 1);
	small.hash = first.hash;
	sim_schedule_free(&first.schedule);
	sim_strategy_destroy(replay);
	small.found = true;
	check_replay(s, &small);
	sim_schedule_free(&small.schedule);
}

static void find_with(struct sim_strategy *strat, uint64_t max_runs)
{
	struct scenario *s = load_scenario(RACE_SCENARIO);
	struct hunt h;

	assert_int_equal(faultsim_plant("no-pte-same-recheck"), 0);
	h = hunt(s, strat, max_runs);
	assert_true(h.found);
	print_message("  found after %llu schedule(s), %u choices, %u "
		      "preemptions\n", (unsigned long long)h.runs,
		      h.schedule.len, h.schedule.nr_preemptions);
	check_replay(s, &h);
	check_shrink(s, &h);
	faultsim_plant(NULL);
	sim_schedule_free(&h.schedule);
	sim_strategy_destroy(strat);
	scenario_free(s);
}

static void test_exhaustive_finds_it(void **state)
{
	find_with(sim_strategy_exhaustive_create(2, true), 100000);
}

static void test_pct_finds_it(void **state)
{
	find_with(sim_strategy_pct_create(7, 2, 5000, 0), 5000);
}

static void test_random_finds_it(void **state)
{
	find_with(sim_strategy_random_create(7, 5000), 5000);
}

/* The real do_numa_page() re-checks pte_same(): nothing to find. */
static void test_baseline_has_no_finding(void **state)
{
	struct scenario *s = load_scenario(RACE_SCENARIO);
	struct sim_strategy *strat = sim_strategy_exhaustive_create(2, true);
	struct hunt h = hunt(s, strat, 100000);
	struct sim_exhaustive_stats st;

	sim_strategy_exhaustive_stats(strat, &st);
	if (h.found)
		print_message("  baseline finding after %llu: %s (%s)\n",
			      (unsigned long long)h.runs,
			      sim_finding_get(0)->msg,
			      sim_finding_get(0)->where);
	assert_false(h.found);
	assert_true(st.exhausted);
	print_message("  baseline: %llu schedules, exhausted within bound 2\n",
		      (unsigned long long)h.runs);
	sim_schedule_free(&h.schedule);
	sim_strategy_destroy(strat);
	scenario_free(s);
}

/* a failed test must not leave the planted bug to the next one */
static int unplant(void **state)
{
	faultsim_plant(NULL);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_exhaustive_finds_it, unplant),
		cmocka_unit_test_teardown(test_pct_finds_it, unplant),
		cmocka_unit_test_teardown(test_random_finds_it, unplant),
		cmocka_unit_test_teardown(test_baseline_has_no_finding, unplant),
	};

	sim_set_event_hash(true);	/* check_replay() compares the hashes */

	return cmocka_run_group_tests(tests, NULL, NULL);
}

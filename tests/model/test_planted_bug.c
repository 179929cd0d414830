// SPDX-License-Identifier: GPL-2.0-only
/*
 * A planted bug must be found by every exploration strategy and replay
 * exactly.  The bug: a protnone-fault handler that restores the entry
 * from its unlocked snapshot without do_numa_page()'s pte_same()
 * re-check under the PTL (kernel-6.12-fault-path.md section 5.1).  The
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
#include <kshim/hooks.h>
#include "sim/sched.h"
#include "sim/scenario.h"
#include "sim/scenario_exec.h"
#include "sim/strategy.h"

static const char race[] =
	"{\"faultsim_scenario\": 1, \"name\": \"zap-vs-hint-fault\",\n"
	" \"machine\": {\"nodes\": [{\"id\": 0, \"pages\": 2048}],\n"
	"   \"cpus\": [{\"id\": 0, \"node\": 0}, {\"id\": 1, \"node\": 0}]},\n"
	" \"sysctl\": {\"numa_balancing\": 1},\n"
	" \"tasks\": [{\"name\": \"main\", \"cpu\": 0},\n"
	"            {\"name\": \"worker\", \"cpu\": 1}],\n"
	" \"vmas\": [{\"name\": \"buf\", \"size\": \"64K\", \"prot\": \"rw\",\n"
	"            \"flags\": [\"nohugepage\"], \"placement\": {\"node\": 0}}],\n"
	" \"steps\": [{\"op\": \"scan\", \"task\": \"main\", \"force\": true},\n"
	"   {\"op\": \"concurrently\", \"steps\": [\n"
	"     {\"op\": \"access\", \"task\": \"worker\", \"vma\": \"buf\"},\n"
	"     {\"op\": \"madvise\", \"vma\": \"buf\", \"advice\": \"dontneed\",\n"
	"      \"size\": \"4K\"}]}]}\n";

/* The planted bug: do_numa_page() without its pte_same() re-check. */
static vm_fault_t restore_without_recheck(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	pte_t pte;

	spin_lock(vmf->ptl);
	pte = pte_mkyoung(pte_modify(vmf->orig_pte, vma->vm_page_prot));
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, pte);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return 0;
}

static bool config_enabled(const char *symbol)
{
	return true;
}

struct hunt {
	uint64_t runs;
	bool found;
	struct sim_schedule schedule;
	uint64_t hash;
};

/* Runs @s under @strat until a finding or the strategy is done. */
static struct hunt hunt(const struct scenario *s, struct sim_strategy *strat,
			uint64_t max_runs)
{
	FILE *out = fopen("/dev/null", "w");
	struct hunt h = { 0 };

	assert_non_null(out);
	sim_schedule_init(&h.schedule);
	scenario_exec_set_strategy(strat);
	sim_set_event_hash(true);
	do {
		int ret = scenario_run(s, "race", 1, "full", config_enabled,
				       out);

		h.runs++;
		assert_true(ret == SCENARIO_OK || ret == SCENARIO_FINDING);
		if (ret == SCENARIO_FINDING) {
			h.found = true;
			h.hash = sim_event_hash();
			sim_schedule_copy(&h.schedule,
					  sim_strategy_schedule(strat));
			break;
		}
	} while (h.runs < max_runs && sim_strategy_next_run(strat));
	scenario_exec_set_strategy(NULL);
	fclose(out);
	return h;
}

static struct scenario *load(void)
{
	struct scenario *s;
	char err[512];

	assert_int_equal(scenario_load_string(race, strlen(race), "race", &s,
					      err, sizeof(err)), 0);
	return s;
}

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

static void find_with(struct sim_strategy *strat, uint64_t max_runs)
{
	struct scenario *s = load();
	struct hunt h;

	faultsim_set_pte_protnone_handler(restore_without_recheck);
	h = hunt(s, strat, max_runs);
	assert_true(h.found);
	print_message("  found after %llu schedule(s), %u choices, %u "
		      "preemptions\n", (unsigned long long)h.runs,
		      h.schedule.len, h.schedule.nr_preemptions);
	check_replay(s, &h);
	faultsim_set_pte_protnone_handler(NULL);
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
	struct scenario *s = load();
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exhaustive_finds_it),
		cmocka_unit_test(test_pct_finds_it),
		cmocka_unit_test(test_random_finds_it),
		cmocka_unit_test(test_baseline_has_no_finding),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

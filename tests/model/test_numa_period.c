// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scan clock and the adaptive scan period: a task that runs
 * (numa_scan_run_for(): the CPU's ticks call task_tick_numa(), the work
 * runs at the return to user space) and takes hint faults between runs;
 * task_numa_fault() -> task_numa_placement() -> update_task_scan_period()
 * of kernel/sched/fair.c (6.12) adapt the period and set the preferred
 * node.  Also the exec'd mm, whose first task_numa_work() only arms.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <linux/mm.h>
#include <linux/delay.h>
#include <linux/vmstat.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/machine.h"
#include "model_test.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/mm/numa_balancing.h"
#include "mm_model/mm/numa_scan.h"
#include "mm_model/mm/vma.h"
#include "numa_scan_util.h"

#define ROUNDS 24

struct period_run {
	int err;
	int nr_local;			/* pages on node 0 (the task's) */
	int nr_remote;			/* pages on node 1 */
	unsigned int period[ROUNDS];	/* numa_scan_period after a round */
	unsigned int period_max[ROUNDS];
	int pref[ROUNDS];		/* numa_preferred_nid after it */
	unsigned long faults[ROUNDS];	/* hint faults taken in it */
	u64 t_end;			/* virtual time at the end, ns */
};

/* touch every hinted page of @vma: one hint fault each */
static unsigned long fault_all(struct mm_struct *mm,
			       struct vm_area_struct *vma)
{
	unsigned long addr, n = 0;

	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE)
		if (nr_protnone(vma, addr, addr + PAGE_SIZE)) {
			if (hint_fault(mm, addr) != MMU_OK)
				return -1UL;
			n++;
		}
	return n;
}

/* rounds of 1 s on the CPU, then a touch of every hinted page */
static int period_task(void *arg)
{
	struct period_run *r = arg;
	struct mm_struct *mm = task_mm();
	struct vm_area_struct *vma;
	int i;

	if (!mm)
		return r->err = -1;
	vma = anon_vma(mm, VA, 32 * MB, r->nr_local, r->nr_remote);
	if (!vma)
		return r->err = -1;
	/*
	 * two users: change_pte_range() then hints local pages too (a
	 * single-threaded mm's are skipped: target_node is its own node)
	 */
	atomic_set(&mm->mm_users, r->nr_local ? 2 : 1);
	numa_scan_init_task(current, NUMA_MM_FORK);
	for (i = 0; i < ROUNDS; i++) {
		numa_scan_run_for(current, 1000 * NSEC_PER_MSEC);
		r->faults[i] = fault_all(mm, vma);
		r->period[i] = current->numa_scan_period;
		r->period_max[i] = current->numa_scan_period_max;
		r->pref[i] = current->numa_preferred_nid;
	}
	r->t_end = sim_now_ns();
	atomic_set(&mm->mm_users, 1);
	drop_mm(mm);
	return 0;
}

static void run_period(struct period_run *r)
{
	kshim_spawn("main", period_task, r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r->err, 0);
	assert_int_equal(sim_findings_count(), 0);
}

/*
 * Only local, private faults (a two-user mm, so that local pages are
 * hinted): update_task_scan_period() slows the scan down at every
 * placement.  The first placement has no locality yet
 * (it runs before the first fault is counted): local + shared == 0, so
 * the period doubles; then ps_ratio is 10 (all private): + 3 slots of
 * a tenth each, until task_scan_max() (scan_period_max for one 256 MB
 * window: 60000 ms) caps it.  No remote fault: no preferred node other
 * than the local one.
 */
static void test_period_grows_local(void **state)
{
	struct period_run r = { .nr_local = PAGES(32 * MB) };
	unsigned int first = 0;
	int i, grew = 0;

	run_period(&r);
	assert_int_equal(r.t_end, (u64)ROUNDS * 1000 * NSEC_PER_MSEC);
	for (i = 0; i < ROUNDS; i++) {
		/* set at the first placement: one 256 MB window */
		assert_true(r.period_max[i] == 0 || r.period_max[i] == 60000);
		if (i && r.period[i] != r.period[i - 1]) {
			/* never faster with only local faults */
			assert_true(r.period[i] > r.period[i - 1]);
			if (!grew++)
				first = i;
		}
		assert_true(r.period[i] <= 60000);
	}
	assert_true(grew >= 2);
	/* the first change is the doubling (no locality counted yet) */
	assert_int_equal(r.period[first], 2 * r.period[first - 1]);
	/* then 1.3x: slot 3 of 10 at ps_ratio 10 */
	for (i = first + 1; i < ROUNDS; i++)
		if (r.period[i] != r.period[i - 1] && r.period[i] < 60000)
			assert_int_equal(r.period[i],
					 r.period[i - 1] +
					 3 * DIV_ROUND_UP(r.period[i - 1], 10));
	for (i = 0; i < ROUNDS; i++)
		assert_true(r.pref[i] == NUMA_NO_NODE || r.pref[i] == 0);
}

/*
 * The same with numa_balancing_scan_period_max 4000 (a debugfs write):
 * task_scan_max() is 4000 ms, and update_task_scan_period() clamps the
 * growing period there (1000, 2000, 2600, 3380, then 4000 for 4394).
 */
static void test_period_capped(void **state)
{
	struct period_run r = { .nr_local = PAGES(32 * MB) };
	int i;

	numa_scan_tunable_write(NUMA_SCAN_PERIOD_MAX_MS, 4000);
	run_period(&r);
	for (i = 1; i < ROUNDS; i++)
		assert_true(r.period[i] >= r.period[i - 1]);
	assert_int_equal(r.period_max[ROUNDS - 1], 4000);
	assert_int_equal(r.period[ROUNDS - 1], 4000);
	for (i = 0; i < ROUNDS && r.period[i] != 4000; i++)
		assert_true(r.period[i] == 1000 || r.period[i] == 2000 ||
			    r.period[i] == 2600 || r.period[i] == 3380);
}

/*
 * Only remote faults (the task on node 0, its memory on node 1, kept
 * there by a policy without MPOL_F_MOF): task_numa_placement() finds
 * node 1 with the most faults and sched_setnuma() makes it preferred;
 * the period doubles at each placement (no local, no shared fault).
 */
static void test_preferred_nid_remote(void **state)
{
	struct period_run r = { .nr_remote = PAGES(32 * MB) };
	int i, set = -1;

	run_period(&r);
	assert_int_equal(r.pref[0], NUMA_NO_NODE);
	for (i = 0; i < ROUNDS; i++)
		if (r.pref[i] != NUMA_NO_NODE) {
			set = i;
			break;
		}
	assert_true(set > 0);
	/* the placement after a sequence of remote faults */
	assert_true(r.faults[0] + r.faults[1] > 0);
	for (i = set; i < ROUNDS; i++)
		assert_int_equal(r.pref[i], 1);
	/*
	 * private remote faults only: local + shared == 0, so every
	 * placement doubles the period (scan slower), up to the max
	 */
	for (i = 1; i < ROUNDS; i++)
		if (r.period[i] != r.period[i - 1])
			assert_int_equal(r.period[i],
					 min(2 * r.period[i - 1], 60000U));
	assert_true(r.period[ROUNDS - 1] >= 8 * r.period[0]);
}

struct start_run {
	int err;
	bool exec;
	unsigned long next_init, next_after, j_run;
	unsigned long upd_first, upd_second;
	int seq_first;
};

static int start_task(void *arg)
{
	struct start_run *r = arg;
	struct mm_struct *mm = task_mm();

	if (!mm || !anon_vma(mm, VA, 4 * MB, 512, 512))
		return r->err = -1;
	numa_scan_init_task(current, r->exec ? NUMA_MM_EXEC : NUMA_MM_FORK);
	r->next_init = mm->numa_next_scan;
	/* the first task work, forced by nothing: 2 s in */
	msleep(2000);
	r->j_run = jiffies;
	numa_scan_run(current);
	r->next_after = mm->numa_next_scan;
	r->upd_first = updates();
	r->seq_first = mm->numa_scan_seq;
	msleep(2000);
	numa_scan_run(current);
	r->upd_second = updates();
	drop_mm(mm);
	return 0;
}

static void run_start(struct start_run *r)
{
	kshim_spawn("main", start_task, r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r->err, 0);
	assert_int_equal(sim_findings_count(), 0);
}

/*
 * An exec'd mm (mm_init(): numa_next_scan == 0): the first
 * task_numa_work() only arms numa_next_scan (now + scan_delay) and
 * scans nothing, however late it runs; the next one, a delay on, scans.
 */
static void test_exec_first_work_arms(void **state)
{
	struct start_run r = { .exec = true };

	run_start(&r);
	assert_int_equal(r.next_init, 0);
	assert_int_equal(r.next_after, r.j_run + DELAY_J);
	assert_int_equal(r.upd_first, 0);
	assert_int_equal(r.seq_first, 0);
	/* the remote half: a one-user mm's local pages are not hinted */
	assert_int_equal(r.upd_second, 512);
}

/*
 * A forked mm: init_numa_balancing() armed numa_next_scan at fork
 * (now + scan_delay), so the first task work 2 s later scans.
 */
static void test_fork_first_work_scans(void **state)
{
	struct start_run r = { .exec = false };

	run_start(&r);
	assert_int_equal(r.next_init, INITIAL_JIFFIES + DELAY_J);
	assert_int_equal(r.upd_first, 512);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_period_grows_local, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_period_capped, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_preferred_nid_remote,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_exec_first_work_arms,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_fork_first_work_scans,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}


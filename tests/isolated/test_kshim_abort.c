// SPDX-License-Identifier: GPL-2.0-only
/*
 * BUG and the "outside a simulated thread" paths of kshim, each in a
 * forked child (Check's CK_FORK): what must abort the process does,
 * and a BUG inside a simulated thread ends only that thread.  Built a
 * second time with NDEBUG (isolated.kshim-ndebug): BUG_ON() is no
 * assert() and does not depend on it.
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include <linux/bug.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/err.h>
#include <kshim/kshim.h>
#include "sim/sched.h"

static void boot(void)
{
	sim_reset(1);
	ck_assert_int_eq(kshim_boot(), 0);
	ck_assert_int_eq(sim_run(UINT64_MAX), SIM_RUN_DONE);
}

static int count_kind(enum sim_finding_kind kind)
{
	int i, n = 0;

	for (i = 0; i < sim_findings_count(); i++)
		n += sim_finding_get(i)->kind == kind;
	return n;
}

/* ---- must abort ---- */

START_TEST(bug_outside_thread_aborts)
{
	boot();
	BUG();
}
END_TEST

START_TEST(bug_on_outside_thread_aborts)
{
	int broken = 1;

	boot();
	BUG_ON(broken == 1);
}
END_TEST

START_TEST(memmap_too_many_ranges_aborts)
{
	struct kshim_ram_range r[17];

	boot();
	memset(r, 0, sizeof(r));
	kshim_memmap_set(r, 17, 0);	/* BUG_ON(nr > KSHIM_MAX_RAM_RANGES) */
}
END_TEST

START_TEST(msleep_outside_thread_aborts)
{
	boot();
	msleep(1);
}
END_TEST

START_TEST(wait_for_completion_outside_thread_aborts)
{
	struct completion c;

	boot();
	init_completion(&c);
	wait_for_completion(&c);
}
END_TEST

/* ---- must not abort: BUG in a simulated thread ---- */

static struct {
	int bug_reached_after;
	int other_steps;
	uint64_t other_done_at;
	int locked_waiter_got_it;
} r;

static int buggy_fn(void *arg)
{
	int x = 1;

	msleep(4);
	BUG_ON(x == 1);
	r.bug_reached_after = 1;	/* never */
	return 0;
}

static int other_fn(void *arg)
{
	int i;

	for (i = 0; i < 5; i++) {
		msleep(4);
		r.other_steps++;
	}
	r.other_done_at = sim_now_ns();
	return 0;
}

static struct task_struct *tasks[4];

START_TEST(bug_in_thread_ends_only_that_thread)
{
	const struct sim_finding *f;
	int i;

	boot();
	memset(&r, 0, sizeof(r));
	tasks[0] = kshim_spawn("buggy", buggy_fn, NULL);
	tasks[1] = kshim_spawn("other", other_fn, NULL);
	ck_assert(!IS_ERR_OR_NULL(tasks[0]) && !IS_ERR_OR_NULL(tasks[1]));
	ck_assert_int_eq(sim_run(UINT64_MAX), SIM_RUN_DONE);
	ck_assert_int_eq(r.bug_reached_after, 0);
	ck_assert_int_eq(r.other_steps, 5);
	ck_assert(r.other_done_at > 8000000);	/* kept running after */
	ck_assert_int_eq(sim_findings_count(), 1);
	ck_assert_int_eq(count_kind(SIM_FINDING_BUG), 1);
	f = sim_finding_get(0);
	ck_assert_str_eq(f->thread, "buggy");
	ck_assert_str_eq(f->msg, "x == 1");
	ck_assert_ptr_nonnull(strstr(f->where, "test_kshim_abort.c"));
	ck_assert_ptr_nonnull(strstr(f->where, "buggy_fn"));
	ck_assert(f->time_ns > 0);
	/* and the kernel log has the oops line */
	for (i = 0; i < kshim_log_lines(); i++)
		if (strstr(kshim_log_line(i), "kernel BUG at "))
			break;
	ck_assert_int_lt(i, kshim_log_lines());
}
END_TEST

static DEFINE_MUTEX(held_lock);

static int bug_holding_fn(void *arg)
{
	mutex_lock(&held_lock);
	BUG();
	return 0;
}

static int lock_waiter_fn(void *arg)
{
	mutex_lock(&held_lock);
	r.locked_waiter_got_it = 1;
	mutex_unlock(&held_lock);
	return 0;
}

/* The oops kills the task; what it held stays held. */
START_TEST(bug_holding_lock_leaves_it_held)
{
	boot();
	memset(&r, 0, sizeof(r));
	mutex_init(&held_lock);
	tasks[0] = kshim_spawn("holder", bug_holding_fn, NULL);
	tasks[1] = kshim_spawn("waiter", lock_waiter_fn, NULL);
	ck_assert_int_eq(sim_run(UINT64_MAX), SIM_RUN_DEADLOCK);
	ck_assert_int_eq(r.locked_waiter_got_it, 0);
	ck_assert_int_eq(count_kind(SIM_FINDING_BUG), 1);
	ck_assert_int_eq(count_kind(SIM_FINDING_DEADLOCK), 1);
	ck_assert(mutex_is_locked(&held_lock));
	ck_assert_str_eq(sim_finding_get(0)->msg, "BUG()");
}
END_TEST

/* Exit-code test: after an in-thread BUG the process carries on and
 * exits with the status it chooses. */
START_TEST(bug_in_thread_process_exits_normally)
{
	boot();
	tasks[0] = kshim_spawn("buggy", buggy_fn, NULL);
	if (sim_run(UINT64_MAX) != SIM_RUN_DONE ||
	    count_kind(SIM_FINDING_BUG) != 1)
		exit(1);
	exit(3);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("kshim.abort");
	TCase *abort_tc = tcase_create("aborts");
	TCase *bug_tc = tcase_create("bug_in_thread");

	tcase_add_test_raise_signal(abort_tc, bug_outside_thread_aborts,
				    SIGABRT);
	tcase_add_test_raise_signal(abort_tc, bug_on_outside_thread_aborts,
				    SIGABRT);
	tcase_add_test_raise_signal(abort_tc, memmap_too_many_ranges_aborts,
				    SIGABRT);
	tcase_add_test_raise_signal(abort_tc, msleep_outside_thread_aborts,
				    SIGABRT);
	tcase_add_test_raise_signal(abort_tc,
				    wait_for_completion_outside_thread_aborts,
				    SIGABRT);
	suite_add_tcase(s, abort_tc);

	tcase_add_test(bug_tc, bug_in_thread_ends_only_that_thread);
	tcase_add_test(bug_tc, bug_holding_lock_leaves_it_held);
	tcase_add_exit_test(bug_tc, bug_in_thread_process_exits_normally, 3);
	suite_add_tcase(s, bug_tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

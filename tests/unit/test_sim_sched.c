// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/sched.c, clock.c and findings.c through their own API (no kernel
 * headers): run-loop results, sleeper order, wait queues, the preempt
 * hook, deadlock reports and the bounded findings table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sim/sched.h"

#define MAXLOG 32

/* What threads saw, checked on the main context after sim_run(). */
static struct {
	int order[MAXLOG];
	uint64_t when[MAXLOG];
	int n;
} lg;

static void log_event(int who)
{
	if (lg.n < MAXLOG) {
		lg.order[lg.n] = who;
		lg.when[lg.n] = sim_now_ns();
	}
	lg.n++;
}

static struct sim_thread *start(const char *name, sim_thread_fn fn,
				void *arg)
{
	struct sim_thread *t = sim_thread_create(name, fn, arg, NULL);

	assert_non_null(t);
	sim_start_thread(t);
	return t;
}

static int setup(void **state)
{
	sim_reset(1);
	memset(&lg, 0, sizeof(lg));
	return 0;
}

/* ---- clock ---- */

static void test_clock_reset(void **state)
{
	sim_clock_advance_to(123456789);
	assert_int_equal(sim_now_ns(), 123456789);
	sim_reset(2);
	assert_int_equal(sim_now_ns(), 0);
}

/* ---- sleepers ---- */

static struct sim_waitq gate;

struct sleeper {
	int id;
	uint64_t deadline;
	bool wait_gate;
};

static int sleeper_fn(void *arg)
{
	struct sleeper *s = arg;

	if (s->wait_gate)
		sim_wait(&gate, &gate);
	sim_sleep_until_ns(s->deadline);
	log_event(s->id);
	return 0;
}

static int opener_fn(void *arg)
{
	sim_wake_all(&gate);
	return 0;
}

static void test_sleepers_wake_by_deadline(void **state)
{
	struct sleeper s[3] = {
		{ 0, 3000, false }, { 1, 1000, false }, { 2, 2000, false },
	};

	start("s0", sleeper_fn, &s[0]);
	start("s1", sleeper_fn, &s[1]);
	start("s2", sleeper_fn, &s[2]);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(lg.n, 3);
	assert_int_equal(lg.order[0], 1);
	assert_int_equal(lg.order[1], 2);
	assert_int_equal(lg.order[2], 0);
	assert_int_equal(lg.when[0], 1000);
	assert_int_equal(lg.when[1], 2000);
	assert_int_equal(lg.when[2], 3000);
	assert_int_equal(sim_now_ns(), 3000);
}

/* Same deadline: creation order, even if they went to sleep reversed. */
static void test_sleepers_tie_creation_order(void **state)
{
	struct sleeper first = { 0, 5000, true };	/* sleeps second */
	struct sleeper second = { 1, 5000, false };	/* sleeps first */

	gate = (struct sim_waitq){ 0 };
	start("first", sleeper_fn, &first);
	start("second", sleeper_fn, &second);
	start("opener", opener_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(lg.n, 2);
	assert_int_equal(lg.order[0], 0);
	assert_int_equal(lg.order[1], 1);
	assert_int_equal(lg.when[0], 5000);
	assert_int_equal(lg.when[1], 5000);
}

static void test_sleep_in_past_returns(void **state)
{
	struct sleeper s = { 7, 0, false };

	sim_clock_advance_to(100);
	start("past", sleeper_fn, &s);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(lg.n, 1);
	assert_int_equal(lg.when[0], 100);
}

static void test_time_limit(void **state)
{
	struct sleeper s = { 0, 5000000, false };

	start("late", sleeper_fn, &s);
	assert_int_equal(sim_run(1000000), SIM_RUN_TIME_LIMIT);
	assert_int_equal(lg.n, 0);
	assert_true(sim_now_ns() <= 1000000);
	/* a wake-up exactly at the limit is within it */
	assert_int_equal(sim_run(5000000), SIM_RUN_DONE);
	assert_int_equal(lg.n, 1);
	assert_int_equal(sim_now_ns(), 5000000);
}

static struct sim_thread *early_target;

static int early_waker_fn(void *arg)
{
	sim_sleep_until_ns(2000);
	sim_wake_thread(early_target);
	return 0;
}

static void test_wake_thread_cuts_sleep(void **state)
{
	struct sleeper s = { 0, 1000000000, false };

	early_target = start("long", sleeper_fn, &s);
	start("waker", early_waker_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(lg.n, 1);
	assert_int_equal(lg.when[0], 2000);
	assert_int_equal(sim_now_ns(), 2000);
}

/* ---- wait queues ---- */

static struct sim_waitq wq;
static int wake_counts[4];

static int waiter_fn(void *arg)
{
	sim_wait(&wq, &wq);
	log_event((int)(intptr_t)arg);
	return 0;
}

static int waker_fn(void *arg)
{
	wake_counts[0] = sim_wake_one(&wq);
	sim_sleep_until_ns(10);
	wake_counts[1] = sim_wake_all(&wq);
	sim_sleep_until_ns(20);
	wake_counts[2] = sim_wake_one(&wq);	/* nobody left */
	return 0;
}

static void test_waitq_fifo(void **state)
{
	wq = (struct sim_waitq){ 0 };
	start("w0", waiter_fn, (void *)0);
	start("w1", waiter_fn, (void *)1);
	start("w2", waiter_fn, (void *)2);
	start("waker", waker_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(wake_counts[0], 1);
	assert_int_equal(wake_counts[1], 2);
	assert_int_equal(wake_counts[2], 0);
	assert_int_equal(lg.n, 3);
	assert_int_equal(lg.order[0], 0);
	assert_int_equal(lg.when[0], 0);
	assert_int_equal(lg.order[1], 1);
	assert_int_equal(lg.order[2], 2);
	assert_int_equal(lg.when[1], 10);
	assert_null(wq.head);
	assert_null(wq.tail);
}

/* ---- deadlock ---- */

static void test_deadlock_reported(void **state)
{
	struct sim_thread *never;

	wq = (struct sim_waitq){ 0 };
	start("stuck", waiter_fn, (void *)0);
	never = sim_thread_create("unstarted", waiter_fn, (void *)1, NULL);
	assert_non_null(never);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DEADLOCK);
	assert_int_equal(lg.n, 0);
	assert_int_equal(sim_findings_count(), 1);
	assert_int_equal(sim_finding_get(0)->kind, SIM_FINDING_DEADLOCK);
	assert_non_null(strstr(sim_finding_get(0)->msg, "stuck waits"));
	assert_non_null(strstr(sim_finding_get(0)->msg,
			       "unstarted never woken"));
	assert_string_equal(sim_finding_kind_name(SIM_FINDING_DEADLOCK),
			    "DEADLOCK");
}

static void test_no_threads_is_done(void **state)
{
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);
}

/* ---- thread identity and exit ---- */

static int exit_fn(void *arg)
{
	log_event(sim_thread_id(sim_current()));
	if (arg)
		sim_thread_exit(3);
	log_event(-1);	/* only the thread that did not exit */
	return 0;
}

static void test_thread_exit_and_ids(void **state)
{
	struct sim_thread *a, *b;

	a = start("a", exit_fn, (void *)1);
	b = start("b", exit_fn, NULL);
	assert_false(sim_in_thread());
	assert_null(sim_current());
	assert_int_equal(sim_thread_id(a), 1);
	assert_int_equal(sim_thread_id(b), 2);
	assert_string_equal(sim_thread_name(a), "a");
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(lg.n, 3);
	assert_int_equal(lg.order[0], 1);
	assert_int_equal(lg.order[1], 2);
	assert_int_equal(lg.order[2], -1);
	assert_int_equal(sim_get_stats()->threads_created, 2);
}

/* ---- the preempt hook ---- */

static int hook_calls;
static const void *hook_obj;

static bool always_preempt(enum sim_point_kind kind, const void *obj,
			   void *priv)
{
	hook_calls++;
	hook_obj = obj;
	return *(bool *)priv;
}

static int pointer_fn(void *arg)
{
	int i;

	for (i = 0; i < 3; i++) {
		log_event((int)(intptr_t)arg);
		sim_point(SIM_PT_YIELD, &lg);
	}
	return 0;
}

static void run_pointers(bool preempt)
{
	static bool flag;

	flag = preempt;
	hook_calls = 0;
	sim_set_preempt(always_preempt, &flag);
	start("p0", pointer_fn, (void *)0);
	start("p1", pointer_fn, (void *)1);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
}

static void test_preempt_hook_interleaves(void **state)
{
	static const int want[6] = { 0, 1, 0, 1, 0, 1 };
	int i;

	run_pointers(true);
	assert_int_equal(hook_calls, 6);
	assert_ptr_equal(hook_obj, &lg);
	assert_int_equal(lg.n, 6);
	for (i = 0; i < 6; i++)
		assert_int_equal(lg.order[i], want[i]);
	assert_int_equal(sim_get_stats()->points[SIM_PT_YIELD], 6);
}

static void test_no_preempt_runs_to_block(void **state)
{
	static const int want[6] = { 0, 0, 0, 1, 1, 1 };
	int i;

	run_pointers(false);
	assert_int_equal(hook_calls, 6);
	for (i = 0; i < 6; i++)
		assert_int_equal(lg.order[i], want[i]);
}

static void test_reset_clears_preempt(void **state)
{
	static const int want[6] = { 0, 0, 0, 1, 1, 1 };
	static bool yes = true;
	int i;

	sim_set_preempt(always_preempt, &yes);
	sim_reset(1);
	hook_calls = 0;
	start("p0", pointer_fn, (void *)0);
	start("p1", pointer_fn, (void *)1);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(hook_calls, 0);
	for (i = 0; i < 6; i++)
		assert_int_equal(lg.order[i], want[i]);
}

/* ---- findings ---- */

static void test_findings_bounded(void **state)
{
	const struct sim_finding *f;
	int i;

	for (i = 0; i < 70; i++)
		sim_finding(SIM_FINDING_ORACLE, "x.c", i, "fn", "n=%d", i);
	assert_int_equal(sim_findings_count(), 70);
	f = sim_finding_get(63);
	assert_non_null(f);
	assert_string_equal(f->msg, "n=63");
	assert_string_equal(f->where, "x.c:63 fn");
	assert_string_equal(f->thread, "(boot)");
	assert_null(sim_finding_get(64));
	assert_null(sim_finding_get(-1));
	sim_reset(1);
	assert_int_equal(sim_findings_count(), 0);
	assert_null(sim_finding_get(0));
}

static int finder_fn(void *arg)
{
	sim_sleep_until_ns(777);
	sim_finding(SIM_FINDING_WARN, NULL, 0, NULL, "in %s", "thread");
	return 0;
}

static void test_finding_records_thread_and_time(void **state)
{
	const struct sim_finding *f;

	start("finder", finder_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 1);
	f = sim_finding_get(0);
	assert_int_equal(f->kind, SIM_FINDING_WARN);
	assert_string_equal(f->thread, "finder");
	assert_int_equal(f->time_ns, 777);
	assert_string_equal(f->where, "?:0 ?");
	assert_string_equal(f->msg, "in thread");
}

/* ---- event log ---- */

static int objs[2];

static int points_fn(void *arg)
{
	sim_point(SIM_PT_PT_LOAD, &objs[1]);
	sim_point(SIM_PT_PT_STORE, &objs[0]);
	sim_point(SIM_PT_YIELD, NULL);
	sim_point(SIM_PT_PT_LOAD, &objs[1]);
	return 0;
}

static struct {
	int n;
	enum sim_point_kind kind[8];
	uint32_t index[8];
} seen;

static void record_point(void *priv, const struct sim_thread *t,
			 enum sim_point_kind kind, uint32_t obj_index,
			 const void *obj)
{
	assert_ptr_equal(priv, &seen);
	assert_true((obj == NULL) == (obj_index == UINT32_MAX));
	assert_string_equal(sim_thread_name(t), "p");
	if (seen.n < 8) {
		seen.kind[seen.n] = kind;
		seen.index[seen.n] = obj_index;
	}
	seen.n++;
}

static uint64_t run_points(bool log)
{
	sim_reset(1);
	memset(&seen, 0, sizeof(seen));
	sim_set_event_hash(true);
	sim_set_event_log(log ? record_point : NULL, &seen);
	start("p", points_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	sim_set_event_log(NULL, NULL);
	sim_set_event_hash(false);
	return sim_event_hash();
}

/* every point once, objects in first-seen order; the hash unchanged */
static void test_event_log(void **state)
{
	uint64_t plain = run_points(false), logged;

	assert_int_equal(seen.n, 0);
	logged = run_points(true);
	assert_int_equal(logged, plain);
	assert_int_equal(seen.n, 4);
	assert_int_equal(seen.kind[0], SIM_PT_PT_LOAD);
	assert_int_equal(seen.index[0], 0);	/* objs[1], seen first */
	assert_int_equal(seen.kind[1], SIM_PT_PT_STORE);
	assert_int_equal(seen.index[1], 1);
	assert_int_equal(seen.index[2], UINT32_MAX);
	assert_int_equal(seen.index[3], 0);
	assert_string_equal(sim_point_kind_name(SIM_PT_PT_LOAD), "pt_load");
	assert_string_equal(sim_point_kind_name(SIM_PT_YIELD), "yield");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_clock_reset, setup),
		cmocka_unit_test_setup(test_sleepers_wake_by_deadline, setup),
		cmocka_unit_test_setup(test_sleepers_tie_creation_order, setup),
		cmocka_unit_test_setup(test_sleep_in_past_returns, setup),
		cmocka_unit_test_setup(test_time_limit, setup),
		cmocka_unit_test_setup(test_wake_thread_cuts_sleep, setup),
		cmocka_unit_test_setup(test_waitq_fifo, setup),
		cmocka_unit_test_setup(test_deadlock_reported, setup),
		cmocka_unit_test_setup(test_no_threads_is_done, setup),
		cmocka_unit_test_setup(test_thread_exit_and_ids, setup),
		cmocka_unit_test_setup(test_preempt_hook_interleaves, setup),
		cmocka_unit_test_setup(test_no_preempt_runs_to_block, setup),
		cmocka_unit_test_setup(test_reset_clears_preempt, setup),
		cmocka_unit_test_setup(test_findings_bounded, setup),
		cmocka_unit_test_setup(test_finding_records_thread_and_time,
				       setup),
		cmocka_unit_test_setup(test_event_log, setup),
	};

	return cmocka_run_group_tests_name("sim.sched", tests, NULL, NULL);
}

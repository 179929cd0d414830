// SPDX-License-Identifier: GPL-2.0-only
/*
 * The engine's invariants (SIM_BUG_ON() in sim/sched.c and clock.c),
 * each broken on purpose, each test in a forked child: outside any
 * simulated thread the process aborts; inside one the run goes on with
 * a BUG finding (the condition, file:line, the thread's kernel stack)
 * and that thread ended.  White-box: sim/sched.c is included here, so
 * a test can corrupt the run queue itself.
 *
 * Built twice: isolated.sim-invariants, and isolated.sim-invariants-
 * ndebug with NDEBUG defined for this file and the engine sources it
 * builds (clock.c, prng.c, findings.c), where assert() is gone and
 * every check must still fire.
 */
#if defined(FAULTSIM_TEST_NDEBUG) && !defined(NDEBUG)
#error "the NDEBUG build of this test must define NDEBUG"
#endif

#include "sim/sched.c"
#include <kshim/clock.h>

#include <assert.h>
#include <signal.h>
#include <check.h>

static int noop_fn(void *arg)
{
	return 0;
}

static struct sim_thread *new_thread(const char *name, sim_thread_fn fn,
				     void *arg)
{
	struct sim_thread *t = sim_thread_create(name, fn, arg, NULL);

	ck_assert_ptr_nonnull(t);
	return t;
}

static int first_fn(void *priv, struct sim_thread *const *runnable, int nr,
		    int current, enum sim_point_kind kind, const void *obj)
{
	return 0;
}

static int past_end_fn(void *priv, struct sim_thread *const *runnable,
		       int nr, int current, enum sim_point_kind kind,
		       const void *obj)
{
	return nr;
}

/* ---- broken outside any thread: abort ---- */

START_TEST(bit_set_for_unqueued_thread_aborts)
{
	struct sim_thread *a, *b;

	sim_reset(1);
	a = new_thread("a", noop_fn, NULL);
	b = new_thread("b", noop_fn, NULL);
	sim_start_thread(a);
	sim.runnable[0] |= 1ULL << (b->id - 1);	/* b is NEW, not queued */
	sim_start_thread(b);
}
END_TEST

START_TEST(queued_twice_aborts)
{
	struct sim_thread *a;

	sim_reset(1);
	a = new_thread("a", noop_fn, NULL);
	sim_start_thread(a);
	rq_push(a);
}
END_TEST

START_TEST(broken_queue_link_aborts)
{
	struct sim_thread *a, *b;

	sim_reset(1);
	a = new_thread("a", noop_fn, NULL);
	b = new_thread("b", noop_fn, NULL);
	sim_start_thread(a);
	sim_start_thread(b);
	a->rq_next = NULL;	/* b drops out of the list, not the tail */
	sim_run(UINT64_MAX);
}
END_TEST

START_TEST(queue_count_mismatch_aborts)
{
	sim_reset(1);
	sim_start_thread(new_thread("a", noop_fn, NULL));
	sim.nr_runnable++;	/* one more than queued */
	sim_run(UINT64_MAX);
}
END_TEST

START_TEST(candidate_not_runnable_aborts)
{
	struct sim_thread *b;

	sim_reset(1);
	sim_set_strategy(first_fn, NULL);
	sim_start_thread(new_thread("a", noop_fn, NULL));
	b = new_thread("b", noop_fn, NULL);
	sim.runnable[0] |= 1ULL << (b->id - 1);
	sim.nr_runnable++;	/* the count agrees: the state does not */
	sim_run(UINT64_MAX);
}
END_TEST

START_TEST(bitmap_count_mismatch_aborts)
{
	sim_reset(1);
	sim_set_strategy(first_fn, NULL);
	sim_start_thread(new_thread("a", noop_fn, NULL));
	sim_start_thread(new_thread("b", noop_fn, NULL));
	sim.runnable[0] &= ~1ULL;	/* a queued, its bit gone */
	sim_run(UINT64_MAX);
}
END_TEST

START_TEST(strategy_pick_past_end_aborts)
{
	sim_reset(1);
	sim_set_strategy(past_end_fn, NULL);
	sim_start_thread(new_thread("a", noop_fn, NULL));
	sim_run(UINT64_MAX);
}
END_TEST

static int sleep_2000_fn(void *arg)
{
	sim_sleep_until_ns(2000);
	return 0;
}

START_TEST(scheduler_moving_clock_back_aborts)
{
	sim_reset(1);
	sim_start_thread(new_thread("s", sleep_2000_fn, NULL));
	ck_assert_int_eq(sim_run(1000), SIM_RUN_TIME_LIMIT);
	sim_clock_advance_to(5000);	/* past the sleeper's wake-up */
	sim_run(UINT64_MAX);		/* would move it back to 2000 */
}
END_TEST

START_TEST(jiffies_written_aborts)
{
	sim_reset(1);
	jiffies += 1;	/* only the clock moves jiffies */
	sim_clock_advance_to(10);
}
END_TEST

START_TEST(bad_point_kind_aborts)
{
	sim_reset(1);
	sim_point(NR_SIM_POINT_KINDS, NULL);
}
END_TEST

static struct sim_waitq wq;

static int wait_fn(void *arg)
{
	sim_wait(&wq, &wq);
	return 0;
}

START_TEST(waker_finds_waiter_not_waiting_aborts)
{
	struct sim_thread *a;

	sim_reset(1);
	memset(&wq, 0, sizeof(wq));
	a = new_thread("w", wait_fn, NULL);
	sim_start_thread(a);
	ck_assert_int_eq(sim_run(UINT64_MAX), SIM_RUN_DEADLOCK);
	a->state = SIM_SLEEPING;	/* still on the wait queue */
	sim_wake_one(&wq);
}
END_TEST

static void point_past_end_dead(void)
{
	sim_point(NR_SIM_POINT_KINDS, NULL);	/* broken again */
}

static int reset_fn(void *arg)
{
	sim_reset(2);	/* not from inside a run */
	return 0;
}

START_TEST(second_bug_while_dying_aborts)
{
	sim_reset(1);
	sim_set_thread_dead(point_past_end_dead);
	sim_start_thread(new_thread("r", reset_fn, NULL));
	sim_run(UINT64_MAX);
}
END_TEST

/* ---- broken inside a thread: a finding, and only that thread ends ---- */

static struct {
	int reached_after;
	int other_ran;
	uint64_t other_at;
	int dead_calls;
	int warned;
} r;

/* stands for a kernel function on the thread's shadow stack */
static __attribute__((__noinline__)) void fake_kernel_fn(void)
{
	__asm__ volatile("");
}

static int backwards_fn(void *arg)
{
	sim_sleep_until_ns(1000);
	__cyg_profile_func_enter((void *)fake_kernel_fn, NULL);
	sim_clock_advance_to(500);	/* time never goes back */
	r.reached_after = 1;
	return 0;
}

static int other_fn(void *arg)
{
	sim_sleep_until_ns(2000);
	r.other_ran = 1;
	r.other_at = sim_now_ns();
	return 0;
}

static const struct sim_finding *only_finding(enum sim_finding_kind kind)
{
	const struct sim_finding *f;

	ck_assert_int_eq(sim_findings_count(), 1);
	f = sim_finding_get(0);
	ck_assert_int_eq(f->kind, kind);
	return f;
}

START_TEST(bug_in_thread_is_a_finding)
{
	const struct sim_finding *f;

	sim_reset(1);
	memset(&r, 0, sizeof(r));
	sim_start_thread(new_thread("backwards", backwards_fn, NULL));
	sim_start_thread(new_thread("other", other_fn, NULL));
	ck_assert_int_eq(sim_run(UINT64_MAX), SIM_RUN_DONE);
	ck_assert_int_eq(r.reached_after, 0);
	ck_assert_int_eq(r.other_ran, 1);	/* the run went on */
	ck_assert_int_eq(r.other_at, 2000);	/* on a clock never moved back */
	f = only_finding(SIM_FINDING_BUG);
	ck_assert_str_eq(f->msg, "ns < now_ns");
	ck_assert_ptr_nonnull(strstr(f->where, "sim/clock.c:"));
	ck_assert_ptr_nonnull(strstr(f->where, " sim_clock_advance_to"));
	ck_assert_str_eq(f->thread, "backwards");
	ck_assert_int_eq(f->time_ns, 1000);
	ck_assert_str_eq(f->detail, "backwards: fake_kernel_fn");
}
END_TEST

static void counting_dead(void)
{
	r.dead_calls++;
	sim_thread_exit(-3);
}

START_TEST(thread_ends_through_the_dead_hook)
{
	struct sim_thread *t;
	const struct sim_finding *f;

	sim_reset(1);
	memset(&r, 0, sizeof(r));
	sim_set_thread_dead(counting_dead);
	t = new_thread("r", reset_fn, NULL);
	sim_start_thread(t);
	ck_assert_int_eq(sim_run(UINT64_MAX), SIM_RUN_DONE);
	sim_set_thread_dead(NULL);
	ck_assert_int_eq(r.dead_calls, 1);
	ck_assert_int_eq(t->state, SIM_DONE);
	ck_assert_int_eq(t->exit_code, -3);
	f = only_finding(SIM_FINDING_BUG);
	ck_assert_str_eq(f->msg, "sim.current");
	ck_assert_ptr_nonnull(strstr(f->where, "sim/sched.c:"));
	ck_assert_ptr_nonnull(strstr(f->where, " sim_reset"));
}
END_TEST

static int queued_then_bug_fn(void *arg)
{
	rq_push(sim.current);	/* queued, as a preempted thread is */
	SIM_BUG_ON(sim.current->state == SIM_RUNNABLE);
	r.reached_after = 1;
	return 0;
}

START_TEST(bug_while_queued_leaves_the_queue)
{
	struct sim_thread *t;

	sim_reset(1);
	memset(&r, 0, sizeof(r));
	t = new_thread("q", queued_then_bug_fn, NULL);
	sim_start_thread(t);
	sim_start_thread(new_thread("other", other_fn, NULL));
	ck_assert_int_eq(sim_run(UINT64_MAX), SIM_RUN_DONE);
	ck_assert_int_eq(r.reached_after, 0);
	ck_assert_int_eq(r.other_ran, 1);
	ck_assert_int_eq(t->state, SIM_DONE);
	ck_assert_int_eq(t->exit_code, -1);
	ck_assert_int_eq(sim.nr_runnable, 0);
	ck_assert_ptr_null(sim.rq_head);
	ck_assert_uint_eq(sim.runnable[0], 0);
	only_finding(SIM_FINDING_BUG);
}
END_TEST

static int waiting_then_bug_fn(void *arg)
{
	struct sim_thread *t = sim.current;

	/* sim_wait()'s first half: on the queue, not switched away yet */
	t->state = SIM_WAITING;
	t->waitq = &wq;
	wq.head = wq.tail = t;
	SIM_BUG_ON(t->state == SIM_WAITING);
	r.reached_after = 1;
	return 0;
}

START_TEST(bug_while_waiting_leaves_the_wait_queue)
{
	sim_reset(1);
	memset(&r, 0, sizeof(r));
	memset(&wq, 0, sizeof(wq));
	sim_start_thread(new_thread("w", waiting_then_bug_fn, NULL));
	ck_assert_int_eq(sim_run(UINT64_MAX), SIM_RUN_DONE);
	ck_assert_int_eq(r.reached_after, 0);
	ck_assert_ptr_null(wq.head);
	ck_assert_ptr_null(wq.tail);
	only_finding(SIM_FINDING_BUG);
}
END_TEST

static int foreign_stream_fn(void *arg)
{
	sim.current->id = 0;	/* stream 0 is the boot stream's */
	sim_random_u64();
	r.reached_after = 1;
	return 0;
}

START_TEST(thread_stream_out_of_range_is_a_finding)
{
	const struct sim_finding *f;

	sim_reset(1);
	memset(&r, 0, sizeof(r));
	sim_start_thread(new_thread("f", foreign_stream_fn, NULL));
	ck_assert_int_eq(sim_run(UINT64_MAX), SIM_RUN_DONE);
	ck_assert_int_eq(r.reached_after, 0);
	f = only_finding(SIM_FINDING_BUG);
	ck_assert_str_eq(f->msg, "t->id < 1 || t->id > sim.nr_threads");
	ck_assert_ptr_nonnull(strstr(f->where, " check_thread"));
}
END_TEST

static int warn_fn(void *arg)
{
	int x = 1;

	if (SIM_WARN_ON(x == 1))
		r.warned = 1;
	r.reached_after = 1;
	return 0;
}

START_TEST(warn_in_thread_goes_on)
{
	const struct sim_finding *f;

	sim_reset(1);
	memset(&r, 0, sizeof(r));
	sim_start_thread(new_thread("warn", warn_fn, NULL));
	ck_assert_int_eq(sim_run(UINT64_MAX), SIM_RUN_DONE);
	ck_assert_int_eq(r.warned, 1);
	ck_assert_int_eq(r.reached_after, 1);
	f = only_finding(SIM_FINDING_WARN);
	ck_assert_str_eq(f->msg, "x == 1");
	ck_assert_ptr_nonnull(strstr(f->where, "test_sim_invariants.c:"));
}
END_TEST

#ifdef NDEBUG
/* the build really is NDEBUG: assert() is gone, SIM_BUG_ON() is not */
START_TEST(assert_is_compiled_out)
{
	int broken = 1;

	assert(!broken);
	(void)broken;
}
END_TEST
#endif

static Suite *suite(void)
{
	Suite *s = suite_create("sim.invariants");
	TCase *out = tcase_create("outside_thread");
	TCase *in = tcase_create("in_thread");

	tcase_add_test_raise_signal(out, bit_set_for_unqueued_thread_aborts,
				    SIGABRT);
	tcase_add_test_raise_signal(out, queued_twice_aborts, SIGABRT);
	tcase_add_test_raise_signal(out, broken_queue_link_aborts, SIGABRT);
	tcase_add_test_raise_signal(out, queue_count_mismatch_aborts, SIGABRT);
	tcase_add_test_raise_signal(out, candidate_not_runnable_aborts,
				    SIGABRT);
	tcase_add_test_raise_signal(out, bitmap_count_mismatch_aborts,
				    SIGABRT);
	tcase_add_test_raise_signal(out, strategy_pick_past_end_aborts,
				    SIGABRT);
	tcase_add_test_raise_signal(out, scheduler_moving_clock_back_aborts,
				    SIGABRT);
	tcase_add_test_raise_signal(out, jiffies_written_aborts, SIGABRT);
	tcase_add_test_raise_signal(out, bad_point_kind_aborts, SIGABRT);
	tcase_add_test_raise_signal(out, waker_finds_waiter_not_waiting_aborts,
				    SIGABRT);
	tcase_add_test_raise_signal(out, second_bug_while_dying_aborts,
				    SIGABRT);
	suite_add_tcase(s, out);

	tcase_add_test(in, bug_in_thread_is_a_finding);
	tcase_add_test(in, thread_ends_through_the_dead_hook);
	tcase_add_test(in, bug_while_queued_leaves_the_queue);
	tcase_add_test(in, bug_while_waiting_leaves_the_wait_queue);
	tcase_add_test(in, thread_stream_out_of_range_is_a_finding);
	tcase_add_test(in, warn_in_thread_goes_on);
#ifdef NDEBUG
	tcase_add_test(in, assert_is_compiled_out);
#endif
	suite_add_tcase(s, in);
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

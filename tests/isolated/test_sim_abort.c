// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/ misuse that aborts by design, each in a forked child: blocking
 * or exiting outside a simulated thread, switching into a finished
 * coroutine, and the engine's invariants broken outside any thread
 * (SIM_BUG_ON(), on in every build).  test_sim_invariants.c has the
 * rest: broken run queues, and what an invariant does in a thread.
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <check.h>

#include "sim/coro.h"
#include "sim/sched.h"
#include "sim/strategy.h"

START_TEST(wait_outside_thread_aborts)
{
	struct sim_waitq wq = { 0 };

	sim_reset(1);
	sim_wait(&wq, &wq);
}
END_TEST

START_TEST(sleep_outside_thread_aborts)
{
	sim_reset(1);
	sim_sleep_until_ns(1000);
}
END_TEST

START_TEST(sleep_in_past_outside_thread_aborts)
{
	/* even a sleep that would return at once: it is a misuse */
	sim_reset(1);
	sim_sleep_until_ns(0);
}
END_TEST

START_TEST(thread_exit_outside_thread_aborts)
{
	sim_reset(1);
	sim_thread_exit(0);
}
END_TEST

static int ran;

static void body(void *arg)
{
	ran++;
}

START_TEST(switch_into_finished_coro_aborts)
{
	struct coro *main_ctx = coro_self_main();
	struct coro *c = coro_create(body, NULL, 64 * 1024);

	ck_assert_ptr_nonnull(c);
	coro_switch(main_ctx, c);
	ck_assert_int_eq(ran, 1);
	ck_assert(coro_finished(c));
	coro_switch(main_ctx, c);	/* aborts */
}
END_TEST

START_TEST(clock_backwards_aborts)
{
	sim_reset(1);
	sim_clock_advance_to(1000);
	sim_clock_advance_to(999);	/* time never goes back */
}
END_TEST

static int noop_fn(void *arg)
{
	return 0;
}

START_TEST(start_thread_twice_aborts)
{
	struct sim_thread *t;

	sim_reset(1);
	t = sim_thread_create("t", noop_fn, NULL, NULL);
	sim_start_thread(t);
	sim_start_thread(t);
}
END_TEST

START_TEST(strategy_stream_out_of_range_aborts)
{
	struct sim_prng p;

	/* run 2^63 would be stream 0, the boot stream */
	sim_strategy_prng(&p, 1, SIM_PRNG_STRATEGY);
}
END_TEST

/* Exit-code test: exit() from inside a simulated thread ends the
 * process with that status (nothing in sim/ intercepts it). */
static int exiting_fn(void *arg)
{
	exit(7);
}

START_TEST(exit_inside_thread_exits_process)
{
	sim_reset(1);
	sim_start_thread(sim_thread_create("x", exiting_fn, NULL, NULL));
	sim_run(UINT64_MAX);
	exit(1);	/* not reached */
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("sim.abort");
	TCase *tc = tcase_create("aborts");

	tcase_add_test_raise_signal(tc, wait_outside_thread_aborts, SIGABRT);
	tcase_add_test_raise_signal(tc, sleep_outside_thread_aborts, SIGABRT);
	tcase_add_test_raise_signal(tc, sleep_in_past_outside_thread_aborts,
				    SIGABRT);
	tcase_add_test_raise_signal(tc, thread_exit_outside_thread_aborts,
				    SIGABRT);
	tcase_add_test_raise_signal(tc, switch_into_finished_coro_aborts,
				    SIGABRT);
	tcase_add_test_raise_signal(tc, clock_backwards_aborts, SIGABRT);
	tcase_add_test_raise_signal(tc, start_thread_twice_aborts, SIGABRT);
	tcase_add_test_raise_signal(tc, strategy_stream_out_of_range_aborts,
				    SIGABRT);
	tcase_add_exit_test(tc, exit_inside_thread_exits_process, 7);
	suite_add_tcase(s, tc);
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

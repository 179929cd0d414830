// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual clock as kernel code sees it: jiffies from INITIAL_JIFFIES
 * at HZ=250, the sleeping primitives of kshim/src/task.c, coarse
 * clocks, and include/linux/jiffies.h's conversions and comparisons.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/err.h>
#include <kshim/kshim.h>
#include "kshim_test_util.h"

#define MS (1000ULL * 1000)

/* Values threads record; asserted on the main context. */
static struct {
	unsigned long j0, j1;
	uint64_t t0, t1;
	long ret;
	uint64_t coarse[4];
	uint64_t fine[4];
	int order[4];
	int n;
} r;

static int setup(void **state)
{
	memset(&r, 0, sizeof(r));
	return kt_boot(1) == SIM_RUN_DONE ? 0 : -1;
}

static void test_initial_state(void **state)
{
	/* include/linux/jiffies.h on 64-bit with HZ=250 */
	assert_int_equal(HZ, 250);
	assert_int_equal(INITIAL_JIFFIES, 0xfffedb08UL);
	sim_clock_advance_to(10 * MS);
	assert_int_equal(jiffies, INITIAL_JIFFIES + 2);
	sim_reset(5);
	assert_int_equal(sim_now_ns(), 0);
	assert_int_equal(jiffies, INITIAL_JIFFIES);
	assert_int_equal(ktime_get_ns(), 0);
}

/* 300 s after boot, 64-bit jiffies passes 2^32, as the kernel's does. */
static void test_jiffies_wrap_point(void **state)
{
	sim_clock_advance_to(300ULL * 1000 * MS - 1);
	assert_int_equal(jiffies, 0xffffffffUL);
	sim_clock_advance_to(300ULL * 1000 * MS);
	assert_int_equal(jiffies, 0x100000000UL);
}

static int msleep_fn(void *arg)
{
	unsigned int start_us = (unsigned int)(uintptr_t)arg;

	if (start_us)
		usleep_idle_range(start_us, start_us);
	r.j0 = jiffies;
	r.t0 = sim_now_ns();
	msleep(10);
	r.j1 = jiffies;
	r.t1 = sim_now_ns();
	return 0;
}

static void test_msleep_on_tick(void **state)
{
	assert_int_equal(kt_spawn_run("sleeper", msleep_fn, NULL, UINT64_MAX),
			 SIM_RUN_DONE);
	assert_int_equal(r.j0, INITIAL_JIFFIES);
	assert_int_equal(r.j1 - r.j0, msecs_to_jiffies(10) + 1);
	assert_int_equal(r.j1 - r.j0, 4);
	assert_int_equal(r.t1, 16 * MS);
}

/* Starting mid-tick, the timer still fires at a tick boundary. */
static void test_msleep_mid_tick(void **state)
{
	assert_int_equal(kt_spawn_run("sleeper", msleep_fn, (void *)1000,
				      UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.t0, 1 * MS);
	assert_int_equal(r.j0, INITIAL_JIFFIES);
	assert_int_equal(r.j1 - r.j0, 4);
	assert_int_equal(r.t1, 16 * MS);
}

static int usleep_fn(void *arg)
{
	r.j0 = jiffies;
	usleep_idle_range(1000, 1001);
	r.t1 = sim_now_ns();
	r.j1 = jiffies;
	return 0;
}

static void test_usleep_range_exact(void **state)
{
	assert_int_equal(kt_spawn_run("us", usleep_fn, NULL, UINT64_MAX),
			 SIM_RUN_DONE);
	assert_int_equal(r.t1, 1001000);
	assert_int_equal(r.j1, r.j0);	/* less than a tick */
}

static int fsleep_fn(void *arg)
{
	fsleep(10);	/* udelay: no time passes */
	r.fine[0] = sim_now_ns();
	fsleep(100);	/* usleep_range(100, 200) */
	r.fine[1] = sim_now_ns();
	r.j0 = jiffies;
	fsleep(30000);	/* msleep(30) */
	r.j1 = jiffies;
	return 0;
}

static void test_fsleep(void **state)
{
	assert_int_equal(kt_spawn_run("fs", fsleep_fn, NULL, UINT64_MAX),
			 SIM_RUN_DONE);
	assert_int_equal(r.fine[0], 0);
	assert_int_equal(r.fine[1], 200000);
	assert_int_equal(r.j1 - r.j0, msecs_to_jiffies(30) + 1);
}

static struct task_struct *sleeper_task;

static int long_sleeper_fn(void *arg)
{
	r.ret = schedule_timeout(100);
	r.t1 = sim_now_ns();
	r.j1 = jiffies;
	return 0;
}

static int early_waker_fn(void *arg)
{
	msleep(8);	/* 2 + 1 ticks */
	r.t0 = sim_now_ns();
	wake_up_process(sleeper_task);
	return 0;
}

static void test_schedule_timeout_woken_early(void **state)
{
	sleeper_task = kshim_spawn("sleeper", long_sleeper_fn, NULL);
	assert_false(IS_ERR_OR_NULL(sleeper_task));
	assert_int_equal(kt_spawn_run("waker", early_waker_fn, NULL,
				      UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.t0, 12 * MS);
	assert_int_equal(r.t1, 12 * MS);
	assert_int_equal(r.ret, 97);
	assert_int_equal(r.j1, INITIAL_JIFFIES + 3);
}

static int timeout_fn(void *arg)
{
	r.j0 = jiffies;
	r.ret = schedule_timeout(5);
	r.j1 = jiffies;
	r.fine[0] = schedule_timeout(-1);
	r.fine[1] = sim_now_ns();
	return 0;
}

static void test_schedule_timeout_expires(void **state)
{
	assert_int_equal(kt_spawn_run("to", timeout_fn, NULL, UINT64_MAX),
			 SIM_RUN_DONE);
	assert_int_equal(r.ret, 0);
	assert_int_equal(r.j1 - r.j0, 5);
	assert_int_equal(r.fine[0], 0);		/* negative: no sleep */
	assert_int_equal(r.fine[1], 20 * MS);
}

static int coarse_fn(void *arg)
{
	static const unsigned int steps_us[4] = { 1, 3998, 1, 5500 };
	struct timespec64 ts;
	int i;

	for (i = 0; i < 4; i++) {
		usleep_idle_range(steps_us[i], steps_us[i]);
		ktime_get_coarse_ts64(&ts);
		r.coarse[i] = timespec64_to_ns(&ts);
		ktime_get_ts64(&ts);
		r.fine[i] = timespec64_to_ns(&ts);
	}
	return 0;
}

static void test_coarse_clock_tick_aligned(void **state)
{
	assert_int_equal(kt_spawn_run("c", coarse_fn, NULL, UINT64_MAX),
			 SIM_RUN_DONE);
	assert_int_equal(r.fine[0], 1000);
	assert_int_equal(r.coarse[0], 0);
	assert_int_equal(r.fine[1], 3999000);
	assert_int_equal(r.coarse[1], 0);
	assert_int_equal(r.fine[2], 4 * MS);
	assert_int_equal(r.coarse[2], 4 * MS);
	assert_int_equal(r.fine[3], 9500000);
	assert_int_equal(r.coarse[3], 8 * MS);
	assert_int_equal(ktime_get_coarse_ns(), 8 * MS);
}

static void test_conversions(void **state)
{
	assert_int_equal(msecs_to_jiffies(0), 0);
	assert_int_equal(msecs_to_jiffies(1), 1);
	assert_int_equal(msecs_to_jiffies(4), 1);
	assert_int_equal(msecs_to_jiffies(5), 2);
	assert_int_equal(msecs_to_jiffies(1000), 250);
	assert_int_equal(msecs_to_jiffies((unsigned int)-1), MAX_JIFFY_OFFSET);
	assert_int_equal(usecs_to_jiffies(1), 1);
	assert_int_equal(usecs_to_jiffies(4000), 1);
	assert_int_equal(usecs_to_jiffies(4001), 2);
	assert_int_equal(jiffies_to_msecs(3), 12);
	assert_int_equal(jiffies_to_usecs(3), 12000);
	assert_int_equal(jiffies_to_nsecs(2), 8 * MS);
	assert_int_equal(nsecs_to_jiffies(8 * MS - 1), 1);
	assert_int_equal(nsecs_to_jiffies(8 * MS), 2);
	assert_int_equal(TICK_NSEC, 4 * MS);
}

static void test_time_comparisons(void **state)
{
	const unsigned long ij = INITIAL_JIFFIES;
	const unsigned long past_wrap32 = 0x100000010UL;

	assert_true(time_after(ij + 1, ij));
	assert_false(time_after(ij, ij));
	assert_false(time_after(ij, ij + 1));
	assert_true(time_before(ij, ij + 1));
	assert_true(time_after_eq(ij, ij));
	/* across the 32-bit boundary INITIAL_JIFFIES sits just below */
	assert_true(time_after(past_wrap32, ij));
	assert_true(time_before(ij, past_wrap32));
	assert_true(time_in_range_open(ij, ij, past_wrap32));
	assert_true(time_in_range_open(0xffffffffUL, ij, past_wrap32));
	assert_true(time_in_range_open(0x100000000UL, ij, past_wrap32));
	assert_false(time_in_range_open(past_wrap32, ij, past_wrap32));
	assert_false(time_in_range_open(ij - 1, ij, past_wrap32));
	assert_true(time_in_range(past_wrap32, ij, past_wrap32));
	/* and across the real (64-bit) wrap */
	assert_true(time_after(5UL, ULONG_MAX - 5));
	assert_true(time_in_range_open(0UL, ULONG_MAX - 5, 5UL));
	assert_false(time_in_range_open(6UL, ULONG_MAX - 5, 5UL));
}

static int is_jiffies_fn(void *arg)
{
	unsigned long deadline = jiffies + 2;

	r.order[0] = time_is_after_jiffies(deadline);
	r.order[1] = time_is_before_jiffies(deadline);
	msleep(8);	/* 3 ticks */
	r.order[2] = time_is_after_jiffies(deadline);
	r.order[3] = time_is_before_jiffies(deadline);
	return 0;
}

static void test_time_is_jiffies(void **state)
{
	assert_int_equal(kt_spawn_run("j", is_jiffies_fn, NULL, UINT64_MAX),
			 SIM_RUN_DONE);
	assert_true(r.order[0]);
	assert_false(r.order[1]);
	assert_false(r.order[2]);
	assert_true(r.order[3]);
}

/* Same deadline: woken in creation order, not in order of sleeping. */
static struct completion go;

static int tie_first_fn(void *arg)
{
	wait_for_completion(&go);	/* so it goes to sleep second */
	usleep_idle_range(1000, 1000);
	r.order[r.n++] = 1;
	r.fine[0] = sim_now_ns();
	return 0;
}

static int tie_second_fn(void *arg)
{
	complete(&go);
	usleep_idle_range(1000, 1000);
	r.order[r.n++] = 2;
	r.fine[1] = sim_now_ns();
	return 0;
}

static void test_same_deadline_creation_order(void **state)
{
	init_completion(&go);
	assert_false(IS_ERR_OR_NULL(kshim_spawn("first", tie_first_fn, NULL)));
	assert_int_equal(kt_spawn_run("second", tie_second_fn, NULL,
				      UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.order[0], 1);
	assert_int_equal(r.order[1], 2);
	assert_int_equal(r.fine[0], 1 * MS);
	assert_int_equal(r.fine[1], 1 * MS);
}

static void test_run_time_limit(void **state)
{
	assert_int_equal(kt_spawn_run("sleeper", msleep_fn, NULL, 10 * MS),
			 SIM_RUN_TIME_LIMIT);
	assert_int_equal(r.t1, 0);	/* not woken yet */
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.t1, 16 * MS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_initial_state, setup),
		cmocka_unit_test_setup(test_jiffies_wrap_point, setup),
		cmocka_unit_test_setup(test_msleep_on_tick, setup),
		cmocka_unit_test_setup(test_msleep_mid_tick, setup),
		cmocka_unit_test_setup(test_usleep_range_exact, setup),
		cmocka_unit_test_setup(test_fsleep, setup),
		cmocka_unit_test_setup(test_schedule_timeout_woken_early, setup),
		cmocka_unit_test_setup(test_schedule_timeout_expires, setup),
		cmocka_unit_test_setup(test_coarse_clock_tick_aligned, setup),
		cmocka_unit_test_setup(test_conversions, setup),
		cmocka_unit_test_setup(test_time_comparisons, setup),
		cmocka_unit_test_setup(test_time_is_jiffies, setup),
		cmocka_unit_test_setup(test_same_deadline_creation_order, setup),
		cmocka_unit_test_setup(test_run_time_limit, setup),
	};

	return cmocka_run_group_tests_name("kshim.clock", tests, NULL, NULL);
}

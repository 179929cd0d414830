// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/linux/random.h on the simulator's streams: the kernel's
 * __get_random_u32_below() contract (uniform in [0, ceil), ceil == 0
 * gives any u32), and per-thread streams seen through kshim tasks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/delay.h>
#include <linux/random.h>
#include <linux/err.h>
#include <kshim/kshim.h>
#include "kshim_test_util.h"

static void test_below_in_range(void **state)
{
	static const u32 ceils[] = { 1, 2, 3, 7, 10, 1000, 0x7fffffffu,
				     (1u << 31) + 1, 0xfffffffeu,
				     0xffffffffu };
	u32 max_seen;
	size_t c;
	int i;

	sim_reset(3);
	for (c = 0; c < sizeof(ceils) / sizeof(ceils[0]); c++) {
		max_seen = 0;
		for (i = 0; i < 20000; i++) {
			u32 v = get_random_u32_below(ceils[c]);

			if (v >= ceils[c])
				fail_msg("ceil %u gave %u", ceils[c], v);
			if (v > max_seen)
				max_seen = v;
		}
		/* and it really spans the range, not just 0 */
		if (ceils[c] > 1)
			assert_true(max_seen >= ceils[c] / 2);
	}
}

/* For ceil = 2^31 + 1 about half of the raw draws are rejected; the
 * results must still be uniform: the top value 2^31 is as likely as 0. */
static void test_below_large_ceil_hits_both_halves(void **state)
{
	const u32 ceil = (1u << 31) + 1;
	int lo = 0, hi = 0, i;

	sim_reset(4);
	for (i = 0; i < 20000; i++) {
		u32 v = get_random_u32_below(ceil);

		if (v < ceil / 2)
			lo++;
		else
			hi++;
	}
	assert_in_range(lo, 9000, 11000);
	assert_in_range(hi, 9000, 11000);
}

static void test_below_zero_is_full_u32(void **state)
{
	int i, high = 0;
	u32 v;

	/* ceil == 0 returns the raw draw: the next get_random_u32() */
	sim_reset(5);
	for (i = 0; i < 8; i++)
		(void)get_random_u32();
	v = get_random_u32();
	sim_reset(5);
	for (i = 0; i < 8; i++)
		(void)get_random_u32_below(0);
	assert_int_equal(get_random_u32_below(0), v);

	for (i = 0; i < 1000; i++)
		high += get_random_u32_below(0) >= 0x80000000u;
	assert_in_range(high, 400, 600);
}

static void test_inclusive(void **state)
{
	int i, saw_lo = 0, saw_hi = 0;

	sim_reset(6);
	for (i = 0; i < 5000; i++) {
		u32 v = get_random_u32_inclusive(5, 8);

		assert_in_range(v, 5, 8);
		saw_lo |= v == 5;
		saw_hi |= v == 8;
	}
	assert_true(saw_lo && saw_hi);
	/* the whole u32 range must not divide by zero or trap */
	(void)get_random_u32_inclusive(0, 0xffffffffu);
}

static void test_below_uniform_chi_square(void **state)
{
	enum { CEIL = 10, N = 100000 };
	int counts[CEIL] = { 0 };
	double chi2 = 0, expect = (double)N / CEIL;
	int i;

	sim_reset(2024);
	for (i = 0; i < N; i++)
		counts[get_random_u32_below(CEIL)]++;
	for (i = 0; i < CEIL; i++)
		chi2 += (counts[i] - expect) * (counts[i] - expect) / expect;
	/* 9 degrees of freedom: P(chi2 > 33.7) = 1e-4 */
	if (chi2 > 33.7)
		fail_msg("chi-square %.1f over 9 dof", chi2);
}

static void test_same_seed_reproduces(void **state)
{
	u32 a[32], b[32];
	int i;

	sim_reset(77);
	for (i = 0; i < 32; i++)
		a[i] = get_random_u32_below(1000);
	sim_reset(77);
	for (i = 0; i < 32; i++)
		b[i] = get_random_u32_below(1000);
	assert_memory_equal(a, b, sizeof(a));
	sim_reset(78);
	for (i = 0; i < 32; i++)
		b[i] = get_random_u32_below(1000);
	assert_memory_not_equal(a, b, sizeof(a));
}

#define NDRAWS 16
struct drawer {
	u32 v[NDRAWS];
	unsigned int pause_us;
};

static struct drawer main_drawer, extra_drawer;

static int drawer_fn(void *arg)
{
	struct drawer *d = arg;
	int i;

	for (i = 0; i < NDRAWS; i++) {
		d->v[i] = get_random_u32();
		if (i % 4 == 3)
			usleep_idle_range(d->pause_us, d->pause_us);
	}
	return 0;
}

static void run_drawers(bool extra, u32 *out)
{
	assert_int_equal(kt_boot(42), SIM_RUN_DONE);
	memset(&main_drawer, 0, sizeof(main_drawer));
	memset(&extra_drawer, 0, sizeof(extra_drawer));
	main_drawer.pause_us = 100;
	extra_drawer.pause_us = 70;	/* interleaves with main's draws */
	assert_false(IS_ERR_OR_NULL(kshim_spawn("main", drawer_fn,
						&main_drawer)));
	if (extra)
		assert_false(IS_ERR_OR_NULL(kshim_spawn("extra", drawer_fn,
							&extra_drawer)));
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	memcpy(out, main_drawer.v, sizeof(main_drawer.v));
}

static void test_thread_streams_independent(void **state)
{
	u32 alone[NDRAWS], with[NDRAWS];
	int i, same = 0;

	run_drawers(false, alone);
	run_drawers(true, with);
	assert_memory_equal(alone, with, sizeof(alone));
	for (i = 0; i < NDRAWS; i++)
		same += extra_drawer.v[i] == with[i];
	assert_int_equal(same, 0);
	/* and a different seed gives "main" a different stream */
	assert_int_equal(kt_boot(43), SIM_RUN_DONE);
	assert_false(IS_ERR_OR_NULL(kshim_spawn("main", drawer_fn,
						&main_drawer)));
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_memory_not_equal(main_drawer.v, alone, sizeof(alone));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_below_in_range),
		cmocka_unit_test(test_below_large_ceil_hits_both_halves),
		cmocka_unit_test(test_below_zero_is_full_u32),
		cmocka_unit_test(test_inclusive),
		cmocka_unit_test(test_below_uniform_chi_square),
		cmocka_unit_test(test_same_seed_reproduces),
		cmocka_unit_test(test_thread_streams_independent),
	};

	return cmocka_run_group_tests_name("kshim.random", tests, NULL, NULL);
}

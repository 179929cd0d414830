// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/prng.c and the per-thread streams of sim/sched.c: xoshiro256**
 * seeded by splitmix64 from (seed, stream); each simulated thread draws
 * from stream <thread id>, draws outside any thread from stream 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sim/sched.h"

#define NDRAWS 8

/* Reference values computed independently (Python port of the
 * published xoshiro256** / splitmix64 reference code). */
static void test_golden_values(void **state)
{
	struct sim_prng p;

	sim_prng_seed(&p, 0, 0);
	assert_int_equal(sim_prng_next(&p), 0x99ec5f36cb75f2b4ULL);
	assert_int_equal(sim_prng_next(&p), 0xbf6e1f784956452aULL);
	assert_int_equal(sim_prng_next(&p), 0x1a5f849d4933e6e0ULL);

	sim_prng_seed(&p, 42, 1);
	assert_int_equal(sim_prng_next(&p), 0x180247f2e3635182ULL);
	assert_int_equal(sim_prng_next(&p), 0xccc3601b72c88777ULL);
}

static void draw(uint64_t seed, uint64_t stream, uint64_t *out, int n)
{
	struct sim_prng p;
	int i;

	sim_prng_seed(&p, seed, stream);
	for (i = 0; i < n; i++)
		out[i] = sim_prng_next(&p);
}

static int count_equal(const uint64_t *a, const uint64_t *b, int n)
{
	int i, same = 0;

	for (i = 0; i < n; i++)
		same += a[i] == b[i];
	return same;
}

static void test_same_seed_same_sequence(void **state)
{
	uint64_t a[64], b[64];

	draw(12345, 7, a, 64);
	draw(12345, 7, b, 64);
	assert_memory_equal(a, b, sizeof(a));
}

static void test_seeds_and_streams_differ(void **state)
{
	uint64_t base[64], other[64];

	draw(1, 0, base, 64);
	draw(2, 0, other, 64);
	assert_int_equal(count_equal(base, other, 64), 0);
	draw(1, 1, other, 64);
	assert_int_equal(count_equal(base, other, 64), 0);
	/* stream 1 of seed 1 is not stream 0 of some nearby seed either */
	draw(0, 0, other, 64);
	assert_int_equal(count_equal(base, other, 64), 0);
}

static void test_outputs_not_degenerate(void **state)
{
	struct sim_prng p;
	uint64_t ones = 0;
	int i;

	sim_prng_seed(&p, 0, 0);	/* an all-zero seed must still work */
	for (i = 0; i < 4096; i++)
		ones += __builtin_popcountll(sim_prng_next(&p));
	/* 4096 * 32 expected; allow a wide margin */
	assert_in_range(ones, 4096 * 32 - 2000, 4096 * 32 + 2000);
}

/* sim_random_u64() outside any thread: stream 0 of the run's seed. */
static void test_boot_stream(void **state)
{
	uint64_t want[NDRAWS];
	int i;

	draw(99, 0, want, NDRAWS);
	sim_reset(99);
	for (i = 0; i < NDRAWS; i++)
		assert_int_equal(sim_random_u64(), want[i]);
	/* sim_reset() reseeds */
	sim_reset(99);
	assert_int_equal(sim_random_u64(), want[0]);
}

struct drawer {
	uint64_t vals[NDRAWS];
	uint64_t sleep_ns;
	int n;
};

/* Draws half, sleeps (letting others run), draws the rest. */
static int drawer_fn(void *arg)
{
	struct drawer *d = arg;

	for (; d->n < NDRAWS / 2; d->n++)
		d->vals[d->n] = sim_random_u64();
	sim_sleep_until_ns(d->sleep_ns);
	for (; d->n < NDRAWS; d->n++)
		d->vals[d->n] = sim_random_u64();
	return 0;
}

static void run_drawers(uint64_t seed, struct drawer *a, struct drawer *b,
			uint64_t *boot_draw)
{
	struct sim_thread *ta, *tb;

	sim_reset(seed);
	memset(a, 0, sizeof(*a));
	a->sleep_ns = 1000;
	ta = sim_thread_create("a", drawer_fn, a, NULL);
	assert_non_null(ta);
	sim_start_thread(ta);
	if (b) {
		memset(b, 0, sizeof(*b));
		b->sleep_ns = 500;
		tb = sim_thread_create("b", drawer_fn, b, NULL);
		assert_non_null(tb);
		sim_start_thread(tb);
	}
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	*boot_draw = sim_random_u64();
}

static void test_thread_streams_independent(void **state)
{
	struct drawer alone, with, other;
	uint64_t want[NDRAWS], boot_alone, boot_with, boot_want;

	run_drawers(7, &alone, NULL, &boot_alone);
	run_drawers(7, &with, &other, &boot_with);
	assert_int_equal(alone.n, NDRAWS);
	assert_int_equal(with.n, NDRAWS);
	assert_int_equal(other.n, NDRAWS);
	/* a's draws are unaffected by b drawing in between */
	assert_memory_equal(alone.vals, with.vals, sizeof(alone.vals));
	/* and are stream <thread id> (1) of the seed */
	draw(7, 1, want, NDRAWS);
	assert_memory_equal(alone.vals, want, sizeof(want));
	/* b has its own stream (id 2) */
	draw(7, 2, want, NDRAWS);
	assert_memory_equal(other.vals, want, sizeof(want));
	assert_int_equal(count_equal(with.vals, other.vals, NDRAWS), 0);
	/* threads' draws leave the boot stream alone */
	draw(7, 0, want, 1);
	boot_want = want[0];
	assert_int_equal(boot_alone, boot_want);
	assert_int_equal(boot_with, boot_want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_values),
		cmocka_unit_test(test_same_seed_same_sequence),
		cmocka_unit_test(test_seeds_and_streams_differ),
		cmocka_unit_test(test_outputs_not_degenerate),
		cmocka_unit_test(test_boot_stream),
		cmocka_unit_test(test_thread_streams_independent),
	};

	return cmocka_run_group_tests_name("sim.prng", tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DAMON oracle (oracle_damon_regions(), architecture.md
 * invariant 8) on regions built with the real mm/damon/core.c API: a
 * sound set passes; each deliberately broken one (overlapping, out of
 * order, unaligned, outside the target, too many accesses, empty) is a
 * "damon_regions" finding.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/damon.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "damon_core/sim_damon.h"
#include "oracles/damon_regions.h"
#include "model_test.h"

#define LO 0x100000000UL
#define HI 0x140000000UL

struct ranges {
	unsigned long start[4], end[4];
	unsigned int acc[4];
	int nr;
	int findings;
};

static int check_task(void *arg)
{
	struct ranges *g = arg;
	struct damon_attrs attrs = { .sample_interval = 5000,
				     .aggr_interval = 100000,
				     .ops_update_interval = 1000000,
				     .min_nr_regions = 3,
				     .max_nr_regions = 100 };
	struct damon_ctx *ctx = damon_new_ctx();
	struct damon_target *t = damon_new_target();
	int i;

	if (!ctx || !t || damon_set_attrs(ctx, &attrs))
		return -1;
	damon_add_target(ctx, t);
	for (i = 0; i < g->nr; i++) {
		struct damon_region *r = damon_new_region(g->start[i],
							  g->end[i]);

		if (!r)
			return -1;
		r->nr_accesses = g->acc[i];
		/* as given: damon_add_region() keeps the list's order */
		damon_add_region(r, t);
	}
	g->findings = oracle_damon_regions(ctx, LO, HI);
	damon_destroy_ctx(ctx);
	return 0;
}

static int run(struct ranges *g)
{
	if (model_boot(1, 1, 1024))
		return -1;
	kshim_spawn("check", check_task, g);
	if (sim_run(UINT64_MAX) != SIM_RUN_DONE)
		return -1;
	return sim_findings_count();
}

static const char *msg(int i)
{
	return sim_finding_get(i)->msg;
}

static void test_sound_regions_pass(void **state)
{
	struct ranges g = { .start = { LO, LO + 0x1000, LO + 0x3000 },
			    .end = { LO + 0x1000, LO + 0x3000, HI },
			    .acc = { 0, 20, 7 }, .nr = 3 };

	assert_int_equal(run(&g), 0);
	assert_int_equal(g.findings, 0);
}

static void test_overlap(void **state)
{
	struct ranges g = { .start = { LO, LO + 0x1000 },
			    .end = { LO + 0x2000, LO + 0x3000 }, .nr = 2 };

	assert_int_equal(run(&g), 1);
	assert_non_null(strstr(msg(0), "damon_regions: region "
				       "[0x100001000, 0x100003000) overlaps"));
}

static void test_out_of_order(void **state)
{
	struct ranges g = { .start = { LO + 0x2000, LO },
			    .end = { LO + 0x3000, LO + 0x1000 }, .nr = 2 };

	assert_int_equal(run(&g), 1);
	assert_non_null(strstr(msg(0), "is out of order"));
}

static void test_unaligned_and_outside(void **state)
{
	struct ranges g = { .start = { LO - 0x1000, LO + 0x10 },
			    .end = { LO, LO + 0x1000 }, .nr = 2 };

	assert_int_equal(run(&g), 2);
	assert_non_null(strstr(msg(0), "is outside the target"));
	assert_non_null(strstr(msg(1), "is not DAMON_MIN_REGION aligned"));
}

static void test_too_many_accesses(void **state)
{
	struct ranges g = { .start = { LO }, .end = { LO + 0x1000 },
			    .acc = { 21 }, .nr = 1 };

	assert_int_equal(run(&g), 1);
	assert_non_null(strstr(msg(0), "counts more accesses than an "
				       "aggregation has samples"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sound_regions_pass),
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_out_of_order),
		cmocka_unit_test(test_unaligned_and_outside),
		cmocka_unit_test(test_too_many_accesses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real kdamond (mm/damon/core.c:kdamond_fn) on the virtual clock,
 * with the synthetic operations set: runs are a function of the seed,
 * time follows the kernel's sleep conventions, regions keep DAMON's
 * invariants, and DAMON frees everything it allocated.  Every boot
 * starts from the kernel's pristine statics.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "damon_core/synthetic_ops.h"

#define NR_AGGR 10
#define MAX_REGIONS 1000

struct run {
	struct synth_params params;
	struct synth_record rec;
	int err;
	long live_after_boot;
	long live_after_run;
	int findings;
	enum sim_run_result result;
};

static int kdamond_task(void *arg)
{
	struct run *r = arg;

	r->err = synth_run_kdamond(&r->params, NR_AGGR, &r->rec);
	return 0;
}

static struct run *run_kdamond(uint64_t seed)
{
	struct run *r = calloc(1, sizeof(*r));
	int i;

	assert_non_null(r);
	synth_default_params(&r->params);
	r->rec.max_snapshots = NR_AGGR + 1;
	r->rec.max_regions = MAX_REGIONS;
	r->rec.snapshots = calloc(r->rec.max_snapshots,
				  sizeof(*r->rec.snapshots));
	assert_non_null(r->rec.snapshots);
	for (i = 0; i < r->rec.max_snapshots; i++) {
		r->rec.snapshots[i].regions =
			calloc(MAX_REGIONS, sizeof(struct synth_region));
		assert_non_null(r->rec.snapshots[i].regions);
	}

	sim_reset(seed);
	assert_int_equal(kshim_boot(), 0);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(kshim_initcalls_failed(), 0);
	r->live_after_boot = kshim_slab_live_objects();
	kshim_spawn("test", kdamond_task, r);
	r->result = sim_run(UINT64_MAX);
	r->live_after_run = kshim_slab_live_objects();
	r->findings = sim_findings_count();
	return r;
}

static void free_run(struct run *r)
{
	int i;

	for (i = 0; i < r->rec.max_snapshots; i++)
		free(r->rec.snapshots[i].regions);
	free(r->rec.snapshots);
	free(r);
}

static bool same_snapshots(const struct run *a, const struct run *b)
{
	int i;

	if (a->rec.nr_snapshots != b->rec.nr_snapshots)
		return false;
	for (i = 0; i < a->rec.nr_snapshots; i++) {
		const struct synth_snapshot *x = &a->rec.snapshots[i];
		const struct synth_snapshot *y = &b->rec.snapshots[i];

		if (x->time_ns != y->time_ns || x->nr_regions != y->nr_regions ||
		    memcmp(x->regions, y->regions,
			   x->nr_regions * sizeof(*x->regions)))
			return false;
	}
	return true;
}

/* include/linux/sched/sysctl.h; 1000 (ms) in kernel/sched/fair.c */
extern unsigned int sysctl_numa_balancing_scan_delay;

static void boot(void)
{
	sim_reset(1);
	assert_int_equal(kshim_boot(), 0);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
}

static void test_boot_restores_kernel_statics(void **state)
{
	boot();
	assert_int_equal(sysctl_numa_balancing_scan_delay, 1000);
	sysctl_numa_balancing_scan_delay = 7;
	boot();
	assert_int_equal(sysctl_numa_balancing_scan_delay, 1000);
	/*
	 * The kernel's statics and nothing else: under ASan + UBSan + gcov
	 * their descriptors were 1.1 MiB more, copied every boot
	 */
	assert_true(kshim_kdata_bytes() > 0);
	assert_true(kshim_kdata_bytes() < 64 * 1024);
}

static void test_run_completes_cleanly(void **state)
{
	struct run *r = run_kdamond(1);

	assert_int_equal(r->result, SIM_RUN_DONE);
	assert_int_equal(r->err, 0);
	assert_int_equal(r->findings, 0);
	assert_int_equal(r->rec.nr_snapshots, NR_AGGR);
	/* damon_destroy_ctx() and the kthread's exit free everything */
	assert_int_equal(r->live_after_run, r->live_after_boot);
	free_run(r);
}

static void test_same_seed_same_regions(void **state)
{
	struct run *a = run_kdamond(42), *b = run_kdamond(42);

	assert_int_equal(a->rec.nr_snapshots, NR_AGGR);
	assert_true(same_snapshots(a, b));
	free_run(a);
	free_run(b);
}

static void test_different_seeds_differ(void **state)
{
	struct run *a = run_kdamond(1), *b = run_kdamond(2);

	assert_int_equal(a->rec.nr_snapshots, NR_AGGR);
	assert_int_equal(b->rec.nr_snapshots, NR_AGGR);
	/* region splits use get_random_u32_below(): the seed shows */
	assert_false(same_snapshots(a, b));
	free_run(a);
	free_run(b);
}

/*
 * kdamond_usleep() sleeps usleep_idle_range(us, us + 1), which expires
 * at its upper bound: an aggregation interval of 20 samples of 5000 us
 * takes 20 * 5001 us of virtual time.
 */
static void test_aggregation_times(void **state)
{
	struct run *r = run_kdamond(7);
	uint64_t samples = r->params.aggr_us / r->params.sample_us;
	int i;

	for (i = 0; i < r->rec.nr_snapshots; i++)
		assert_int_equal(r->rec.snapshots[i].time_ns,
				 (uint64_t)(i + 1) * samples *
					 (r->params.sample_us + 1) * 1000);
	free_run(r);
}

/* DAMON's region invariants, and what the access pattern implies. */
static void test_regions_track_the_hot_range(void **state)
{
	struct run *r = run_kdamond(3);
	unsigned int samples = r->params.aggr_us / r->params.sample_us;
	int i, j, fully_hot = 0;

	for (i = 0; i < r->rec.nr_snapshots; i++) {
		const struct synth_snapshot *s = &r->rec.snapshots[i];

		assert_true(s->nr_regions >= 1);
		assert_true(s->nr_regions <= (int)r->params.max_nr_regions);
		assert_int_equal(s->regions[0].start, r->params.start);
		assert_int_equal(s->regions[s->nr_regions - 1].end,
				 r->params.end);
		for (j = 0; j < s->nr_regions; j++) {
			const struct synth_region *g = &s->regions[j];

			assert_true(g->start < g->end);
			if (j)
				assert_int_equal(g->start, s->regions[j - 1].end);
			if (g->end <= r->params.hot_start ||
			    g->start >= r->params.hot_end)
				assert_int_equal(g->nr_accesses, 0);
			/* a merged region averages; a pure one is exact */
			if (g->start >= r->params.hot_start &&
			    g->end <= r->params.hot_end && i) {
				assert_int_equal(g->nr_accesses, samples);
				fully_hot++;
			}
		}
	}
	assert_true(fully_hot > 0);
	free_run(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boot_restores_kernel_statics),
		cmocka_unit_test(test_run_completes_cleanly),
		cmocka_unit_test(test_same_seed_same_regions),
		cmocka_unit_test(test_different_seeds_differ),
		cmocka_unit_test(test_aggregation_times),
		cmocka_unit_test(test_regions_track_the_hot_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

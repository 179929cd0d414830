// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Accessed-bit operations sets (the kernel's mm/damon/paddr.c, and
 * vaddr.c for comparison, extracted whole) on one mapped page, their
 * callbacks called as kdamond_fn() calls them, pinning 6.12's
 * conventions on the model:
 *
 * - paddr is registered at boot (damon_select_ops(DAMON_OPS_PADDR)) with
 *   .init, .update, .target_valid and .cleanup NULL.
 * - No TLB flush on mkold (ptep_clear_young_notify(), not the _flush_
 *   variant): after prepare_access_checks the PTE is old and the folio
 *   idle, but a CPU whose TLB still holds the translation accesses
 *   without a page walk, so the young bit stays clear and the access is
 *   missed; a CPU without the translation walks, sets it, and is seen.
 * - A folio no longer idle counts as accessed though its PTE is old
 *   (someone else, e.g. reclaim's folio_referenced(), took the bit).
 * - DAMOS: the sets' own scores (ops-common.c's damon_cold_score() and
 *   damon_hot_score()) and DAMOS_STAT, which applies nothing; the
 *   actions themselves are loud stand-ins (not run here).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <linux/damon.h>
#include <linux/mm.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "damon_core/ops_common.h"
#include "mm_model/mm/machine.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/populate.h"
#include "mm_model/hw/tlb.h"
#include "mm_model/mm/vma.h"
#include "model_test.h"

#define VA 0x7f0000000000UL

/* What one run saw, checked on the main context */
struct obs {
	enum damon_ops_id id;
	bool selected;
	bool null_cbs;			/* init/update/target_valid/cleanup */
	bool old_after_mkold, idle_after_mkold, tlb_kept;
	int faults;
	bool young_after_tlb_hit;
	unsigned int missed_nr;		/* nr_accesses after the TLB hit */
	bool young_after_walk;
	unsigned int seen_nr;		/* after cpu1's walk */
	unsigned int not_idle_nr;	/* after folio_clear_idle() alone */
	int setup_err;
	struct pid *pid;		/* vaddr: the target's, ours */
	/* DAMOS: the kernel's scores, and DAMOS_STAT applying nothing */
	int cold_idle, cold_hot, hot_hot, stat_score;
	unsigned long stat_applied;
};

static struct damon_ctx *new_ctx(struct obs *o, struct task_struct *task,
				 unsigned long start, unsigned long end)
{
	struct damon_attrs attrs = { .sample_interval = 5000,
				     .aggr_interval = 100000,
				     .ops_update_interval = 1000000,
				     .min_nr_regions = 3,
				     .max_nr_regions = 100 };
	struct damon_ctx *ctx = damon_new_ctx();
	struct damon_target *t = damon_new_target();
	struct damon_region *r = damon_new_region(start, end);

	if (!ctx || !t || !r || damon_set_attrs(ctx, &attrs))
		return NULL;
	o->selected = !damon_select_ops(ctx, o->id);
	if (!o->selected)
		return NULL;
	o->null_cbs = !ctx->ops.init && !ctx->ops.update &&
		      !ctx->ops.target_valid && !ctx->ops.cleanup &&
		      !ctx->ops.reset_aggregated;
	damon_add_target(ctx, t);
	if (task) {
		o->pid = damon_sim_task_pid(task);
		if (!o->pid)
			return NULL;
		t->pid = o->pid;
	}
	damon_add_region(r, t);
	return ctx;
}

static unsigned int region_nr_accesses(struct damon_ctx *ctx)
{
	struct damon_target *t;
	struct damon_region *r;

	damon_for_each_target(t, ctx)
		damon_for_each_region(r, t)
			return r->nr_accesses;
	return ~0U;
}

/* One sample: mkold, @between, the check; the region's nr_accesses */
static unsigned int sample(struct damon_ctx *ctx,
			   void (*between)(struct obs *o, pte_t *pte),
			   struct obs *o, pte_t *pte)
{
	struct damon_target *t;
	struct damon_region *r;

	damon_for_each_target(t, ctx)
		damon_for_each_region(r, t)
			r->nr_accesses = 0;
	ctx->ops.prepare_access_checks(ctx);
	between(o, pte);
	ctx->ops.check_accesses(ctx);
	return region_nr_accesses(ctx);
}

static struct mm_struct *mm;
static struct vm_area_struct *vma;

static struct folio *pte_folio(pte_t *pte)
{
	return page_folio(pfn_to_page(pte_pfn(ptep_get(pte))));
}

/* cpu0 still holds the translation filled before the mkold */
static void access_tlb_hit(struct obs *o, pte_t *pte)
{
	o->old_after_mkold = !pte_young(ptep_get(pte));
	o->idle_after_mkold = folio_test_idle(pte_folio(pte));
	o->tlb_kept = tlb_lookup(0, mm, VA);
	mmu_access(0, mm, VA, false, &o->faults);
	o->young_after_tlb_hit = pte_young(ptep_get(pte));
}

/* cpu1 never had it: a page walk, which sets Accessed */
static void access_walk(struct obs *o, pte_t *pte)
{
	int faults;

	mmu_access(1, mm, VA, false, &faults);
	o->faults += faults;
	o->young_after_walk = pte_young(ptep_get(pte));
}

/* no access; someone else clears the folio's idle flag */
static void clear_idle(struct obs *o, pte_t *pte)
{
	folio_clear_idle(pte_folio(pte));
}

/*
 * The scores of an idle, new region and of one accessed at every sample
 * (20 of 20 at these intervals), both age 0, weights 1:1.
 */
static void scheme_callbacks(struct damon_ctx *ctx, struct obs *o)
{
	struct damos s = { .quota = { .weight_nr_accesses = 1,
				      .weight_age = 1 } };
	struct damon_region idle = { .nr_accesses_bp = 0 };
	struct damon_region hot = { .nr_accesses_bp = 20 * 10000 };
	struct damon_target *t;

	s.action = DAMOS_PAGEOUT;
	o->cold_idle = ctx->ops.get_scheme_score(ctx, NULL, &idle, &s);
	o->cold_hot = ctx->ops.get_scheme_score(ctx, NULL, &hot, &s);
	s.action = DAMOS_LRU_PRIO;
	o->hot_hot = ctx->ops.id == DAMON_OPS_PADDR ?
		     ctx->ops.get_scheme_score(ctx, NULL, &hot, &s) : -1;
	s.action = DAMOS_STAT;
	o->stat_score = ctx->ops.get_scheme_score(ctx, NULL, &hot, &s);
	damon_for_each_target(t, ctx)
		o->stat_applied = ctx->ops.apply_scheme(ctx, t, &hot, &s);
}

static int run_task(void *arg)
{
	struct obs *o = arg;
	struct damon_ctx *ctx;
	unsigned long phys;
	pte_t *pte;

	mm = mm_create();
	current->mm = mm;
	current->cpu = 0;
	current->numa_preferred_nid = NUMA_NO_NODE;
	vma = vma_create(mm, VA, VA + PMD_SIZE, VM_READ | VM_WRITE, NULL);
	if (!vma || populate_anon(vma, VA, VA + PAGE_SIZE, 0, true)) {
		o->setup_err = 1;
		return 0;
	}
	pte = populate_ptep(vma, VA);
	phys = PFN_PHYS(pte_pfn(ptep_get(pte)));
	mmu_access(0, mm, VA, false, &o->faults);	/* fills cpu0's TLB */

	if (o->id == DAMON_OPS_PADDR)
		ctx = new_ctx(o, NULL, phys, phys + PAGE_SIZE);
	else
		ctx = new_ctx(o, current, VA, VA + PAGE_SIZE);
	if (!ctx) {
		o->setup_err = 2;
		goto out;
	}
	o->missed_nr = sample(ctx, access_tlb_hit, o, pte);
	o->seen_nr = sample(ctx, access_walk, o, pte);
	o->not_idle_nr = sample(ctx, clear_idle, o, pte);
	scheme_callbacks(ctx, o);
	damon_destroy_ctx(ctx);
	put_pid(o->pid);
	damon_sim_forget_pids(true);
out:
	populate_zap_all(vma);
	current->mm = NULL;
	mm_destroy(mm);
	return 0;
}

static void run(struct obs *o)
{
	assert_int_equal(model_boot(1, 2, 1024), 0);
	kshim_spawn("damon", run_task, o);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(o->setup_err, 0);
	assert_int_equal(sim_findings_count(), 0);
	machine_destroy();
}

static void assert_no_flush_on_mkold(const struct obs *o)
{
	assert_true(o->selected);
	assert_int_equal(o->faults, 0);
	/* mkold: old and idle, and the TLB entry left in place */
	assert_true(o->old_after_mkold);
	assert_true(o->idle_after_mkold);
	assert_true(o->tlb_kept);
	/* the TLB hit sets nothing: the access is missed */
	assert_false(o->young_after_tlb_hit);
	assert_int_equal(o->missed_nr, 0);
	/* a walk sets Accessed: seen */
	assert_true(o->young_after_walk);
	assert_int_equal(o->seen_nr, 1);
	/* no access, but the folio is no longer idle: counted */
	assert_int_equal(o->not_idle_nr, 1);
}

/*
 * damon_hot_score(): frequency 0 or 100 of 100, age 0 (subscore 50),
 * (f + 50) / 2 scaled to 99; cold is 99 minus it.
 */
static void assert_scores(const struct obs *o, bool paddr)
{
	assert_int_equal(o->cold_idle, 99 - 25 * 99 / 100);	/* 75 */
	assert_int_equal(o->cold_hot, 99 - 75 * 99 / 100);	/* 25 */
	assert_int_equal(o->hot_hot, paddr ? 75 * 99 / 100 : -1);
	assert_int_equal(o->stat_score, DAMOS_MAX_SCORE);
	assert_int_equal(o->stat_applied, 0);
}

static void test_paddr_scheme_scores(void **state)
{
	struct obs o = { .id = DAMON_OPS_PADDR };

	run(&o);
	assert_scores(&o, true);
}

static void test_vaddr_scheme_scores(void **state)
{
	struct obs o = { .id = DAMON_OPS_VADDR };

	run(&o);
	assert_scores(&o, false);
}

static void test_paddr_registered_as_612(void **state)
{
	struct obs o = { .id = DAMON_OPS_PADDR };

	run(&o);
	assert_true(o.selected);
	assert_true(o.null_cbs);
}

static void test_paddr_no_tlb_flush_on_mkold(void **state)
{
	struct obs o = { .id = DAMON_OPS_PADDR };

	run(&o);
	assert_no_flush_on_mkold(&o);
}

static void test_vaddr_no_tlb_flush_on_mkold(void **state)
{
	struct obs o = { .id = DAMON_OPS_VADDR };

	run(&o);
	assert_false(o.null_cbs);	/* vaddr has init/update/... */
	assert_no_flush_on_mkold(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paddr_registered_as_612),
		cmocka_unit_test(test_paddr_no_tlb_flush_on_mkold),
		cmocka_unit_test(test_vaddr_no_tlb_flush_on_mkold),
		cmocka_unit_test(test_paddr_scheme_scores),
		cmocka_unit_test(test_vaddr_scheme_scores),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * DAMON's physical address space operations set, as mm/damon/paddr.c
 * (6.12) does it, on the model's memory: the user sets the regions (no
 * init, no update), each sample picks one random physical address per
 * region, and the folio there has the young bit of every entry mapping
 * it cleared through an rmap walk (no TLB flush) and is marked idle; at
 * the end of the sample it counts as accessed if an entry mapping it is
 * young again or the folio is no longer idle.  Registered at boot as
 * DAMON_OPS_PADDR, as damon_pa_initcall() does.
 *
 * 6.12 conventions that show here: the check walks every region's
 * sampling address (no cache of the last checked folio, which older
 * kernels' __damon_pa_check_access() had); .init, .update, .target_valid
 * and .cleanup are NULL.  Two differences from the kernel:
 *
 * - The model's anon folios have no anon_vma (folio->mapping is
 *   PAGE_MAPPING_ANON alone) and rmap_walk() offers every VMA of every
 *   live mm (mm_model/mm/rmap.h), so folio_raw_mapping() is not checked:
 *   a mapped anon folio always has one in the kernel.
 * - File and KSM folios would need folio_trylock() around the walk; the
 *   model has neither, so one is a loud WARN and is skipped, as the
 *   paddr-fault set (ops_fault.c) does.
 *
 * DAMOS is not modelled (apply_scheme and get_scheme_score abort).
 */
#include <linux/damon.h>
#include <linux/init.h>
#include <linux/mm.h>
#include "damon_core/ops_common.h"
#include "mm_model/mm/rmap.h"

/* Not modelled (see above): a loud WARN, and the walk is skipped. */
static bool damon_pa_folio_unmodelled(struct folio *folio)
{
	return WARN_ON_ONCE(!folio_test_anon(folio) || folio_test_ksm(folio));
}

/*
 * Mirrors mm/damon/paddr.c:damon_folio_mkold_one() (6.12): every entry
 * of @vma mapping @folio (page_vma_mapped_walk(), each found under its
 * lock) loses its young bit to the folio, PTE or PMD.
 */
static bool damon_folio_mkold_one(struct folio *folio,
				  struct vm_area_struct *vma, unsigned long addr,
				  void *arg)
{
	DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, addr, 0);

	while (page_vma_mapped_walk(&pvmw)) {
		if (pvmw.pte)
			damon_ptep_mkold(pvmw.pte, vma, pvmw.address);
		else
			damon_pmdp_mkold(pvmw.pmd, vma, pvmw.address);
	}
	return true;
}

/*
 * Mirrors mm/damon/paddr.c:damon_folio_mkold() (6.12): an unmapped
 * folio is only marked idle; a mapped one is walked.
 */
static void damon_folio_mkold(struct folio *folio)
{
	struct rmap_walk_control rwc = {
		.rmap_one = damon_folio_mkold_one,
	};

	if (!folio_mapped(folio)) {
		folio_set_idle(folio);
		return;
	}
	if (damon_pa_folio_unmodelled(folio))
		return;
	rmap_walk(folio, &rwc);
}

/* Mirrors mm/damon/paddr.c:damon_pa_mkold() (6.12) */
static void damon_pa_mkold(unsigned long paddr)
{
	struct folio *folio = damon_get_folio(PHYS_PFN(paddr));

	if (!folio)
		return;
	damon_folio_mkold(folio);
	folio_put(folio);
}

/* Mirrors mm/damon/paddr.c:__damon_pa_prepare_access_check() (6.12) */
static void __damon_pa_prepare_access_check(struct damon_region *r)
{
	r->sampling_addr = damon_rand(r->ar.start, r->ar.end);
	damon_pa_mkold(r->sampling_addr);
}

/* Mirrors mm/damon/paddr.c:damon_pa_prepare_access_checks() (6.12) */
static void damon_pa_prepare_access_checks(struct damon_ctx *ctx)
{
	struct damon_target *t;
	struct damon_region *r;

	damon_sim_stats_mut()->samples++;
	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t)
			__damon_pa_prepare_access_check(r);
	}
}

/*
 * Mirrors mm/damon/paddr.c:damon_folio_young_one() (6.12): accessed if
 * an entry of @vma mapping @folio is young, or the folio is no longer
 * idle (someone else saw and cleared a young bit); the first such entry
 * ends the walk.  mmu_notifier_test_young() is false: no notifier is
 * ever registered on a simulated mm.
 */
static bool damon_folio_young_one(struct folio *folio,
				  struct vm_area_struct *vma, unsigned long addr,
				  void *arg)
{
	bool *accessed = arg;
	DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, addr, 0);

	*accessed = false;
	while (page_vma_mapped_walk(&pvmw)) {
		if (pvmw.pte) {
			*accessed = pte_young(ptep_get(pvmw.pte)) ||
				    !folio_test_idle(folio);
		} else {
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
			*accessed = pmd_young(pmdp_get(pvmw.pmd)) ||
				    !folio_test_idle(folio);
#else
			WARN_ON_ONCE(1);
#endif
		}
		if (*accessed) {
			page_vma_mapped_walk_done(&pvmw);
			break;
		}
	}
	/* accessed: the walk stops */
	return !*accessed;
}

/*
 * Mirrors mm/damon/paddr.c:damon_folio_young() (6.12): an unmapped
 * folio is accessed if it is no longer idle; a mapped one is walked.
 */
static bool damon_folio_young(struct folio *folio)
{
	bool accessed = false;
	struct rmap_walk_control rwc = {
		.arg = &accessed,
		.rmap_one = damon_folio_young_one,
	};

	if (!folio_mapped(folio))
		return !folio_test_idle(folio);
	if (damon_pa_folio_unmodelled(folio))
		return false;
	rmap_walk(folio, &rwc);
	return accessed;
}

/* Mirrors mm/damon/paddr.c:damon_pa_young() (6.12) */
static bool damon_pa_young(unsigned long paddr)
{
	struct folio *folio = damon_get_folio(PHYS_PFN(paddr));
	bool accessed;

	if (!folio)
		return false;
	accessed = damon_folio_young(folio);
	folio_put(folio);
	return accessed;
}

/* Mirrors mm/damon/paddr.c:__damon_pa_check_access() (6.12): no cache */
static void __damon_pa_check_access(struct damon_region *r,
				    struct damon_attrs *attrs)
{
	damon_update_region_access_rate(r, damon_pa_young(r->sampling_addr),
					attrs);
}

/* Mirrors mm/damon/paddr.c:damon_pa_check_accesses() (6.12) */
static unsigned int damon_pa_check_accesses(struct damon_ctx *ctx)
{
	unsigned int max_nr_accesses = 0;
	struct damon_target *t;
	struct damon_region *r;

	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t) {
			__damon_pa_check_access(r, &ctx->attrs);
			max_nr_accesses = max(r->nr_accesses, max_nr_accesses);
		}
	}
	return max_nr_accesses;
}

static unsigned long damon_pa_apply_scheme(struct damon_ctx *ctx,
					   struct damon_target *t,
					   struct damon_region *r,
					   struct damos *scheme)
{
	damon_sim_unmodelled("paddr apply_scheme (DAMOS)");
}

static int damon_pa_scheme_score(struct damon_ctx *ctx,
				 struct damon_target *t,
				 struct damon_region *r, struct damos *scheme)
{
	damon_sim_unmodelled("paddr get_scheme_score (DAMOS)");
}

#ifdef CONFIG_DAMON_PADDR
/* Mirrors mm/damon/paddr.c:damon_pa_initcall() (6.12) */
static int __init damon_pa_initcall(void)
{
	struct damon_operations ops = {
		.id = DAMON_OPS_PADDR,
		.init = NULL,
		.update = NULL,
		.prepare_access_checks = damon_pa_prepare_access_checks,
		.check_accesses = damon_pa_check_accesses,
		.reset_aggregated = NULL,
		.target_valid = NULL,
		.cleanup = NULL,
		.apply_scheme = damon_pa_apply_scheme,
		.get_scheme_score = damon_pa_scheme_score,
	};

	return damon_register_ops(&ops);
}
subsys_initcall(damon_pa_initcall);
#endif

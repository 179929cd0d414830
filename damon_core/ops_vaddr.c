// SPDX-License-Identifier: GPL-2.0-only
/*
 * DAMON's virtual address space operations set, as mm/damon/vaddr.c
 * (6.12) does it, on the model's address spaces: three initial regions
 * around the two biggest gaps between the target's VMAs, one random
 * sampling address per region, whose PTE (or PMD) loses its young bit
 * at prepare time (no TLB flush) and is checked at the end of the
 * sample.  Registered at boot as DAMON_OPS_VADDR and DAMON_OPS_FVADDR,
 * as damon_va_initcall() does.
 *
 * 6.12 differs from older kernels in two ways that show here: the
 * check walks every region's sampling address (no cache of the last
 * checked folio, which 6.0's damon_va_check_access() had), and
 * .cleanup is NULL.  DAMOS is not modelled (apply_scheme aborts).
 */
#include <linux/damon.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include "damon_core/ops_common.h"

/*
 * Mirrors mm/damon/vaddr.c:damon_va_evenly_split_region() (6.12): @r
 * becomes the first of @nr_pieces DAMON_MIN_REGION-aligned pieces, the
 * last one taking the rounding rest.
 */
static int damon_va_evenly_split_region(struct damon_target *t,
					struct damon_region *r,
					unsigned int nr_pieces)
{
	unsigned long sz_orig, sz_piece, orig_end, start;
	struct damon_region *n = NULL, *next;
	unsigned int i;

	if (!r || !nr_pieces)
		return -EINVAL;
	orig_end = r->ar.end;
	sz_orig = damon_sz_region(r);
	sz_piece = ALIGN_DOWN(sz_orig / nr_pieces, DAMON_MIN_REGION);
	if (!sz_piece)
		return -EINVAL;

	r->ar.end = r->ar.start + sz_piece;
	next = damon_next_region(r);
	for (start = r->ar.end, i = 1; i < nr_pieces;
	     start += sz_piece, i++) {
		n = damon_new_region(start, start + sz_piece);
		if (!n)
			return -ENOMEM;
		damon_insert_region(n, r, next, t);
		r = n;
	}
	if (n)
		n->ar.end = orig_end;	/* the rounding rest */
	return 0;
}

static unsigned long sz_range(struct damon_addr_range *r)
{
	return r->end - r->start;
}

/*
 * Mirrors mm/damon/vaddr.c:__damon_va_three_regions() (6.12): the two
 * biggest gaps between VMAs (the first VMA's start to the last one's
 * end) cut the address space into three regions.  Fewer than three
 * VMAs with gaps between them: -EINVAL, and the target gets no regions.
 * The model's VMA list stands for the maple tree (mmap lock held).
 */
static int __damon_va_three_regions(struct mm_struct *mm,
				    struct damon_addr_range regions[3])
{
	struct damon_addr_range first_gap = { 0 }, second_gap = { 0 };
	struct vm_area_struct *vma, *prev = NULL;
	unsigned long start = 0;

	list_for_each_entry(vma, &mm->kshim_vmas, kshim_node) {
		unsigned long gap;

		if (!prev) {
			start = vma->vm_start;
			prev = vma;
			continue;
		}
		gap = vma->vm_start - prev->vm_end;
		if (gap > sz_range(&first_gap)) {
			second_gap = first_gap;
			first_gap.start = prev->vm_end;
			first_gap.end = vma->vm_start;
		} else if (gap > sz_range(&second_gap)) {
			second_gap.start = prev->vm_end;
			second_gap.end = vma->vm_start;
		}
		prev = vma;
	}
	if (!sz_range(&second_gap) || !sz_range(&first_gap))
		return -EINVAL;

	/* by address */
	if (first_gap.start > second_gap.start)
		swap(first_gap, second_gap);

	regions[0].start = ALIGN(start, DAMON_MIN_REGION);
	regions[0].end = ALIGN(first_gap.start, DAMON_MIN_REGION);
	regions[1].start = ALIGN(first_gap.end, DAMON_MIN_REGION);
	regions[1].end = ALIGN(second_gap.start, DAMON_MIN_REGION);
	regions[2].start = ALIGN(second_gap.end, DAMON_MIN_REGION);
	regions[2].end = ALIGN(prev->vm_end, DAMON_MIN_REGION);
	return 0;
}

/* Mirrors mm/damon/vaddr.c:damon_va_three_regions() (6.12) */
static int damon_va_three_regions(struct damon_target *t,
				  struct damon_addr_range regions[3])
{
	struct mm_struct *mm = damon_get_mm(t);
	int rc;

	if (!mm)
		return -EINVAL;
	mmap_read_lock(mm);
	rc = __damon_va_three_regions(mm, regions);
	mmap_read_unlock(mm);
	damon_put_mm(mm);
	return rc;
}

/*
 * Mirrors mm/damon/vaddr.c:__damon_va_init_regions() (6.12): the three
 * regions, each split evenly so that all together make about
 * min_nr_regions pieces.
 */
static void __damon_va_init_regions(struct damon_ctx *ctx,
				    struct damon_target *t)
{
	struct damon_addr_range regions[3];
	unsigned long sz = 0, nr_pieces;
	struct damon_region *r;
	int i;

	if (damon_va_three_regions(t, regions)) {
		pr_debug("damon-va: failed to get three regions of a target\n");
		return;
	}
	for (i = 0; i < 3; i++)
		sz += regions[i].end - regions[i].start;
	if (ctx->attrs.min_nr_regions)
		sz /= ctx->attrs.min_nr_regions;
	if (sz < DAMON_MIN_REGION)
		sz = DAMON_MIN_REGION;

	for (i = 0; i < 3; i++) {
		r = damon_new_region(regions[i].start, regions[i].end);
		if (!r) {
			pr_err("damon-va: %d'th init region creation failed\n",
			       i);
			return;
		}
		damon_add_region(r, t);
		nr_pieces = (regions[i].end - regions[i].start) / sz;
		damon_va_evenly_split_region(t, r, nr_pieces);
	}
}

/* Mirrors mm/damon/vaddr.c:damon_va_init() (6.12) */
void damon_va_init(struct damon_ctx *ctx)
{
	struct damon_target *t;

	damon_for_each_target(t, ctx) {
		/* the user may have set the regions */
		if (!damon_nr_regions(t))
			__damon_va_init_regions(ctx, t);
	}
}

/* Mirrors mm/damon/vaddr.c:damon_va_update() (6.12) */
void damon_va_update(struct damon_ctx *ctx)
{
	struct damon_addr_range three_regions[3];
	struct damon_target *t;

	damon_for_each_target(t, ctx) {
		if (damon_va_three_regions(t, three_regions))
			continue;
		damon_set_regions(t, three_regions, 3);
	}
}

/*
 * Mirrors mm/damon/vaddr.c:damon_mkold_pmd_entry() (6.12): a huge PMD
 * is made old under the PMD lock, else the PTE under its table lock.
 */
static int damon_mkold_pmd_entry(pmd_t *pmd, unsigned long addr,
				 unsigned long next, struct damon_walk *walk)
{
	spinlock_t *ptl;
	pmd_t pmde;
	pte_t *pte;

	if (pmd_trans_huge(pmdp_get(pmd))) {
		ptl = pmd_lock(walk->mm, pmd);
		pmde = pmdp_get(pmd);
		if (!pmd_present(pmde)) {
			spin_unlock(ptl);
			return 0;
		}
		if (pmd_trans_huge(pmde)) {
			damon_pmdp_mkold(pmd, walk->vma, addr);
			spin_unlock(ptl);
			return 0;
		}
		spin_unlock(ptl);	/* split meanwhile: the PTE path */
	}

	pte = pte_offset_map_lock(walk->mm, pmd, addr, &ptl);
	if (!pte)
		return 0;
	if (pte_present(ptep_get(pte)))
		damon_ptep_mkold(pte, walk->vma, addr);
	pte_unmap_unlock(pte, ptl);
	return 0;
}

/* Mirrors mm/damon/vaddr.c:damon_va_mkold() (6.12) */
static void damon_va_mkold(struct mm_struct *mm, unsigned long addr)
{
	mmap_read_lock(mm);
	damon_walk_one(mm, addr, damon_mkold_pmd_entry, NULL);
	mmap_read_unlock(mm);
}

/* Mirrors mm/damon/vaddr.c:__damon_va_prepare_access_check() (6.12) */
static void __damon_va_prepare_access_check(struct mm_struct *mm,
					    struct damon_region *r)
{
	r->sampling_addr = damon_rand(r->ar.start, r->ar.end);
	damon_va_mkold(mm, r->sampling_addr);
}

/* Mirrors mm/damon/vaddr.c:damon_va_prepare_access_checks() (6.12) */
static void damon_va_prepare_access_checks(struct damon_ctx *ctx)
{
	struct damon_target *t;
	struct damon_region *r;
	struct mm_struct *mm;

	damon_sim_stats_mut()->samples++;
	damon_for_each_target(t, ctx) {
		mm = damon_get_mm(t);
		if (!mm)
			continue;
		damon_for_each_region(r, t)
			__damon_va_prepare_access_check(mm, r);
		damon_put_mm(mm);
	}
}

/*
 * Mirrors mm/damon/vaddr.c:damon_young_pmd_entry() (6.12): accessed if
 * the entry is young, or its folio is no longer idle (someone else,
 * e.g. reclaim's folio_referenced(), saw and cleared the young bit).
 */
static int damon_young_pmd_entry(pmd_t *pmd, unsigned long addr,
				 unsigned long next, struct damon_walk *walk)
{
	bool *young = walk->private;
	struct folio *folio;
	spinlock_t *ptl;
	pte_t *pte;
	pte_t ptent;

#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	if (pmd_trans_huge(pmdp_get(pmd))) {
		pmd_t pmde;

		ptl = pmd_lock(walk->mm, pmd);
		pmde = pmdp_get(pmd);
		if (!pmd_present(pmde)) {
			spin_unlock(ptl);
			return 0;
		}
		if (!pmd_trans_huge(pmde)) {
			spin_unlock(ptl);
			goto regular_page;
		}
		folio = damon_get_folio(pmd_pfn(pmde));
		if (folio) {
			/* mmu_notifier_test_young(): no notifiers */
			if (pmd_young(pmde) || !folio_test_idle(folio))
				*young = true;
			folio_put(folio);
		}
		spin_unlock(ptl);
		return 0;
	}
regular_page:
#endif
	pte = pte_offset_map_lock(walk->mm, pmd, addr, &ptl);
	if (!pte)
		return 0;
	ptent = ptep_get(pte);
	if (!pte_present(ptent))
		goto out;
	folio = damon_get_folio(pte_pfn(ptent));
	if (!folio)
		goto out;
	if (pte_young(ptent) || !folio_test_idle(folio))
		*young = true;
	folio_put(folio);
out:
	pte_unmap_unlock(pte, ptl);
	return 0;
}

/* Mirrors mm/damon/vaddr.c:damon_va_young() (6.12) */
static bool damon_va_young(struct mm_struct *mm, unsigned long addr)
{
	bool young = false;

	mmap_read_lock(mm);
	damon_walk_one(mm, addr, damon_young_pmd_entry, &young);
	mmap_read_unlock(mm);
	return young;
}

/* Mirrors mm/damon/vaddr.c:__damon_va_check_access() (6.12) */
static void __damon_va_check_access(struct mm_struct *mm,
				    struct damon_region *r,
				    struct damon_attrs *attrs)
{
	if (!mm) {
		damon_update_region_access_rate(r, false, attrs);
		return;
	}
	damon_update_region_access_rate(r, damon_va_young(mm, r->sampling_addr),
					attrs);
}

/* Mirrors mm/damon/vaddr.c:damon_va_check_accesses() (6.12) */
static unsigned int damon_va_check_accesses(struct damon_ctx *ctx)
{
	unsigned int max_nr_accesses = 0;
	struct damon_target *t;
	struct damon_region *r;
	struct mm_struct *mm;

	damon_for_each_target(t, ctx) {
		mm = damon_get_mm(t);
		damon_for_each_region(r, t) {
			__damon_va_check_access(mm, r, &ctx->attrs);
			max_nr_accesses = max(r->nr_accesses, max_nr_accesses);
		}
		if (mm)
			damon_put_mm(mm);
	}
	return max_nr_accesses;
}

/* Mirrors mm/damon/vaddr.c:damon_va_target_valid() (6.12) */
bool damon_va_target_valid(struct damon_target *t)
{
	struct task_struct *task = damon_get_task_struct(t);

	if (!task)
		return false;
	put_task_struct(task);
	return true;
}

static unsigned long damon_va_apply_scheme(struct damon_ctx *ctx,
					   struct damon_target *t,
					   struct damon_region *r,
					   struct damos *scheme)
{
	damon_sim_unmodelled("vaddr apply_scheme (DAMOS)");
}

static int damon_va_scheme_score(struct damon_ctx *ctx,
				 struct damon_target *t,
				 struct damon_region *r, struct damos *scheme)
{
	damon_sim_unmodelled("vaddr get_scheme_score (DAMOS)");
}

#ifdef CONFIG_DAMON_VADDR
/* Mirrors mm/damon/vaddr.c:damon_va_initcall() (6.12) */
static int __init damon_va_initcall(void)
{
	struct damon_operations ops = {
		.id = DAMON_OPS_VADDR,
		.init = damon_va_init,
		.update = damon_va_update,
		.prepare_access_checks = damon_va_prepare_access_checks,
		.check_accesses = damon_va_check_accesses,
		.reset_aggregated = NULL,
		.target_valid = damon_va_target_valid,
		.cleanup = NULL,
		.apply_scheme = damon_va_apply_scheme,
		.get_scheme_score = damon_va_scheme_score,
	};
	/* fixed ranges: the user's regions, never the mappings' */
	struct damon_operations ops_fvaddr = ops;
	int err;

	ops_fvaddr.id = DAMON_OPS_FVADDR;
	ops_fvaddr.init = NULL;
	ops_fvaddr.update = NULL;
	err = damon_register_ops(&ops);
	if (err)
		return err;
	return damon_register_ops(&ops_fvaddr);
}
subsys_initcall(damon_va_initcall);
#endif

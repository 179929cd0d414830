// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/pagewalk.c:walk_page_range() (6.12) over the model's page tables,
 * for the callbacks the extracted code uses: .pmd_entry (DAMON's vaddr
 * walks, mm/damon/vaddr.c), with .pte_hole, .test_walk, .pre_vma and
 * .post_vma as the kernel calls them.  Descending below a PMD
 * (.pte_entry) and the upper levels' own callbacks have no user yet and
 * are loud; no hugetlb VMA exists (CONFIG_HUGETLB_PAGE is off), so
 * .hugetlb_entry is never called, as in the kernel.  The model has no
 * PUD leaves, so the PUD level never splits.
 */
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/pagewalk.h>
#include <kshim/unmodelled.h>
#include "mm_model/mm/vma.h"

/* Mirrors mm/pagewalk.c:walk_pmd_range() (6.12), no .pte_entry */
static int walk_pmd_range(pud_t *pud, unsigned long addr, unsigned long end,
			  struct mm_walk *walk)
{
	const struct mm_walk_ops *ops = walk->ops;
	unsigned long next;
	pmd_t *pmd;
	int err = 0;

	pmd = pmd_offset(pud, addr);
	do {
again:
		walk->action = ACTION_SUBTREE;
		next = pmd_addr_end(addr, end);
		if (pmd_none(pmdp_get(pmd))) {
			if (ops->pte_hole)
				err = ops->pte_hole(addr, next, 3, walk);
			if (err)
				break;
			continue;
		}
		/* each ->pmd_entry() knows about pmd_trans_huge() PMDs */
		if (ops->pmd_entry)
			err = ops->pmd_entry(pmd, addr, next, walk);
		if (err)
			break;
		if (walk->action == ACTION_AGAIN)
			goto again;
	} while (pmd++, addr = next, addr != end);
	return err;
}

/* Mirrors mm/pagewalk.c:walk_pud_range() (6.12): no PUD leaves */
static int walk_pud_range(p4d_t *p4d, unsigned long addr, unsigned long end,
			  struct mm_walk *walk)
{
	const struct mm_walk_ops *ops = walk->ops;
	unsigned long next;
	pud_t *pud;
	int err = 0;

	pud = pud_offset(p4d, addr);
	do {
		next = pud_addr_end(addr, end);
		if (pud_none_or_clear_bad(pud)) {
			if (ops->pte_hole)
				err = ops->pte_hole(addr, next, 2, walk);
			if (err)
				break;
			continue;
		}
		if (ops->pmd_entry || ops->pte_entry)
			err = walk_pmd_range(pud, addr, next, walk);
		if (err)
			break;
	} while (pud++, addr = next, addr != end);
	return err;
}

/* Mirrors mm/pagewalk.c:walk_p4d_range() (6.12) */
static int walk_p4d_range(pgd_t *pgd, unsigned long addr, unsigned long end,
			  struct mm_walk *walk)
{
	const struct mm_walk_ops *ops = walk->ops;
	unsigned long next;
	p4d_t *p4d;
	int err = 0;

	p4d = p4d_offset(pgd, addr);
	do {
		next = p4d_addr_end(addr, end);
		if (p4d_none_or_clear_bad(p4d)) {
			if (ops->pte_hole)
				err = ops->pte_hole(addr, next, 1, walk);
			if (err)
				break;
			continue;
		}
		err = walk_pud_range(p4d, addr, next, walk);
		if (err)
			break;
	} while (p4d++, addr = next, addr != end);
	return err;
}

/* Mirrors mm/pagewalk.c:walk_pgd_range() (6.12) */
static int walk_pgd_range(unsigned long addr, unsigned long end,
			  struct mm_walk *walk)
{
	const struct mm_walk_ops *ops = walk->ops;
	unsigned long next;
	pgd_t *pgd;
	int err = 0;

	pgd = pgd_offset(walk->mm, addr);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none_or_clear_bad(pgd)) {
			if (ops->pte_hole)
				err = ops->pte_hole(addr, next, 0, walk);
			if (err)
				break;
			continue;
		}
		err = walk_p4d_range(pgd, addr, next, walk);
		if (err)
			break;
	} while (pgd++, addr = next, addr != end);
	return err;
}

/* Mirrors mm/pagewalk.c:walk_page_test() (6.12) */
static int walk_page_test(unsigned long start, unsigned long end,
			  struct mm_walk *walk)
{
	struct vm_area_struct *vma = walk->vma;
	const struct mm_walk_ops *ops = walk->ops;

	if (ops->test_walk)
		return ops->test_walk(start, end, walk);
	/* VM_PFNMAP has no struct pages: skipped, or left to ->pte_hole */
	if (vma->vm_flags & VM_PFNMAP) {
		int err = 1;

		if (ops->pte_hole)
			err = ops->pte_hole(start, end, -1, walk);
		return err ? err : 1;
	}
	return 0;
}

/* Mirrors mm/pagewalk.c:__walk_page_range() (6.12): no hugetlb VMAs */
static int __walk_page_range(unsigned long start, unsigned long end,
			     struct mm_walk *walk)
{
	const struct mm_walk_ops *ops = walk->ops;
	int err = 0;

	if (ops->pre_vma) {
		err = ops->pre_vma(start, end, walk);
		if (err)
			return err;
	}
	err = walk_pgd_range(start, end, walk);
	if (ops->post_vma)
		ops->post_vma(walk);
	return err;
}

/* Mirrors mm/pagewalk.c:process_mm_walk_lock() (6.12) */
static void process_mm_walk_lock(struct mm_struct *mm,
				 enum page_walk_lock walk_lock)
{
	if (walk_lock == PGWALK_RDLOCK)
		mmap_assert_locked(mm);
	else
		mmap_assert_write_locked(mm);
}

/*
 * Mirrors mm/pagewalk.c:walk_page_range() (6.12): each VMA the range
 * meets is walked down to its PMDs, holes reported to ->pte_hole.  The
 * caller holds the mmap lock as ops->walk_lock says; the write-lock
 * modes would also write-lock each VMA (process_vma_walk_lock()),
 * which no caller needs yet.
 */
int walk_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end, const struct mm_walk_ops *ops,
		    void *private)
{
	struct mm_walk walk = {
		.ops = ops,
		.mm = mm,
		.private = private,
	};
	struct vm_area_struct *vma;
	unsigned long next;
	int err = 0;

	if (start >= end)
		return -EINVAL;
	if (!walk.mm)
		return -EINVAL;
	/* what this walk does not serve stops here, before any callback */
	if (ops->pgd_entry || ops->p4d_entry || ops->pud_entry ||
	    ops->pte_entry)
		kshim_unmodelled("walk_page_range() with .pgd/.p4d/.pud/.pte_entry "
				 "(only .pmd_entry walks have a user)");
	if (ops->walk_lock != PGWALK_RDLOCK)
		kshim_unmodelled("walk_page_range() with a VMA write lock "
				 "(PGWALK_WRLOCK*)");
	process_mm_walk_lock(walk.mm, ops->walk_lock);

	vma = find_vma(walk.mm, start);
	do {
		if (!vma) {			/* after the last VMA */
			walk.vma = NULL;
			next = end;
			if (ops->pte_hole)
				err = ops->pte_hole(start, next, -1, &walk);
		} else if (start < vma->vm_start) {	/* outside a VMA */
			walk.vma = NULL;
			next = min(end, vma->vm_start);
			if (ops->pte_hole)
				err = ops->pte_hole(start, next, -1, &walk);
		} else {			/* inside a VMA */
			walk.vma = vma;
			next = min(end, vma->vm_end);
			vma = find_vma(mm, vma->vm_end);
			err = walk_page_test(start, next, &walk);
			if (err > 0) {
				/* only steers the walk, never returned */
				err = 0;
				continue;
			}
			if (err < 0)
				break;
			err = __walk_page_range(start, next, &walk);
		}
		if (err)
			break;
	} while (start = next, start < end);
	return err;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/hugetlb.h and hugetlb_inline.h (6.12):
 * CONFIG_HUGETLB_PAGE is off in every faultsim kconfig, so these are the
 * kernel's own !HUGETLB_PAGE stubs.
 */
#ifndef _LINUX_HUGETLB_H
#define _LINUX_HUGETLB_H

#include <linux/mm_types.h>
#include <linux/pgtable.h>
#include <kshim/unmodelled.h>

#ifdef CONFIG_HUGETLB_PAGE
#error "faultsim does not model hugetlb (CONFIG_HUGETLB_PAGE)"
#endif

/* Mirrors include/linux/hugetlb_inline.h:is_vm_hugetlb_page() (!HUGETLB_PAGE) */
static inline bool is_vm_hugetlb_page(struct vm_area_struct *vma)
{
	return false;
}

/* Mirrors include/linux/hugetlb.h:hugetlb_change_protection() (!HUGETLB_PAGE) */
static inline long hugetlb_change_protection(struct vm_area_struct *vma,
					     unsigned long address,
					     unsigned long end,
					     pgprot_t newprot,
					     unsigned long cp_flags)
{
	return 0;
}

/* Mirrors include/linux/hugetlb.h:hugetlb_fault() (!HUGETLB_PAGE): BUG */
static inline vm_fault_t hugetlb_fault(struct mm_struct *mm,
				       struct vm_area_struct *vma,
				       unsigned long address,
				       unsigned int flags)
{
	BUG();
	return 0;
}

/*
 * Mirrors include/linux/hugetlb.h's !HUGETLB_PAGE stubs (6.12) that
 * mm/rmap.c:try_to_migrate_one() reaches only for a hugetlb folio
 * (folio_test_hugetlb() is false): no hstate, base-page sizes, no PMD
 * sharing.
 */
struct hstate;
struct mmu_gather;

static inline struct hstate *hstate_vma(struct vm_area_struct *vma)
{
	return NULL;
}

static inline unsigned long huge_page_size(struct hstate *h)
{
	return PAGE_SIZE;
}

static inline unsigned int huge_page_shift(struct hstate *h)
{
	return PAGE_SHIFT;
}

static inline void adjust_range_if_pmd_sharing_possible(
				struct vm_area_struct *vma,
				unsigned long *start, unsigned long *end)
{
}

static inline void hugetlb_vma_unlock_write(struct vm_area_struct *vma)
{
}

static inline int hugetlb_vma_trylock_write(struct vm_area_struct *vma)
{
	return 1;
}

static inline int huge_pmd_unshare(struct mmu_gather *tlb,
				   struct vm_area_struct *vma,
				   unsigned long addr, pte_t *ptep)
{
	return 0;
}

static inline void huge_pmd_unshare_flush(struct mmu_gather *tlb,
					  struct vm_area_struct *vma)
{
}

static inline void hugetlb_count_sub(long l, struct mm_struct *mm)
{
}

static inline pte_t huge_ptep_clear_flush(struct vm_area_struct *vma,
					  unsigned long addr, pte_t *ptep)
{
	return ptep_get(ptep);
}

static inline void set_huge_pte_at(struct mm_struct *mm, unsigned long addr,
				   pte_t *ptep, pte_t pte, unsigned long sz)
{
}

static inline struct hstate *folio_hstate(struct folio *folio)
{
	return NULL;
}

/* include/linux/hugetlb.h:hugepage_migration_supported() (!HUGETLB_PAGE) */
static inline bool hugepage_migration_supported(struct hstate *h)
{
	return false;
}

/* mm/hugetlb.c:folio_putback_active_hugetlb(): no hugetlb folio exists */
static inline void folio_putback_active_hugetlb(struct folio *folio)
{
	kshim_unmodelled("folio_putback_active_hugetlb (hugetlb)");
}

/*
 * include/linux/hugetlb.h:huge_ptep_get() is declared, never defined,
 * without HUGETLB_PAGE (only a hugetlb folio reaches it): loud.
 */
static inline pte_t huge_ptep_get(struct mm_struct *mm, unsigned long addr,
				  pte_t *ptep)
{
	kshim_unmodelled("huge_ptep_get (hugetlb)");
}

#endif

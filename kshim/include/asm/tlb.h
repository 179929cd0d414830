/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/asm-generic/tlb.h as x86 uses it (6.12): the
 * mmu_gather API.  Declarations only: the model implements the range
 * tracking and the flushes (mm_model/hw/tlb.c).  x86 has
 * MMU_GATHER_MERGE_VMAS and MMU_GATHER_TABLE_FREE but no page-size
 * tracking (!MMU_GATHER_PAGE_SIZE); the page batching (freeing pages
 * after the flush) is not needed by the paths built here.
 */
#ifndef _ASM_TLB_H
#define _ASM_TLB_H

#include <kshim/unmodelled.h>
#include <linux/mm_types.h>

/* Mirrors include/asm-generic/tlb.h:struct mmu_gather (the range-tracking part) */
struct mmu_gather {
	struct mm_struct *mm;
	unsigned long start;
	unsigned long end;
	unsigned int fullmm : 1;	/* tearing down the whole mm */
	unsigned int need_flush_all : 1;
	unsigned int freed_tables : 1;
	unsigned int delayed_rmap : 1;
	unsigned int cleared_ptes : 1;	/* levels with cleared entries */
	unsigned int cleared_pmds : 1;
	unsigned int cleared_puds : 1;
	unsigned int cleared_p4ds : 1;
	unsigned int vma_exec : 1;	/* VM_EXEC | VM_HUGETLB | PFN seen */
	unsigned int vma_huge : 1;
	unsigned int vma_pfn : 1;
	unsigned int batch_count;
};

/* mm/mmu_gather.c: tlb_gather_mmu(), tlb_gather_mmu_fullmm(), tlb_finish_mmu() */
void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm);
void tlb_gather_mmu_fullmm(struct mmu_gather *tlb, struct mm_struct *mm);
void tlb_finish_mmu(struct mmu_gather *tlb);

/*
 * mm/mmu_gather.c:tlb_gather_mmu_vma() (6.12): only hugetlb's PMD
 * unsharing uses it (try_to_migrate_one() of a hugetlb folio), and
 * hugetlb is not simulated: loud.
 */
static inline void tlb_gather_mmu_vma(struct mmu_gather *tlb,
				      struct vm_area_struct *vma)
{
	kshim_unmodelled("tlb_gather_mmu_vma (hugetlb PMD unsharing)");
}

/* include/asm-generic/tlb.h: tlb_start_vma()/tlb_end_vma() (inline there) */
void tlb_start_vma(struct mmu_gather *tlb, struct vm_area_struct *vma);
void tlb_end_vma(struct mmu_gather *tlb, struct vm_area_struct *vma);

/* include/asm-generic/tlb.h: tlb_change_page_size() (inline there) */
void tlb_change_page_size(struct mmu_gather *tlb, unsigned int page_size);

/* include/asm-generic/tlb.h: tlb_flush_{pte,pmd}_range() (inline there) */
void tlb_flush_pte_range(struct mmu_gather *tlb, unsigned long address,
			 unsigned long size);
void tlb_flush_pmd_range(struct mmu_gather *tlb, unsigned long address,
			 unsigned long size);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for mm/internal.h (6.12): the inline helpers and the
 * declarations of mm-internal functions the extracted fault and
 * protection code uses.  It answers the kernel files' own
 * `#include "internal.h"` (found as kshim/include/mm/internal.h: the
 * build puts kshim/include/<dir> on the quote path of a file from <dir>).
 */
#ifndef _KSHIM_MM_INTERNAL_H
#define _KSHIM_MM_INTERNAL_H

#include <linux/mm.h>

/* Mirrors mm/internal.h:vma_soft_dirty_enabled() */
static inline bool vma_soft_dirty_enabled(struct vm_area_struct *vma)
{
	if (!IS_ENABLED(CONFIG_MEM_SOFT_DIRTY))
		return false;
	/* VM_SOFTDIRTY set means soft-dirty tracking is off for the VMA */
	return !(vma->vm_flags & VM_SOFTDIRTY);
}

/* Mirrors mm/internal.h:pte_needs_soft_dirty_wp() */
static inline bool pte_needs_soft_dirty_wp(struct vm_area_struct *vma,
					   pte_t pte)
{
	return vma_soft_dirty_enabled(vma) && !pte_soft_dirty(pte);
}

/* Mirrors mm/internal.h:pmd_needs_soft_dirty_wp() */
static inline bool pmd_needs_soft_dirty_wp(struct vm_area_struct *vma,
					   pmd_t pmd)
{
	return vma_soft_dirty_enabled(vma) && !pmd_soft_dirty(pmd);
}

/* mm/rmap.c (ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH): the model's TLB */
void flush_tlb_batched_pending(struct mm_struct *mm);

/* mm/huge_memory.c: real kernel code (unit fault_huge_memory) */
void touch_pmd(struct vm_area_struct *vma, unsigned long addr,
	       pmd_t *pmd, bool write);

/* mm/memory.c: real kernel code (unit fault_memory) */
int numa_migrate_check(struct folio *folio, struct vm_fault *vmf,
		       unsigned long addr, int *flags, bool writable,
		       int *last_cpupid);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for arch/x86/include/asm/tlbflush.h (6.12): the flush entry
 * points, implemented on the model's per-CPU TLBs (mm_model/hw/tlb.c).
 * pte_needs_flush()/huge_pmd_needs_flush() live in asm/pgtable.h.
 */
#ifndef _ASM_X86_TLBFLUSH_H
#define _ASM_X86_TLBFLUSH_H

#include <asm/pgtable.h>

struct vm_area_struct;
struct mm_struct;

void flush_tlb_range(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end);
void flush_tlb_mm(struct mm_struct *mm);
/* Mirrors arch/x86/include/asm/tlbflush.h:flush_tlb_page() */
#define flush_tlb_page(vma, a) flush_tlb_range(vma, a, a + PAGE_SIZE)
void flush_tlb_batched_pending(struct mm_struct *mm);

#endif

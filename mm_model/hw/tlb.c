// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-CPU TLBs (see tlb.h).  Replacement is round-robin per CPU, so a
 * run's TLB contents are a function of its accesses alone.  Every flush
 * is a scheduling point (SIM_PT_TLB); a fill is part of its walk.
 */
#include <string.h>
#include <linux/bug.h>
#include <linux/mm.h>
#include <kshim/sim.h>
#include <asm/tlb.h>
#include <asm/tlbflush.h>
#include <asm-generic/memory_model.h>
#include "mm_model/hw/tlb.h"

#define TLB_FLUSH_ALL (~0UL)
#define TASK_SIZE_MAX KSHIM_USER_VA_END

static struct {
	struct tlb_entry e[TLB_ENTRIES];
	unsigned int next;	/* round-robin victim */
} tlbs[TLB_MAX_CPUS];
static int nr_cpus;
static struct tlb_stats stats;

void tlb_reset(int cpus)
{
	BUG_ON(cpus < 1 || cpus > TLB_MAX_CPUS);
	memset(tlbs, 0, sizeof(tlbs));
	memset(&stats, 0, sizeof(stats));
	nr_cpus = cpus;
}

int tlb_nr_cpus(void)
{
	return nr_cpus;
}

const struct tlb_stats *tlb_get_stats(void)
{
	return &stats;
}

static bool covers(const struct tlb_entry *e, unsigned long addr)
{
	unsigned long size = e->huge ? PMD_SIZE : PAGE_SIZE;

	return addr >= e->vaddr && addr - e->vaddr < size;
}

struct tlb_entry *tlb_lookup(int cpu, struct mm_struct *mm,
			     unsigned long addr)
{
	int i;

	BUG_ON(cpu < 0 || cpu >= nr_cpus);
	for (i = 0; i < TLB_ENTRIES; i++) {
		struct tlb_entry *e = &tlbs[cpu].e[i];

		if (e->valid && e->mm == mm && covers(e, addr)) {
			stats.hits++;
			return e;
		}
	}
	stats.misses++;
	return NULL;
}

void tlb_fill(int cpu, struct mm_struct *mm, unsigned long addr,
	      unsigned long pfn, bool huge, bool writable, bool dirty)
{
	struct tlb_entry *e = NULL;
	int i;

	BUG_ON(cpu < 0 || cpu >= nr_cpus);
	/*
	 * A user translation of RAM; a 2 MiB one of an aligned block.  The
	 * one place entries are written: lookups trust what it checked.
	 */
	BUG_ON(!mm || addr >= TASK_SIZE_MAX);
	BUG_ON(!pfn_valid(pfn) || (huge && (pfn & (HPAGE_PMD_NR - 1))));
	/*
	 * No scheduling point here: the fill completes the walk that just
	 * validated the entry (the locked A/D update), and a shootdown only
	 * reaches this CPU between instructions, after it.  A point here let
	 * a zap's flush slip between walk and fill and leave a stale entry
	 * (found by the tlb_coherence oracle under exhaustive exploration).
	 */
	/* one entry per translation: replace an existing one in place */
	for (i = 0; i < TLB_ENTRIES && !e; i++)
		if (tlbs[cpu].e[i].valid && tlbs[cpu].e[i].mm == mm &&
		    covers(&tlbs[cpu].e[i], addr))
			e = &tlbs[cpu].e[i];
	if (!e) {
		BUG_ON(tlbs[cpu].next >= TLB_ENTRIES);
		e = &tlbs[cpu].e[tlbs[cpu].next];
		tlbs[cpu].next = (tlbs[cpu].next + 1) % TLB_ENTRIES;
	}
	*e = (struct tlb_entry){
		.mm = mm,
		.vaddr = addr & (huge ? PMD_MASK : PAGE_MASK),
		.pfn = pfn,
		.valid = true,
		.huge = huge,
		.writable = writable,
		.dirty = dirty,
	};
	stats.fills++;
}

void tlb_flush_range_all(struct mm_struct *mm, unsigned long start,
			 unsigned long end)
{
	int cpu, i;

	sim_point(SIM_PT_TLB, mm);
	stats.flushes++;
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		for (i = 0; i < TLB_ENTRIES; i++) {
			struct tlb_entry *e = &tlbs[cpu].e[i];
			unsigned long size = e->huge ? PMD_SIZE : PAGE_SIZE;

			if (!e->valid || e->mm != mm ||
			    e->vaddr + size <= start || e->vaddr >= end)
				continue;
			e->valid = false;
			stats.flushed_entries++;
		}
	}
}

void tlb_flush_mm_all(struct mm_struct *mm)
{
	tlb_flush_range_all(mm, 0, ~0UL);
}

const struct tlb_entry *tlb_entry_at(int cpu, int i)
{
	BUG_ON(cpu < 0 || cpu >= nr_cpus || i < 0 || i >= TLB_ENTRIES);
	return &tlbs[cpu].e[i];
}

int tlb_count(int cpu, struct mm_struct *mm)
{
	int i, n = 0;

	for (i = 0; i < TLB_ENTRIES; i++)
		n += tlbs[cpu].e[i].valid && tlbs[cpu].e[i].mm == mm;
	return n;
}

void tlb_invalidate_one(int cpu, struct mm_struct *mm, unsigned long addr)
{
	int i;

	for (i = 0; i < TLB_ENTRIES; i++) {
		struct tlb_entry *e = &tlbs[cpu].e[i];

		if (e->valid && e->mm == mm && covers(e, addr))
			e->valid = false;
	}
}

/*
 * The mmu_gather of include/asm-generic/tlb.h and mm/mmu_gather.c
 * (6.12) as x86 uses it: the gather only widens a range while PTEs
 * change; the flush happens in tlb_finish_mmu(), after every page-table
 * lock is dropped.  mm->tlb_flush_pending counts gathers in flight
 * (pte_accessible() reads it); two at once on one mm make the flush a
 * full-mm one (mm_tlb_flush_nested()).
 */
static void tlb_reset_range(struct mmu_gather *tlb)
{
	if (tlb->fullmm) {
		tlb->start = 0;
		tlb->end = TLB_FLUSH_ALL;
	} else {
		tlb->start = TASK_SIZE_MAX;
		tlb->end = 0;
	}
	tlb->freed_tables = 0;
	tlb->cleared_ptes = 0;
	tlb->cleared_pmds = 0;
	tlb->cleared_puds = 0;
	tlb->cleared_p4ds = 0;
}

static void gather_init(struct mmu_gather *tlb, struct mm_struct *mm,
			bool fullmm)
{
	*tlb = (struct mmu_gather){ .mm = mm, .fullmm = fullmm };
	tlb_reset_range(tlb);
	atomic_inc(&mm->tlb_flush_pending);	/* inc_tlb_flush_pending() */
}

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm)
{
	gather_init(tlb, mm, false);
}

void tlb_gather_mmu_fullmm(struct mmu_gather *tlb, struct mm_struct *mm)
{
	gather_init(tlb, mm, true);
}

static void tlb_adjust_range(struct mmu_gather *tlb, unsigned long address,
			     unsigned long size)
{
	tlb->start = min(tlb->start, address);
	tlb->end = max(tlb->end, address + size);
}

void tlb_flush_pte_range(struct mmu_gather *tlb, unsigned long address,
			 unsigned long size)
{
	tlb_adjust_range(tlb, address, size);
	tlb->cleared_ptes = 1;
}

void tlb_flush_pmd_range(struct mmu_gather *tlb, unsigned long address,
			 unsigned long size)
{
	tlb_adjust_range(tlb, address, size);
	tlb->cleared_pmds = 1;
}

/* x86 has no MMU_GATHER_PAGE_SIZE: nothing to track */
void tlb_change_page_size(struct mmu_gather *tlb, unsigned int page_size)
{
}

/* arch/x86/include/asm/tlb.h:tlb_flush() via tlb_flush_mmu_tlbonly() */
static void tlb_flush_mmu_tlbonly(struct mmu_gather *tlb)
{
	if (!(tlb->freed_tables || tlb->cleared_ptes || tlb->cleared_pmds ||
	      tlb->cleared_puds || tlb->cleared_p4ds))
		return;
	if (tlb->fullmm || tlb->need_flush_all)
		tlb_flush_mm_all(tlb->mm);
	else
		tlb_flush_range_all(tlb->mm, tlb->start, tlb->end);
	tlb_reset_range(tlb);
}

void tlb_start_vma(struct mmu_gather *tlb, struct vm_area_struct *vma)
{
	if (tlb->fullmm)
		return;
	tlb->vma_exec = !!(vma->vm_flags & VM_EXEC);
	tlb->vma_huge = !!(vma->vm_flags & VM_HUGETLB);
	tlb->vma_pfn = !!(vma->vm_flags & (VM_PFNMAP | VM_MIXEDMAP));
}

/* MMU_GATHER_MERGE_VMAS: flush between VMAs only for PFN mappings */
void tlb_end_vma(struct mmu_gather *tlb, struct vm_area_struct *vma)
{
	if (tlb->fullmm || !tlb->vma_pfn)
		return;
	tlb_flush_mmu_tlbonly(tlb);
}

void tlb_finish_mmu(struct mmu_gather *tlb)
{
	/* mm_tlb_flush_nested(): another gather ran concurrently */
	if (atomic_read(&tlb->mm->tlb_flush_pending) > 1) {
		tlb->fullmm = 1;
		tlb_reset_range(tlb);
		tlb->freed_tables = 1;
	}
	tlb_flush_mmu_tlbonly(tlb);
	/* this gather's own count is still in: never below zero */
	WARN_ON(atomic_dec_return(&tlb->mm->tlb_flush_pending) < 0);
}

/*
 * mm/rmap.c:flush_tlb_batched_pending(): flushes what reclaim's batched
 * unmapping left pending.  The model has no reclaim, so nothing is ever
 * batched and there is nothing to flush.
 */
void flush_tlb_batched_pending(struct mm_struct *mm)
{
	WARN_ON_ONCE(atomic_read(&mm->tlb_flush_batched));
}

/* arch/x86/include/asm/tlbflush.h:flush_tlb_range()/flush_tlb_mm() */
void flush_tlb_range(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
	tlb_flush_range_all(vma->vm_mm, start, end);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	tlb_flush_mm_all(mm);
}

pte_t ptep_clear_flush(struct vm_area_struct *vma, unsigned long address,
		       pte_t *ptep)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t pte = ptep_get_and_clear(mm, address, ptep);

	if (pte_accessible(mm, pte))
		flush_tlb_range(vma, address, address + PAGE_SIZE);
	return pte;
}

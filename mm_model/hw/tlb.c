// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-CPU TLBs (see tlb.h): sets indexed by the virtual page number, as
 * the hardware's; replacement round-robin per set, so a run's TLB
 * contents are a function of its accesses alone.  Every flush is a
 * scheduling point (SIM_PT_TLB); a fill is part of its walk.  What is
 * invalidated is exactly what a scan of every entry would: the range's
 * entries of that mm on every CPU (x86 without PCID tags them by mm
 * here, as the model keeps several mms' entries per CPU).
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
/*
 * A range flush up to this many pages probes the sets its pages select;
 * a longer one scans every entry (same result, fewer steps)
 */
#define TLB_PROBE_MAX_PAGES	TLB_4K_ENTRIES

static struct {
	struct tlb_entry e[TLB_ENTRIES];
	unsigned char next[TLB_4K_SETS + TLB_2M_SETS];	/* victim way */
} tlbs[TLB_MAX_CPUS];
static int nr_cpus;
static struct tlb_stats stats;

void tlb_reset(int cpus)
{
	BUG_ON(cpus < 1 || cpus > TLB_MAX_CPUS);
	/* the machine's CPUs only: no slot of another is ever read */
	memset(tlbs, 0, cpus * sizeof(tlbs[0]));
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

unsigned int tlb_set_of(unsigned long addr, bool huge)
{
	if (huge)
		return (addr >> PMD_SHIFT) % TLB_2M_SETS;
	return (addr >> PAGE_SHIFT) % TLB_4K_SETS;
}

/* The first way of @addr's set of that size, and its victim counter */
static struct tlb_entry *set_of(int cpu, unsigned long addr, bool huge,
				unsigned char **next)
{
	unsigned int set = tlb_set_of(addr, huge);

	if (huge) {
		*next = &tlbs[cpu].next[TLB_4K_SETS + set];
		return &tlbs[cpu].e[TLB_4K_ENTRIES + set * TLB_WAYS];
	}
	*next = &tlbs[cpu].next[set];
	return &tlbs[cpu].e[set * TLB_WAYS];
}

/* The entry of that size translating @addr in @mm on @cpu, or NULL */
static struct tlb_entry *probe(int cpu, struct mm_struct *mm,
			       unsigned long addr, bool huge)
{
	unsigned long vaddr = addr & (huge ? PMD_MASK : PAGE_MASK);
	unsigned char *next;
	struct tlb_entry *set = set_of(cpu, addr, huge, &next);
	int way;

	for (way = 0; way < TLB_WAYS; way++)
		if (set[way].valid && set[way].mm == mm &&
		    set[way].vaddr == vaddr)
			return &set[way];
	return NULL;
}

/*
 * Both sizes may cover @addr only if a PMD became a leaf over a PTE
 * table whose entries were not flushed (the SDM leaves the choice to
 * the processor); the 4 KiB one answers.
 */
struct tlb_entry *tlb_lookup(int cpu, struct mm_struct *mm,
			     unsigned long addr)
{
	struct tlb_entry *e;

	BUG_ON(cpu < 0 || cpu >= nr_cpus);
	e = probe(cpu, mm, addr, false);
	if (!e)
		e = probe(cpu, mm, addr, true);
	if (e)
		stats.hits++;
	else
		stats.misses++;
	return e;
}

void tlb_fill(int cpu, struct mm_struct *mm, unsigned long addr,
	      unsigned long pfn, bool huge, bool writable, bool dirty)
{
	struct tlb_entry *e, *other;
	unsigned char *next;

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
	/*
	 * One entry per translation of @addr: the walk's replaces one of
	 * its size in place, and one of the other size covering @addr.
	 */
	other = probe(cpu, mm, addr, !huge);
	if (other)
		other->valid = false;
	e = probe(cpu, mm, addr, huge);
	if (!e) {
		e = set_of(cpu, addr, huge, &next);
		e += *next;
		*next = (*next + 1) % TLB_WAYS;
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

static void invalidate(struct tlb_entry *e)
{
	e->valid = false;
	stats.flushed_entries++;
}

/* every entry of @mm overlapping [start, end) on @cpu, by scan */
static void flush_scan(int cpu, struct mm_struct *mm, unsigned long start,
		       unsigned long end)
{
	int i;

	for (i = 0; i < TLB_ENTRIES; i++) {
		struct tlb_entry *e = &tlbs[cpu].e[i];
		unsigned long size = e->huge ? PMD_SIZE : PAGE_SIZE;

		if (!e->valid || e->mm != mm ||
		    e->vaddr + size <= start || e->vaddr >= end)
			continue;
		invalidate(e);
	}
}

/* ... and by probing the sets the range's pages select */
static void flush_probe(int cpu, struct mm_struct *mm, unsigned long start,
			unsigned long end)
{
	unsigned long addr;
	struct tlb_entry *e;

	for (addr = start & PAGE_MASK; addr < end; addr += PAGE_SIZE) {
		e = probe(cpu, mm, addr, false);
		if (e)
			invalidate(e);
	}
	for (addr = start & PMD_MASK; addr < end; addr += PMD_SIZE) {
		e = probe(cpu, mm, addr, true);
		if (e)
			invalidate(e);
	}
}

void tlb_flush_range_all(struct mm_struct *mm, unsigned long start,
			 unsigned long end)
{
	bool few;
	int cpu;

	sim_point(SIM_PT_TLB, mm);
	stats.flushes++;
	if (start >= end)
		return;
	few = end - start <= TLB_PROBE_MAX_PAGES * PAGE_SIZE &&
	      end <= TASK_SIZE_MAX;
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		if (few)
			flush_probe(cpu, mm, start, end);
		else
			flush_scan(cpu, mm, start, end);
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

/* invlpg: the translations of @addr, of either size (SDM §4.10.4.1) */
void tlb_invalidate_one(int cpu, struct mm_struct *mm, unsigned long addr)
{
	struct tlb_entry *e;

	e = probe(cpu, mm, addr, false);
	if (e)
		e->valid = false;
	e = probe(cpu, mm, addr, true);
	if (e)
		e->valid = false;
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

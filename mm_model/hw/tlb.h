/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU TLBs of the simulated machine.  An entry caches a translation
 * with the permission and dirty bits of the entry it was filled from;
 * it stays until a flush reaches that CPU, so a stale entry lets an
 * access through unfaulted exactly where x86 would (see
 * docs/kernel-6.12-fault-path.md §3.4, §5.5).  Flushes come only from the
 * kernel's flush points (flush_tlb_range()/flush_tlb_mm(), reached
 * from tlb_finish_mmu(), ptep_clear_flush(), ...).
 */
#ifndef FAULTSIM_MM_MODEL_TLB_H
#define FAULTSIM_MM_MODEL_TLB_H

#include <linux/mm_types.h>

#define TLB_MAX_CPUS 64
/*
 * Per CPU, set-associative as an x86 data TLB (Skylake's L1 DTLB: 64
 * 4 KiB entries and 32 2 MiB entries, 4-way each): a translation lives
 * only in the set its virtual page number selects (the 2 MiB page
 * number for a huge one), so a lookup, fill or invlpg probes one set of
 * each size.  Replacement is round-robin within a set: deterministic, a
 * function of the accesses alone.  Slots 0..TLB_4K_ENTRIES-1 hold the
 * 4 KiB sets in order, set s at ways s * TLB_WAYS ..; the 2 MiB sets
 * follow (tlb_entry_at()).
 */
#define TLB_WAYS	4
#define TLB_4K_SETS	16
#define TLB_2M_SETS	8
#define TLB_4K_ENTRIES	(TLB_4K_SETS * TLB_WAYS)
#define TLB_2M_ENTRIES	(TLB_2M_SETS * TLB_WAYS)
#define TLB_ENTRIES	(TLB_4K_ENTRIES + TLB_2M_ENTRIES)

struct tlb_entry {
	struct mm_struct *mm;
	unsigned long vaddr;	/* page (or 2 MiB) aligned */
	unsigned long pfn;	/* of the 4 KiB page at vaddr */
	bool valid;
	bool huge;		/* a 2 MiB translation from a PMD leaf */
	bool writable;
	bool dirty;		/* D was set when filled: writes need no walk */
};

struct tlb_stats {
	unsigned long hits, misses, fills, flushed_entries, flushes;
};

void tlb_reset(int nr_cpus);
int tlb_nr_cpus(void);
/* The entry translating @addr in @mm on @cpu, or NULL. */
struct tlb_entry *tlb_lookup(int cpu, struct mm_struct *mm,
			     unsigned long addr);
void tlb_fill(int cpu, struct mm_struct *mm, unsigned long addr,
	      unsigned long pfn, bool huge, bool writable, bool dirty);
/* Invalidates @mm's entries overlapping [start, end) on every CPU. */
void tlb_flush_range_all(struct mm_struct *mm, unsigned long start,
			 unsigned long end);
void tlb_flush_mm_all(struct mm_struct *mm);
/* What a page fault does to the faulting CPU's TLB (SDM §4.10.4.1). */
void tlb_invalidate_one(int cpu, struct mm_struct *mm, unsigned long addr);
/* Entries of @mm on @cpu (for oracles and tests). */
int tlb_count(int cpu, struct mm_struct *mm);
/* The set @addr's translation of that size goes to (for tests). */
unsigned int tlb_set_of(unsigned long addr, bool huge);
/* Slot @i of @cpu's TLB (for oracles), 0 <= @i < TLB_ENTRIES. */
const struct tlb_entry *tlb_entry_at(int cpu, int i);
const struct tlb_stats *tlb_get_stats(void);

#endif

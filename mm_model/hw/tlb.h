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
#define TLB_ENTRIES 64		/* per CPU, fully associative */

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
/* Slot @i of @cpu's TLB (for oracles). */
const struct tlb_entry *tlb_entry_at(int cpu, int i);
const struct tlb_stats *tlb_get_stats(void);

#endif

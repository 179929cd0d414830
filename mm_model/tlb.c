// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-CPU TLBs (see tlb.h).  Replacement is round-robin per CPU, so a
 * run's TLB contents are a function of its accesses alone.  Every fill
 * and flush is a scheduling point (SIM_PT_TLB): another CPU may run
 * between a page walk and the fill, as on hardware.
 */
#include <string.h>
#include <linux/bug.h>
#include <linux/mm.h>
#include <kshim/sim.h>
#include "tlb.h"

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
	sim_point(SIM_PT_TLB, &tlbs[cpu]);
	/* one entry per translation: replace an existing one in place */
	for (i = 0; i < TLB_ENTRIES && !e; i++)
		if (tlbs[cpu].e[i].valid && tlbs[cpu].e[i].mm == mm &&
		    covers(&tlbs[cpu].e[i], addr))
			e = &tlbs[cpu].e[i];
	if (!e) {
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

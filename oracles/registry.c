// SPDX-License-Identifier: GPL-2.0-only
/* The table of oracles (see registry.h). */
#include <linux/kernel.h>
#include "oracles/oracles.h"
#include "oracles/registry.h"

static const struct oracle oracles[] = {
	{ "warning", "a WARN_ON() in the kernel or model code",
	  "kshim/src/bug.c" },
	{ "bug", "a BUG_ON() in the kernel or model code, or a broken "
	  "invariant of the engine", "kshim/src/bug.c" },
	{ "oops", "a SIGSEGV, SIGBUS, SIGFPE or SIGILL in the kernel or model "
	  "code: a NULL dereference, a stack overflow, a divide error",
	  "sim/oops.c" },
	{ "deadlock", "every thread blocked: a lock cycle or a lost wakeup",
	  "sim/sched.c" },
	{ "fault_loop", "progress: an access refaults without end",
	  "mm_model/hw/mmu.c" },
	{ "tlb_coherence", "a TLB entry survives the flush that should drop "
	  "it", "oracles/tlb_coherence.c", oracle_tlb_coherence },
	{ "conservation", "refcount/mapcount against the page tables; an "
	  "entry mapping a free page", "oracles/conservation.c",
	  oracle_conservation },
	{ "routing", "a fault ends a hint without its installer's endpoint "
	  "(task_numa_fault()/numa_hint_faults, a DAMON report), or the "
	  "other consumer's counts it", "oracles/hint_owner.c" },
	{ "restoration", "a hint a fault rebuilt wrongly: writable on a COW "
	  "page, lost Dirty/soft-dirty/uffd-wp, another pfn",
	  "oracles/hint_owner.c" },
	{ "thp_consistency", "a PMD not mapping a PMD-size folio's head, or a "
	  "large folio's pages out of place in the PTEs",
	  "oracles/thp_consistency.c", oracle_thp_consistency },
	{ "leak", "a simulated slab object still live after the run's "
	  "teardown: its cache, size and allocating kernel function",
	  "oracles/slab_leak.c" },
	{ "damon_regions", "DAMON's regions unsorted, overlapping, unaligned, "
	  "outside the target or over-counted", "oracles/damon_regions.c" },
};

unsigned int oracle_count(void)
{
	return ARRAY_SIZE(oracles);
}

const struct oracle *oracle_get(unsigned int i)
{
	return i < ARRAY_SIZE(oracles) ? &oracles[i] : NULL;
}

int oracles_check_quiescent(void)
{
	unsigned int i;
	int n = 0;

	for (i = 0; i < ARRAY_SIZE(oracles); i++)
		if (oracles[i].check_quiescent)
			n += oracles[i].check_quiescent();
	return n;
}

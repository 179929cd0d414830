// SPDX-License-Identifier: GPL-2.0-only
/* The TLB coherence oracle (architecture.md invariant 6; oracles.h). */
#include <linux/mm.h>
#include "mm_model/hw/pgtable.h"
#include "mm_model/hw/tlb.h"
#include "mm_model/mm/vma.h"
#include "oracles/oracles.h"
#include "oracles/walk.h"

/* What the page table grants for @addr: present pfn and writability. */
static bool table_grant(struct mm_struct *mm, unsigned long addr,
			unsigned long *pfn, bool *writable)
{
	pmd_t *pmd;
	pte_t *pte;
	unsigned long val;

	if (!pgtable_peek(mm, addr, &pmd, &pte) || !pmd)
		return false;
	if (pmd_leaf(*pmd)) {
		val = pmd_val(*pmd);
		/* x86's P, arm64's VALID: bit 0 */
		if (!(val & _PAGE_PRESENT))
			return false;
		*pfn = pmd_pfn(*pmd) + ((addr & ~PMD_MASK) >> PAGE_SHIFT);
	} else {
		if (!pte)
			return false;
		val = pte_val(*pte);
		if (!(val & _PAGE_PRESENT))
			return false;
		*pfn = pte_pfn(*pte);
	}
	*writable = kshim_raw_hw_writable(val);
	return true;
}

int oracle_tlb_coherence(void)
{
	int n = 0, cpu, i, m;

	for (m = 0; m < mm_registry_count(); m++) {
		struct mm_struct *mm = mm_registry_get(m);

		if (atomic_read(&mm->tlb_flush_pending))
			continue;	/* a flush is still owed: allowed */
		for (cpu = 0; cpu < tlb_nr_cpus(); cpu++) {
			for (i = 0; i < TLB_ENTRIES; i++) {
				const struct tlb_entry *e = tlb_entry_at(cpu, i);
				unsigned long pfn;
				bool w;

				if (!e->valid || e->mm != mm)
					continue;
				if (!table_grant(mm, e->vaddr, &pfn, &w))
					oracle_report(&n, "tlb_coherence: cpu%d caches "
					       "%#lx, not present in the table",
					       cpu, e->vaddr);
				else if (pfn != e->pfn)
					oracle_report(&n, "tlb_coherence: cpu%d caches "
					       "%#lx -> pfn %#lx, table has %#lx",
					       cpu, e->vaddr, e->pfn, pfn);
				else if (e->writable && !w)
					oracle_report(&n, "tlb_coherence: cpu%d caches "
					       "%#lx writable, table read-only",
					       cpu, e->vaddr);
			}
		}
	}
	return n;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the machine-wide oracles share (see walk.h): the bounded finding
 * report and the walk over an mm's entries.  Oracles walk every mm the
 * model knows (mm_registry) without scheduling points: they observe,
 * they are not part of the simulated execution.
 */
#include <stdarg.h>
#include <stdio.h>
#include <linux/mm.h>
#include <kshim/sim.h>
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/vma.h"
#include "oracles/walk.h"

int oracle_report(int *n, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	if ((*n)++ >= ORACLE_MAX_REPORTS)
		return 0;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sim_finding(SIM_FINDING_ORACLE, __FILE__, __LINE__, "oracle", "%s",
		    msg);
	return 0;
}

/*
 * Every entry of @mm's VMAs: @pmd_fn on each PMD leaf (present, a hint
 * or invalidated), @pte_fn on each present PTE (a hint included) that
 * maps a real page (not the zero page).
 */
void oracle_walk_mm(struct mm_struct *mm,
			   void (*pmd_fn)(unsigned long addr, pmd_t pmd, void *arg),
			   void (*pte_fn)(unsigned long addr, pte_t pte, void *arg),
			   void *arg)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->kshim_vmas, kshim_node) {
		unsigned long addr;

		for (addr = vma->vm_start; addr < vma->vm_end;) {
			pmd_t *pmd;
			pte_t *pte;

			if (!pgtable_peek(mm, addr, &pmd, &pte) || !pmd ||
			    pmd_none(*pmd)) {
				addr = (addr + PMD_SIZE) & PMD_MASK;
				continue;
			}
			if (pmd_leaf(*pmd)) {
				pmd_fn(addr & PMD_MASK, *pmd, arg);
				addr = (addr + PMD_SIZE) & PMD_MASK;
				continue;
			}
			if (pte && pte_present(*pte) &&
			    !is_zero_pfn(pte_pfn(*pte)) &&
			    pfn_valid(pte_pfn(*pte)))
				pte_fn(addr, *pte, arg);
			addr += PAGE_SIZE;
		}
	}
}

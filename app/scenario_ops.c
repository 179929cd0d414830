// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario steps on the model (see scenario_ops.h): each forwards to the
 * model piece that implements it; what the model does not have yet
 * aborts loudly.
 */
#include <linux/mm.h>
#include <linux/string.h>
#include <kshim/unmodelled.h>
#include "mm_model/mm/migrate.h"
#include "mm_model/mm/numa_scan.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/hw/memmap.h"
#include "app/scenario_ops.h"
#include "mm_model/mm/thp.h"
#include "mm_model/mm/vma.h"

void scenario_numa_init_task(struct task_struct *p, bool exec)
{
	numa_scan_init_task(p, exec ? NUMA_MM_EXEC : NUMA_MM_FORK);
}

/* The task's own task_numa_work(), as at its return to user space. */
void scenario_numa_scan(struct task_struct *p, bool force)
{
	if (force)
		numa_scan_force(p);
	numa_scan_run(p);
}

void scenario_numa_run(struct task_struct *p, uint64_t ms)
{
	numa_scan_run_for(p, ms * NSEC_PER_MSEC);
}

int scenario_populate_thp(struct vm_area_struct *vma, unsigned long haddr,
			  int nid, bool write)
{
	return populate_anon_thp(vma, haddr, nid, write);
}

int scenario_populate_large(struct vm_area_struct *vma, unsigned long addr,
			    int nid, unsigned int order, bool write)
{
	return populate_anon_large(vma, addr, nid, order, write);
}

int scenario_split_thp(struct vm_area_struct *vma, unsigned long haddr,
		       bool folio)
{
	if (folio)	/* refused by the loader (scenario_steps.c) */
		kshim_unmodelled("split_huge_page() of a THP folio");
	return thp_split_pmd_at(vma, haddr);
}

void scenario_migrate_fail(bool after_unmap, unsigned int count)
{
	migrate_inject_failure(after_unmap ? MIGRATE_FAIL_AFTER_UNMAP :
					     MIGRATE_FAIL_BEFORE_UNMAP,
			       count);
}

pmd_t *scenario_pmd_of(struct vm_area_struct *vma, unsigned long addr)
{
	pmd_t *pmd;
	pte_t *pte;

	pgtable_peek(vma->vm_mm, addr, &pmd, &pte);
	return pmd;
}

/* vm_normal_page_pmd(), which only a kernel with huge leaves has */
static struct page *normal_page_pmd(struct vm_area_struct *vma,
				    unsigned long addr, pmd_t pmd)
{
#ifdef CONFIG_PGTABLE_HAS_HUGE_LEAVES
	return vm_normal_page_pmd(vma, addr, pmd);
#else
	return NULL;	/* no PMD leaf is ever made */
#endif
}

void scenario_numa_maps(struct mm_struct *mm, unsigned long start,
			unsigned long end, unsigned long *nodes,
			unsigned long *anon, unsigned long *huge)
{
	unsigned long addr, next, nr;
	struct vm_area_struct *vma;

	memset(nodes, 0, MEMMAP_MAX_NODES * sizeof(*nodes));
	*anon = *huge = 0;
	for (addr = start; addr < end; addr = next) {
		struct page *page = NULL;
		pmd_t *pmdp;
		pte_t *ptep;

		next = addr + PAGE_SIZE;
		nr = 1;
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr ||
		    !pgtable_peek(mm, addr, &pmdp, &ptep) || !pmdp)
			continue;
		if (ptep) {
			pte_t pte = READ_ONCE(*ptep);

			/* can_gather_numa_stats(): present, normal */
			if (pte_present(pte))
				page = vm_normal_page(vma, addr, pte);
		} else {
			pmd_t pmd = READ_ONCE(*pmdp);

			/* can_gather_numa_stats_pmd(): no huge zero page */
			if (pmd_present(pmd) && pmd_leaf(pmd)) {
				page = normal_page_pmd(vma, addr, pmd);
				next = min((addr & PMD_MASK) + PMD_SIZE, end);
				nr = (next - addr) >> PAGE_SHIFT;
				*huge += page ? nr : 0;
			}
		}
		if (!page)
			continue;
		nodes[folio_nid(page_folio(page))] += nr;
		if (PageAnon(page))
			*anon += nr;
	}
}

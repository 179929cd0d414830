// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario steps on the model (see scenario_ops.h).  Each forwards to
 * the model piece that implements it; what the model does not have yet
 * aborts loudly.
 */
#include <linux/mm.h>
#include <kshim/unmodelled.h>
#include "pgtable.h"
#include "scenario_ops.h"

void scenario_numa_init_task(struct task_struct *p)
{
	p->numa_preferred_nid = NUMA_NO_NODE;
}

void scenario_numa_scan(struct task_struct *p, bool force)
{
	kshim_unmodelled("the NUMA scan step (task_numa_work)");
}

int scenario_populate_thp(struct vm_area_struct *vma, unsigned long haddr,
			  int nid, bool write)
{
	kshim_unmodelled("THP population");
}

int scenario_populate_large(struct vm_area_struct *vma, unsigned long addr,
			    int nid, unsigned int order, bool write)
{
	kshim_unmodelled("large-folio population");
}

int scenario_split_thp(struct vm_area_struct *vma, unsigned long haddr,
		       bool folio)
{
	kshim_unmodelled("THP split");
}

void scenario_migrate_fail(bool after_unmap, unsigned int count)
{
	kshim_unmodelled("migration fault injection");
}

pmd_t *scenario_pmd_of(struct vm_area_struct *vma, unsigned long addr)
{
	pmd_t *pmd;
	pte_t *pte;

	pgtable_lookup(vma->vm_mm, addr, &pmd, &pte);
	return pmd;
}

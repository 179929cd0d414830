// SPDX-License-Identifier: GPL-2.0-only
/*
 * Design rfc-v3: "[RFC PATCH v3 00/37] mm/damon: introduce
 * per-CPUs/threads/write/read monitoring" (SJ, 8 Dec 2025), as
 * docs/damon-fault-reporting.md §3 records it.  Patch 5 is the same
 * "(no upstream-aimed hack) implement MM_CP_DAMON" as RFC v2 5/7: the
 * hint is PAGE_NONE on any page and the protnone fault is DAMON's while
 * kernel.numa_balancing is 0.  What changes is the report: patch 4's
 * damon_report_page_fault(vmf, huge_pmd) names the physical address
 * and vmf->address, with the CPU, the thread and is_write, so the
 * fault-based vaddr ops can count it.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/sched/sysctl.h>
#include <kshim/hooks.h>
#include "designs/damon_hint.h"
#include "designs/design.h"

/* Mirrors the hack's handle_pte_fault() branch, as in RFC v2 */
static vm_fault_t rfc_v3_pte_protnone(struct vm_fault *vmf)
{
	if (sysctl_numa_balancing_mode == NUMA_BALANCING_DISABLED)
		return design_do_damon_page_v3(vmf);
	return do_numa_page(vmf);
}

/* Mirrors the hack's __handle_mm_fault() branch: do_damon_page(vmf, true) */
static vm_fault_t rfc_v3_pmd_protnone(struct vm_fault *vmf)
{
	if (sysctl_numa_balancing_mode == NUMA_BALANCING_DISABLED)
		return design_do_damon_page_rfc_pmd_v3(vmf);
	return do_huge_pmd_numa_page(vmf);
}

/* Patch 6's damon_pa_change_protection(): one page, MM_CP_DAMON */
static long rfc_v3_damon_install(struct vm_area_struct *vma,
				 unsigned long addr)
{
	addr &= PAGE_MASK;
	return design_damon_change_protection(vma, addr, addr + PAGE_SIZE,
					      PAGE_NONE);
}

static const struct faultsim_design rfc_v3 = {
	.name = "rfc-v3",
	.rationale =
		"RFC v3 keeps RFC v2's MM_CP_DAMON hack for the hint and "
		"its routing by kernel.numa_balancing, and reports each "
		"hint fault with damon_report_page_fault(): physical and "
		"virtual address, CPU, thread and write, so that DAMON can "
		"monitor per CPU, per thread and reads apart from writes, "
		"and a virtual address space can be monitored by faults.",
	.claims =
		"As RFC v2: both handlers restore the entry, so a fault "
		"taken by the wrong handler costs at most an extra access "
		"count or migration, and DAMON's handler touches no VMA "
		"state; and each report carries the faulting virtual "
		"address, so the vaddr ops count fault-based samples.",
	.pte_protnone = rfc_v3_pte_protnone,
	.pmd_protnone = rfc_v3_pmd_protnone,
	.damon_install = rfc_v3_damon_install,
	.needs = FAULTSIM_NEEDS_PROTNONE,
	.reports_vaddr = true,
	.checked_claims = (const struct faultsim_claim[]){
		{ "both handlers restore the entry: a misroute costs an "
		  "access count or a migration, no broken entry",
		  "restoration" },
		{ "DAMON's handler touches no VMA state: no oops", "oops" },
		{ NULL },
	},
};
FAULTSIM_DESIGN(rfc_v3);

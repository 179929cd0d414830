// SPDX-License-Identifier: GPL-2.0-only
/*
 * Design rfc-v2: "[RFC v2 5/7] mm/memory: implement MM_CP_DAMON" (SJ,
 * 27 Jul 2025), as docs/damon-fault-reporting.md §0 records
 * it: MM_CP_DAMON makes change_protection() install PAGE_NONE, and the
 * protnone fault goes to do_damon_page() (here design_do_damon_page())
 * when kernel.numa_balancing is 0, else to the NUMA handler.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/sched/sysctl.h>
#include <kshim/hooks.h>
#include "designs/damon_hint.h"
#include "designs/design.h"

/* Mirrors the RFC's handle_pte_fault() branch */
static vm_fault_t rfc_v2_pte_protnone(struct vm_fault *vmf)
{
	if (sysctl_numa_balancing_mode == NUMA_BALANCING_DISABLED)
		return design_do_damon_page(vmf);
	return do_numa_page(vmf);
}

/* Mirrors the RFC's __handle_mm_fault() branch: do_damon_page(vmf, true) */
static vm_fault_t rfc_v2_pmd_protnone(struct vm_fault *vmf)
{
	if (sysctl_numa_balancing_mode == NUMA_BALANCING_DISABLED)
		return design_do_damon_page_rfc_pmd(vmf);
	return do_huge_pmd_numa_page(vmf);
}

/* RFC v2 6/7's rmap_one: change_protection() of one page, MM_CP_DAMON */
static long rfc_v2_damon_install(struct vm_area_struct *vma,
				 unsigned long addr)
{
	addr &= PAGE_MASK;
	return design_damon_change_protection(vma, addr, addr + PAGE_SIZE,
					      PAGE_NONE);
}

static const struct faultsim_design rfc_v2 = {
	.name = "rfc-v2",
	.rationale =
		"The RFC that started this work: reuse NUMA balancing's "
		"PAGE_NONE hints for DAMON.  DAMON's paddr_fault ops "
		"PAGE_NONE one sample page per region through the rmap; the "
		"fault path hands protnone faults to DAMON while NUMA "
		"balancing is off, since then no NUMA hint should exist.",
	.claims =
		"Both handlers restore the entry, so a misrouted fault costs "
		"at most an extra access count or migration (SJ, 30 Jul "
		"2025); DAMON's handler touches no VMA state and reports "
		"after the unlock.",
	.pte_protnone = rfc_v2_pte_protnone,
	.pmd_protnone = rfc_v2_pmd_protnone,
	.damon_install = rfc_v2_damon_install,
	.needs = FAULTSIM_NEEDS_PROTNONE,
	.checked_claims = (const struct faultsim_claim[]){
		{ "both handlers restore the entry: a misroute costs an "
		  "access count or a migration, no broken entry",
		  "restoration" },
		{ "DAMON's handler touches no VMA state: no oops", "oops" },
		{ NULL },
	},
};
FAULTSIM_DESIGN(rfc_v2);

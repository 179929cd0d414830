// SPDX-License-Identifier: GPL-2.0-only
/*
 * Design rfc-v2-guarded: rfc-v2 with the review's fixes that need no
 * tag (Lorenzo Stoakes, 28-29 Jul 2025): nothing changes without
 * CONFIG_DAMON, the PMD variant takes the PMD lock, and DAMON applies
 * the NUMA scanner's skip rules before it hints.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/sched/sysctl.h>
#include <kshim/hooks.h>
#include "designs/damon_hint.h"
#include "designs/design.h"

static bool damon_takes_hints(void)
{
	return IS_ENABLED(CONFIG_DAMON) &&
	       sysctl_numa_balancing_mode == NUMA_BALANCING_DISABLED;
}

static vm_fault_t guarded_pte_protnone(struct vm_fault *vmf)
{
	if (damon_takes_hints())
		return design_do_damon_page(vmf);
	return do_numa_page(vmf);
}

static vm_fault_t guarded_pmd_protnone(struct vm_fault *vmf)
{
	if (damon_takes_hints())
		return design_do_damon_huge_pmd_page(vmf);
	return do_huge_pmd_numa_page(vmf);
}

static long guarded_damon_install(struct vm_area_struct *vma,
				  unsigned long addr)
{
	return design_damon_install_reviewed(vma, addr, PAGE_NONE);
}

static const struct faultsim_design rfc_v2_guarded = {
	.name = "rfc-v2-guarded",
	.rationale =
		"What the review asked for short of telling hints apart: "
		"the DAMON branch compiled out with CONFIG_DAMON, a PMD "
		"handler that holds the PMD lock like do_huge_pmd_numa_page(), "
		"and no hints on zero, KSM, shared COW, already hinted, "
		"hugetlb or PFNMAP pages.",
	.claims =
		"With CONFIG_DAMON off it is the baseline; DAMON never hints "
		"a page NUMA balancing would skip; routing is still by the "
		"sysctl, so a toggle while hints are out may misroute them.",
	.pte_protnone = guarded_pte_protnone,
	.pmd_protnone = guarded_pmd_protnone,
	.damon_install = guarded_damon_install,
	.needs = FAULTSIM_NEEDS_PROTNONE,
	.checked_claims = (const struct faultsim_claim[]){
		{ "with CONFIG_DAMON off it is the baseline", "neutrality" },
		{ "every hint is restored as do_numa_page() restores it",
		  "restoration" },
		{ "a PMD handler holding the PMD lock: no oops", "oops" },
		{ NULL },
	},
};
FAULTSIM_DESIGN(rfc_v2_guarded);

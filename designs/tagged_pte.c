// SPDX-License-Identifier: GPL-2.0-only
/*
 * Design tagged-pte: DAMON's hint carries its owner in a software PTE
 * bit, as the userfaultfd working-set series (Kiryl Shutsemau, Apr 2026)
 * tags MM_CP_UFFD_RWP hints with the uffd bit; the protnone fault
 * dispatches on the tag, never on the sysctl.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <kshim/hooks.h>
#include "designs/damon_hint.h"
#include "designs/design.h"

static vm_fault_t tagged_pte_protnone(struct vm_fault *vmf)
{
	if (pte_val(vmf->orig_pte) & _PAGE_FAULTSIM_DAMON)
		return design_do_damon_page(vmf);
	return do_numa_page(vmf);
}

static vm_fault_t tagged_pmd_protnone(struct vm_fault *vmf)
{
	if (pmd_val(vmf->orig_pmd) & _PAGE_FAULTSIM_DAMON)
		return design_do_damon_huge_pmd_page(vmf);
	return do_huge_pmd_numa_page(vmf);
}

/*
 * PAGE_NONE plus the tag: pte_modify() takes bits outside
 * _PAGE_CHG_MASK from the new protection, so the tag goes in with the
 * hint and out with any rebuild from vm_page_prot.
 */
static long tagged_damon_install(struct vm_area_struct *vma,
				 unsigned long addr)
{
	return design_damon_install_reviewed(vma, addr,
		__pgprot(pgprot_val(PAGE_NONE) | _PAGE_FAULTSIM_DAMON));
}

static const struct faultsim_design tagged_pte = {
	.name = "tagged-pte",
	.rationale =
		"Lorenzo's question was how a PTE says whether its hint is "
		"NUMA balancing's or DAMON's; userfaultfd answered it for "
		"RWP with a software bit.  Here bit 55 marks DAMON's hints, "
		"with the guarded design's skip rules and config neutrality.",
	.claims =
		"Each hint reaches its installer's handler whatever the "
		"sysctl; NUMA statistics never see DAMON's hints; the tag "
		"lives exactly as long as the hint.",
	.pte_protnone = tagged_pte_protnone,
	.pmd_protnone = tagged_pmd_protnone,
	.damon_install = tagged_damon_install,
	.needs = FAULTSIM_NEEDS_PROTNONE,
	.tag_bits = _PAGE_FAULTSIM_DAMON,
	/* bit 55 as written: arm64's PTE_DIRTY (docs/designs.md, arm64) */
	.tag_bits_arm64 = _PAGE_FAULTSIM_DAMON,
	.checked_claims = (const struct faultsim_claim[]){
		{ "each hint reaches its installer's handler whatever the "
		  "sysctl", "routing: misrouted" },
		{ "NUMA statistics never see DAMON's hints",
		  "routing: stat_pollution" },
		{ "every hint's owner hears of it", "routing: lost_report" },
		{ "the tag lives exactly as long as the hint",
		  "restoration" },
		{ "with CONFIG_DAMON off it is the baseline", "neutrality" },
		{ NULL },
	},
};
FAULTSIM_DESIGN(tagged_pte);

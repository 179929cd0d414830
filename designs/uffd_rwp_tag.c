// SPDX-License-Identifier: GPL-2.0-only
/*
 * Design uffd-rwp-tag: the userfaultfd working-set series' approach
 * (Kiryl Shutsemau, "[PATCH 00/14] userfaultfd: working set tracking
 * for VM guest memory", Apr 2026; docs/damon-fault-reporting.md §4)
 * applied to DAMON.  There MM_CP_UFFD_RWP installs PAGE_NONE plus the
 * uffd PTE bit, and handle_pte_fault() sends a protnone fault to
 * do_uffd_rwp() when userfaultfd_pte_rwp(vma, orig_pte), else to
 * do_numa_page().  Here DAMON's hint is PAGE_NONE plus the existing
 * uffd-wp software bit (x86 _PAGE_UFFD_WP, bit 10; arm64 PTE_UFFD_WP,
 * bit 58), and the fault is
 * routed by that bit alone: DAMON hints any VMA, so no VMA flag can
 * say the bit is DAMON's.  The bit is also uffd-wp's, which is the
 * question this design puts to the oracles.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <kshim/hooks.h>
#include "designs/damon_hint.h"
#include "designs/design.h"

/*
 * do_uffd_rwp()'s in-place restore, for DAMON: the entry rebuilt from
 * vm_page_prot without the tag (so without uffd-wp: the bit cannot
 * say whether uffd-wp had set it first), young, writable where
 * do_numa_page() would make it so; then the report.
 */
static vm_fault_t rwp_do_damon_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long pfn = pte_pfn(vmf->orig_pte);
	pte_t pte, old_pte;
	bool writable;

	if (!design_damon_recheck(vmf, false, &pte, &writable))
		return 0;
	pte = pte_mkyoung(pte_clear_uffd_wp(pte));
	if (!writable && vma_wants_manual_pte_write_upgrade(vma) &&
	    can_change_pte_writable(vma, vmf->address, pte))
		writable = true;
	if (writable)
		pte = pte_mkwrite(pte, vma);
	old_pte = ptep_modify_prot_start(vma, vmf->address, vmf->pte);
	ptep_modify_prot_commit(vma, vmf->address, vmf->pte, old_pte, pte);
	update_mmu_cache_range(vmf, vma, vmf->address, vmf->pte, 1);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	design_damon_report(vmf, pfn);
	return 0;
}

/*
 * Mirrors the series' handle_pte_fault() branch, keyed on the bit only;
 * without CONFIG_DAMON the branch is compiled out (a uffd-wp'd page's
 * NUMA hint keeps the bit there too).
 */
static vm_fault_t rwp_pte_protnone(struct vm_fault *vmf)
{
	if (IS_ENABLED(CONFIG_DAMON) && pte_uffd_wp(vmf->orig_pte))
		return rwp_do_damon_page(vmf);
	return do_numa_page(vmf);
}

/*
 * No PMD handler: DAMON hints single pages (change_protection() of one
 * page splits a PMD first), so a protnone PMD is NUMA balancing's and
 * goes to do_huge_pmd_numa_page().
 */

/* MM_CP_DAMON plus MM_CP_UFFD_WP: PAGE_NONE, then pte_mkuffd_wp() */
static long rwp_damon_install(struct vm_area_struct *vma, unsigned long addr)
{
	if (!IS_ENABLED(CONFIG_DAMON))
		return -EOPNOTSUPP;
	addr &= PAGE_MASK;
	if (design_damon_skip(vma, addr))
		return 0;
	return design_damon_change_protection_flags(vma, addr,
						    addr + PAGE_SIZE,
						    PAGE_NONE, MM_CP_UFFD_WP);
}

static const struct faultsim_design uffd_rwp_tag = {
	.name = "uffd-rwp-tag",
	.rationale =
		"The userfaultfd RWP series tells its PAGE_NONE hints from "
		"NUMA balancing's by the uffd PTE bit, at no cost in PTE "
		"bits; this design does the same for DAMON, tagging its "
		"hints with the uffd-wp software bit and routing protnone "
		"faults on that bit, with the reviewed skip rules.",
	.claims =
		"Each hint reaches its installer's handler whatever the "
		"sysctl, NUMA statistics never see DAMON's hints, and the "
		"tag lives exactly as long as the hint; reusing the "
		"uffd-wp bit, as the RWP series reuses the uffd bit, costs "
		"no PTE bit.",
	.pte_protnone = rwp_pte_protnone,
	.damon_install = rwp_damon_install,
	.needs = FAULTSIM_NEEDS_PROTNONE,
	/* no DAMON, no tag: the bit is uffd-wp's alone */
	.tag_bits = IS_ENABLED(CONFIG_DAMON) ? _PAGE_UFFD_WP : 0,
	/* arm64's uffd-wp bit, PTE_UFFD_WP (58), when the arch has one */
	.tag_bits_arm64 = IS_ENABLED(CONFIG_DAMON) && _PAGE_UFFD_WP != 0 ?
				  ARM64_PTE_UFFD_WP : 0,
	.checked_claims = (const struct faultsim_claim[]){
		{ "each hint reaches its installer's handler whatever the "
		  "sysctl", "routing: misrouted" },
		{ "NUMA statistics never see DAMON's hints",
		  "routing: stat_pollution" },
		{ "the tag lives exactly as long as the hint",
		  "restoration" },
		{ "reusing the uffd-wp bit costs no PTE bit: no other user "
		  "has it set where DAMON hints", "bit_conflict" },
		{ "with CONFIG_DAMON off it is the baseline", "neutrality" },
		{ NULL },
	},
};
FAULTSIM_DESIGN(uffd_rwp_tag);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Design generic-hook: Lorenzo Stoakes's suggestion (28 Jul 2025) of one
 * "fault then restore" mechanism that NUMA balancing and DAMON both
 * hook, not gated on the sysctl.  The handler has do_numa_page()'s
 * shape (6.12); where do_numa_page() does NUMA balancing's work, each
 * registered consumer is asked: NUMA balancing (with the kernel built
 * for it) under the PTL, DAMON (with CONFIG_DAMON) after the unlock.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/migrate.h>
#include <linux/sched/numa_balancing.h>
#include <kshim/hooks.h>
#include "designs/damon_hint.h"
#include "designs/design.h"

/* do_numa_page() (mm/memory.c, 6.12) with the consumers as hooks */
static vm_fault_t generic_pte_protnone(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long pfn = pte_pfn(vmf->orig_pte);
	bool upgrade = vma_wants_manual_pte_write_upgrade(vma);
	bool writable, ignore_writable = false;
	int nid = NUMA_NO_NODE, target_nid, last_cpupid, flags = 0;
	int nr_pages = 1;
	struct folio *folio;
	pte_t pte;

	if (!design_damon_recheck(vmf, upgrade, &pte, &writable))
		return 0;
	folio = vm_normal_folio(vma, vmf->address, pte);
	if (!IS_ENABLED(CONFIG_NUMA_BALANCING) || !folio ||
	    folio_is_zone_device(folio))
		goto out_map;
	/* consumer 1, NUMA balancing: account, maybe migrate */
	nid = folio_nid(folio);
	nr_pages = folio_nr_pages(folio);
	target_nid = numa_migrate_check(folio, vmf, vmf->address, &flags,
					writable, &last_cpupid);
	if (target_nid == NUMA_NO_NODE)
		goto out_map;
	if (migrate_misplaced_folio_prepare(folio, vma, target_nid)) {
		flags |= TNF_MIGRATE_FAIL;
		goto out_map;
	}
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	writable = false;
	ignore_writable = true;
	if (!migrate_misplaced_folio(folio, vma, target_nid)) {
		task_numa_fault(last_cpupid, target_nid, nr_pages,
				flags | TNF_MIGRATED);
		goto notify_damon;
	}
	flags |= TNF_MIGRATE_FAIL;
	vmf->pte = pte_offset_map_lock(vma->vm_mm, vmf->pmd, vmf->address,
				       &vmf->ptl);
	if (unlikely(!vmf->pte))
		return 0;
	if (unlikely(!pte_same(ptep_get(vmf->pte), vmf->orig_pte))) {
		pte_unmap_unlock(vmf->pte, vmf->ptl);
		return 0;
	}
out_map:
	if (folio && folio_test_large(folio))
		numa_rebuild_large_mapping(vmf, vma, folio, pte,
					   ignore_writable, upgrade);
	else
		numa_rebuild_single_mapping(vmf, vma, vmf->address, vmf->pte,
					    writable);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	if (nid != NUMA_NO_NODE)
		task_numa_fault(last_cpupid, nid, nr_pages, flags);
notify_damon:
	/* consumer 2, DAMON (nothing without CONFIG_DAMON) */
	design_damon_report(vmf, pfn);
	return 0;
}

/*
 * The PMD side: DAMON hints single pages (a PMD is split first), so a
 * protnone PMD is NUMA balancing's own; its handler stays, and DAMON is
 * told of the access only if the hint was still there to restore.
 */
static vm_fault_t generic_pmd_protnone(struct vm_fault *vmf)
{
	bool hinted;
	vm_fault_t ret;

	ret = do_huge_pmd_numa_page(vmf);
	spin_lock(vmf->ptl);
	hinted = !pmd_same(pmdp_get(vmf->pmd), vmf->orig_pmd);
	spin_unlock(vmf->ptl);
	if (hinted)
		design_damon_report(vmf, pmd_pfn(vmf->orig_pmd));
	return ret;
}

static long generic_damon_install(struct vm_area_struct *vma,
				  unsigned long addr)
{
	return design_damon_install_reviewed(vma, addr, PAGE_NONE);
}

static const struct faultsim_design generic_hook = {
	.name = "generic-hook",
	.rationale =
		"The review's alternative: make NUMA hinting a generic "
		"fault-then-restore mechanism with consumers instead of "
		"gating DAMON on NUMA balancing being off.  One handler "
		"restores every hint and tells each registered consumer, "
		"whatever the sysctl says.",
	.claims =
		"No fault is ever misrouted, since there is one route; every "
		"hint is restored exactly as do_numa_page() restores it; "
		"nothing changes without CONFIG_DAMON.  Consumers cannot tell "
		"whose hint it was, so NUMA balancing's statistics see "
		"DAMON's hints: stat_pollution, accepted by design.",
	.pte_protnone = generic_pte_protnone,
	.pmd_protnone = generic_pmd_protnone,
	.damon_install = generic_damon_install,
	.needs = FAULTSIM_NEEDS_PROTNONE,
	.accepts = (const char *const[]){ "stat_pollution", NULL },
	.checked_claims = (const struct faultsim_claim[]){
		{ "no fault is ever misrouted: there is one route",
		  "routing: misrouted" },
		{ "every consumer hears of every hint",
		  "routing: lost_report" },
		{ "every hint is restored exactly as do_numa_page() "
		  "restores it", "restoration" },
		{ "nothing changes without CONFIG_DAMON", "neutrality" },
		{ NULL },
	},
};
FAULTSIM_DESIGN(generic_hook);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * faultsim's hook points (kshim/hooks.h): the protnone fault dispatch
 * goes to the selected design (designs/); the 6.12 baseline calls the
 * kernel's own handlers, exactly as the unmodified kernel does.  A test
 * planting a bug may override the PTE handler.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <kshim/hooks.h>
#include "designs/design.h"
#include "damon_core/report.h"
#include "mm_model/mm/hint_events.h"

/* A planted bug's PTE handler (NULL: the design's dispatch). */
static vm_fault_t (*pte_protnone_override)(struct vm_fault *vmf);

void faultsim_set_pte_protnone_handler(vm_fault_t (*fn)(struct vm_fault *))
{
	pte_protnone_override = fn;
}

/* Mirrors mm/memory.c:handle_pte_fault()'s call of do_numa_page() */
vm_fault_t faultsim_hook_pte_protnone(struct vm_fault *vmf)
{
	const struct faultsim_design *d = faultsim_design();

	if (pte_protnone_override)
		return pte_protnone_override(vmf);
	if (d->pte_protnone)
		return d->pte_protnone(vmf);
	return do_numa_page(vmf);
}

/* Mirrors mm/memory.c:__handle_mm_fault()'s call of do_huge_pmd_numa_page() */
vm_fault_t faultsim_hook_pmd_protnone(struct vm_fault *vmf)
{
	const struct faultsim_design *d = faultsim_design();

	if (d->pmd_protnone)
		return d->pmd_protnone(vmf);
	return do_huge_pmd_numa_page(vmf);
}

/*
 * A tree's own DAMON report (an overlay's design): into faultsim's report
 * sink too, which is the oracles' endpoint and what faultsim's DAMON
 * reads, so the report check and DAMON's accuracy count it.  Without
 * CONFIG_DAMON (the tree's stub was called) only the endpoint.
 */
void faultsim_hook_damon_report(unsigned long paddr, unsigned long vaddr,
				unsigned long size)
{
	BUILD_BUG_ON(FAULTSIM_NO_ADDR != HINT_REPORT_NO_ADDR);
#ifdef CONFIG_DAMON
	{
		bool virt = paddr == FAULTSIM_NO_ADDR;
		struct faultsim_access_report report = {
			.tgid = virt ? current->tgid : 0,
			.addr = virt ? vaddr : paddr,
			.size = size,
			.cpu = smp_processor_id(),
		};

		faultsim_damon_report_access(&report);
	}
#else
	hint_event_damon_report(paddr, vaddr, size);
#endif
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The 6.12 baseline of faultsim's hook points (kshim/hooks.h): the
 * protnone fault dispatch goes to the kernel's own handlers, exactly as
 * the unmodified kernel calls them.  A DAMON fault-reporting design
 * replaces these (designs/).
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <kshim/hooks.h>

/*
 * The handler a protnone PTE fault goes to: do_numa_page() unless a
 * design (or a test planting a bug) installs another.
 */
static vm_fault_t (*pte_protnone_handler)(struct vm_fault *vmf) = do_numa_page;

void faultsim_set_pte_protnone_handler(vm_fault_t (*fn)(struct vm_fault *))
{
	pte_protnone_handler = fn ? fn : do_numa_page;
}

/* Mirrors mm/memory.c:handle_pte_fault()'s call of do_numa_page() */
vm_fault_t faultsim_hook_pte_protnone(struct vm_fault *vmf)
{
	return pte_protnone_handler(vmf);
}

/* Mirrors mm/memory.c:__handle_mm_fault()'s call of do_huge_pmd_numa_page() */
vm_fault_t faultsim_hook_pmd_protnone(struct vm_fault *vmf)
{
	return do_huge_pmd_numa_page(vmf);
}

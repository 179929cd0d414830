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

/* Mirrors mm/memory.c:handle_pte_fault()'s call of do_numa_page() */
vm_fault_t faultsim_hook_pte_protnone(struct vm_fault *vmf)
{
	return do_numa_page(vmf);
}

/* Mirrors mm/memory.c:__handle_mm_fault()'s call of do_huge_pmd_numa_page() */
vm_fault_t faultsim_hook_pmd_protnone(struct vm_fault *vmf)
{
	return do_huge_pmd_numa_page(vmf);
}

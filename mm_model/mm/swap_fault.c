// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fault on a non-present, non-none PTE: mm/memory.c:do_swap_page()
 * (6.12), cut from the extracted unit (tools/manifests/6.12.json).  The
 * model has no swap, device entries or hwpoison, so only migration
 * entries are handled: the fault waits for the migration and returns 0,
 * and the CPU retries the access.  A real swap entry or a PTE marker
 * (uffd-wp, poison) is a path the model does not cover: loud.
 */
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <kshim/unmodelled.h>
#include "mm_model/mm/migrate.h"

/* include/linux/swapops.h:non_swap_entry() */
static bool non_swap_entry(swp_entry_t entry)
{
	return swp_type(entry) >= MAX_SWAPFILES;
}

/* mm/memory.c (declared in mm/internal.h) */
vm_fault_t do_swap_page(struct vm_fault *vmf);
/* mm/memory.c, cut: mm_model/mm/unmodelled.c */
void print_bad_pte(struct vm_area_struct *vma, unsigned long addr, pte_t pte,
		   struct page *page);

/* mm/memory.c:do_swap_page() (6.12), the migration-entry branch */
vm_fault_t do_swap_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	swp_entry_t entry;

	/*
	 * pte_unmap_same(): a pte_t fits an unsigned long on x86-64, so
	 * there is no locked re-check, only the unmap.
	 */
	pte_unmap(vmf->pte);
	vmf->pte = NULL;
	entry = pte_to_swp_entry(vmf->orig_pte);
	if (non_swap_entry(entry)) {
		if (is_migration_entry(entry)) {
			migration_entry_wait(vma->vm_mm, vmf->pmd,
					     vmf->address);
			return 0;
		}
		if (is_pte_marker_entry(entry))
			kshim_unmodelled("do_swap_page: PTE marker (handle_pte_marker)");
		/* device/hwpoison entries do not exist in our configs */
		print_bad_pte(vma, vmf->address, vmf->orig_pte, NULL);
		return VM_FAULT_SIGBUS;
	}
	kshim_unmodelled("do_swap_page: swap-in of a swap entry");
}

/* mm/swapfile.c:folio_free_swap() (6.12): no folio is in the swap cache */
bool folio_free_swap(struct folio *folio)
{
	kshim_unmodelled("folio_free_swap (swap cache)");
}

/*
 * mm/swap_state.c:free_swap_cache() (6.12): acts on a swap-cache folio
 * only, and swap is not simulated.
 */
void free_swap_cache(struct folio *folio)
{
	if (folio_test_swapcache(folio))
		kshim_unmodelled("free_swap_cache (swap cache)");
}

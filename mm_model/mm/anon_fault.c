// SPDX-License-Identifier: GPL-2.0-only
/*
 * The anonymous-memory fault paths below the cut of the extracted
 * mm/memory.c (6.12).  do_pte_missing() -> do_anonymous_page() (with
 * alloc_anon_folio()) and do_wp_page() (wp_can_reuse_anon_folio(),
 * wp_page_reuse(), wp_page_copy()) are extracted (the fault_memory
 * unit); here is what they call that the model stands in for:
 *   vma_alloc_folio(): the node the VMA's policy picks
 *     (mm_model/mm/mempolicy.c);
 *   the cut functions: folio_zero_user() and __wp_page_copy_user()
 *     (page contents are not simulated), do_fault() (file-backed first
 *     touch), wp_page_shared() and wp_pfn_shared() (shared mappings),
 *     all loud but the two copies;
 *   create_huge_pmd() and wp_huge_pmd() (cut): the PMD-level first
 *     touch and write fault, which mm_model/mm/thp.c handles.
 * Order-0 first touch (no mTHP size is enabled); file, shmem and shared
 * mappings, uffd and KSM abort loudly.
 */
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/huge_mm.h>
#include <linux/vmstat.h>
#include <kshim/unmodelled.h>
#include "mm_model/hw/memmap.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/mm/rmap.h"
#include "mm_model/mm/thp.h"

/*
 * include/linux/gfp.h:vma_alloc_folio() (6.12): a folio of @order from
 * the node the VMA's policy picks for @addr (alloc_pages_mpol() with the
 * model's policy), no reclaim, no fallback to another node.
 */
struct folio *vma_alloc_folio(gfp_t gfp, int order, struct vm_area_struct *vma,
			      unsigned long addr, bool hugepage)
{
	return memmap_alloc_folio(mpol_alloc_nid(vma, addr, order), order, false);
}

/*
 * arch/x86/include/asm/page.h:vma_alloc_zeroed_movable_folio() (6.12):
 * GFP_HIGHUSER_MOVABLE | __GFP_ZERO, order 0 (contents not simulated).
 */
struct folio *vma_alloc_zeroed_movable_folio(struct vm_area_struct *vma,
					     unsigned long vaddr)
{
	return vma_alloc_folio(GFP_HIGHUSER_MOVABLE | __GFP_ZERO, 0, vma,
			       vaddr, false);
}

/* the fault_memory unit's cut functions (static there) */
vm_fault_t do_fault(struct vm_fault *vmf);
vm_fault_t wp_page_shared(struct vm_fault *vmf, struct folio *folio);
vm_fault_t wp_pfn_shared(struct vm_fault *vmf);
int __wp_page_copy_user(struct page *dst, struct page *src,
			struct vm_fault *vmf);
void folio_zero_user(struct folio *folio, unsigned long addr_hint);

/* mm/memory.c:do_fault() (6.12): file-backed first touch, not modelled */
vm_fault_t do_fault(struct vm_fault *vmf)
{
	kshim_unmodelled("do_fault() (file-backed first touch)");
}

/* mm/memory.c:wp_page_shared() (6.12): shared mappings are not modelled */
vm_fault_t wp_page_shared(struct vm_fault *vmf, struct folio *folio)
{
	kshim_unmodelled("do_wp_page in a shared mapping (wp_page_shared)");
}

/* mm/memory.c:wp_pfn_shared() (6.12): shared mappings are not modelled */
vm_fault_t wp_pfn_shared(struct vm_fault *vmf)
{
	kshim_unmodelled("do_wp_page in a shared mapping (wp_pfn_shared)");
}

/*
 * mm/memory.c:__wp_page_copy_user() (6.12): the copy of the old page's
 * contents, which the model does not keep; it always succeeds.
 */
int __wp_page_copy_user(struct page *dst, struct page *src,
			struct vm_fault *vmf)
{
	return 0;
}

/* mm/memory.c:folio_zero_user() (6.12): page contents are not simulated */
void folio_zero_user(struct folio *folio, unsigned long addr_hint)
{
}

/*
 * mm/memory.c:create_huge_pmd() (6.12): an anonymous VMA goes to
 * do_huge_pmd_anonymous_page() (a new THP for a write, the huge zero
 * page for a read, or VM_FAULT_FALLBACK to PTEs); file VMAs are not
 * modelled.
 */
vm_fault_t create_huge_pmd(struct vm_fault *vmf)
{
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	if (vma_is_anonymous(vmf->vma))
		return do_huge_pmd_anonymous_page(vmf);
	kshim_unmodelled("->huge_fault() of a file VMA");
#else
	BUG();	/* thp_vma_allowable_order() is false without THP */
#endif
}

/*
 * mm/memory.c:wp_huge_pmd() (6.12): a write to a read-only huge PMD of
 * an anonymous VMA is do_huge_pmd_wp_page()'s (no userfaultfd-wp in the
 * model); anything else is split and handled at the PTE level.
 */
vm_fault_t wp_huge_pmd(struct vm_fault *vmf)
{
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	struct vm_area_struct *vma = vmf->vma;

	if (vma_is_anonymous(vma))
		return do_huge_pmd_wp_page(vmf);
	if (vma->vm_flags & (VM_SHARED | VM_MAYSHARE))
		kshim_unmodelled("->huge_fault() of a shared file VMA");
	__split_huge_pmd(vma, vmf->pmd, vmf->address, false, NULL);
	return VM_FAULT_FALLBACK;
#else
	BUG();	/* no huge PMD without THP */
#endif
}

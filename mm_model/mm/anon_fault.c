// SPDX-License-Identifier: GPL-2.0-only
/*
 * The anonymous-memory fault paths cut from the extracted mm/memory.c,
 * hand-written after 6.12 for private anonymous VMAs:
 *   do_pte_missing() -> do_anonymous_page(): a read maps the shared zero
 *     page (special, read-only), a write a new exclusive folio from the
 *     policy's node; both back off if the entry changed under the PTL
 *     (vmf_pte_changed()), as when a NUMA rebuild's transient none
 *     entry is refilled;
 *   do_wp_page(): reuse an exclusive (or only-referenced small) anon
 *     folio in place (wp_page_reuse()), else copy it (wp_page_copy())
 *     with ptep_clear_flush() before the new entry goes in;
 *   create_huge_pmd() and wp_huge_pmd(): the PMD-level first touch and
 *     write fault, which mm_model/mm/thp.c handles.
 * Order-0 folios only (the mTHP sizes are off, the sysfs default); file,
 * shmem and shared mappings, uffd and KSM abort loudly.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/vmstat.h>
#include <kshim/unmodelled.h>
#include "mm_model/hw/memmap.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/mm/rmap.h"
#include "mm_model/mm/thp.h"

/* mm/memory.c:vmf_pte_changed() */
static bool vmf_pte_changed(struct vm_fault *vmf)
{
	if (vmf->flags & FAULT_FLAG_ORIG_PTE_VALID)
		return !pte_same(ptep_get(vmf->pte), vmf->orig_pte);
	return !pte_none(ptep_get(vmf->pte));
}

/* mm/rmap.c:folio_add_new_anon_rmap(RMAP_EXCLUSIVE) for a small folio */
static void add_new_anon_rmap(struct folio *folio, struct vm_area_struct *vma,
			      unsigned long address)
{
	folio->index = (address - vma->vm_start) / PAGE_SIZE + vma->vm_pgoff;
	atomic_set(&folio->_mapcount, 0);
	SetPageAnonExclusive(&folio->page);
	folio_set_lru(folio);	/* folio_add_lru_vma() */
}

/* mm/memory.c:do_anonymous_page() (6.12), order 0 */
static vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct folio *folio;
	pte_t entry;

	if (vma->vm_flags & VM_SHARED)
		kshim_unmodelled("shared anonymous (shmem) first touch");
	if (pte_alloc(vma->vm_mm, vmf->pmd))
		return VM_FAULT_OOM;
	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		/* the zero page for reads */
		entry = pte_mkspecial(pfn_pte(zero_pfn, vma->vm_page_prot));
		vmf->pte = pte_offset_map_lock(vma->vm_mm, vmf->pmd,
					       vmf->address, &vmf->ptl);
		if (!vmf->pte)
			return 0;
		if (!vmf_pte_changed(vmf))
			set_pte_at(vma->vm_mm, vmf->address, vmf->pte, entry);
		pte_unmap_unlock(vmf->pte, vmf->ptl);
		return 0;
	}
	folio = memmap_alloc_folio(mpol_alloc_nid(vma, vmf->address, 0), 0,
				   true);
	if (!folio)
		return VM_FAULT_OOM;
	/* pte_sw_mkyoung() is a no-op on x86: the hardware sets Accessed */
	entry = pfn_pte(folio_pfn(folio), vma->vm_page_prot);
	if (vma->vm_flags & VM_WRITE)
		entry = pte_mkwrite(pte_mkdirty(entry), vma);
	vmf->pte = pte_offset_map_lock(vma->vm_mm, vmf->pmd, vmf->address,
				       &vmf->ptl);
	if (!vmf->pte || vmf_pte_changed(vmf)) {
		if (vmf->pte)
			pte_unmap_unlock(vmf->pte, vmf->ptl);
		folio_put(folio);	/* release: someone else mapped it */
		return 0;
	}
	add_new_anon_rmap(folio, vma, vmf->address);
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, entry);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return 0;
}

/* mm/memory.c:do_pte_missing() */
vm_fault_t do_pte_missing(struct vm_fault *vmf)
{
	if (vma_is_anonymous(vmf->vma))
		return do_anonymous_page(vmf);
	kshim_unmodelled("do_fault() (file-backed first touch)");
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

/* mm/memory.c:wp_can_reuse_anon_folio() (6.12), no swap cache, no KSM */
static bool wp_can_reuse_anon_folio(struct folio *folio)
{
	if (folio_test_large(folio))
		return false;	/* large folios are never reused by a subpage */
	if (folio_test_ksm(folio) || folio_ref_count(folio) > 3)
		return false;
	return folio_ref_count(folio) == 1;
}

/* mm/memory.c:wp_page_reuse() */
static vm_fault_t wp_page_reuse(struct vm_fault *vmf, struct folio *folio)
{
	struct vm_area_struct *vma = vmf->vma;
	pte_t entry;

	/* the old cpupid may belong to an unrelated process now */
	folio_xchg_last_cpupid(folio, (1 << LAST_CPUPID_SHIFT) - 1);
	entry = pte_mkyoung(vmf->orig_pte);
	entry = pte_mkdirty(entry);
	if (vma->vm_flags & VM_WRITE)	/* maybe_mkwrite() */
		entry = pte_mkwrite(entry, vma);
	ptep_set_access_flags(vma, vmf->address, vmf->pte, entry, 1);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	count_vm_event(PGREUSE);
	return 0;
}

/* mm/memory.c:wp_page_copy() (6.12) for a private anonymous VMA */
static vm_fault_t wp_page_copy(struct vm_fault *vmf, struct folio *old)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct folio *new;
	pte_t entry;

	new = memmap_alloc_folio(mpol_alloc_nid(vma, vmf->address, 0), 0, true);
	if (!new) {
		if (old)
			folio_put(old);
		return VM_FAULT_OOM;
	}
	vmf->pte = pte_offset_map_lock(mm, vmf->pmd, vmf->address, &vmf->ptl);
	if (vmf->pte && pte_same(ptep_get(vmf->pte), vmf->orig_pte)) {
		entry = pfn_pte(folio_pfn(new), vma->vm_page_prot);
		entry = pte_mkdirty(entry);
		if (vma->vm_flags & VM_WRITE)
			entry = pte_mkwrite(entry, vma);
		ptep_clear_flush(vma, vmf->address, vmf->pte);
		add_new_anon_rmap(new, vma, vmf->address);
		set_pte_at(mm, vmf->address, vmf->pte, entry);
		if (old)
			rmap_remove_pte(old, vmf->page);
		pte_unmap_unlock(vmf->pte, vmf->ptl);
		new = old;	/* now the one to drop */
	} else if (vmf->pte) {
		pte_unmap_unlock(vmf->pte, vmf->ptl);
	}
	if (new)
		folio_put(new);
	if (old)
		folio_put(old);
	return 0;
}

/* mm/memory.c:do_wp_page() (6.12), entered with the PTL held */
vm_fault_t do_wp_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct folio *folio = NULL;

	if (pte_uffd_wp(ptep_get(vmf->pte)))
		kshim_unmodelled("do_wp_page on a uffd-wp entry");
	vmf->page = vm_normal_page(vma, vmf->address, vmf->orig_pte);
	if (vmf->page)
		folio = page_folio(vmf->page);
	if (vma->vm_flags & (VM_SHARED | VM_MAYSHARE))
		kshim_unmodelled("do_wp_page in a shared mapping "
				 "(wp_page_shared/wp_pfn_shared)");
	if (folio && folio_test_anon(folio) &&
	    (PageAnonExclusive(vmf->page) || wp_can_reuse_anon_folio(folio))) {
		if (!PageAnonExclusive(vmf->page))
			SetPageAnonExclusive(vmf->page);
		if (vmf->flags & FAULT_FLAG_UNSHARE) {
			pte_unmap_unlock(vmf->pte, vmf->ptl);
			return 0;
		}
		return wp_page_reuse(vmf, folio);
	}
	if (folio)
		folio_get(folio);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return wp_page_copy(vmf, folio);
}

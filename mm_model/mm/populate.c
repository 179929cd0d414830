// SPDX-License-Identifier: GPL-2.0-only
/* Kernel-made starting states (see populate.h). */
#include <linux/mm.h>
#include <linux/errno.h>
#include <linux/pagemap.h>
#include <linux/mmap_lock.h>
#include <asm/tlb.h>
#include "mm_model/hw/memmap.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/rmap.h"

static pte_t *pte_for(struct vm_area_struct *vma, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t *pmd = pgtable_pmd_alloc(mm, addr);

	if (!pmd || pte_alloc(mm, pmd))
		return NULL;
	return pte_offset_map(pmd, addr);
}

/* mm/memory.c:do_anonymous_page() + folio_add_new_anon_rmap() (6.12) */
int populate_anon(struct vm_area_struct *vma, unsigned long start,
		  unsigned long end, int nid, bool write)
{
	unsigned long addr;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		struct folio *folio = memmap_alloc_folio(nid, 0, true);
		pte_t *ptep = pte_for(vma, addr);
		pte_t entry;
		spinlock_t *ptl;

		if (!folio || !ptep)
			return -ENOMEM;
		folio->index = linear_page_index(vma, addr);
		atomic_set(&folio->_mapcount, 0);	/* mapped once */
		SetPageAnonExclusive(&folio->page);
		folio_set_lru(folio);
		entry = pte_mkyoung(pfn_pte(folio_pfn(folio), vma->vm_page_prot));
		if (write && (vma->vm_flags & VM_WRITE))
			entry = pte_mkwrite(pte_mkdirty(entry), vma);
		ptep = pte_offset_map_lock(vma->vm_mm, pmd_off(vma->vm_mm, addr), addr,
					   &ptl);
		set_pte_at(vma->vm_mm, addr, ptep, entry);
		pte_unmap_unlock(ptep, ptl);
	}
	return 0;
}

int share_cow_page(struct vm_area_struct *vma, unsigned long addr)
{
	pte_t *ptep = populate_ptep(vma, addr);
	struct folio *folio;
	struct page *page;
	pte_t pte;

	if (!ptep || !pte_present(pte = ptep_get(ptep)))
		return -EINVAL;
	page = pfn_to_page(pte_pfn(pte));
	folio = page_folio(page);
	/*
	 * kernel/fork.c -> copy_present_ptes(): folio_try_dup_anon_rmap_pte()
	 * counts the page's mapping (a large folio's per page), and both
	 * map it read-only
	 */
	rmap_add_pte(folio, page);
	folio_get(folio);
	ClearPageAnonExclusive(page);
	set_pte_at(vma->vm_mm, addr, ptep, pte_wrprotect(pte));
	return 0;
}

int fork_cow_page(struct vm_area_struct *vma, struct vm_area_struct *child,
		  unsigned long addr)
{
	pte_t *ptep = pte_for(child, addr);

	if (!ptep || share_cow_page(vma, addr))
		return -ENOMEM;
	/* copy_present_ptes(): the parent's write-protected entry, made old */
	set_pte_at(child->vm_mm, addr, ptep,
		   pte_mkold(ptep_get(populate_ptep(vma, addr))));
	return 0;
}

pte_t *populate_ptep(struct vm_area_struct *vma, unsigned long addr)
{
	pmd_t *pmd;
	pte_t *pte;

	pgtable_lookup(vma->vm_mm, addr, &pmd, &pte);
	return pte;
}

void populate_zap_all(struct vm_area_struct *vma)
{
	unsigned long addr;

	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pte_t *ptep = populate_ptep(vma, addr);
		struct folio *folio;
		pte_t pte;

		if (!ptep || pte_none(pte = ptep_get(ptep)))
			continue;
		pte_clear(vma->vm_mm, addr, ptep);
		if (!pte_present(pte))
			continue;
		folio = pfn_folio(pte_pfn(pte));
		atomic_dec(&folio->_mapcount);
		folio_put(folio);
	}
}

long populate_uffd_wp(struct vm_area_struct *vma, unsigned long start,
		      unsigned long end)
{
	struct mmu_gather tlb;
	long ret;

	if (!(vma->vm_flags & VM_UFFD_WP))	/* userfaultfd_wp() */
		return -ENOENT;
	/* uffd_wp_range(): the mmap lock held, one gather */
	mmap_read_lock(vma->vm_mm);
	tlb_gather_mmu(&tlb, vma->vm_mm);
	ret = change_protection(&tlb, vma, start, end, MM_CP_UFFD_WP);
	tlb_finish_mmu(&tlb);
	mmap_read_unlock(vma->vm_mm);
	return ret;
}

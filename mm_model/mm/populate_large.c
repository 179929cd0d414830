// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel-made large folios (see thp.h): PTE-mapped anonymous mTHPs and
 * PMD-mapped anonymous THPs, and their teardown.  Hand-written after
 * Linux 6.12; simplified: no anon_vma (folio->mapping is the bare
 * PAGE_MAPPING_ANON, as populate.c does), no memcg charge, no mm
 * counters or mTHP statistics, no deferred-split queue, no LRU lists
 * beyond PG_lru.
 */
#include <stdlib.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/pagemap.h>
#include <asm/tlbflush.h>
#include "mm_model/hw/memmap.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/thp.h"

static bool range_ok(struct vm_area_struct *vma, unsigned long start,
		     unsigned long size)
{
	return IS_ALIGNED(start, size) && start >= vma->vm_start &&
	       start + size <= vma->vm_end;
}

/*
 * Mirrors mm/memory.c:do_anonymous_page() for an mTHP order (6.12):
 * folio_ref_add(nr - 1), folio_add_new_anon_rmap(RMAP_EXCLUSIVE) on a
 * PTE-mappable large folio (each page's _mapcount 0 and anon-exclusive,
 * _large_mapcount nr - 1, _nr_pages_mapped nr), folio_add_lru_vma(),
 * set_ptes() of mk_pte(vm_page_prot) made writable and dirty in a
 * VM_WRITE VMA (populate_anon()'s @write convention on top).
 */
int populate_anon_large(struct vm_area_struct *vma, unsigned long start,
			int nid, unsigned int order, bool write)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long nr = 1UL << order, i;
	struct folio *folio;
	spinlock_t *ptl;
	pte_t *ptep, entry;
	pmd_t *pmd;

	if (order < 2 || order >= HPAGE_PMD_ORDER ||
	    !range_ok(vma, start, PAGE_SIZE << order))
		return -EINVAL;
	pmd = pgtable_pmd_alloc(mm, start);
	if (!pmd)
		return -ENOMEM;
	if (pmd_leaf(pmdp_get(pmd)))
		return -EINVAL;
	if (pte_alloc(mm, pmd))
		return -ENOMEM;
	ptep = pte_offset_map(pmd, start);
	for (i = 0; i < nr; i++)
		if (!pte_none(ptep_get(ptep + i)))
			return -EINVAL;
	folio = memmap_alloc_folio(nid, order, true);
	if (!folio)
		return -ENOMEM;

	atomic_add(nr - 1, &folio->_refcount);		/* folio_ref_add() */
	folio->index = linear_page_index(vma, start);
	for (i = 0; i < nr; i++) {
		atomic_set(&folio_page(folio, i)->_mapcount, 0);
		SetPageAnonExclusive(folio_page(folio, i));
	}
	atomic_set(&folio->_large_mapcount, nr - 1);
	atomic_set(&folio->_nr_pages_mapped, nr);
	folio_set_lru(folio);

	entry = pte_mkyoung(pfn_pte(folio_pfn(folio), vma->vm_page_prot));
	if (write && (vma->vm_flags & VM_WRITE))
		entry = pte_mkwrite(pte_mkdirty(entry), vma);
	ptep = pte_offset_map_lock(mm, pmd, start, &ptl);
	set_ptes(mm, start, ptep, entry, nr);
	pte_unmap_unlock(ptep, ptl);
	return 0;
}

#ifdef CONFIG_TRANSPARENT_HUGEPAGE
/*
 * mm/huge_memory.c:__do_huge_pmd_anonymous_page() (6.12) as a write
 * fault with a free aligned block leaves it: a new folio mapped under
 * pmd_lock (thp_map_anon_folio_pmd()).
 */
static int __populate_anon_thp(struct vm_area_struct *vma, unsigned long haddr,
			       int nid, bool write)
{
	struct mm_struct *mm = vma->vm_mm;
	struct folio *folio;
	spinlock_t *ptl;
	void *pgtable;
	pmd_t *pmd;

	(void)write;	/* a populated THP holds data (see thp.h) */
	if (!range_ok(vma, haddr, HPAGE_PMD_SIZE))
		return -EINVAL;
	pmd = pgtable_pmd_alloc(mm, haddr);
	if (!pmd)
		return -ENOMEM;
	if (!pmd_none(pmdp_get(pmd)))
		return -EINVAL;
	folio = memmap_alloc_folio(nid, HPAGE_PMD_ORDER, true);
	if (!folio)
		return -ENOMEM;
	pgtable = thp_pte_alloc_one();		/* pte_alloc_one() */
	if (!pgtable) {
		folio_put(folio);
		return -ENOMEM;
	}
	folio_set_uptodate(folio);		/* __folio_mark_uptodate() */
	ptl = pmd_lock(mm, pmd);
	thp_map_anon_folio_pmd(vma, haddr, pmd, folio, pgtable);
	spin_unlock(ptl);
	return 0;
}

/*
 * Mirrors mm/huge_memory.c:zap_huge_pmd() for an anonymous VMA (6.12):
 * clear the entry, zap_deposited_table(); a THP also loses its entire
 * mapping (folio_remove_rmap_pmd()) and the mapping's reference.
 */
static void __zap_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd)
{
	spinlock_t *ptl = pmd_lock(vma->vm_mm, pmd);
	pmd_t orig = pmdp_huge_get_and_clear(vma->vm_mm, 0, pmd);
	struct folio *folio = NULL;

	if (!is_huge_zero_pmd(orig)) {
		folio = pmd_folio(orig);
		thp_remove_rmap_pmd(folio);
	}
	thp_zap_deposited_table(vma->vm_mm, pmd);
	spin_unlock(ptl);
	if (folio)
		folio_put(folio);
}
#endif /* CONFIG_TRANSPARENT_HUGEPAGE */

/*
 * One definition for every kconfig (gcov merges functions by line): a
 * THP-less kernel never maps a PMD leaf.
 */
int populate_anon_thp(struct vm_area_struct *vma, unsigned long haddr, int nid,
		      bool write)
{
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	return __populate_anon_thp(vma, haddr, nid, write);
#else
	return -EINVAL;
#endif
}

static void zap_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd)
{
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	__zap_huge_pmd(vma, pmd);
#else
	BUG();			/* a PMD leaf without THP */
#endif
}

/*
 * Mirrors mm/rmap.c:folio_remove_rmap_ptes() for one page (6.12),
 * bookkeeping only: the page's last mapping leaves _nr_pages_mapped.
 * No check that the counts stay at -1 or above, unlike rmap.c's: this
 * is the teardown's, after the run, whose findings already name what
 * left a count wrong (the conservation oracle: a free page mapped).
 */
static void remove_rmap_pte(struct folio *folio, struct page *page)
{
	if (!folio_test_large(folio)) {
		atomic_dec(&folio->_mapcount);
		return;
	}
	atomic_dec(&folio->_large_mapcount);
	if (atomic_dec_return(&page->_mapcount) < 0)
		atomic_dec(&folio->_nr_pages_mapped);
}

/* mm/memory.c:unmap_page_range() of a whole VMA, as munmap() does */
void populate_zap_large(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr = vma->vm_start;

	while (addr < vma->vm_end) {
		unsigned long next = pmd_addr_end(addr, vma->vm_end);
		pmd_t *pmd;
		pte_t *pte;

		if (!pgtable_lookup(mm, addr, &pmd, &pte) || !pmd) {
			addr = next;
			continue;
		}
		if (pmd_leaf(pmdp_get(pmd))) {
			zap_huge_pmd(vma, pmd);
			addr = next;
			continue;
		}
		for (; pte && addr < next; addr += PAGE_SIZE, pte++) {
			pte_t old = ptep_get(pte);
			struct page *page;

			if (pte_none(old))
				continue;
			pte_clear(mm, addr, pte);
			if (!pte_present(old))
				continue;
			/*
			 * zap_present_ptes(): vm_normal_page() is NULL for
			 * the zero page and other special entries, which
			 * hold no reference and no mapcount.
			 */
			page = vm_normal_page(vma, addr, old);
			if (!page)
				continue;
			remove_rmap_pte(page_folio(page), page);
			folio_put(page_folio(page));
		}
		addr = next;
	}
	flush_tlb_range(vma, vma->vm_start, vma->vm_end);
}

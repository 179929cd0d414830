// SPDX-License-Identifier: GPL-2.0-only
/*
 * The model's reverse mapping (see rmap.h): a brute-force walk over the
 * page tables of every live mm standing for the anon_vma / i_mmap
 * interval trees of mm/rmap.c:rmap_walk() (6.12).
 *
 * Simplified: the kernel's page_vma_mapped_walk() keeps one PTE table's
 * lock across consecutive hits; here each hit is locked on its own.  The
 * kernel holds the anon_vma (or i_mmap) lock for the whole walk, which
 * keeps VMAs from going away; the model's VMAs are not freed while a
 * fault or migration runs in them (munmap is not modelled), so nothing
 * is taken.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/errno.h>
#include <linux/swapops.h>
#include <kshim/unmodelled.h>
#include <mm/internal.h>
#include "mm_model/hw/memmap.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/rmap.h"
#include "mm_model/mm/thp.h"
#include <linux/pagemap.h>
#include "mm_model/mm/vma.h"

/* mm/page_vma_mapped.c:check_pmd() (6.12) */
static bool check_pmd(unsigned long pfn, struct page_vma_mapped_walk *pvmw)
{
	return pfn - pvmw->pfn < pvmw->nr_pages;
}

/* mm/page_vma_mapped.c:check_pte() (6.12), no device entries */
static bool check_pte(const struct page_vma_mapped_walk *pvmw, pte_t pte)
{
	unsigned long pfn;

	if (pvmw->flags & PVMW_MIGRATION) {
		swp_entry_t entry;

		if (!is_swap_pte(pte))
			return false;
		entry = pte_to_swp_entry(pte);
		if (!is_migration_entry(entry))
			return false;
		pfn = swp_offset_pfn(entry);
	} else {
		if (!pte_present(pte))
			return false;
		pfn = pte_pfn(pte);
	}
	return pfn - pvmw->pfn < pvmw->nr_pages;
}

/* mm/page_vma_mapped.c:not_found() (6.12) */
static bool not_found(struct page_vma_mapped_walk *pvmw)
{
	page_vma_mapped_walk_done(pvmw);
	return false;
}

/*
 * mm/page_vma_mapped.c:page_vma_mapped_walk() (6.12) on the model's
 * tables: pvmw->address is the cursor, as in the kernel; a PMD hit ends
 * the walk at the next call ("the only possible pmd mapping"), a PTE
 * hit resumes one page on.  Simplified (see the top): the kernel keeps
 * a PTE table's lock across its consecutive hits; here each hit is
 * locked on its own, the unlocked scan only picking candidates (with
 * PVMW_SYNC every entry is checked under its lock, as map_pte()'s
 * stricter lookup does).  No hugetlb, no device entries.
 */
bool page_vma_mapped_walk(struct page_vma_mapped_walk *pvmw)
{
	struct vm_area_struct *vma = pvmw->vma;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long end, addr;

	if (pvmw->pmd && !pvmw->pte)
		return not_found(pvmw);
	end = vma_address_end(pvmw);
	addr = pvmw->address;
	if (pvmw->pte)
		addr += PAGE_SIZE;
	page_vma_mapped_walk_done(pvmw);
	pvmw->ptl = NULL;
	pvmw->pte = NULL;
	pvmw->pmd = NULL;
	while (addr < end) {
		unsigned long pmd_end = pmd_addr_end(addr, end);
		pmd_t *pmd;
		pte_t *pte;
		pmd_t pmde;

		pvmw->address = addr;
		if (!pgtable_lookup(mm, addr, &pmd, &pte) || !pmd) {
			addr = pmd_end;	/* step_forward() */
			continue;
		}
		pmde = pmdp_get_lockless(pmd);
		if (pmd_trans_huge(pmde) || is_pmd_migration_entry(pmde)) {
			pvmw->pmd = pmd;
			pvmw->ptl = pmd_lock(mm, pmd);
			pmde = pmdp_get(pmd);
			if (!pmd_present(pmde)) {
				swp_entry_t entry;

				if (!thp_migration_supported() ||
				    !(pvmw->flags & PVMW_MIGRATION))
					return not_found(pvmw);
				entry = pmd_to_swp_entry(pmde);
				if (!is_migration_entry(entry) ||
				    !check_pmd(swp_offset_pfn(entry), pvmw))
					return not_found(pvmw);
				return true;
			}
			if (pmd_trans_huge(pmde)) {
				if (pvmw->flags & PVMW_MIGRATION)
					return not_found(pvmw);
				if (!check_pmd(pmd_pfn(pmde), pvmw))
					return not_found(pvmw);
				return true;
			}
			/* THP pmd was split under us: handle on pte level */
			spin_unlock(pvmw->ptl);
			pvmw->ptl = NULL;
			pvmw->pmd = NULL;
		} else if (!pmd_present(pmde)) {
			/* PVMW_SYNC: wait out a zap_huge_pmd() in progress */
			if ((pvmw->flags & PVMW_SYNC) &&
			    thp_migration_supported() &&
			    ALIGN_DOWN(addr, PMD_SIZE) >= vma->vm_start &&
			    ALIGN_DOWN(addr, PMD_SIZE) + PMD_SIZE <= vma->vm_end &&
			    pvmw->nr_pages >= HPAGE_PMD_NR) {
				spinlock_t *ptl = pmd_lock(mm, pmd);

				spin_unlock(ptl);
			}
			addr = pmd_end;
			continue;
		}
		if (!pmd_present(pmde) || pmd_leaf(pmde)) {
			addr = pmd_end;
			continue;
		}
		pte = (pte_t *)kshim_entry_table(pmd_val(pmde)) + pte_index(addr);
		for (; addr < pmd_end; addr += PAGE_SIZE, pte++) {
			spinlock_t *ptl;
			pte_t *ptep;

			if (!(pvmw->flags & PVMW_SYNC) &&
			    !check_pte(pvmw, READ_ONCE(*pte)))
				continue;
			/* map_pte() + check_pte() under the lock */
			ptep = pte_offset_map_lock(mm, pmd, addr, &ptl);
			if (!ptep)
				break;	/* the table went away: next PMD */
			if (!check_pte(pvmw, ptep_get(ptep))) {
				pte_unmap_unlock(ptep, ptl);
				continue;
			}
			pvmw->ptl = ptl;
			pvmw->pmd = pmd;
			pvmw->pte = ptep;
			pvmw->address = addr;
			return true;
		}
		addr = pmd_end;
	}
	return false;
}

/*
 * mm/rmap.c:rmap_walk() -> rmap_walk_anon() (6.12) over every VMA of
 * every live mm (see rmap.h), each at vma_address() of the folio as the
 * anon_vma interval tree yields it, skipping those the tree would not
 * hold (-EFAULT).  Not taken: the anon_vma lock (the model's VMAs are
 * not freed while a walk runs, see the top), and the cond_resched() per
 * VMA: the model offers VMAs the anon_vma would not, so a scheduling
 * point for each would add interleavings the kernel does not have.
 */
void rmap_walk(struct folio *folio, struct rmap_walk_control *rwc)
{
	pgoff_t pgoff_start = folio_pgoff(folio);
	unsigned long nr = folio_nr_pages(folio);
	int i;

	for (i = 0; i < mm_registry_count(); i++) {
		struct mm_struct *mm = mm_registry_get(i);
		struct vm_area_struct *vma;

		list_for_each_entry(vma, &mm->kshim_vmas, kshim_node) {
			unsigned long address = vma_address(vma, pgoff_start,
							    nr);

			if (address == -EFAULT)
				continue;
			if (rwc->invalid_vma && rwc->invalid_vma(vma, rwc->arg))
				continue;
			if (!rwc->rmap_one(folio, vma, address, rwc->arg))
				return;
			if (rwc->done && rwc->done(folio))
				return;
		}
	}
}

/*
 * mm/rmap.c:rmap_walk_locked() (6.12): the caller holds the anon_vma
 * lock; the model's walk takes none, so it is rmap_walk().
 */
void rmap_walk_locked(struct folio *folio, struct rmap_walk_control *rwc)
{
	rmap_walk(folio, rwc);
}

/*
 * mm/rmap.c:folio_lock_anon_vma_read() (6.12): the model has no
 * anon_vma and its rmap_walk() never calls rwc->anon_lock: loud.
 */
struct anon_vma *folio_lock_anon_vma_read(struct folio *folio,
					  struct rmap_walk_control *rwc)
{
	kshim_unmodelled("folio_lock_anon_vma_read (anon_vma locking)");
}

struct find_arg {
	bool migration;
	struct rmap_mapping *out;
	int max, n;
};

static bool find_one(struct folio *folio, struct vm_area_struct *vma,
		     unsigned long address, void *arg)
{
	struct find_arg *fa = arg;
	DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, address,
			      fa->migration ? PVMW_MIGRATION : 0);

	while (page_vma_mapped_walk(&pvmw)) {
		if (fa->out && fa->n < fa->max)
			fa->out[fa->n] = (struct rmap_mapping){
				.vma = vma,
				.address = pvmw.address,
				.pmd = !pvmw.pte,
				.migration = fa->migration,
			};
		fa->n++;
	}
	return true;
}

/* model-side: rmap_walk() + page_vma_mapped_walk() counting hits */
int rmap_find(struct folio *folio, bool migration, struct rmap_mapping *out,
	      int max)
{
	struct find_arg fa = { .migration = migration, .out = out, .max = max };
	struct rmap_walk_control rwc = {
		.rmap_one = find_one,
		.arg = &fa,
	};

	rmap_walk(folio, &rwc);
	return fa.n;
}

/* mm/rmap.c:__folio_add_rmap(), RMAP_LEVEL_PTE, one page (6.12) */
void rmap_add_pte(struct folio *folio, struct page *page)
{
	/* the caller holds a reference: a freed folio is never mapped */
	WARN_ON(folio_ref_count(folio) <= 0);
	if (!folio_test_large(folio)) {
		atomic_inc(&folio->_mapcount);
		return;
	}
	/* the page's first mapping counts in _nr_pages_mapped */
	if (atomic_inc_and_test(&page->_mapcount))
		atomic_inc(&folio->_nr_pages_mapped);
	atomic_inc(&folio->_large_mapcount);
}

/* mm/rmap.c:__folio_remove_rmap(), RMAP_LEVEL_PTE, one page (6.12) */
void rmap_remove_pte(struct folio *folio, struct page *page)
{
	int mapcount;

	/* mapcounts start at -1 (unmapped): below it, a mapping went twice */
	if (!folio_test_large(folio)) {
		WARN_ON(atomic_dec_return(&folio->_mapcount) < -1);
		return;
	}
	WARN_ON(atomic_dec_return(&folio->_large_mapcount) < -1);
	mapcount = atomic_dec_return(&page->_mapcount);
	WARN_ON(mapcount < -1);
	if (mapcount < 0)
		WARN_ON(atomic_dec_return(&folio->_nr_pages_mapped) < 0);
}

/* mm/rmap.c:folio_remove_rmap_pte() (6.12): see rmap_remove_pte() */
void folio_remove_rmap_pte(struct folio *folio, struct page *page,
			   struct vm_area_struct *vma)
{
	rmap_remove_pte(folio, page);
}

/*
 * mm/rmap.c:folio_add_anon_rmap_pte() (6.12) for a folio already anon
 * (what migration restores): the mapping counted, the page exclusive
 * with RMAP_EXCLUSIVE.
 */
void folio_add_anon_rmap_pte(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma, unsigned long address,
			     rmap_t flags)
{
	if (!folio_test_anon(folio))
		kshim_unmodelled("folio_add_anon_rmap_pte of a new anon folio");
	rmap_add_pte(folio, page);
	if (flags & RMAP_EXCLUSIVE)
		SetPageAnonExclusive(page);
}

/* mm/rmap.c:folio_add_file_rmap_pte() (6.12): no file folio is simulated */
void folio_add_file_rmap_pte(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma)
{
	kshim_unmodelled("a PTE mapping of a file folio (folio_add_file_rmap_pte)");
}

/*
 * mm/rmap.c:folio_add_new_anon_rmap() (6.12): a new folio becomes anon
 * (__folio_set_anon(): the model keeps no per-VMA anon_vma, so the
 * mapping is memmap.c's one anon_vma | PAGE_MAPPING_ANON, as every anon
 * folio's) and gains its first mapping: of the small
 * folio, of each page of a PTE-mapped large one, or entire for a
 * PMD-mappable one; exclusive with RMAP_EXCLUSIVE.  No statistics.
 */
void folio_add_new_anon_rmap(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, rmap_t flags)
{
	const int nr = folio_nr_pages(folio);
	const bool exclusive = flags & RMAP_EXCLUSIVE;

	VM_BUG_ON(address < vma->vm_start ||
		  address + (nr << PAGE_SHIFT) > vma->vm_end);
	if (!folio_test_swapbacked(folio))
		folio_set_swapbacked(folio);
	/* __folio_set_anon() */
	WRITE_ONCE(folio->mapping, (struct address_space *)
		   ((void *)memmap_anon_vma() + PAGE_MAPPING_ANON));
	folio->index = linear_page_index(vma, address);
	if (likely(!folio_test_large(folio))) {
		atomic_set(&folio->_mapcount, 0);
		if (exclusive)
			SetPageAnonExclusive(&folio->page);
	} else if (!folio_test_pmd_mappable(folio)) {
		int i;

		for (i = 0; i < nr; i++) {
			struct page *page = folio_page(folio, i);

			atomic_set(&page->_mapcount, 0);
			if (exclusive)
				SetPageAnonExclusive(page);
		}
		atomic_set(&folio->_large_mapcount, nr - 1);
		atomic_set(&folio->_nr_pages_mapped, nr);
	} else {
		atomic_set(&folio->_entire_mapcount, 0);
		atomic_set(&folio->_large_mapcount, 0);
		atomic_set(&folio->_nr_pages_mapped, THP_ENTIRELY_MAPPED);
		if (exclusive)
			SetPageAnonExclusive(&folio->page);
	}
}

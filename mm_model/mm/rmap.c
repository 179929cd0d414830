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
#include <linux/swapops.h>
#include <linux/rmap.h>
#include <kshim/unmodelled.h>
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/rmap.h"
#include "mm_model/mm/vma.h"

/* include/linux/rmap.h:DEFINE_FOLIO_VMA_WALK() */
void rmap_pvmw_init(struct rmap_pvmw *w, struct folio *folio,
		    struct vm_area_struct *vma, unsigned int flags)
{
	*w = (struct rmap_pvmw){
		.pfn = folio_pfn(folio),
		.nr_pages = folio_nr_pages(folio),
		.vma = vma,
		.flags = flags,
		.next = vma->vm_start,
	};
}

static bool pfn_in(const struct rmap_pvmw *w, unsigned long pfn)
{
	return pfn >= w->pfn && pfn - w->pfn < w->nr_pages;
}

/* mm/page_vma_mapped.c:check_pte(): does this entry belong to the walk? */
static bool check_pte(const struct rmap_pvmw *w, pte_t pte)
{
	if (w->flags & RMAP_PVMW_MIGRATION) {
		swp_entry_t entry;

		if (!is_swap_pte(pte))
			return false;
		entry = pte_to_swp_entry(pte);
		return is_migration_entry(entry) &&
		       pfn_in(w, swp_offset_pfn(entry));
	}
	return pte_present(pte) && pfn_in(w, pte_pfn(pte));
}

/* The PMD counterpart (page_vma_mapped_walk()'s pmd_trans_huge branch) */
static bool check_pmd(const struct rmap_pvmw *w, pmd_t pmd)
{
	if (w->flags & RMAP_PVMW_MIGRATION)
		return is_pmd_migration_entry(pmd) &&
		       pfn_in(w, swp_offset_pfn(pmd_to_swp_entry(pmd)));
	return pmd_trans_huge(pmd) && pfn_in(w, pmd_pfn(pmd));
}

void rmap_pvmw_done(struct rmap_pvmw *w)
{
	if (w->ptl)
		spin_unlock(w->ptl);
	w->ptl = NULL;
	w->pte = NULL;
	w->pmd = NULL;
}

bool rmap_pvmw_next(struct rmap_pvmw *w)
{
	struct mm_struct *mm = w->vma->vm_mm;
	unsigned long end = w->vma->vm_end;

	rmap_pvmw_done(w);
	while (w->next < end) {
		unsigned long addr = w->next;
		unsigned long pmd_end = pmd_addr_end(addr, end);
		pmd_t *pmd;
		pte_t *pte;
		pmd_t pmdval;

		/*
		 * The unlocked scan: the PMD is loaded as the kernel's
		 * pmdp_get_lockless() does (a split or zap may race it);
		 * the PTEs of its table plainly, as candidates (their
		 * stores precede the PMD store that published the table).
		 */
		if (!pgtable_lookup(mm, addr, &pmd, &pte) || !pmd) {
			w->next = pmd_end;
			continue;
		}
		pmdval = pmdp_get_lockless(pmd);
		if (pmd_none(pmdval)) {
			w->next = pmd_end;
			continue;
		}
		pte = pmd_present(pmdval) && !pmd_leaf(pmdval) ?
			(pte_t *)kshim_entry_table(pmd_val(pmdval)) +
				pte_index(addr) : NULL;
		if (!pte) {
			/* a huge PMD or a PMD migration/swap entry */
			if (!check_pmd(w, pmdval)) {
				w->next = pmd_end;
				continue;
			}
			w->ptl = pmd_lock(mm, pmd);
			pmdval = pmdp_get(pmd);
			if (check_pmd(w, pmdval)) {
				w->next = pmd_end;
				w->pmd = pmd;
				w->address = addr & PMD_MASK;
				return true;
			}
			rmap_pvmw_done(w);
			/*
			 * "THP pmd was split under us: handle on pte
			 * level": a PMD split while the walk waited for its
			 * lock now points at PTEs (migration entries, if it
			 * was one), which the walk must not skip.
			 */
			if (!pmd_present(pmdval) || pmd_leaf(pmdval)) {
				w->next = pmd_end;
				continue;
			}
			pte = (pte_t *)kshim_entry_table(pmd_val(pmdval)) +
			      pte_index(addr);
		}
		for (; addr < pmd_end; addr += PAGE_SIZE, pte++) {
			spinlock_t *ptl;
			pte_t *ptep;

			if (!check_pte(w, READ_ONCE(*pte)))
				continue;
			w->next = addr + PAGE_SIZE;
			/* map_pte() + check_pte() under the lock */
			ptep = pte_offset_map_lock(mm, pmd, addr, &ptl);
			if (!ptep)
				break;	/* the table went away: next PMD */
			if (!check_pte(w, ptep_get(ptep))) {
				pte_unmap_unlock(ptep, ptl);
				continue;
			}
			w->ptl = ptl;
			w->pmd = pmd;
			w->pte = ptep;
			w->address = addr;
			return true;
		}
		w->next = pmd_end;
	}
	return false;
}

/* mm/rmap.c:rmap_walk()'s VMAs: every VMA of every live mm (see rmap.h) */
void rmap_walk_vmas(struct folio *folio,
		    bool (*rmap_one)(struct folio *folio,
				     struct vm_area_struct *vma, void *arg),
		    void *arg)
{
	int i;

	for (i = 0; i < mm_registry_count(); i++) {
		struct mm_struct *mm = mm_registry_get(i);
		struct vm_area_struct *vma;

		list_for_each_entry(vma, &mm->kshim_vmas, kshim_node)
			if (!rmap_one(folio, vma, arg))
				return;
	}
}

/*
 * Mirrors mm/page_vma_mapped.c:page_vma_mapped_walk() (6.12) on the
 * model's walk (rmap_pvmw_next()): the first call (no entry found yet)
 * scans @pvmw->vma from its start, not from the folio's address in it
 * (the model's rmap does not know it, see rmap.h); each later call
 * resumes after the previous hit, whose lock it drops.  The found entry
 * is returned locked, as the kernel's: @pte with the PTE table's lock,
 * or @pte NULL and @pmd with the PMD lock.  PVMW_SYNC changes nothing:
 * every hit is re-checked under its lock.
 */
bool page_vma_mapped_walk(struct page_vma_mapped_walk *pvmw)
{
	struct vm_area_struct *vma = pvmw->vma;
	struct rmap_pvmw w = {
		.pfn = pvmw->pfn,
		.nr_pages = pvmw->nr_pages,
		.vma = vma,
		.flags = pvmw->flags & PVMW_MIGRATION ? RMAP_PVMW_MIGRATION : 0,
		.address = pvmw->address,
		.pmd = pvmw->pmd,
		.pte = pvmw->pte,
		.ptl = pvmw->ptl,
	};
	bool found;

	if (pvmw->pte)
		w.next = pvmw->address + PAGE_SIZE;
	else if (pvmw->pmd)
		w.next = pmd_addr_end(pvmw->address, vma->vm_end);
	else
		w.next = vma->vm_start;
	found = rmap_pvmw_next(&w);
	pvmw->address = w.address;
	pvmw->pmd = w.pmd;
	pvmw->pte = w.pte;
	pvmw->ptl = w.ptl;
	return found;
}

/*
 * Mirrors mm/rmap.c:rmap_walk() (6.12): @rwc->rmap_one on each VMA that
 * may map @folio until it returns false or @rwc->done says the walk is
 * done; @rwc->invalid_vma skips VMAs.  The VMAs are every VMA of every
 * live mm (rmap_walk_vmas()); the kernel finds them through the folio's
 * anon_vma (or mapping) tree, under its lock, and passes the folio's
 * address in each: the model passes the VMA's start, which its
 * page_vma_mapped_walk() scans from.  No anon_vma lock is taken
 * (@rwc->anon_lock is not called): the model's VMAs are never freed
 * while a walk runs (rmap.c's header).
 */
struct rmap_walk_arg {
	struct rmap_walk_control *rwc;
};

static bool rmap_walk_one(struct folio *folio, struct vm_area_struct *vma,
			  void *arg)
{
	struct rmap_walk_control *rwc = ((struct rmap_walk_arg *)arg)->rwc;

	if (rwc->invalid_vma && rwc->invalid_vma(vma, rwc->arg))
		return true;
	if (!rwc->rmap_one(folio, vma, vma->vm_start, rwc->arg))
		return false;
	return !(rwc->done && rwc->done(folio));
}

void rmap_walk(struct folio *folio, struct rmap_walk_control *rwc)
{
	struct rmap_walk_arg a = { .rwc = rwc };

	rmap_walk_vmas(folio, rmap_walk_one, &a);
}

/*
 * mm/rmap.c:folio_lock_anon_vma_read() (6.12): the model has no
 * anon_vma tree to lock and its rmap_walk() never calls an anon_lock.
 */
struct anon_vma *folio_lock_anon_vma_read(struct folio *folio,
					  struct rmap_walk_control *rwc)
{
	kshim_unmodelled("folio_lock_anon_vma_read (no anon_vma tree: "
			 "the model's rmap_walk() takes no anon_vma lock)");
}

struct find_arg {
	bool migration;
	struct rmap_mapping *out;
	int max, n;
};

static bool find_one(struct folio *folio, struct vm_area_struct *vma,
		     void *arg)
{
	struct find_arg *fa = arg;
	struct rmap_pvmw w;

	rmap_pvmw_init(&w, folio, vma,
		       fa->migration ? RMAP_PVMW_MIGRATION : 0);
	while (rmap_pvmw_next(&w)) {
		if (fa->out && fa->n < fa->max)
			fa->out[fa->n] = (struct rmap_mapping){
				.vma = vma,
				.address = w.address,
				.pmd = !w.pte,
				.migration = fa->migration,
			};
		fa->n++;
	}
	return true;
}

/* model-side: rmap_walk_vmas() + rmap_pvmw_next() counting hits */
int rmap_find(struct folio *folio, bool migration, struct rmap_mapping *out,
	      int max)
{
	struct find_arg fa = { .migration = migration, .out = out, .max = max };

	rmap_walk_vmas(folio, find_one, &fa);
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

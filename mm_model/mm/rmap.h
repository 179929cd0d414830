/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The model's reverse mapping: finding every page-table entry that maps
 * a folio (or is a migration entry for it).  The kernel goes from the
 * folio to the VMAs that may map it through the anon_vma interval tree
 * or the file's i_mmap tree (mm/rmap.c:rmap_walk(), 6.12), then looks
 * for the entries with page_vma_mapped_walk() (mm/page_vma_mapped.c).
 * The model has neither tree: rmap_walk() offers every VMA of every live
 * mm (vma.c's registry), and the per-VMA walk scans that VMA's page
 * tables for entries whose pfn lies in the folio.  Brute force, but it
 * finds the same entries, including ones a kernel tree would also find
 * at unusual addresses (mremap is not modelled, so there are none).
 *
 * Also here: the rmap counters of a PTE mapping
 * (mm/rmap.c:__folio_add_rmap()/__folio_remove_rmap() at RMAP_LEVEL_PTE),
 * which migration moves from the old folio to the new one.
 */
#ifndef FAULTSIM_MM_MODEL_RMAP_H
#define FAULTSIM_MM_MODEL_RMAP_H

#include <linux/mm.h>

/* page_vma_mapped_walk() flags (include/linux/rmap.h) */
#define RMAP_PVMW_MIGRATION (1U << 1)	/* look for migration entries */

/*
 * mm/page_vma_mapped.c:struct page_vma_mapped_walk, for the pfn range
 * [pfn, pfn + nr_pages) in one VMA.  A found entry is returned locked:
 * @pte (and @ptl, the PTE table's split lock) for a PTE, or @pte NULL
 * and @pmd with the PMD lock for a huge PMD / PMD migration entry.
 */
struct rmap_pvmw {
	unsigned long pfn;
	unsigned long nr_pages;
	struct vm_area_struct *vma;
	unsigned int flags;
	unsigned long address;
	pmd_t *pmd;
	pte_t *pte;
	spinlock_t *ptl;
	unsigned long next;	/* cursor: where the scan resumes */
	bool started;
};

void rmap_pvmw_init(struct rmap_pvmw *w, struct folio *folio,
		    struct vm_area_struct *vma, unsigned int flags);
/*
 * mm/page_vma_mapped.c:page_vma_mapped_walk(): drops the lock of the
 * previous hit, finds the next entry and returns true with its lock
 * held, or false (nothing locked) at the end of the VMA.  The unlocked
 * scan is a candidate search; each hit is re-checked under its lock.
 */
bool rmap_pvmw_next(struct rmap_pvmw *w);
/* mm/page_vma_mapped.c:page_vma_mapped_walk_done() */
void rmap_pvmw_done(struct rmap_pvmw *w);

/*
 * The VMAs of mm/rmap.c:rmap_walk(): calls @rmap_one for each VMA that
 * may map @folio, until it returns false.  Here every VMA of every live
 * mm (the stand-in for the anon_vma / i_mmap trees); @rmap_one does its
 * own rmap_pvmw walk, as the kernel's callbacks do.  The kernel's
 * rmap_walk(folio, rwc) (linux/rmap.h) is built on it.
 */
void rmap_walk_vmas(struct folio *folio,
		    bool (*rmap_one)(struct folio *folio,
				     struct vm_area_struct *vma, void *arg),
		    void *arg);

/* One entry mapping a folio, for tests and oracles. */
struct rmap_mapping {
	struct vm_area_struct *vma;
	unsigned long address;
	bool pmd;		/* a huge PMD, not a PTE */
	bool migration;		/* a migration entry, not a present one */
};
/*
 * The entries that map @folio (present, protnone included) or, with
 * @migration, are migration entries for it; up to @max are stored in
 * @out (which may be NULL).  Returns how many there are.  Takes each
 * entry's lock, so it is for simulated threads or the main context
 * between runs (locks are free then).
 */
int rmap_find(struct folio *folio, bool migration, struct rmap_mapping *out,
	      int max);

/*
 * mm/rmap.c:__folio_add_rmap()/__folio_remove_rmap() for one PTE
 * mapping @page of @folio: the page's _mapcount and, for a large folio,
 * _large_mapcount and _nr_pages_mapped.  No reference is taken or
 * dropped (the caller does folio_get()/folio_put() as the kernel does).
 */
void rmap_add_pte(struct folio *folio, struct page *page);
void rmap_remove_pte(struct folio *folio, struct page *page);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The model's reverse mapping: finding every page-table entry that maps
 * a folio (or is a migration entry for it).  The kernel goes from the
 * folio to the VMAs that may map it through the anon_vma interval tree
 * or the file's i_mmap tree (mm/rmap.c:rmap_walk(), 6.12), then looks
 * for the entries with page_vma_mapped_walk() (mm/page_vma_mapped.c).
 * The model has neither tree: rmap_walk() offers every VMA of every live
 * mm (vma.c's registry) whose range covers the folio's index, at
 * vma_address() as the kernel's tree walk does, and the per-VMA walk
 * scans that VMA's page tables from there to vma_address_end() for
 * entries whose pfn lies in the folio.  A VMA of another process over
 * the same index only costs a scan: the pfn check rejects its entries
 * (mremap is not modelled, so an anon folio's index is its address in
 * every VMA that maps it).
 *
 * Also here: the rmap counters of a PTE mapping
 * (mm/rmap.c:__folio_add_rmap()/__folio_remove_rmap() at RMAP_LEVEL_PTE),
 * which migration moves from the old folio to the new one.
 */
#ifndef FAULTSIM_MM_MODEL_RMAP_H
#define FAULTSIM_MM_MODEL_RMAP_H

#include <linux/mm.h>

/*
 * The kernel-facing half is kshim's linux/rmap.h: rmap_walk() with a
 * struct rmap_walk_control, page_vma_mapped_walk() over a struct
 * page_vma_mapped_walk, both defined in rmap.c.
 */
#include <linux/rmap.h>

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

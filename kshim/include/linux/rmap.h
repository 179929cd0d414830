/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/rmap.h (6.12): the reverse-map walk API
 * (rmap_walk() with a struct rmap_walk_control, page_vma_mapped_walk())
 * as mm/damon/paddr.c calls it, on the model's brute-force rmap
 * (mm_model/mm/rmap.c, which says how it differs).
 */
#ifndef _LINUX_RMAP_H
#define _LINUX_RMAP_H

#include <linux/mm.h>
#include <linux/hugetlb.h>

/* Mirrors include/linux/rmap.h: page_vma_mapped_walk() flags */
#define PVMW_SYNC		(1 << 0)
#define PVMW_MIGRATION		(1 << 1)

/* Mirrors include/linux/rmap.h:struct page_vma_mapped_walk */
struct page_vma_mapped_walk {
	unsigned long pfn;
	unsigned long nr_pages;
	pgoff_t pgoff;
	struct vm_area_struct *vma;
	unsigned long address;
	pmd_t *pmd;
	pte_t *pte;
	spinlock_t *ptl;
	unsigned int flags;
};

/* Mirrors include/linux/rmap.h:DEFINE_FOLIO_VMA_WALK() */
#define DEFINE_FOLIO_VMA_WALK(name, _folio, _vma, _address, _flags)	\
	struct page_vma_mapped_walk name = {				\
		.pfn = folio_pfn(_folio),				\
		.nr_pages = folio_nr_pages(_folio),			\
		.pgoff = (_folio)->index,				\
		.vma = _vma,						\
		.address = _address,					\
		.flags = _flags,					\
	}

/* Mirrors include/linux/rmap.h:page_vma_mapped_walk_done() */
static inline void page_vma_mapped_walk_done(struct page_vma_mapped_walk *pvmw)
{
	if (pvmw->pte && !is_vm_hugetlb_page(pvmw->vma))
		pte_unmap(pvmw->pte);
	if (pvmw->ptl)
		spin_unlock(pvmw->ptl);
}

/* mm/page_vma_mapped.c:page_vma_mapped_walk() (mm_model/mm/rmap.c) */
bool page_vma_mapped_walk(struct page_vma_mapped_walk *pvmw);

/* Mirrors include/linux/rmap.h:struct rmap_walk_control */
struct rmap_walk_control {
	void *arg;
	bool try_lock;
	bool contended;
	bool (*rmap_one)(struct folio *folio, struct vm_area_struct *vma,
			 unsigned long addr, void *arg);
	int (*done)(struct folio *folio);
	struct anon_vma *(*anon_lock)(struct folio *folio,
				      struct rmap_walk_control *rwc);
	bool (*invalid_vma)(struct vm_area_struct *vma, void *arg);
};

/* mm/rmap.c (6.12), mm_model/mm/rmap.c */
void rmap_walk(struct folio *folio, struct rmap_walk_control *rwc);
struct anon_vma *folio_lock_anon_vma_read(struct folio *folio,
					  struct rmap_walk_control *rwc);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/pagemap.h (6.12): page-cache index helpers. */
#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H

#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/hugetlb.h>
#include <linux/highmem.h>
#include <kshim/unmodelled.h>

/* Mirrors include/linux/pagemap.h:mapping_gfp_mask() */
static inline gfp_t mapping_gfp_mask(struct address_space *mapping)
{
	return mapping->gfp_mask;
}

/* Mirrors include/linux/pagemap.h:linear_page_index() (no hugetlb VMAs) */
static inline pgoff_t linear_page_index(struct vm_area_struct *vma,
					unsigned long address)
{
	pgoff_t pgoff;

	pgoff = (address - vma->vm_start) >> PAGE_SHIFT;
	pgoff += vma->vm_pgoff;
	return pgoff;
}

/*
 * mm/filemap.c:folio_end_writeback() (6.12): writeback is not simulated
 * (no folio is ever under writeback): loud.
 */
static inline void folio_end_writeback(struct folio *folio)
{
	kshim_unmodelled("folio_end_writeback (writeback)");
}

/*
 * mm/filemap.c (6.12), the model's (mm_model/mm/migrate.c): PG_locked
 * with the folio wait queues; only migration locks folios in the model.
 */
bool folio_trylock(struct folio *folio);
void folio_lock(struct folio *folio);
void folio_unlock(struct folio *folio);

/* mm/page-writeback.c:folio_wait_writeback(): writeback is not simulated */
static inline void folio_wait_writeback(struct folio *folio)
{
	if (folio_test_writeback(folio))
		kshim_unmodelled("folio_wait_writeback (writeback)");
}

/* Mirrors include/linux/pagemap.h:folio_attach_private() */
static inline void folio_attach_private(struct folio *folio, void *data)
{
	folio_get(folio);
	folio->private = data;
	folio_set_private(folio);
}

/* Mirrors include/linux/pagemap.h:folio_detach_private() */
static inline void *folio_detach_private(struct folio *folio)
{
	void *data = folio->private;

	if (!folio_test_private(folio))
		return NULL;
	folio_clear_private(folio);
	folio->private = NULL;
	folio_put(folio);
	return data;
}

/* include/linux/pagemap.h:mapping_inaccessible(): no page cache is simulated */
static inline bool mapping_inaccessible(struct address_space *mapping)
{
	kshim_unmodelled("migration of a page-cache folio (mapping_inaccessible)");
}

/* Mirrors include/linux/pagemap.h:folio_pgoff() */
static inline pgoff_t folio_pgoff(struct folio *folio)
{
	return folio->index;
}

#endif

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

/* Mirrors include/linux/pagemap.h:folio_pgoff() */
static inline pgoff_t folio_pgoff(struct folio *folio)
{
	return folio->index;
}

#endif

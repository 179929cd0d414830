/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/asm-generic/memory_model.h (6.12) with a flat
 * memmap (mm_model/hw/memmap.c): pfn_to_page() and page_to_pfn() are
 * pointer arithmetic, as with SPARSEMEM_VMEMMAP.
 */
#ifndef _ASM_GENERIC_MEMORY_MODEL_H
#define _ASM_GENERIC_MEMORY_MODEL_H

#include <linux/mm_types.h>

extern struct page *kshim_memmap;
extern unsigned long kshim_memmap_start_pfn;
extern unsigned long kshim_memmap_end_pfn;	/* exclusive */

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return kshim_memmap + (pfn - kshim_memmap_start_pfn);
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return kshim_memmap_start_pfn + (unsigned long)(page - kshim_memmap);
}

/* include/linux/mmzone.h: pfn_valid() for a flat memmap */
static inline int pfn_valid(unsigned long pfn)
{
	return pfn >= kshim_memmap_start_pfn && pfn < kshim_memmap_end_pfn;
}

#endif

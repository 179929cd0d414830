/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for mm/internal.h (6.12): the inline helpers and the
 * declarations of mm-internal functions the extracted fault and
 * protection code uses.  It answers the kernel files' own
 * `#include "internal.h"` (found as kshim/include/mm/internal.h: the
 * build puts kshim/include/<dir> on the quote path of a file from <dir>).
 */
#ifndef _KSHIM_MM_INTERNAL_H
#define _KSHIM_MM_INTERNAL_H

#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/mmzone.h>

/* Mirrors mm/internal.h:vma_soft_dirty_enabled() */
static inline bool vma_soft_dirty_enabled(struct vm_area_struct *vma)
{
	if (!IS_ENABLED(CONFIG_MEM_SOFT_DIRTY))
		return false;
	/* VM_SOFTDIRTY set means soft-dirty tracking is off for the VMA */
	return !(vma->vm_flags & VM_SOFTDIRTY);
}

/* Mirrors mm/internal.h:pte_needs_soft_dirty_wp() */
static inline bool pte_needs_soft_dirty_wp(struct vm_area_struct *vma,
					   pte_t pte)
{
	return vma_soft_dirty_enabled(vma) && !pte_soft_dirty(pte);
}

/* Mirrors mm/internal.h:pmd_needs_soft_dirty_wp() */
static inline bool pmd_needs_soft_dirty_wp(struct vm_area_struct *vma,
					   pmd_t pmd)
{
	return vma_soft_dirty_enabled(vma) && !pmd_soft_dirty(pmd);
}

/* mm/rmap.c (ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH): the model's TLB */
void flush_tlb_batched_pending(struct mm_struct *mm);

/*
 * mm/internal.h:try_to_unmap_flush() (6.12): an empty inline without
 * CONFIG_ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH (each entry was flushed as it
 * was cleared).  The model's (mm_model/mm/migrate.c) is also where the
 * "after_unmap" failure is injected: migrate_pages_batch() calls it
 * between the unmap and the move phases.
 */
void try_to_unmap_flush(void);

/* Mirrors mm/internal.h:ALLOC_CMA (the zone_watermark_ok() flag) */
#define ALLOC_CMA 0x80

/* mm/huge_memory.c: real kernel code (unit fault_huge_memory) */
void touch_pmd(struct vm_area_struct *vma, unsigned long addr,
	       pmd_t *pmd, bool write);

/* mm/memory.c: real kernel code (unit fault_memory) */
int numa_migrate_check(struct folio *folio, struct vm_fault *vmf,
		       unsigned long addr, int *flags, bool writable,
		       int *last_cpupid);

/*
 * Mirrors mm/internal.h:vma_address() (6.12): the first address of @vma
 * mapping a page of [pgoff, pgoff + nr_pages), or -EFAULT.
 */
static inline unsigned long vma_address(struct vm_area_struct *vma,
					pgoff_t pgoff, unsigned long nr_pages)
{
	unsigned long address;

	if (pgoff >= vma->vm_pgoff) {
		address = vma->vm_start +
			  ((pgoff - vma->vm_pgoff) << PAGE_SHIFT);
		/* Check for address beyond vma (or wrapped through 0?) */
		if (address < vma->vm_start || address >= vma->vm_end)
			address = -EFAULT;
	} else if (pgoff + nr_pages - 1 >= vma->vm_pgoff) {
		address = vma->vm_start;
	} else {
		address = -EFAULT;
	}
	return address;
}

/* Mirrors mm/internal.h:vma_address_end() (6.12) */
static inline unsigned long vma_address_end(struct page_vma_mapped_walk *pvmw)
{
	struct vm_area_struct *vma = pvmw->vma;
	pgoff_t pgoff;
	unsigned long address;

	/* Common case, plus ->pgoff is invalid for KSM */
	if (pvmw->nr_pages == 1)
		return pvmw->address + PAGE_SIZE;
	pgoff = pvmw->pgoff + pvmw->nr_pages;
	address = vma->vm_start + ((pgoff - vma->vm_pgoff) << PAGE_SHIFT);
	/* Check for address beyond vma (or wrapped through 0?) */
	if (address < vma->vm_start || address > vma->vm_end)
		address = vma->vm_end;
	return address;
}

/*
 * mm/internal.h:vmf_anon_prepare() (6.12): the model has no anon_vma
 * (its rmap walks every VMA), so there is nothing to prepare and no
 * mmap_lock to take for it.
 */
static inline vm_fault_t vmf_anon_prepare(struct vm_fault *vmf)
{
	return 0;
}

/*
 * mm/mlock.c:mlock_drain_local() (6.12): mlock is not simulated (no
 * VMA is VM_LOCKED), so there is no per-CPU mlock batch to drain.
 */
static inline void mlock_drain_local(void)
{
}

/* Mirrors mm/internal.h:folio_raw_mapping() (6.12) */
static inline void *folio_raw_mapping(const struct folio *folio)
{
	unsigned long mapping = (unsigned long)folio->mapping;

	return (void *)(mapping & ~PAGE_MAPPING_FLAGS);
}

#include <linux/nodemask.h>
#include <linux/migrate.h>

/* Mirrors mm/internal.h:struct migration_target_control (6.12) */
struct migration_target_control {
	int nid;
	nodemask_t *nmask;
	gfp_t gfp_mask;
	enum migrate_reason reason;
};

/*
 * DAMOS's paddr actions (mm/damon/paddr.c), not modelled: the model has
 * no reclaim and no DAMOS migration target; loud stand-ins in
 * mm_model/mm/unmodelled.c (mm/vmscan.c, mm/migrate.c, 6.12).  The LRU
 * isolation (linux/swap.h) and try_to_unmap_flush() (above) are the
 * model's, from mm_model/mm/migrate.c.
 */
unsigned long reclaim_pages(struct list_head *folio_list);
struct folio *alloc_migrate_folio(struct folio *src, unsigned long private);

/* struct pglist_data, NODE_DATA(): the machine's (linux/mmzone.h) */
#include <linux/mmzone.h>

#endif

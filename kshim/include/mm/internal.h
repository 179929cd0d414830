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

#include <linux/mm.h>

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

/* mm/huge_memory.c: real kernel code (unit fault_huge_memory) */
void touch_pmd(struct vm_area_struct *vma, unsigned long addr,
	       pmd_t *pmd, bool write);

/* mm/memory.c: real kernel code (unit fault_memory) */
int numa_migrate_check(struct folio *folio, struct vm_fault *vmf,
		       unsigned long addr, int *flags, bool writable,
		       int *last_cpupid);

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
 * no LRU lists and no reclaim; loud stand-ins in
 * mm_model/mm/unmodelled.c (mm/vmscan.c, mm/rmap.c, mm/migrate.c, 6.12).
 */
bool folio_isolate_lru(struct folio *folio);
void folio_putback_lru(struct folio *folio);
unsigned long reclaim_pages(struct list_head *folio_list);
void try_to_unmap_flush(void);
struct folio *alloc_migrate_folio(struct folio *src, unsigned long private);

/* struct pglist_data, NODE_DATA(): the machine's (linux/mmzone.h) */
#include <linux/mmzone.h>

#endif

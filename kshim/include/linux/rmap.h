/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/rmap.h (6.12): the rmap calls the extracted
 * code makes.  The reverse mapping itself is the model's
 * (mm_model/mm/rmap.c, thp.c): rmap_walk() offers every VMA of every
 * live mm in place of the anon_vma tree, and page_vma_mapped_walk() is
 * the model's walker over the kernel's struct page_vma_mapped_walk, so
 * the kernel's rmap_one callbacks run on it unchanged.
 */
#ifndef _KSHIM_LINUX_RMAP_H
#define _KSHIM_LINUX_RMAP_H

#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/hugetlb.h>
#include <kshim/unmodelled.h>

/* Mirrors include/linux/rmap.h: rmap_t, the folio_add_*_rmap_*() flags */
typedef int __bitwise rmap_t;
#define RMAP_NONE		((__force rmap_t)0)
#define RMAP_EXCLUSIVE		((__force rmap_t)BIT(0))

/* Mirrors include/linux/rmap.h:enum ttu_flags */
enum ttu_flags {
	TTU_SPLIT_HUGE_PMD	= 0x4,	/* split huge PMD if any */
	TTU_IGNORE_MLOCK	= 0x8,	/* ignore mlock */
	TTU_SYNC		= 0x10,	/* avoid racy checks with PVMW_SYNC */
	TTU_HWPOISON		= 0x20,	/* do convert pte to hwpoison entry */
	TTU_BATCH_FLUSH		= 0x40,	/* batch TLB flushes where possible */
	TTU_RMAP_LOCKED		= 0x80,	/* do not grab rmap lock */
};

/* Mirrors include/linux/rmap.h:enum rmp_flags */
enum rmp_flags {
	RMP_LOCKED		= 1 << 0,
	RMP_USE_SHARED_ZEROPAGE	= 1 << 1,
};

/* mm/rmap.c (6.12), extracted (the migrate_rmap unit) */
void try_to_migrate(struct folio *folio, enum ttu_flags flags);
/* mm/migrate.c (6.12), extracted (the migrate unit) */
void remove_migration_ptes(struct folio *src, struct folio *dst, int flags);

/* Mirrors include/linux/rmap.h: page_vma_mapped_walk() flags */
#define PVMW_SYNC		(1 << 0)	/* avoid racy checks */
#define PVMW_MIGRATION		(1 << 1)	/* migration entries, not PTEs */

/* Mirrors include/linux/rmap.h:struct page_vma_mapped_walk (6.12) */
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
		.pgoff = folio_pgoff(_folio),				\
		.vma = _vma,						\
		.address = _address,					\
		.flags = _flags,					\
	}

/* Mirrors include/linux/rmap.h:page_vma_mapped_walk_done() (no hugetlb) */
static inline void page_vma_mapped_walk_done(struct page_vma_mapped_walk *pvmw)
{
	if (pvmw->pte)
		pte_unmap(pvmw->pte);
	if (pvmw->ptl)
		spin_unlock(pvmw->ptl);
}

/*
 * mm/page_vma_mapped.c:page_vma_mapped_walk() (6.12), the model's
 * walker (mm_model/mm/rmap.c): the next entry of pvmw->vma in
 * [pvmw->address, vma_address_end()) mapping the pfn range (or, with
 * PVMW_MIGRATION, a migration entry for it), returned with its lock.
 */
bool page_vma_mapped_walk(struct page_vma_mapped_walk *pvmw);

/* Mirrors include/linux/rmap.h:struct rmap_walk_control (6.12) */
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

/*
 * mm/rmap.c:rmap_walk() and rmap_walk_locked() (6.12), the model's
 * (mm_model/mm/rmap.c); folio_lock_anon_vma_read() is the model's too,
 * and loud: its rmap_walk() takes no anon_vma lock, so never calls it.
 */
struct anon_vma;
void rmap_walk(struct folio *folio, struct rmap_walk_control *rwc);
void rmap_walk_locked(struct folio *folio, struct rmap_walk_control *rwc);
struct anon_vma *folio_lock_anon_vma_read(struct folio *folio,
					  struct rmap_walk_control *rwc);

/*
 * mm/rmap.c:folio_get_anon_vma() (6.12), the model's: its one
 * anon_vma (mm_model/hw/memmap.c) is never freed and its VMAs are not
 * freed while a migration runs, so nothing is pinned: NULL;
 * put_anon_vma() is then never called (loud).
 */
struct anon_vma *folio_get_anon_vma(struct folio *folio);
static inline void put_anon_vma(struct anon_vma *anon_vma)
{
	kshim_unmodelled("put_anon_vma (anon_vma)");
}

/*
 * Mirrors include/linux/rmap.h:__folio_try_share_anon_rmap() (6.12) for
 * a PTE or a PMD: an exclusive anon page becomes shared, unless it may
 * be pinned (-EBUSY).  The caller has cleared or invalidated the entry.
 */
static inline int folio_try_share_anon_rmap_pte(struct folio *folio,
						struct page *page)
{
	if (unlikely(folio_maybe_dma_pinned(folio)))
		return -EBUSY;
	ClearPageAnonExclusive(page);
	return 0;
}

static inline int folio_try_share_anon_rmap_pmd(struct folio *folio,
						struct page *page)
{
	return folio_try_share_anon_rmap_pte(folio, page);
}

/*
 * mm/rmap.c (6.12), the model's rmap counters (mm_model/mm/thp.c):
 * the entire mapping of a PMD-mapped folio, no statistics.
 */
void folio_remove_rmap_pmd(struct folio *folio, struct page *page,
			   struct vm_area_struct *vma);
void folio_add_anon_rmap_pmd(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma, unsigned long address,
			     rmap_t flags);
/*
 * mm/rmap.c (6.12), the model's rmap counters (mm_model/mm/rmap.c): one
 * PTE mapping of @page; exclusivity from RMAP_EXCLUSIVE.
 */
void folio_remove_rmap_pte(struct folio *folio, struct page *page,
			   struct vm_area_struct *vma);
void folio_add_anon_rmap_pte(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma, unsigned long address,
			     rmap_t flags);
/*
 * mm/rmap.c:folio_add_new_anon_rmap() (6.12), the model's
 * (mm_model/mm/rmap.c); folio_move_anon_rmap(): every anon folio points
 * at the model's one anon_vma already, so there is nothing to move.
 */
void folio_add_new_anon_rmap(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, rmap_t flags);
static inline void folio_move_anon_rmap(struct folio *folio,
					struct vm_area_struct *vma)
{
}

/* file folios are not simulated: loud */
void folio_add_file_rmap_pte(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma);

/*
 * include/linux/rmap.h: the hugetlb rmap calls, reached only for a
 * hugetlb folio (none: CONFIG_HUGETLB_PAGE is off): loud.
 */
static inline int hugetlb_try_share_anon_rmap(struct folio *folio)
{
	kshim_unmodelled("hugetlb_try_share_anon_rmap (hugetlb)");
}

static inline void hugetlb_remove_rmap(struct folio *folio)
{
	kshim_unmodelled("hugetlb_remove_rmap (hugetlb)");
}

/* file THPs are not simulated: loud */
void folio_add_file_rmap_pmd(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma);

#endif

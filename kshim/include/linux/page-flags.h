/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/page-flags.h and page-flags-layout.h
 * (6.12, x86-64, NODES_SHIFT 6, NR_CPUS 64): PG_* bits in the low
 * byte(s) of page->flags; node, zone and the NUMA-balancing last cpupid
 * in the top bits, as the kernel packs them when they fit.  Large folios
 * keep their order in folio->_flags_1 and tail pages point at the head
 * through compound_head bit 0.
 */
#ifndef _LINUX_PAGE_FLAGS_H
#define _LINUX_PAGE_FLAGS_H

#include <linux/mm_types.h>
#include <linux/bitops.h>
#include <linux/bug.h>
#include <kshim/unmodelled.h>
#include <linux/mmzone.h>

enum pageflags {
	PG_locked,
	PG_writeback,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_head,
	PG_waiters,
	PG_active,
	PG_workingset,
	PG_owner_priv_1,
	PG_owner_2,
	PG_arch_1,
	PG_reserved,
	PG_private,
	PG_private_2,
	PG_reclaim,
	PG_swapbacked,
	PG_unevictable,
	PG_mlocked,
	PG_young,
	PG_idle,
	__NR_PAGEFLAGS,
	PG_swapcache = PG_owner_priv_1,
	PG_anon_exclusive = PG_owner_2,
	PG_checked = PG_owner_priv_1,
	PG_mappedtodisk = PG_owner_2,
	PG_readahead = PG_reclaim,
	PG_isolated = PG_reclaim,
	PG_partially_mapped = PG_reclaim,	/* on the second page */
};

/* include/linux/page-flags-layout.h, top-down from bit 63 */
#define NODES_SHIFT CONFIG_NODES_SHIFT
#define ZONES_SHIFT 2
#define LAST__PID_SHIFT 8
#define LAST__PID_MASK ((1 << LAST__PID_SHIFT) - 1)
#define NR_CPUS_BITS 6
_Static_assert((1 << NR_CPUS_BITS) == CONFIG_NR_CPUS, "NR_CPUS_BITS");
#define LAST__CPU_SHIFT NR_CPUS_BITS
#define LAST__CPU_MASK ((1 << LAST__CPU_SHIFT) - 1)
#define LAST_CPUPID_SHIFT (LAST__PID_SHIFT + LAST__CPU_SHIFT)
#define LAST_CPUPID_MASK ((1UL << LAST_CPUPID_SHIFT) - 1)
#define NODES_PGSHIFT (64 - NODES_SHIFT)
#define ZONES_PGSHIFT (NODES_PGSHIFT - ZONES_SHIFT)
#define LAST_CPUPID_PGSHIFT (ZONES_PGSHIFT - LAST_CPUPID_SHIFT)
#define NODES_MASK ((1UL << NODES_SHIFT) - 1)
#define ZONES_MASK ((1UL << ZONES_SHIFT) - 1)
_Static_assert(LAST_CPUPID_PGSHIFT > __NR_PAGEFLAGS, "page->flags full");

/* enum zone_type: linux/mmzone.h */

#define PAGE_MAPPING_ANON 0x1
#define PAGE_MAPPING_MOVABLE 0x2
#define PAGE_MAPPING_KSM (PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)
#define PAGE_MAPPING_FLAGS (PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)

static inline struct page *compound_head(const struct page *page)
{
	unsigned long head = READ_ONCE(page->compound_head);

	if (head & 1)
		return (struct page *)(head - 1);
	return (struct page *)page;
}

#define page_folio(p) ((struct folio *)compound_head(p))
#define folio_page(folio, n) (&(folio)->page + (n))

static inline bool PageTail(const struct page *page)
{
	return READ_ONCE(page->compound_head) & 1;
}

static inline bool folio_test_large(const struct folio *folio)
{
	return test_bit(PG_head, &folio->flags);
}

static inline unsigned int folio_order(const struct folio *folio)
{
	if (!folio_test_large(folio))
		return 0;
	return folio->_flags_1 & 0xff;
}

static inline long folio_nr_pages(const struct folio *folio)
{
	return 1L << folio_order(folio);
}

static inline size_t folio_size(const struct folio *folio)
{
	return 4096UL << folio_order(folio);
}

/* folio_test_X / folio_set_X / folio_clear_X for the head page's flags */
#define KSHIM_FOLIO_FLAG(name, bit)                                          \
	static inline bool folio_test_##name(const struct folio *folio)      \
	{                                                                    \
		return test_bit(bit, &folio->flags);                         \
	}                                                                    \
	static inline void folio_set_##name(struct folio *folio)             \
	{                                                                    \
		__set_bit(bit, &folio->flags);                               \
	}                                                                    \
	static inline void folio_clear_##name(struct folio *folio)           \
	{                                                                    \
		__clear_bit(bit, &folio->flags);                             \
	}

KSHIM_FOLIO_FLAG(locked, PG_locked)
KSHIM_FOLIO_FLAG(referenced, PG_referenced)
KSHIM_FOLIO_FLAG(uptodate, PG_uptodate)
KSHIM_FOLIO_FLAG(dirty, PG_dirty)
KSHIM_FOLIO_FLAG(lru, PG_lru)
KSHIM_FOLIO_FLAG(active, PG_active)
KSHIM_FOLIO_FLAG(swapbacked, PG_swapbacked)
KSHIM_FOLIO_FLAG(unevictable, PG_unevictable)
KSHIM_FOLIO_FLAG(young, PG_young)
KSHIM_FOLIO_FLAG(idle, PG_idle)
KSHIM_FOLIO_FLAG(swapcache, PG_swapcache)
KSHIM_FOLIO_FLAG(workingset, PG_workingset)
KSHIM_FOLIO_FLAG(checked, PG_checked)
KSHIM_FOLIO_FLAG(mappedtodisk, PG_mappedtodisk)
KSHIM_FOLIO_FLAG(readahead, PG_readahead)
KSHIM_FOLIO_FLAG(writeback, PG_writeback)
KSHIM_FOLIO_FLAG(private, PG_private)
KSHIM_FOLIO_FLAG(isolated, PG_isolated)
KSHIM_FOLIO_FLAG(mlocked, PG_mlocked)

/* Mirrors include/linux/page-flags.h:folio_test_partially_mapped() (second page) */
static inline bool folio_test_partially_mapped(const struct folio *folio)
{
	return test_bit(PG_partially_mapped, &folio->_flags_1);
}

/* Mirrors include/linux/page-flags.h:__folio_test_movable() */
static inline bool __folio_test_movable(const struct folio *folio)
{
	return ((unsigned long)folio->mapping & PAGE_MAPPING_FLAGS) ==
	       PAGE_MAPPING_MOVABLE;
}

/*
 * include/linux/page-flags.h:folio_test_movable(): non-LRU movable
 * pages (balloon, zsmalloc) are not simulated; only a folio
 * __folio_test_movable() accepts reaches it: loud.
 */
static inline bool folio_test_movable(struct folio *folio)
{
	kshim_unmodelled("non-LRU movable pages (folio_test_movable)");
}

/*
 * Mirrors include/linux/page-flags.h's folio_test_clear_X(): in the
 * kernel an atomic test_and_clear_bit(); here, as folio_set_X() above,
 * a plain one (page flags are not scheduling points in the model).
 */
#define KSHIM_FOLIO_TEST_CLEAR_FLAG(name, bit)                               \
	static inline bool folio_test_clear_##name(struct folio *folio)      \
	{                                                                    \
		bool was = test_bit(bit, &folio->flags);                     \
		__clear_bit(bit, &folio->flags);                             \
		return was;                                                  \
	}

KSHIM_FOLIO_TEST_CLEAR_FLAG(active, PG_active)
KSHIM_FOLIO_TEST_CLEAR_FLAG(unevictable, PG_unevictable)

/* Mirrors include/linux/page-flags.h:__folio_mark_uptodate() */
static inline void __folio_mark_uptodate(struct folio *folio)
{
	folio_set_uptodate(folio);
}

/* Mirrors include/linux/page-flags.h:folio_mark_uptodate() (a barrier, then the bit) */
static inline void folio_mark_uptodate(struct folio *folio)
{
	folio_set_uptodate(folio);
}

/* include/linux/page-flags.h: !CONFIG_HUGETLB_PAGE, !CONFIG_MEMORY_FAILURE */
static inline bool folio_test_hugetlb(const struct folio *folio)
{
	return false;
}

static inline bool PageHWPoison(const struct page *page)
{
	return false;
}

static inline bool folio_test_anon(const struct folio *folio)
{
	return ((unsigned long)folio->mapping & PAGE_MAPPING_ANON) != 0;
}

static inline bool folio_test_ksm(const struct folio *folio)
{
	return ((unsigned long)folio->mapping & PAGE_MAPPING_FLAGS) ==
	       PAGE_MAPPING_KSM;
}

/* Mirrors include/linux/page-flags.h:PageAnon() */
static inline bool PageAnon(const struct page *page)
{
	return folio_test_anon(page_folio(page));
}

/* PG_anon_exclusive lives on each page, not only the head */
static inline bool PageAnonExclusive(const struct page *page)
{
	return test_bit(PG_anon_exclusive, &page->flags);
}

static inline void SetPageAnonExclusive(struct page *page)
{
	__set_bit(PG_anon_exclusive, &page->flags);
}

static inline void ClearPageAnonExclusive(struct page *page)
{
	__clear_bit(PG_anon_exclusive, &page->flags);
}

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline bool folio_is_zone_device(const struct folio *folio)
{
	return page_zonenum(&folio->page) == ZONE_DEVICE;
}

static inline int page_to_nid(const struct page *page)
{
	return (compound_head(page)->flags >> NODES_PGSHIFT) & NODES_MASK;
}

static inline int folio_nid(const struct folio *folio)
{
	return page_to_nid(&folio->page);
}

/* mm/internal.h (model side): the node and zone a page is born with */
static inline void set_page_node_zone(struct page *page, int nid,
				      enum zone_type zone)
{
	page->flags &= ~((NODES_MASK << NODES_PGSHIFT) |
			 (ZONES_MASK << ZONES_PGSHIFT));
	page->flags |= ((unsigned long)nid & NODES_MASK) << NODES_PGSHIFT;
	page->flags |= ((unsigned long)zone & ZONES_MASK) << ZONES_PGSHIFT;
}

#endif

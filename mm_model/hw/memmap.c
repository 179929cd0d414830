// SPDX-License-Identifier: GPL-2.0-only
/*
 * Physical memory of the simulated machine (see memmap.h).  The page
 * allocator hands out naturally aligned blocks of 2^order pages with a
 * next-fit search over a per-node free bitmap: deterministic, and good
 * enough for the few folio sizes the fault path sees.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/page-flags.h>
#include <asm-generic/memory_model.h>
#include <kshim/sim.h>
#include "mm_model/hw/memmap.h"

struct page *kshim_memmap;
unsigned long kshim_memmap_start_pfn;
unsigned long kshim_memmap_end_pfn;
unsigned long zero_pfn;

static struct memmap_node nodes[MEMMAP_MAX_NODES];
static int nr_nodes;

/*
 * The struct pages of the last machine, kept for the next one: an
 * exploration builds thousands of machines, and a fresh calloc() of a
 * memmap that size is an mmap(), page faults and a munmap() each time.
 */
static struct page *pool;
static unsigned long pool_pages;

/*
 * ... and the memmap as memmap_init() built it for the last machine's
 * layout: the next machine of that layout starts as a copy (one memcpy
 * instead of a memset and a pass over every page).  Only for machines
 * of an exploration's size: a copy of a big one would double the
 * memmap's 64 bytes a page (benchmarks/ holds the resident cost).
 */
#define PRISTINE_MAX_PAGES	(64UL << 10)
static struct page *pristine;
static unsigned long pristine_pages;
static unsigned long pristine_layout[MEMMAP_MAX_NODES];
static bool pristine_toptier[MEMMAP_MAX_NODES];
static int pristine_count;

static bool pristine_matches(int count, const unsigned long *pages_per_node,
			     const bool *toptier)
{
	int nid;

	/* pristine_count: 0 while there is no copy (count >= 1 here) */
	if (count != pristine_count)
		return false;
	for (nid = 0; nid < count; nid++)
		if (pages_per_node[nid] != pristine_layout[nid] ||
		    (toptier ? toptier[nid] : true) != pristine_toptier[nid])
			return false;
	return true;
}

static void pristine_save(int count, const unsigned long *pages_per_node,
			  const bool *toptier, unsigned long total)
{
	int nid;

	if (total > PRISTINE_MAX_PAGES) {
		pristine_count = 0;	/* built page by page */
		return;
	}
	if (total > pristine_pages) {
		free(pristine);
		pristine = malloc(total * sizeof(struct page));
		pristine_pages = pristine ? total : 0;
		if (!pristine) {
			pristine_count = 0;
			return;	/* no copy next time: built page by page */
		}
	}
	memcpy(pristine, kshim_memmap, total * sizeof(struct page));
	pristine_count = count;
	for (nid = 0; nid < count; nid++) {
		pristine_layout[nid] = pages_per_node[nid];
		pristine_toptier[nid] = toptier ? toptier[nid] : true;
	}
}

static struct page *memmap_alloc(unsigned long total)
{
	if (total > pool_pages) {
		free(pool);
		pool = calloc(total, sizeof(struct page));
		pool_pages = pool ? total : 0;
		return pool;
	}
	memset(pool, 0, total * sizeof(struct page));
	return pool;
}

void memmap_destroy(void)
{
	int i;

	for (i = 0; i < nr_nodes; i++)
		free(nodes[i].free_map);
	kshim_memmap = NULL;
	kshim_memmap_start_pfn = kshim_memmap_end_pfn = 0;
	nr_nodes = 0;
}

static void mark(struct memmap_node *n, unsigned long pfn, bool free)
{
	unsigned long bit = pfn - n->start_pfn;

	if (free)
		n->free_map[BIT_WORD(bit)] |= BIT_MASK(bit);
	else
		n->free_map[BIT_WORD(bit)] &= ~BIT_MASK(bit);
}

static bool is_free(const struct memmap_node *n, unsigned long pfn)
{
	unsigned long bit = pfn - n->start_pfn;

	return n->free_map[BIT_WORD(bit)] & BIT_MASK(bit);
}

int memmap_init(int count, const unsigned long *pages_per_node,
		const bool *toptier)
{
	unsigned long total = 0, pfn = MEMMAP_FIRST_PFN, i;
	bool copy;
	int nid;

	memmap_destroy();
	if (count < 1 || count > MEMMAP_MAX_NODES)
		return -EINVAL;
	for (nid = 0; nid < count; nid++) {
		if (!pages_per_node[nid])
			return -EINVAL;
		total += pages_per_node[nid];
	}
	copy = pristine_matches(count, pages_per_node, toptier);
	kshim_memmap = copy ? pool : memmap_alloc(total);
	if (!kshim_memmap)
		return -ENOMEM;
	if (copy)
		memcpy(kshim_memmap, pristine, total * sizeof(struct page));
	kshim_memmap_start_pfn = pfn;
	kshim_memmap_end_pfn = pfn + total;
	for (nid = 0; nid < count; nid++) {
		struct memmap_node *n = &nodes[nid];

		n->nid = nid;
		n->start_pfn = pfn;
		n->nr_pages = pages_per_node[nid];
		n->toptier = toptier ? toptier[nid] : true;
		n->cursor = 0;
		n->free_map = calloc(BITS_TO_LONGS(n->nr_pages),
				     sizeof(unsigned long));
		if (!n->free_map) {
			nr_nodes = nid;
			memmap_destroy();
			return -ENOMEM;
		}
		/* every page free: whole words, then the last one's bits */
		for (i = 0; i < n->nr_pages / BITS_PER_LONG; i++)
			n->free_map[i] = ~0UL;
		if (n->nr_pages % BITS_PER_LONG)
			n->free_map[i] = BIT_MASK(n->nr_pages) - 1;
		for (i = 0; !copy && i < n->nr_pages; i++) {
			struct page *page = pfn_to_page(pfn + i);

			set_page_node_zone(page, nid, ZONE_NORMAL);
			atomic_set(&page->_mapcount, -1);
		}
		n->nr_free = n->nr_pages;
		pfn += n->nr_pages;
	}
	nr_nodes = count;
	/* mm/memory.c's zero_pfn: a reserved page, never allocated */
	zero_pfn = nodes[0].start_pfn;
	__set_bit(PG_reserved, &pfn_to_page(zero_pfn)->flags);
	atomic_set(&pfn_to_page(zero_pfn)->_refcount, 1);
	mark(&nodes[0], zero_pfn, false);
	nodes[0].nr_free--;
	if (!copy)
		pristine_save(count, pages_per_node, toptier, total);
	return 0;
}

int memmap_nr_nodes(void)
{
	return nr_nodes;
}

const struct memmap_node *memmap_node(int nid)
{
	if (nid < 0 || nid >= nr_nodes)
		return NULL;
	return &nodes[nid];
}

unsigned long memmap_next_used(unsigned long pfn)
{
	int nid;

	for (nid = 0; nid < nr_nodes; nid++) {
		const struct memmap_node *n = &nodes[nid];
		unsigned long end = n->start_pfn + n->nr_pages, bit, w;

		if (pfn >= end)
			continue;
		if (pfn < n->start_pfn)
			pfn = n->start_pfn;
		/* a word of free bits at a time: most pages are free */
		for (bit = pfn - n->start_pfn; bit < n->nr_pages;
		     bit = (w + 1) * BITS_PER_LONG) {
			unsigned long used;

			w = BIT_WORD(bit);
			used = ~n->free_map[w] & (~0UL << (bit % BITS_PER_LONG));
			if (used) {
				bit = w * BITS_PER_LONG + __builtin_ctzl(used);
				if (bit < n->nr_pages)
					return n->start_pfn + bit;
				break;
			}
		}
		pfn = end;
	}
	return kshim_memmap_end_pfn;
}

bool memmap_pfn_free(unsigned long pfn)
{
	int nid;

	for (nid = 0; nid < nr_nodes; nid++) {
		const struct memmap_node *n = &nodes[nid];

		if (pfn >= n->start_pfn && pfn < n->start_pfn + n->nr_pages)
			return is_free(n, pfn);
	}
	return false;
}

unsigned long memmap_free_pages(int nid)
{
	return nid >= 0 && nid < nr_nodes ? nodes[nid].nr_free : 0;
}

static bool block_free(const struct memmap_node *n, unsigned long pfn,
		       unsigned long nr)
{
	unsigned long i;

	for (i = 0; i < nr; i++)
		if (!is_free(n, pfn + i))
			return false;
	return true;
}

/*
 * The anon_vma every anon folio's ->mapping points at: the model's rmap
 * walks every VMA of every mm (mm_model/mm/rmap.h), which stands for the
 * per-VMA anon_vma trees, so one object stands for their anon_vmas.  It
 * is never locked or read through; it makes folio_raw_mapping() non-NULL
 * for an anon folio, as in the kernel (mm/damon/paddr.c tests it).
 */
static struct {
	unsigned long unused;
} the_anon_vma __aligned(8);

struct anon_vma *memmap_anon_vma(void)
{
	return (struct anon_vma *)&the_anon_vma;
}

static void prep_folio(struct folio *folio, unsigned int order, bool anon)
{
	unsigned long nr = 1UL << order, i;

	for (i = 0; i < nr; i++) {
		struct page *page = folio_page(folio, i);
		unsigned long keep = page->flags &
				     ((NODES_MASK << NODES_PGSHIFT) |
				      (ZONES_MASK << ZONES_PGSHIFT));

		/*
		 * check_new_page(): a free page holds no reference and no
		 * mapping; otherwise a folio_put() or an unmap came after
		 * the free ("Bad page state" in the kernel).
		 */
		WARN_ON(atomic_read(&page->_refcount) != 0 ||
			atomic_read(&page->_mapcount) != -1);
		/* mm/page_alloc.c: a new page has no flags but node/zone */
		page->flags = keep |
			      (LAST_CPUPID_MASK << LAST_CPUPID_PGSHIFT);
		page->compound_head = 0;
		page->mapping = NULL;
		page->index = 0;
		page->private = 0;
		atomic_set(&page->_mapcount, -1);
		atomic_set(&page->_refcount, 0);
		if (i)
			page->compound_head = (unsigned long)folio + 1;
	}
	atomic_set(&folio->_refcount, 1);
	if (order) {
		__set_bit(PG_head, &folio->flags);
		folio->_flags_1 = order;
		atomic_set(&folio->_large_mapcount, -1);
		atomic_set(&folio->_entire_mapcount, -1);
		atomic_set(&folio->_nr_pages_mapped, 0);
		atomic_set(&folio->_pincount, 0);
		folio->_folio_nr_pages = nr;
		/* mm/page_alloc.c:prep_compound_head() */
		if (order > 1)
			INIT_LIST_HEAD(&folio->_deferred_list);
	}
	if (anon) {
		/* mm/rmap.c:__folio_set_anon(): anon_vma | PAGE_MAPPING_ANON */
		folio->mapping = (void *)((unsigned long)memmap_anon_vma() |
					  PAGE_MAPPING_ANON);
		__set_bit(PG_swapbacked, &folio->flags);
	}
}

struct folio *memmap_alloc_folio(int nid, unsigned int order, bool anon)
{
	struct memmap_node *n;
	unsigned long nr = 1UL << order, tries, off;

	if (nid < 0 || nid >= nr_nodes || order > 9)
		return NULL;
	n = &nodes[nid];
	/* rmqueue(): the node's free lists are shared (zone->lock) */
	sim_point(SIM_PT_ATOMIC, n);
	if (n->nr_free < nr)
		return NULL;
	/* naturally aligned blocks, next-fit from the cursor */
	for (tries = 0; tries < n->nr_pages; tries += nr) {
		unsigned long pfn;

		off = (n->cursor + tries) % n->nr_pages;
		pfn = ALIGN(n->start_pfn + off, nr);
		if (pfn + nr > n->start_pfn + n->nr_pages ||
		    !block_free(n, pfn, nr))
			continue;
		for (off = 0; off < nr; off++)
			mark(n, pfn + off, false);
		n->nr_free -= nr;
		n->cursor = pfn + nr - n->start_pfn;
		prep_folio(page_folio(pfn_to_page(pfn)), order, anon);
		return page_folio(pfn_to_page(pfn));
	}
	return NULL;
}

void memmap_free_folio(struct folio *folio)
{
	unsigned long pfn = page_to_pfn(&folio->page);
	unsigned long nr = folio_nr_pages(folio), i;
	struct memmap_node *n;

	/* a folio of this memmap, as memmap_alloc_folio() aligned it */
	BUG_ON(folio_nid(folio) < 0 || folio_nid(folio) >= nr_nodes);
	BUG_ON(!pfn_valid(pfn) || !pfn_valid(pfn + nr - 1) ||
	       (pfn & (nr - 1)));
	n = &nodes[folio_nid(folio)];
	WARN_ON(atomic_read(&folio->_refcount) != 0);
	WARN_ON(atomic_read(&folio->_mapcount) != -1);
	/* free_one_page(): as rmqueue(), under the zone's lock */
	sim_point(SIM_PT_ATOMIC, n);
	for (i = 0; i < nr; i++) {
		/* free_tail_page_prepare(): no tail page is mapped either */
		if (i)
			WARN_ON(atomic_read(&folio_page(folio, i)->_mapcount) !=
				-1);
		WARN_ON(is_free(n, pfn + i));
		mark(n, pfn + i, true);
	}
	n->nr_free += nr;
}

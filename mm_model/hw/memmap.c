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
 * The struct pages and free bitmaps of the last machine, kept for the
 * next one: an exploration builds thousands of machines, and a fresh
 * calloc() of a memmap that size is an mmap(), page faults and a
 * munmap() each time.  A machine of the last one's layout is reset
 * where the last one was touched only: every page a folio was allocated
 * on (kernel and model code reach a page's struct only through a folio
 * they were handed, or the zero page), listed once in touched[] (the
 * bit in touched_map says it is listed).  Anything else is built page
 * by page.
 */
static struct page *pool;
static unsigned long pool_pages;
static unsigned long *touched, nr_touched, touched_cap;
static unsigned long *touched_map;
static unsigned long layout[MEMMAP_MAX_NODES];
static bool layout_toptier[MEMMAP_MAX_NODES];
static int layout_count;	/* 0: no machine to reset, build anew */

static bool layout_matches(int count, const unsigned long *pages_per_node,
			   const bool *toptier)
{
	int nid;

	if (count != layout_count)
		return false;
	for (nid = 0; nid < count; nid++)
		if (pages_per_node[nid] != layout[nid] ||
		    (toptier ? toptier[nid] : true) != layout_toptier[nid])
			return false;
	return true;
}

/* Lists @pfn for the next machine's reset, once. */
static void touch(unsigned long pfn)
{
	unsigned long i = pfn - MEMMAP_FIRST_PFN;

	if (touched_map[BIT_WORD(i)] & BIT_MASK(i))
		return;
	if (nr_touched == touched_cap)
		touched = sim_array_grow(touched, &touched_cap,
					 sizeof(*touched), 1024,
					 "the memmap's list of touched pages");
	touched_map[BIT_WORD(i)] |= BIT_MASK(i);
	touched[nr_touched++] = pfn;
}

static int cmp_pfn(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a;
	unsigned long y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

unsigned long memmap_touched(const unsigned long **pfns)
{
	qsort(touched, nr_touched, sizeof(*touched), cmp_pfn);
	*pfns = touched;
	return nr_touched;
}

static void build_page(struct page *page, int nid)
{
	memset(page, 0, sizeof(*page));
	set_page_node_zone(page, nid, ZONE_NORMAL);
	atomic_set(&page->_mapcount, -1);
}

/* every page of @n free: whole words, then the last one's bits */
static void all_free(struct memmap_node *n)
{
	unsigned long i;

	for (i = 0; i < n->nr_pages / BITS_PER_LONG; i++)
		n->free_map[i] = ~0UL;
	if (n->nr_pages % BITS_PER_LONG)
		n->free_map[i] = BIT_MASK(n->nr_pages) - 1;
}

static int node_of(unsigned long pfn);

/* The last machine, put back as memmap_init() built it: its touched pages */
static void reset_touched(void)
{
	unsigned long k;

	for (k = 0; k < nr_touched; k++) {
		unsigned long pfn = touched[k], i = pfn - MEMMAP_FIRST_PFN;
		struct memmap_node *n = &nodes[node_of(pfn)];
		unsigned long bit = pfn - n->start_pfn;

		build_page(&pool[i], n->nid);
		n->free_map[BIT_WORD(bit)] |= BIT_MASK(bit);
		touched_map[BIT_WORD(i)] &= ~BIT_MASK(i);
	}
	nr_touched = 0;
}

/* A new layout: everything allocated and built anew */
static int build_all(int count, const unsigned long *pages_per_node,
		     unsigned long total)
{
	unsigned long pfn = MEMMAP_FIRST_PFN, i;
	int nid;

	for (nid = 0; nid < layout_count; nid++) {
		free(nodes[nid].free_map);
		nodes[nid].free_map = NULL;
	}
	layout_count = 0;
	free(touched_map);
	touched_map = NULL;
	nr_touched = 0;
	if (total > pool_pages) {
		free(pool);
		pool = malloc(total * sizeof(struct page));
		pool_pages = pool ? total : 0;
		if (!pool)
			return -ENOMEM;
	}
	touched_map = calloc(BITS_TO_LONGS(total), sizeof(unsigned long));
	if (!touched_map)
		return -ENOMEM;
	for (nid = 0; nid < count; nid++) {
		struct memmap_node *n = &nodes[nid];

		n->free_map = malloc(BITS_TO_LONGS(pages_per_node[nid]) *
				     sizeof(unsigned long));
		if (!n->free_map) {
			while (nid--) {
				free(nodes[nid].free_map);
				nodes[nid].free_map = NULL;
			}
			return -ENOMEM;
		}
		n->nr_pages = pages_per_node[nid];
		all_free(n);
		for (i = 0; i < pages_per_node[nid]; i++)
			build_page(&pool[pfn - MEMMAP_FIRST_PFN + i], nid);
		pfn += pages_per_node[nid];
	}
	layout_count = count;
	return 0;
}

/* The machine gone; its memory kept for the next one of its layout */
void memmap_destroy(void)
{
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
	unsigned long total = 0, pfn = MEMMAP_FIRST_PFN;
	int nid, err;

	memmap_destroy();
	if (count < 1 || count > MEMMAP_MAX_NODES)
		return -EINVAL;
	for (nid = 0; nid < count; nid++) {
		if (!pages_per_node[nid])
			return -EINVAL;
		total += pages_per_node[nid];
	}
	/* the machine before, put back where it was touched */
	kshim_memmap = pool;
	nr_nodes = layout_count;
	if (layout_matches(count, pages_per_node, toptier)) {
		reset_touched();
	} else {
		err = build_all(count, pages_per_node, total);
		if (err) {
			memmap_destroy();
			return err;
		}
	}
	kshim_memmap = pool;
	kshim_memmap_start_pfn = pfn;
	kshim_memmap_end_pfn = pfn + total;
	for (nid = 0; nid < count; nid++) {
		struct memmap_node *n = &nodes[nid];

		n->nid = nid;
		n->start_pfn = pfn;
		n->nr_pages = pages_per_node[nid];
		n->toptier = toptier ? toptier[nid] : true;
		n->cursor = 0;
		n->nr_free = n->nr_pages;
		layout[nid] = pages_per_node[nid];
		layout_toptier[nid] = n->toptier;
		pfn += n->nr_pages;
	}
	nr_nodes = count;
	/* mm/memory.c's zero_pfn: a reserved page, never allocated */
	zero_pfn = nodes[0].start_pfn;
	touch(zero_pfn);
	__set_bit(PG_reserved, &pfn_to_page(zero_pfn)->flags);
	atomic_set(&pfn_to_page(zero_pfn)->_refcount, 1);
	mark(&nodes[0], zero_pfn, false);
	nodes[0].nr_free--;
	return 0;
}

static int node_of(unsigned long pfn)
{
	int nid;

	for (nid = 0; nid < nr_nodes; nid++)
		if (pfn - nodes[nid].start_pfn < nodes[nid].nr_pages)
			return nid;
	BUG();
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
		for (off = 0; off < nr; off++) {
			mark(n, pfn + off, false);
			touch(pfn + off);
		}
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

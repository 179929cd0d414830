/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated machine's physical memory: NUMA nodes of contiguous pfn
 * ranges, one struct page per pfn (the memmap, as with SPARSEMEM_VMEMMAP
 * a flat array), and a per-node page allocator for folios.  Page
 * contents are not simulated, only their metadata.
 */
#ifndef FAULTSIM_MM_MODEL_MEMMAP_H
#define FAULTSIM_MM_MODEL_MEMMAP_H

#include <linux/mm_types.h>

#define MEMMAP_MAX_NODES 64
/* pfn 0 is never RAM, as on x86; node 0 starts at 1 MiB */
#define MEMMAP_FIRST_PFN 0x100UL

struct memmap_node {
	int nid;
	unsigned long start_pfn;
	unsigned long nr_pages;
	unsigned long nr_free;
	bool toptier;
	unsigned long *free_map;	/* bit set: page free */
	unsigned long cursor;		/* next-fit search start */
};

/*
 * Lays out @nr_nodes nodes of @pages_per_node[i] pages each, back to
 * back, and reserves the zero page (the first pfn of node 0).  Replaces
 * any previous machine: one of the same layout is reset where it was
 * touched (memmap_touched()), its memory reused.  Returns 0 or
 * -ENOMEM/-EINVAL.
 */
int memmap_init(int nr_nodes, const unsigned long *pages_per_node,
		const bool *toptier);
void memmap_destroy(void);
int memmap_nr_nodes(void);
const struct memmap_node *memmap_node(int nid);

/*
 * Allocates a folio of 2^@order pages on @nid, as the buddy allocator
 * would (naturally aligned), with refcount 1 and no mappings; anonymous
 * folios get PAGE_MAPPING_ANON.  NULL when the node has no such block.
 */
struct folio *memmap_alloc_folio(int nid, unsigned int order, bool anon);

/*
 * The anon_vma every anon folio's ->mapping points at (memmap.c): one
 * object for the per-VMA anon_vmas the model's rmap does not keep.
 */
struct anon_vma;
struct anon_vma *memmap_anon_vma(void);
/* Frees a folio whose refcount dropped to 0; WARNs otherwise. */
void memmap_free_folio(struct folio *folio);
unsigned long memmap_free_pages(int nid);
/* Whether @pfn is a free page of the allocator (false outside RAM). */
bool memmap_pfn_free(unsigned long pfn);
/* The first pfn from @pfn on that is not free; the end of RAM if none. */
unsigned long memmap_next_used(unsigned long pfn);
/*
 * The pages this machine touched, sorted: every page a folio was
 * allocated on since memmap_init(), and the zero page.  Every page not
 * free is among them (the oracles visit only these); memmap_init() of
 * the same layout resets only these.  Returns how many, in *@pfns.
 */
unsigned long memmap_touched(const unsigned long **pfns);

#endif

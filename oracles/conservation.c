// SPDX-License-Identifier: GPL-2.0-only
/* The conservation oracle (architecture.md invariant 7; oracles.h). */
#include <stdlib.h>
#include <string.h>
#include <linux/mm.h>
#include <kshim/sim.h>
#include <linux/huge_mm.h>
#include "mm_model/hw/memmap.h"
#include "mm_model/mm/vma.h"
#include "oracles/oracles.h"
#include "oracles/walk.h"

struct counts {
	int *pte_maps;		/* per pfn: PTEs mapping the page */
	int *pmd_maps;		/* per head pfn: PMDs mapping the folio */
	int *n;			/* findings reported */
};

static void count_pmd(unsigned long addr, pmd_t pmd, void *arg)
{
	struct counts *c = arg;

	if (pmd_present(pmd))
		c->pmd_maps[pmd_pfn(pmd) - kshim_memmap_start_pfn]++;
}

static void count_pte(unsigned long addr, pte_t pte, void *arg)
{
	struct counts *c = arg;

	c->pte_maps[pte_pfn(pte) - kshim_memmap_start_pfn]++;
	/* a use after free: the page went back */
	if (memmap_pfn_free(pte_pfn(pte)))
		oracle_report(c->n, "conservation: %#lx maps pfn %#lx, a free page",
		       addr, pte_pfn(pte));
}

static void check_folio(struct folio *folio, const struct counts *c, int *n)
{
	unsigned long head = folio_pfn(folio), base = kshim_memmap_start_pfn;
	long nr = folio_nr_pages(folio), i, ptes = 0;
	int pmds = c->pmd_maps[head - base];
	int refs;

	for (i = 0; i < nr; i++) {
		int maps = c->pte_maps[head + i - base];

		ptes += maps;
		if (folio_test_large(folio) &&
		    atomic_read(&folio_page(folio, i)->_mapcount) + 1 != maps)
			oracle_report(n, "conservation: pfn %#lx has _mapcount %d, "
			       "mapped by %d PTEs", head + i,
			       atomic_read(&folio_page(folio, i)->_mapcount) + 1,
			       maps);
	}
	if (!folio_test_large(folio)) {
		if (folio_mapcount(folio) != ptes)
			oracle_report(n, "conservation: pfn %#lx: mapcount %d, "
			       "mapped by %ld PTEs", head,
			       folio_mapcount(folio), ptes);
	} else {
		if (folio_large_mapcount(folio) != ptes + pmds)
			oracle_report(n, "conservation: folio %#lx: large mapcount "
			       "%d, mapped %ld + %d times", head,
			       folio_large_mapcount(folio), ptes, pmds);
		if (folio_entire_mapcount(folio) != pmds)
			oracle_report(n, "conservation: folio %#lx: entire mapcount "
			       "%d, %d PMDs", head,
			       folio_entire_mapcount(folio), pmds);
	}
	/* each PTE mapping holds a reference, each PMD mapping one */
	refs = ptes + pmds;
	if (folio_ref_count(folio) != refs)
		oracle_report(n, "conservation: folio %#lx: refcount %d, %d "
		       "mappings hold references%s", head,
		       folio_ref_count(folio), refs,
		       refs ? "" : " (leaked)");
}

/*
 * The huge zero folio: its PMDs (and the zero-page PTEs a split leaves)
 * take no reference and no mapcount (mm/huge_memory.c:
 * set_huge_zero_folio(), vm_normal_page_pmd() is NULL for them); the
 * folio keeps its allocation reference, which only the shrinker drops.
 */
static void check_huge_zero_folio(struct folio *folio, int *n)
{
	if (folio_ref_count(folio) != 1 || folio_large_mapcount(folio) ||
	    folio_entire_mapcount(folio) ||
	    atomic_read(&folio->_nr_pages_mapped))
		oracle_report(n, "conservation: the huge zero folio %#lx: "
			      "refcount %d, mapcounts %d/%d/%d (expected 1, "
			      "0/0/0)", folio_pfn(folio),
			      folio_ref_count(folio),
			      folio_large_mapcount(folio),
			      folio_entire_mapcount(folio),
			      atomic_read(&folio->_nr_pages_mapped));
}

/*
 * Per-pfn counts kept across checks (an exploration checks thousands of
 * machines): a calloc() and free() of two arrays the size of the memmap
 * per check made its cost grow with the machine.  The walk lists each
 * pfn it counts the first time; the check clears only those.
 */
static struct {
	int *pte_maps, *pmd_maps;
	unsigned long nr;		/* pages the arrays hold */
	unsigned long *counted;		/* pfn indices with a count */
	unsigned long nr_counted, cap;
} sparse;

static void note_counted(unsigned long i)
{
	if (sparse.pte_maps[i] || sparse.pmd_maps[i])
		return;		/* listed when it was first counted */
	if (sparse.nr_counted == sparse.cap)
		sparse.counted = sim_array_grow(sparse.counted, &sparse.cap,
						sizeof(*sparse.counted), 1024,
						"the conservation oracle's "
						"list of pages");
	sparse.counted[sparse.nr_counted++] = i;
}

static void sparse_pmd(unsigned long addr, pmd_t pmd, void *arg)
{
	if (pmd_present(pmd))
		note_counted(pmd_pfn(pmd) - kshim_memmap_start_pfn);
	count_pmd(addr, pmd, arg);
}

static void sparse_pte(unsigned long addr, pte_t pte, void *arg)
{
	note_counted(pte_pfn(pte) - kshim_memmap_start_pfn);
	count_pte(addr, pte, arg);
}

static void sparse_grow(unsigned long nr)
{
	if (nr <= sparse.nr)
		return;
	free(sparse.pte_maps);
	free(sparse.pmd_maps);
	sparse.pte_maps = calloc(nr, sizeof(int));
	sparse.pmd_maps = calloc(nr, sizeof(int));
	sparse.nr = nr;
	if (!sparse.pte_maps || !sparse.pmd_maps)
		sim_out_of_memory("the conservation oracle's counts of %lu "
				  "pages", nr);
}

/* Every used page's folio, in pfn order, as the full scan visits them */
static void check_used(unsigned long pfn, const struct counts *c, int *n)
{
	struct page *page = pfn_to_page(pfn);

	if (is_zero_pfn(pfn) || PageTail(page))
		return;
	if (is_huge_zero_folio(page_folio(page))) {
		check_huge_zero_folio(page_folio(page), n);
		return;
	}
	check_folio(page_folio(page), c, n);
}

/*
 * Walks the page tables and visits only the pages this machine touched
 * (memmap_touched(): every used page is among them).
 */
int oracle_conservation(void)
{
	unsigned long nr = kshim_memmap_end_pfn - kshim_memmap_start_pfn;
	const unsigned long *pfns;
	unsigned long k, nr_pfns;
	struct counts c;
	int n = 0, m;

	sparse_grow(nr);
	c.pte_maps = sparse.pte_maps;
	c.pmd_maps = sparse.pmd_maps;
	c.n = &n;
	for (m = 0; m < mm_registry_count(); m++)
		oracle_walk_mm(mm_registry_get(m), sparse_pmd, sparse_pte, &c);
	nr_pfns = memmap_touched(&pfns);
	for (k = 0; k < nr_pfns; k++)
		if (!memmap_pfn_free(pfns[k]))
			check_used(pfns[k], &c, &n);
	for (k = 0; k < sparse.nr_counted; k++) {
		sparse.pte_maps[sparse.counted[k]] = 0;
		sparse.pmd_maps[sparse.counted[k]] = 0;
	}
	sparse.nr_counted = 0;
	return n;
}

/* The plain way: counts of every page, every used page visited */
int oracle_conservation_full(void)
{
	unsigned long base = kshim_memmap_start_pfn;
	unsigned long nr = kshim_memmap_end_pfn - base, pfn;
	struct counts c;
	int n = 0, m;

	c.pte_maps = calloc(nr, sizeof(int));
	c.pmd_maps = calloc(nr, sizeof(int));
	c.n = &n;
	if (!c.pte_maps || !c.pmd_maps)
		sim_out_of_memory("the conservation oracle's counts of %lu "
				  "pages", nr);
	for (m = 0; m < mm_registry_count(); m++)
		oracle_walk_mm(mm_registry_get(m), count_pmd, count_pte, &c);
	for (pfn = memmap_next_used(base); pfn < base + nr;
	     pfn = memmap_next_used(pfn + 1))
		check_used(pfn, &c, &n);
	free(c.pte_maps);
	free(c.pmd_maps);
	return n;
}

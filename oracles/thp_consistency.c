// SPDX-License-Identifier: GPL-2.0-only
/* The THP consistency oracle (architecture.md invariant 5; oracles.h). */
#include <stdlib.h>
#include <string.h>
#include <linux/mm.h>
#include <kshim/sim.h>
#include "mm_model/mm/vma.h"
#include "oracles/oracles.h"
#include "oracles/walk.h"

struct thp_walk {
	unsigned long *base_of;	/* per head pfn: where its page 0 is */
	int *n;
	bool sparse;		/* list the heads set, in seen[] */
};

/*
 * base_of kept across checks, and the heads this mm's walk set (cleared
 * after it): a calloc() and a memset() of the memmap's size per check
 * and mm made its cost grow with the machine.
 */
static struct {
	unsigned long *base_of, nr;
	unsigned long *seen, nr_seen, cap;
} sparse;

static void thp_pmd(unsigned long addr, pmd_t pmd, void *arg)
{
	struct thp_walk *w = arg;
	unsigned long pfn = pmd_pfn(pmd);
	struct folio *folio = pfn_valid(pfn) ? pfn_folio(pfn) : NULL;

	/* present or a hint: the entry is the folio's */
	if (kshim_raw_present(pmd_val(pmd)) &&
	    (!folio || folio_pfn(folio) != pfn ||
	     folio_order(folio) != HPAGE_PMD_ORDER))
		oracle_report(w->n, "thp_consistency: the PMD at %#lx maps pfn %#lx, "
		       "not the head of a PMD-size folio", addr, pfn);
}

static void note_seen(unsigned long i)
{
	if (sparse.nr_seen == sparse.cap)
		sparse.seen = sim_array_grow(sparse.seen, &sparse.cap,
					     sizeof(*sparse.seen), 1024,
					     "the THP oracle's list of folios");
	sparse.seen[sparse.nr_seen++] = i;
}

static void thp_pte(unsigned long addr, pte_t pte, void *arg)
{
	struct thp_walk *w = arg;
	unsigned long pfn = pte_pfn(pte), head, base, *seen;
	struct folio *folio = pfn_folio(pfn);

	if (!folio_test_large(folio))
		return;
	head = folio_pfn(folio);
	/* where the folio's first page would be */
	base = addr - ((pfn - head) << PAGE_SHIFT);
	seen = &w->base_of[head - kshim_memmap_start_pfn];
	if (!*seen) {
		*seen = base;
		if (w->sparse)
			note_seen(head - kshim_memmap_start_pfn);
	}
	else if (*seen != base)
		oracle_report(w->n, "thp_consistency: %#lx maps page %lu of folio "
		       "%#lx, whose page 0 is at %#lx: out of place", addr,
		       pfn - head, head, *seen);
}

int oracle_thp_consistency(void)
{
	size_t nr = kshim_memmap_end_pfn - kshim_memmap_start_pfn + 1;
	struct thp_walk w = { .sparse = true };
	int n = 0, m;
	unsigned long k;

	if (nr > sparse.nr) {
		free(sparse.base_of);
		sparse.base_of = calloc(nr, sizeof(unsigned long));
		sparse.nr = sparse.base_of ? nr : 0;
		if (!sparse.base_of)
			sim_out_of_memory("the THP oracle's map of %zu pages",
					  nr);
	}
	w.base_of = sparse.base_of;
	w.n = &n;
	for (m = 0; m < mm_registry_count(); m++) {
		oracle_walk_mm(mm_registry_get(m), thp_pmd, thp_pte, &w);
		/* placements are per mm */
		for (k = 0; k < sparse.nr_seen; k++)
			sparse.base_of[sparse.seen[k]] = 0;
		sparse.nr_seen = 0;
	}
	return n;
}

/* The plain way: a map of every page, cleared for each mm */
int oracle_thp_consistency_full(void)
{
	size_t nr = kshim_memmap_end_pfn - kshim_memmap_start_pfn + 1;
	struct thp_walk w = { .base_of = calloc(nr, sizeof(unsigned long)) };
	int n = 0, m;

	if (!w.base_of)
		sim_out_of_memory("the THP oracle's map of %zu pages", nr);
	w.n = &n;
	for (m = 0; m < mm_registry_count(); m++) {
		/* placements are per mm */
		memset(w.base_of, 0, nr * sizeof(*w.base_of));
		oracle_walk_mm(mm_registry_get(m), thp_pmd, thp_pte, &w);
	}
	free(w.base_of);
	return n;
}

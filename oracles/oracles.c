// SPDX-License-Identifier: GPL-2.0-only
/*
 * Machine-wide oracles (see oracles.h).  They walk every mm the model
 * knows (mm_registry), without scheduling points: they observe, they
 * are not part of the simulated execution.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/mm.h>
#include <kshim/sim.h>
#include "mm_model/hw/memmap.h"
#include "oracles/oracles.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/hw/tlb.h"
#include "mm_model/mm/vma.h"

#define ORACLE_MAX_REPORTS 8	/* findings per oracle and check */

static int report(int *n, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int report(int *n, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	if ((*n)++ >= ORACLE_MAX_REPORTS)
		return 0;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sim_finding(SIM_FINDING_ORACLE, __FILE__, __LINE__, "oracle", "%s",
		    msg);
	return 0;
}

/* What the page table grants for @addr: present pfn and writability. */
static bool table_grant(struct mm_struct *mm, unsigned long addr,
			unsigned long *pfn, bool *writable)
{
	pmd_t *pmd;
	pte_t *pte;
	unsigned long val;

	if (!pgtable_lookup(mm, addr, &pmd, &pte) || !pmd)
		return false;
	if (pmd_leaf(*pmd)) {
		val = pmd_val(*pmd);
		if (!(val & _PAGE_PRESENT))
			return false;
		*pfn = pmd_pfn(*pmd) + ((addr & ~PMD_MASK) >> PAGE_SHIFT);
	} else {
		if (!pte)
			return false;
		val = pte_val(*pte);
		if (!(val & _PAGE_PRESENT))
			return false;
		*pfn = pte_pfn(*pte);
	}
	*writable = val & _PAGE_RW;
	return true;
}

int oracle_tlb_coherence(void)
{
	int n = 0, cpu, i, m;

	for (m = 0; m < mm_registry_count(); m++) {
		struct mm_struct *mm = mm_registry_get(m);

		if (atomic_read(&mm->tlb_flush_pending))
			continue;	/* a flush is still owed: allowed */
		for (cpu = 0; cpu < tlb_nr_cpus(); cpu++) {
			for (i = 0; i < TLB_ENTRIES; i++) {
				const struct tlb_entry *e = tlb_entry_at(cpu, i);
				unsigned long pfn;
				bool w;

				if (!e->valid || e->mm != mm)
					continue;
				if (!table_grant(mm, e->vaddr, &pfn, &w))
					report(&n, "tlb_coherence: cpu%d caches "
					       "%#lx, not present in the table",
					       cpu, e->vaddr);
				else if (pfn != e->pfn)
					report(&n, "tlb_coherence: cpu%d caches "
					       "%#lx -> pfn %#lx, table has %#lx",
					       cpu, e->vaddr, e->pfn, pfn);
				else if (e->writable && !w)
					report(&n, "tlb_coherence: cpu%d caches "
					       "%#lx writable, table read-only",
					       cpu, e->vaddr);
			}
		}
	}
	return n;
}

struct counts {
	int *pte_maps;		/* per pfn: PTEs mapping the page */
	int *pmd_maps;		/* per head pfn: PMDs mapping the folio */
	int *n;			/* findings reported */
};

/*
 * Every entry of @mm's VMAs: @pmd_fn on each PMD leaf (present, a hint
 * or invalidated), @pte_fn on each present PTE (a hint included) that
 * maps a real page (not the zero page).
 */
static void walk_mm(struct mm_struct *mm,
		    void (*pmd_fn)(unsigned long addr, pmd_t pmd, void *arg),
		    void (*pte_fn)(unsigned long addr, pte_t pte, void *arg),
		    void *arg)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->kshim_vmas, kshim_node) {
		unsigned long addr;

		for (addr = vma->vm_start; addr < vma->vm_end;) {
			pmd_t *pmd;
			pte_t *pte;

			if (!pgtable_lookup(mm, addr, &pmd, &pte) || !pmd ||
			    pmd_none(*pmd)) {
				addr = (addr + PMD_SIZE) & PMD_MASK;
				continue;
			}
			if (pmd_leaf(*pmd)) {
				pmd_fn(addr & PMD_MASK, *pmd, arg);
				addr = (addr + PMD_SIZE) & PMD_MASK;
				continue;
			}
			if (pte && pte_present(*pte) &&
			    !is_zero_pfn(pte_pfn(*pte)) &&
			    pfn_valid(pte_pfn(*pte)))
				pte_fn(addr, *pte, arg);
			addr += PAGE_SIZE;
		}
	}
}

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
		report(c->n, "conservation: %#lx maps pfn %#lx, a free page",
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
			report(n, "conservation: pfn %#lx has _mapcount %d, "
			       "mapped by %d PTEs", head + i,
			       atomic_read(&folio_page(folio, i)->_mapcount) + 1,
			       maps);
	}
	if (!folio_test_large(folio)) {
		if (folio_mapcount(folio) != ptes)
			report(n, "conservation: pfn %#lx: mapcount %d, "
			       "mapped by %ld PTEs", head,
			       folio_mapcount(folio), ptes);
	} else {
		if (folio_large_mapcount(folio) != ptes + pmds)
			report(n, "conservation: folio %#lx: large mapcount "
			       "%d, mapped %ld + %d times", head,
			       folio_large_mapcount(folio), ptes, pmds);
		if (folio_entire_mapcount(folio) != pmds)
			report(n, "conservation: folio %#lx: entire mapcount "
			       "%d, %d PMDs", head,
			       folio_entire_mapcount(folio), pmds);
	}
	/* each PTE mapping holds a reference, each PMD mapping one */
	refs = ptes + pmds;
	if (folio_ref_count(folio) != refs)
		report(n, "conservation: folio %#lx: refcount %d, %d "
		       "mappings hold references%s", head,
		       folio_ref_count(folio), refs,
		       refs ? "" : " (leaked)");
}

int oracle_conservation(void)
{
	unsigned long base = kshim_memmap_start_pfn;
	unsigned long nr = kshim_memmap_end_pfn - base, pfn;
	struct counts c;
	int n = 0, m;

	c.pte_maps = calloc(nr, sizeof(int));
	c.pmd_maps = calloc(nr, sizeof(int));
	c.n = &n;
	if (!c.pte_maps || !c.pmd_maps)
		abort();
	for (m = 0; m < mm_registry_count(); m++)
		walk_mm(mm_registry_get(m), count_pmd, count_pte, &c);
	for (pfn = memmap_next_used(base); pfn < base + nr;
	     pfn = memmap_next_used(pfn + 1)) {
		struct page *page = pfn_to_page(pfn);

		if (is_zero_pfn(pfn) || PageTail(page))
			continue;
		check_folio(page_folio(page), &c, &n);
	}
	free(c.pte_maps);
	free(c.pmd_maps);
	return n;
}

/* thp_consistency: each folio mapped where its own pages belong */
struct thp_walk {
	unsigned long *base_of;	/* per head pfn: where its page 0 is */
	int *n;
};

static void thp_pmd(unsigned long addr, pmd_t pmd, void *arg)
{
	struct thp_walk *w = arg;
	unsigned long pfn = pmd_pfn(pmd);
	struct folio *folio = pfn_valid(pfn) ? pfn_folio(pfn) : NULL;

	/* present or a hint: the entry is the folio's */
	if ((pmd_val(pmd) & (_PAGE_PRESENT | _PAGE_PROTNONE)) &&
	    (!folio || folio_pfn(folio) != pfn ||
	     folio_order(folio) != HPAGE_PMD_ORDER))
		report(w->n, "thp_consistency: the PMD at %#lx maps pfn %#lx, "
		       "not the head of a PMD-size folio", addr, pfn);
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
	if (!*seen)
		*seen = base;
	else if (*seen != base)
		report(w->n, "thp_consistency: %#lx maps page %lu of folio "
		       "%#lx, whose page 0 is at %#lx: out of place", addr,
		       pfn - head, head, *seen);
}

int oracle_thp_consistency(void)
{
	size_t nr = kshim_memmap_end_pfn - kshim_memmap_start_pfn + 1;
	struct thp_walk w = { .base_of = calloc(nr, sizeof(unsigned long)) };
	int n = 0, m;

	if (!w.base_of)
		abort();
	w.n = &n;
	for (m = 0; m < mm_registry_count(); m++) {
		/* placements are per mm */
		memset(w.base_of, 0, nr * sizeof(*w.base_of));
		walk_mm(mm_registry_get(m), thp_pmd, thp_pte, &w);
	}
	free(w.base_of);
	return n;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page tables of the simulated machine: a 512-entry pgd per mm whose
 * entries (the folded pud) point at PMD tables, PMD entries at PTE
 * tables or huge leaves.  Each table page carries its split lock, as
 * ptdesc does.  Mirrors the allocation and mapping rules of
 * mm/memory.c:__pte_alloc()/pmd_install() and
 * mm/pgtable-generic.c:__pte_offset_map*() (6.12).
 */
#include <stdlib.h>
#include <string.h>
#include <linux/bug.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <asm-generic/memory_model.h>
#include <kshim/sim.h>
#include "mm_model/hw/pgtable.h"

void *pgtable_alloc_table(void)
{
	struct kshim_ptdesc *pt;

	/* a page-aligned table, so entries can hold its "physical" address */
	pt = aligned_alloc(PAGE_SIZE, ALIGN(sizeof(*pt), PAGE_SIZE));
	if (!pt)
		sim_out_of_memory("a page table");
	memset(pt, 0, sizeof(*pt));
	spin_lock_init(&pt->ptl);
	return pt;
}

pgd_t *pgtable_alloc_pgd(void)
{
	return pgtable_alloc_table();
}

static void free_pmd_table(pmd_t *pmds)
{
	int j;

	for (j = 0; j < PTRS_PER_PMD; j++)
		if (!pmd_none(pmds[j]) && !pmd_leaf(pmds[j]))
			free(kshim_entry_table(pmd_val(pmds[j])));
	free(pmds);
}

void pgtable_free_all(pgd_t *pgd)
{
	int i, k;

	if (!pgd)
		return;
	for (i = 0; i < PTRS_PER_PGD; i++) {
		pud_t *puds;

		if (pgd_none(pgd[i]))
			continue;
		puds = kshim_entry_table(pgd_val(pgd[i]));
		for (k = 0; k < PTRS_PER_PUD; k++)
			if (!pud_none(puds[k]))
				free_pmd_table(kshim_entry_table(pud_val(puds[k])));
		free(puds);
	}
	free(pgd);
}

static const struct pt_store_observer *pt_observer;
static pt_transition_fn pt_transition;

void pt_store_observer_set(const struct pt_store_observer *obs)
{
	pt_observer = obs;
}

void pt_transition_watch(pt_transition_fn fn)
{
	pt_transition = fn;
}

/*
 * The class of an entry by the x86 helpers' tests
 * (arch/x86/include/asm/pgtable.h:pte_present(), pte_protnone(),
 * pmd_leaf(), pmd_present()): what a hint fault, the scanner and a THP
 * split change of it.
 */
unsigned int pt_class_of(uint64_t entry, bool pmd)
{
	unsigned int c = 0;
	pte_t pte = __pte(entry);

	if (pmd) {
		pmd_t e = __pmd(entry);

		c = PT_CLASS_PMD;
		if (pmd_none(e))
			return c | PT_CLASS_NONE;
		if (!pmd_present(e))
			return c | PT_CLASS_SWAP;
		if (!pmd_leaf(e))
			return c | PT_CLASS_PRESENT;
		if (pmd_protnone(e))
			c |= PT_CLASS_PROTNONE;
		else if (!(entry & _PAGE_PRESENT))
			c |= PT_CLASS_INVALID;
		else
			c |= PT_CLASS_LEAF;
	} else {
		if (pte_none(pte))
			return PT_CLASS_NONE;
		if (!pte_present(pte))
			return PT_CLASS_SWAP;
		c = pte_protnone(pte) ? PT_CLASS_PROTNONE : PT_CLASS_PRESENT;
	}
	if (kshim_arch_arm64()) {
		/* arm64: AF, pte_dirty() (hardware or software), PTE_WRITE */
		if (arm64_pte_young(entry))
			c |= PT_CLASS_A;
		if (arm64_pte_dirty(entry))
			c |= PT_CLASS_D;
		if (arm64_pte_write(entry))
			c |= PT_CLASS_W;
		return c;
	}
	if (entry & _PAGE_ACCESSED)
		c |= PT_CLASS_A;
	if (entry & _PAGE_DIRTY)
		c |= PT_CLASS_D;
	if (entry & _PAGE_RW)
		c |= PT_CLASS_W;
	return c;
}

/*
 * Encodings checked at every store, before it (x86-64, SDM vol. 3
 * §4.5), so that an entry the MMU could not walk never reaches a table.
 * A present entry (P, or PROTNONE: a NUMA hint) maps a pfn of the
 * machine's memmap.  The machine has the 52 physical address bits of
 * PTE_PFN_MASK, so no pfn bit is reserved as such: a pfn past the
 * memmap is what no RAM backs.  A PMD leaf (PSE, present or invalidated)
 * maps a 2 MiB block wholly in the memmap, and its address bits 20:13
 * are reserved (bit 12 is PAT): pmd_pfn() masks them off, so they are
 * checked in the raw entry, where a NUMA hint's inversion leaves them
 * alone too (flip_protnone_guard() flips PHYSICAL_PMD_PAGE_MASK only).
 * A present PMD that is no leaf points at a PTE table with a table's
 * flags (!pmd_bad()).  Non-present entries (swap, migration) hold no
 * pfn the MMU reads.  O(1): this is every page-table store.
 */
#define PMD_LEAF_RSVD_MASK \
	(PTE_PFN_MASK & ~PHYSICAL_PMD_PAGE_MASK & ~_PAGE_PAT_LARGE)

static inline void check_pte_store(pte_t pte)
{
	if (pte_present(pte))
		BUG_ON(!pfn_valid(pte_pfn(pte)));
}

static inline void check_pmd_store(pmd_t pmd)
{
	unsigned long pfn;

	if (!pmd_present(pmd))
		return;
	if (!pmd_leaf(pmd)) {
		BUG_ON(pmd_bad(pmd) || !kshim_entry_table(pmd_val(pmd)));
		return;
	}
	BUG_ON(pmd_val(pmd) & PMD_LEAF_RSVD_MASK);
	pfn = pmd_pfn(pmd);
	BUG_ON(!pfn_valid(pfn) || !pfn_valid(pfn + HPAGE_PMD_NR - 1));
}

/* Every store is seen by the observer (the hint-ownership oracle). */
void kshim_pte_store(pte_t *ptep, pte_t pte)
{
	pte_t old = READ_ONCE(*ptep);

	check_pte_store(pte);
	WRITE_ONCE(*ptep, pte);
	if (pt_observer)
		pt_observer->pte_store(ptep, pte_val(old), pte_val(pte));
	if (pt_transition)
		pt_transition(pt_class_of(pte_val(old), false),
			      pt_class_of(pte_val(pte), false));
}

void kshim_pmd_store(pmd_t *pmdp, pmd_t pmd)
{
	pmd_t old = READ_ONCE(*pmdp);

	check_pmd_store(pmd);
	WRITE_ONCE(*pmdp, pmd);
	if (pt_observer)
		pt_observer->pmd_store(pmdp, pmd_val(old), pmd_val(pmd));
	if (pt_transition)
		pt_transition(pt_class_of(pmd_val(old), true),
			      pt_class_of(pmd_val(pmd), true));
}

/* mm/memory.c:__pud_alloc(): the p4d (= pgd) entry gets a PUD table */
pud_t *pud_alloc(struct mm_struct *mm, p4d_t *p4d, unsigned long address)
{
	pgd_t *pgd = &p4d->pgd;

	if (pgd_none(pgdp_get(pgd))) {
		void *table = pgtable_alloc_table();

		if (!table)
			return NULL;
		spin_lock(&mm->page_table_lock);
		if (pgd_none(pgdp_get(pgd))) {	/* p4d_populate() */
			sim_point(SIM_PT_PT_STORE, pgd);
			WRITE_ONCE(*pgd, __pgd(__pa(table) |
					       kshim_page_table_bits()));
			table = NULL;
		}
		spin_unlock(&mm->page_table_lock);
		free(table);
	}
	return pud_offset(p4d, address);
}

/* mm/memory.c:__pmd_alloc(): the pud entry gets a PMD table */
pmd_t *pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long addr)
{
	if (pud_none(pudp_get(pud))) {
		void *table = pgtable_alloc_table();

		if (!table)
			return NULL;
		spin_lock(&mm->page_table_lock);
		if (pud_none(pudp_get(pud))) {	/* pud_populate() */
			sim_point(SIM_PT_PT_STORE, pud);
			WRITE_ONCE(*pud, __pud(__pa(table) |
					       kshim_page_table_bits()));
			table = NULL;
		}
		spin_unlock(&mm->page_table_lock);
		free(table);
	}
	return pmd_offset(pud, addr);
}

pmd_t *pgtable_pmd_alloc(struct mm_struct *mm, unsigned long addr)
{
	pud_t *pud = pud_alloc(mm, p4d_offset(pgd_offset(mm, addr), addr),
			       addr);

	return pud ? pmd_alloc(mm, pud, addr) : NULL;
}

/* mm/memory.c:__pte_alloc() + pmd_install(): populate under pmd_lock */
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
	void *table = pgtable_alloc_table();
	spinlock_t *ptl;

	if (!table)
		return -ENOMEM;
	ptl = pmd_lock(mm, pmd);
	if (likely(pmd_none(*pmd))) {
		set_pmd_at(mm, 0, pmd,
			   __pmd(__pa(table) | kshim_page_table_bits()));
		table = NULL;
	}
	spin_unlock(ptl);
	free(table);
	return 0;
}

pte_t *__pte_offset_map(pmd_t *pmd, unsigned long addr, pmd_t *pmdvalp)
{
	pmd_t pmdval = pmdp_get_lockless(pmd);

	if (pmdvalp)
		*pmdvalp = pmdval;
	if (unlikely(pmd_none(pmdval) || !pmd_present(pmdval)))
		return NULL;
	if (unlikely(pmd_trans_huge(pmdval) || pmd_devmap(pmdval)))
		return NULL;
	if (unlikely(pmd_bad(pmdval))) {
		WARN_ONCE(1, "bad pmd %016lx\n", (unsigned long)pmd_val(pmdval));
		return NULL;
	}
	return (pte_t *)kshim_entry_table(pmd_val(pmdval)) + pte_index(addr);
}

pte_t *pte_offset_map_nolock(struct mm_struct *mm, pmd_t *pmd,
			     unsigned long addr, spinlock_t **ptlp)
{
	pmd_t pmdval;
	pte_t *pte = __pte_offset_map(pmd, addr, &pmdval);

	if (pte)
		*ptlp = pte_lockptr(mm, &pmdval);
	return pte;
}

pte_t *pte_offset_map_lock(struct mm_struct *mm, pmd_t *pmd,
			   unsigned long addr, spinlock_t **ptlp)
{
	spinlock_t *ptl;
	pmd_t pmdval;
	pte_t *pte;

	for (;;) {
		pte = __pte_offset_map(pmd, addr, &pmdval);
		if (unlikely(!pte))
			return NULL;
		ptl = pte_lockptr(mm, &pmdval);
		spin_lock(ptl);
		if (likely(pmd_same(pmdval, pmdp_get_lockless(pmd)))) {
			*ptlp = ptl;
			return pte;
		}
		pte_unmap_unlock(pte, ptl);
	}
}

static bool lookup(struct mm_struct *mm, unsigned long addr, pmd_t **pmdp,
		   pte_t **ptep, bool announce)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	pud_t *pud;
	pmd_t *pmd;

	*pmdp = NULL;
	*ptep = NULL;
	if (pgd_none(announce ? pgdp_get(pgd) : READ_ONCE(*pgd)))
		return false;
	pud = pud_offset(p4d_offset(pgd, addr), addr);
	if (pud_none(announce ? pudp_get(pud) : READ_ONCE(*pud)))
		return false;
	pmd = pmd_offset(pud, addr);
	*pmdp = pmd;
	if (pmd_none(*pmd) || pmd_leaf(*pmd) || !pmd_present(*pmd))
		return true;
	*ptep = (pte_t *)kshim_entry_table(pmd_val(*pmd)) + pte_index(addr);
	return true;
}

bool pgtable_lookup(struct mm_struct *mm, unsigned long addr, pmd_t **pmdp,
		    pte_t **ptep)
{
	return lookup(mm, addr, pmdp, ptep, true);
}

bool pgtable_peek(struct mm_struct *mm, unsigned long addr, pmd_t **pmdp,
		  pte_t **ptep)
{
	return lookup(mm, addr, pmdp, ptep, false);
}

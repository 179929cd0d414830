/* SPDX-License-Identifier: GPL-2.0-only */
/* The model's page-table storage (mm_model/hw/pgtable.c). */
#ifndef FAULTSIM_MM_MODEL_PGTABLE_H
#define FAULTSIM_MM_MODEL_PGTABLE_H

#include <linux/mm.h>

/* One zeroed, page-aligned table with its split lock (pte_alloc_one()). */
void *pgtable_alloc_table(void);
pgd_t *pgtable_alloc_pgd(void);
/* Frees every table under @pgd and @pgd itself (not the folios). */
void pgtable_free_all(pgd_t *pgd);
/* All levels down to the PMD entry of @addr, allocating tables. */
pmd_t *pgtable_pmd_alloc(struct mm_struct *mm, unsigned long addr);
/*
 * A walk for the model: the PMD entry for @addr (NULL if no PMD table)
 * and the PTE (NULL if the PMD is none or a leaf).  Returns false when
 * no PMD table exists.  The pgd and pud loads are scheduling points
 * (pgdp_get()/pudp_get()), as a kernel walk's are: the fault path
 * populates them concurrently.  The PMD and PTE are not loaded for the
 * caller; it loads them itself, with points.
 */
bool pgtable_lookup(struct mm_struct *mm, unsigned long addr, pmd_t **pmdp,
		    pte_t **ptep);
/* The same walk with no scheduling point: for observers (oracles, checks) */
bool pgtable_peek(struct mm_struct *mm, unsigned long addr, pmd_t **pmdp,
		  pte_t **ptep);

/*
 * Who watches every page-table store (kshim_pte_store(),
 * kshim_pmd_store()): the hint-ownership oracle (oracles/hint_owner.c)
 * attaches itself here, so the model below it names no oracle.  One
 * observer at a time; NULL detaches.
 */
struct pt_store_observer {
	void (*pte_store)(void *slot, uint64_t old, uint64_t new);
	void (*pmd_store)(void *slot, uint64_t old, uint64_t new);
};

void pt_store_observer_set(const struct pt_store_observer *obs);

/*
 * An entry's state class, for the fuzzer's PTE-transition features
 * (docs/fuzzing.md): bits 2:0 the kind (PT_CLASS_*), bit 3 accessed,
 * bit 4 dirty, bit 5 writable, bit 6 a PMD.  pt_class_of() reads a raw
 * PTE (@pmd false) or PMD entry; no scheduling point.
 */
enum {
	PT_CLASS_NONE,		/* empty */
	PT_CLASS_PRESENT,	/* maps a page (PTE) or a PTE table (PMD) */
	PT_CLASS_PROTNONE,	/* a NUMA hint: present, inaccessible */
	PT_CLASS_SWAP,		/* non-present: swap, migration entry */
	PT_CLASS_LEAF,		/* a present PMD leaf (a THP) */
	PT_CLASS_INVALID,	/* a PMD leaf invalidated (pmdp_invalidate) */
};
#define PT_CLASS_A	(1U << 3)
#define PT_CLASS_D	(1U << 4)
#define PT_CLASS_W	(1U << 5)
#define PT_CLASS_PMD	(1U << 6)
unsigned int pt_class_of(uint64_t entry, bool pmd);

/*
 * A second watcher of every page-table store, apart from the oracle's:
 * the fuzzing harness (tests/fuzz/run/) counts each (old class -> new
 * class) transition as a feature.  NULL detaches.
 */
typedef void (*pt_transition_fn)(unsigned int old_class,
				 unsigned int new_class);
void pt_transition_watch(pt_transition_fn fn);

#endif

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

#endif

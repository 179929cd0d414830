// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a scheduling point's object is, in the kernel's words: a walk of
 * one mm's tables (mm_model/hw/pgtable.c's layout: pgd -> pud -> pmd ->
 * pte tables, each table page with its split lock) looking for the
 * pointer.  Only the readable log and the timeline call it, so a plain
 * walk per call is cheap enough.
 */
#include <stdio.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include "mm_model/hw/pgtable_names.h"

struct hit {
	const void *obj;
	char *buf;
	size_t len;
	uint64_t *val;
};

static bool in_table(const void *obj, const void *table, size_t n, size_t sz,
		     size_t *index)
{
	uintptr_t p = (uintptr_t)obj, t = (uintptr_t)table;

	if (p < t || p >= t + n * sz || (p - t) % sz)
		return false;
	*index = (p - t) / sz;
	return true;
}

/*
 * An entry that points at a table holds the table's host address: its
 * flags only, so that what is logged is the same on every run.
 */
static uint64_t table_flags(uint64_t v)
{
	return v & ~PTE_PFN_MASK;
}

/* "pfn=0x101" of a present or hinted (PROT_NONE) entry, else "" */
static void name_entry(struct hit *h, const char *level, unsigned long addr,
		       uint64_t v, bool maps, unsigned long pfn)
{
	*h->val = v;
	if (maps)
		snprintf(h->buf, h->len, "%s@0x%lx pfn=0x%lx", level, addr,
			 pfn);
	else
		snprintf(h->buf, h->len, "%s@0x%lx", level, addr);
}

static enum pgtable_obj walk_pte_table(struct hit *h, pte_t *ptes,
				       unsigned long base)
{
	size_t i;
	pte_t pte;

	if (h->obj == &kshim_table_ptdesc(ptes)->ptl) {
		snprintf(h->buf, h->len, "ptl(pmd@0x%lx)", base);
		return PGTABLE_OBJ_PTL;
	}
	if (!in_table(h->obj, ptes, PTRS_PER_PTE, sizeof(pte_t), &i))
		return PGTABLE_OBJ_NONE;
	pte = ptes[i];
	name_entry(h, "pte", base + (i << PAGE_SHIFT), pte_val(pte),
		   pte_present(pte), pte_pfn(pte));
	return PGTABLE_OBJ_PTE;
}

static enum pgtable_obj walk_pmd_table(struct hit *h, pmd_t *pmds,
				       unsigned long base)
{
	enum pgtable_obj found;
	unsigned long addr;
	size_t j;
	pmd_t pmd;

	if (h->obj == &kshim_table_ptdesc(pmds)->ptl) {
		snprintf(h->buf, h->len, "ptl(pud@0x%lx)", base);
		return PGTABLE_OBJ_PTL;
	}
	if (in_table(h->obj, pmds, PTRS_PER_PMD, sizeof(pmd_t), &j)) {
		pmd = pmds[j];
		name_entry(h, "pmd", base + (j << PMD_SHIFT),
			   pmd_leaf(pmd) ? pmd_val(pmd) : table_flags(pmd_val(pmd)),
			   pmd_leaf(pmd) && pmd_present(pmd), pmd_pfn(pmd));
		return PGTABLE_OBJ_PMD;
	}
	for (j = 0; j < PTRS_PER_PMD; j++) {
		pmd = pmds[j];
		if (pmd_none(pmd) || pmd_leaf(pmd) || !pmd_present(pmd))
			continue;
		addr = base + (j << PMD_SHIFT);
		found = walk_pte_table(h, kshim_entry_table(pmd_val(pmd)),
				       addr);
		if (found)
			return found;
	}
	return PGTABLE_OBJ_NONE;
}

enum pgtable_obj pgtable_name_obj(struct mm_struct *mm, const void *obj,
				  char *buf, size_t len, uint64_t *val)
{
	struct hit h = { .obj = obj, .buf = buf, .len = len, .val = val };
	enum pgtable_obj found;
	unsigned long base;
	pud_t *puds;
	size_t i, k;

	*val = 0;
	if (!mm || !obj)
		return PGTABLE_OBJ_NONE;
	if (obj == &mm->mmap_lock || obj == &mm->page_table_lock) {
		snprintf(buf, len, "%s", obj == &mm->mmap_lock ?
			 "mmap_lock" : "page_table_lock");
		return PGTABLE_OBJ_MM_LOCK;
	}
	if (!mm->pgd)
		return PGTABLE_OBJ_NONE;
	if (in_table(obj, mm->pgd, PTRS_PER_PGD, sizeof(pgd_t), &i)) {
		*val = table_flags(pgd_val(mm->pgd[i]));
		snprintf(buf, len, "pgd@0x%lx", (unsigned long)i << PGDIR_SHIFT);
		return PGTABLE_OBJ_UPPER;
	}
	for (i = 0; i < PTRS_PER_PGD; i++) {
		if (pgd_none(mm->pgd[i]))
			continue;
		puds = kshim_entry_table(pgd_val(mm->pgd[i]));
		if (in_table(obj, puds, PTRS_PER_PUD, sizeof(pud_t), &k)) {
			*val = table_flags(pud_val(puds[k]));
			snprintf(buf, len, "pud@0x%lx",
				 (i << PGDIR_SHIFT) | (k << PUD_SHIFT));
			return PGTABLE_OBJ_UPPER;
		}
		for (k = 0; k < PTRS_PER_PUD; k++) {
			if (pud_none(puds[k]))
				continue;
			base = (i << PGDIR_SHIFT) | (k << PUD_SHIFT);
			found = walk_pmd_table(&h,
				kshim_entry_table(pud_val(puds[k])), base);
			if (found)
				return found;
		}
	}
	return PGTABLE_OBJ_NONE;
}

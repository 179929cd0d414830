/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Names for the objects of scheduling points (mm_model/hw/pgtable_names.c):
 * the engine logs a point's object as an opaque pointer; the readable log
 * and the schedule timeline (app/) ask the model what it is.
 */
#ifndef FAULTSIM_MM_MODEL_PGTABLE_NAMES_H
#define FAULTSIM_MM_MODEL_PGTABLE_NAMES_H

#include <stddef.h>
#include <stdint.h>
#include <linux/mm.h>

enum pgtable_obj {
	PGTABLE_OBJ_NONE,	/* not an object of @mm's page tables */
	PGTABLE_OBJ_PTE,	/* "pte@0x7f0000001000 pfn=0x101" */
	PGTABLE_OBJ_PMD,	/* "pmd@0x7f0000000000" (+ pfn for a leaf) */
	PGTABLE_OBJ_UPPER,	/* a pgd or pud entry: "pud@0x7f..." */
	PGTABLE_OBJ_PTL,	/* a table's split lock: "ptl(pmd@0x7f...)" */
	PGTABLE_OBJ_MM_LOCK,	/* "mmap_lock", "page_table_lock" */
};

/*
 * Names @obj if it is an entry of @mm's page tables, a table's split
 * lock, or @mm's mmap_lock or page_table_lock; the address an entry
 * names is the first it maps.  A PTE table's lock is named by the PMD
 * entry that points at the table ("ptl(pmd@A)", pte_lockptr()), a PMD
 * table's by the PUD entry ("ptl(pud@A)", pmd_lockptr()).  For an entry
 * *@val gets its value now (else 0); for one that points at a table its
 * flags only (the table's address is the host's, different each run).  A walk of @mm's tables with no
 * scheduling point, for observers only.  @mm may be NULL (none).
 */
enum pgtable_obj pgtable_name_obj(struct mm_struct *mm, const void *obj,
				  char *buf, size_t len, uint64_t *val);

#endif

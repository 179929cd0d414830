/* SPDX-License-Identifier: GPL-2.0-only */
/* What the machine-wide oracles share (oracles/walk.c). */
#ifndef FAULTSIM_ORACLES_WALK_H
#define FAULTSIM_ORACLES_WALK_H

#include <linux/mm_types.h>

#define ORACLE_MAX_REPORTS 8	/* findings per oracle and check */

/*
 * One finding "<oracle>: <detail>" (kind ORACLE), counted in *@n; past
 * ORACLE_MAX_REPORTS per check only the count grows.  Returns 0.
 */
int oracle_report(int *n, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Every entry of @mm's VMAs: @pmd_fn on each PMD leaf (present, a hint
 * or invalidated), @pte_fn on each present PTE (a hint included) that
 * maps a real page (not the zero page).
 */
void oracle_walk_mm(struct mm_struct *mm,
		    void (*pmd_fn)(unsigned long addr, pmd_t pmd, void *arg),
		    void (*pte_fn)(unsigned long addr, pte_t pte, void *arg),
		    void *arg);

#endif

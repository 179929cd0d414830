/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ground truth of hint ownership, for the routing and restoration
 * oracles (oracles/hint_owner.c).  Every page-table store passes here;
 * a store that makes an entry a hint (present in the kernel's sense,
 * _PAGE_PROTNONE without _PAGE_PRESENT) records who installed it: the
 * consumer whose install is running on this thread (the NUMA scanner's
 * change_prot_numa(), a design's DAMON install).  A store that ends a
 * hint inside a consumer's fault handler (hint_consume()) is checked:
 * the handler must be the installer's (routing) and the restored entry
 * must keep to the kernel's rules (restoration).  Any other store that
 * ends a hint (mprotect, zap, migration, split) just forgets it.
 */
#ifndef FAULTSIM_ORACLES_HINT_OWNER_H
#define FAULTSIM_ORACLES_HINT_OWNER_H

#include <stdbool.h>
#include <stdint.h>
#include "mm_model/mm/hint_events.h"


/* Per-run tallies, for the matrix and the tests. */
struct hint_stats {
	uint64_t installed[HINT_NR_OWNERS];	/* hints made, by installer */
	/* hints ended in a fault handler: [installer][handler] */
	uint64_t resolved[HINT_NR_OWNERS][HINT_NR_OWNERS];
	uint64_t forgotten[HINT_NR_OWNERS];	/* ended outside a handler */
	uint64_t numa_effects[HINT_NR_OWNERS];	/* task_numa_fault() calls */
	uint64_t damon_reports[HINT_NR_OWNERS];	/* DAMON access reports */
};

void hint_owner_reset(void);
const struct hint_stats *hint_owner_stats(void);


/* Who installed the hint in the PTE or PMD slot @slot (NONE if none). */
enum hint_owner hint_owner_of(const void *slot);

/* kshim_pte_store() / kshim_pmd_store() report every store here. */
void hint_owner_pte_store(void *slot, uint64_t old, uint64_t new);
void hint_owner_pmd_store(void *slot, uint64_t old, uint64_t new);
/* hint_consume() when the handler returns: hints it ended but left none */
void hint_owner_handler_done(void);

/*
 * Effects of a resolved hint, checked against its owner: NUMA
 * balancing's accounting (task_numa_fault()) and DAMON's report.  They
 * count against the hint this thread's handler last resolved.
 */
void hint_owner_numa_effect(const char *what);
void hint_owner_damon_report(void);

#endif

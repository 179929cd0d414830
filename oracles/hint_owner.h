/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ground truth of hint ownership, for the routing and restoration
 * oracles (oracles/hint_owner.c).  They need no hook in the fault path:
 *
 *  - ownership is known at installation: a store that makes an entry a
 *    hint (_PAGE_PROTNONE without _PAGE_PRESENT) records the installer
 *    bracketed on the task (the NUMA scanner, a DAMON install), else the
 *    flags of the change_protection() running on it (MM_CP_PROT_NUMA
 *    alone: NUMA balancing's; a flag 6.12 lacks: a tree's own
 *    installer, known by its flags; else no hint, a PROT_NONE VMA);
 *  - consumption is judged at the consumers' endpoints, per fault: the
 *    model brackets each handle_mm_fault(); every hint a store of that
 *    task ends in between is noted, and when the fault returns its
 *    owner's endpoint must have fired (NUMA: task_numa_fault() or the
 *    numa_hint_faults counter; DAMON: a report), and no other
 *    consumer's for it (a NUMA hint reported to DAMON, a DAMON hint
 *    counted by task_numa_fault()) - routing;
 *  - the entry a fault rebuilds from a hint keeps to the kernel's rules
 *    - restoration.
 *
 * Any other store that ends a hint (mprotect, zap, migration, split by
 * another task) forgets it.
 */
#ifndef FAULTSIM_ORACLES_HINT_OWNER_H
#define FAULTSIM_ORACLES_HINT_OWNER_H

#include <stdbool.h>
#include <stdint.h>
#include "mm_model/mm/hint_events.h"

/* Which consumers' endpoints fired in the fault that ended a hint */
enum hint_effect {
	HINT_EFFECT_NONE,
	HINT_EFFECT_NUMA,	/* task_numa_fault() or numa_hint_faults */
	HINT_EFFECT_DAMON,	/* a DAMON access report */
	HINT_EFFECT_BOTH,
	HINT_NR_EFFECTS,
};

extern const char *const hint_effect_names[HINT_NR_EFFECTS];


/*
 * The routing findings, one word each after "routing: " (the matrix
 * shows it, a design may accept some, designs/design.h):
 *  - misrouted: the owner's endpoint did not fire for its hint, another
 *    consumer's did (the hint was handled as the other's);
 *  - stat_pollution: the owner's fired, and another consumer's
 *    statistics or policy saw the hint too (task_numa_fault() for a
 *    DAMON hint, a DAMON report of a NUMA hint's page);
 *  - lost_report: no consumer's fired for an owned hint it ended;
 *  - double_report: the owner was told twice of one hint.
 */
enum routing_kind {
	ROUTING_MISROUTED,
	ROUTING_STAT_POLLUTION,
	ROUTING_LOST_REPORT,
	ROUTING_DOUBLE_REPORT,
	NR_ROUTING_KINDS,
};

extern const char *const routing_kind_names[NR_ROUTING_KINDS];

/* Per-run tallies, for the matrix and the tests. */
struct hint_stats {
	uint64_t installed[HINT_NR_OWNERS];	/* hints made, by installer */
	/* hints a fault ended: [installer][the endpoints that fired] */
	uint64_t resolved[HINT_NR_OWNERS][HINT_NR_EFFECTS];
	uint64_t forgotten[HINT_NR_OWNERS];	/* ended outside a fault */
	/* by the owner of the hint the fault was on */
	uint64_t numa_effects[HINT_NR_OWNERS];	/* task_numa_fault() calls */
	uint64_t damon_reports[HINT_NR_OWNERS];	/* DAMON access reports */
	uint64_t accepted[NR_ROUTING_KINDS];	/* findings the design accepts */
};

void hint_owner_reset(void);
const struct hint_stats *hint_owner_stats(void);

/* Who installed the hint in the PTE or PMD slot @slot (NONE if none). */
enum hint_owner hint_owner_of(const void *slot);

/* kshim_pte_store() / kshim_pmd_store() report every store here. */
void hint_owner_pte_store(void *slot, uint64_t old, uint64_t new);
void hint_owner_pmd_store(void *slot, uint64_t old, uint64_t new);

#endif

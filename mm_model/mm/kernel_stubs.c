// SPDX-License-Identifier: GPL-2.0-only
/*
 * Small pieces of kernel state and policy the extracted fault and
 * protection code reads, answered from the model: real values, not
 * guesses.  (Model-side globals: kshim_boot() does not reset them; the
 * model sets them when it builds a machine.)
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/memory-tiers.h>
#include <linux/sched/sysctl.h>
#include <kshim/unmodelled.h>
#include <mm/internal.h>
#include "mm_model/hw/memmap.h"

/*
 * mm/init-mm.c:init_mm: the kernel's own mm, which the extracted
 * mm/pagewalk.c names for its no_vma walks (walk_kernel_page_table_range(),
 * not extracted): nothing of the model walks or uses it
 */
struct mm_struct init_mm;

#ifdef CONFIG_NUMA_BALANCING

/* Mirrors mm/memory-tiers.c:folio_use_access_time() */
bool folio_use_access_time(struct folio *folio)
{
	return (sysctl_numa_balancing_mode & NUMA_BALANCING_MEMORY_TIERING) &&
	       !node_is_toptier(folio_nid(folio));
}
#endif

/* Mirrors mm/memory-tiers.c:node_is_toptier(): the model's node tiers */
bool node_is_toptier(int node)
{
	const struct memmap_node *n = memmap_node(node);

	if (!n)
		kshim_unmodelled("node_is_toptier (a node the machine lacks)");
	return n->toptier;
}

/*
 * Mirrors mm/page-writeback.c:folio_mark_dirty() (6.12) for the folios
 * the model has: anonymous without swap cache, so folio_mapping() is
 * NULL and noop_dirty_folio() just sets PG_dirty.
 */
bool folio_mark_dirty(struct folio *folio)
{
	if (!folio_test_anon(folio) || folio_test_swapcache(folio))
		kshim_unmodelled("folio_mark_dirty of a page-cache or swap-cache folio");
	if (folio_test_dirty(folio))
		return false;
	folio_set_dirty(folio);	/* folio_test_set_dirty() */
	return true;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/vmstat.h, vm_event_item.h and the mmzone.h
 * zone counters (6.12).  The VM event counters are real: global (no
 * per-CPU split, one simulated machine), reset at every kshim_boot(), and
 * read by tests and reports under their /proc/vmstat names
 * (kshim_vm_event_name(), kshim_vm_event_read(); kshim/src/vmstat.c).
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

enum zone_stat_item {
	NR_FREE_PAGES,
	NR_ZONE_LRU_BASE,
	NR_VM_ZONE_STAT_ITEMS,
};

unsigned long global_zone_page_state(enum zone_stat_item item);

/*
 * Mirrors include/linux/mmzone.h:enum node_stat_item (6.12), only what
 * mm/migrate.c and mm/damon/paddr.c name; the model keeps no node
 * counters.
 */
enum node_stat_item {
	NR_ISOLATED_ANON,
	NR_ISOLATED_FILE,
	PGPROMOTE_SUCCESS,
	NR_VM_NODE_STAT_ITEMS
};

struct folio;
/*
 * include/linux/vmstat.h:node_stat_add_folio()/node_stat_sub_folio()
 * (6.12): no node counters, loud (mm_model/mm/unmodelled.c); their one
 * caller (DAMOS migration, mm/damon/paddr.c) reaches them right after
 * the model's folio_isolate_lru().
 */
void node_stat_add_folio(struct folio *folio, enum node_stat_item item);
void node_stat_sub_folio(struct folio *folio, enum node_stat_item item);

/*
 * Mirrors include/linux/vm_event_item.h: enum vm_event_item, only the
 * events the code under test and the model count, each under the config
 * that makes it exist in the kernel.  The order is ours (only names are
 * kernel API); kshim/src/vmstat.c gives each its /proc/vmstat name.
 */
enum vm_event_item {
	PGFAULT,
	PGMAJFAULT,
	PGREUSE,
#ifdef CONFIG_NUMA_BALANCING
	NUMA_PTE_UPDATES,
	NUMA_HUGE_PTE_UPDATES,
	NUMA_HINT_FAULTS,
	NUMA_HINT_FAULTS_LOCAL,
	NUMA_PAGE_MIGRATE,
#endif
#ifdef CONFIG_MIGRATION
	PGMIGRATE_SUCCESS,
	PGMIGRATE_FAIL,
	THP_MIGRATION_SUCCESS,
	THP_MIGRATION_FAIL,
	THP_MIGRATION_SPLIT,
#endif
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	THP_FAULT_ALLOC,
	THP_FAULT_FALLBACK,
	THP_SPLIT_PAGE,
	THP_SPLIT_PAGE_FAILED,
	THP_SPLIT_PMD,
	THP_ZERO_PAGE_ALLOC,
	THP_ZERO_PAGE_ALLOC_FAILED,
#endif
	NR_VM_EVENT_ITEMS
};

/* The counters (kshim/src/vmstat.c); one machine-wide sum each. */
extern unsigned long kshim_vm_events[NR_VM_EVENT_ITEMS];

/* Mirrors include/linux/vmstat.h:count_vm_event() and friends (VM_EVENT_COUNTERS) */
static inline void __count_vm_event(enum vm_event_item item)
{
	kshim_vm_events[item]++;
}

static inline void count_vm_event(enum vm_event_item item)
{
	kshim_vm_events[item]++;
}

static inline void __count_vm_events(enum vm_event_item item, long delta)
{
	kshim_vm_events[item] += delta;
}

static inline void count_vm_events(enum vm_event_item item, long delta)
{
	kshim_vm_events[item] += delta;
}

/*
 * enum node_stat_item is above; node statistics are not kept (the model
 * counts vm events only), so migration's updates change nothing.
 */
#define node_stat_mod_folio(folio, item, nr) do { } while (0)
#define mod_node_page_state(pgdat, item, delta) do { } while (0)

/* Mirrors include/linux/vmstat.h:count_vm_numa_event(s) (no-ops without NUMA_BALANCING) */
#ifdef CONFIG_NUMA_BALANCING
#define count_vm_numa_event(x) count_vm_event(x)
#define count_vm_numa_events(x, y) count_vm_events(x, y)
#else
#define count_vm_numa_event(x) do {} while (0)
#define count_vm_numa_events(x, y) do { (void)(y); } while (0)
#endif

/* /proc/vmstat name of @item ("pgfault", "numa_pages_migrated", ...) */
const char *kshim_vm_event_name(enum vm_event_item item);
/* The counter's value since the last kshim_boot() */
unsigned long kshim_vm_event_read(enum vm_event_item item);
/* Zeroes every counter; kshim_boot() calls it */
void kshim_vmstat_reset(void);

#endif

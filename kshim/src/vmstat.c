// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VM event counters (mm/vmstat.c, 6.12: vm_event_states summed over
 * CPUs, and vmstat_text's names): one machine-wide array here, zeroed at
 * each simulated boot, as a freshly booted kernel starts from zero.
 */
#include <string.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/vmstat.h>

unsigned long kshim_vm_events[NR_VM_EVENT_ITEMS];

/* Mirrors mm/vmstat.c:vmstat_text, the event part (names only) */
static const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PGFAULT] = "pgfault",
	[PGREUSE] = "pgreuse",
	[PGMAJFAULT] = "pgmajfault",
#ifdef CONFIG_NUMA_BALANCING
	[NUMA_PTE_UPDATES] = "numa_pte_updates",
	[NUMA_HUGE_PTE_UPDATES] = "numa_huge_pte_updates",
	[NUMA_HINT_FAULTS] = "numa_hint_faults",
	[NUMA_HINT_FAULTS_LOCAL] = "numa_hint_faults_local",
	[NUMA_PAGE_MIGRATE] = "numa_pages_migrated",
#endif
#ifdef CONFIG_MIGRATION
	[PGMIGRATE_SUCCESS] = "pgmigrate_success",
	[PGMIGRATE_FAIL] = "pgmigrate_fail",
	[THP_MIGRATION_SUCCESS] = "thp_migration_success",
	[THP_MIGRATION_FAIL] = "thp_migration_fail",
	[THP_MIGRATION_SPLIT] = "thp_migration_split",
#endif
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	[THP_FAULT_ALLOC] = "thp_fault_alloc",
	[THP_FAULT_FALLBACK] = "thp_fault_fallback",
	[THP_SPLIT_PAGE] = "thp_split_page",
	[THP_SPLIT_PAGE_FAILED] = "thp_split_page_failed",
	[THP_SPLIT_PMD] = "thp_split_pmd",
	[THP_ZERO_PAGE_ALLOC] = "thp_zero_page_alloc",
	[THP_ZERO_PAGE_ALLOC_FAILED] = "thp_zero_page_alloc_failed",
#endif
};

const char *kshim_vm_event_name(enum vm_event_item item)
{
	BUG_ON((unsigned int)item >= NR_VM_EVENT_ITEMS);
	return vm_event_names[item];
}

unsigned long kshim_vm_event_read(enum vm_event_item item)
{
	BUG_ON((unsigned int)item >= NR_VM_EVENT_ITEMS);
	return kshim_vm_events[item];
}

void kshim_vmstat_reset(void)
{
	memset(kshim_vm_events, 0, sizeof(kshim_vm_events));
}

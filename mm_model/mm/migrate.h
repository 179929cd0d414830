/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * NUMA-balancing folio migration in the model (mm_model/mm/migrate.c),
 * after mm/migrate.c (6.12): migrate_misplaced_folio_prepare() and
 * migrate_misplaced_folio() for the real do_numa_page(), migration
 * entries (try_to_migrate()/remove_migration_ptes()), and the wait of a
 * fault that meets one (migration_entry_wait()).  The kernel-facing
 * prototypes are in kshim's linux/migrate.h; this is the model side.
 */
#ifndef FAULTSIM_MM_MODEL_MIGRATE_H
#define FAULTSIM_MM_MODEL_MIGRATE_H

#include <linux/mm.h>
#include <linux/swapops.h>

/* Fault injection: the scenario step "migrate_fail" (docs/scenarios.md). */
enum migrate_fail_when {
	/*
	 * The next prepare calls fail with -EAGAIN where
	 * folio_isolate_lru() would (after the -EACCES, dirty-file and
	 * watermark checks): the hint stays and do_numa_page() rebuilds
	 * it with TNF_MIGRATE_FAIL.
	 */
	MIGRATE_FAIL_BEFORE_UNMAP,
	/*
	 * The next migrations fail once the folio's entries are migration
	 * entries, as an unexpected reference makes __migrate_folio()
	 * fail with -EAGAIN (every retry pass); the entries are then
	 * restored from vm_page_prot for the old folio.
	 */
	MIGRATE_FAIL_AFTER_UNMAP,
};

/* Arms @count more failures of kind @when (counts add up; <= 0: none). */
void migrate_inject_failure(enum migrate_fail_when when, int count);
/* Injected failures not yet consumed. */
int migrate_injected_pending(enum migrate_fail_when when);

/*
 * The high watermark of node @nid in pages, as the kernel would size it
 * for this machine (mm/page_alloc.c, 6.12): min_free_kbytes =
 * clamp(int_sqrt(16 * total KiB), 128, 262144) split over nodes by
 * size, and high = min + 2 * max(min / 4, pages * watermark_scale_factor
 * (10) / 10000).  One zone per node; no lowmem reserve, no boost.
 * migrate_misplaced_folio_prepare() wants free > high + nr.
 */
unsigned long migrate_node_high_wmark(int nid);

/*
 * Back to boot state (machine_init()): no injected failures, no
 * migration in flight, and the rmap's mm registry emptied.
 */
void migrate_reset(void);

/*
 * mm/migrate.c:migration_entry_wait() (6.12): the fault met a migration
 * PTE; wait until the migration that installed it unlocks the folio.
 * pmd_migration_entry_wait() is kshim's (linux/swapops.h).
 */
void migration_entry_wait(struct mm_struct *mm, pmd_t *pmd,
			  unsigned long address);

#endif

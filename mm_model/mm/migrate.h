/* SPDX-License-Identifier: GPL-2.0-only */
/*
 NUMA-balancing folio migration, the model's side (mm_model/mm/migrate.c):
 * mm/migrate.c's migrate_misplaced_folio_prepare() ... migrate_pages()
 * and mm/rmap.c's try_to_migrate() are extracted (6.12); here are the
 * failure injection, the watermark, the folio lock's wait of a fault
 * that meets a migration entry (migration_entry_wait()), and the reset.
 * The kernel-facing prototypes are in kshim (linux/migrate.h,
 * linux/swap.h, linux/pagemap.h, linux/mmzone.h, mm/internal.h).
 */
#ifndef FAULTSIM_MM_MODEL_MIGRATE_H
#define FAULTSIM_MM_MODEL_MIGRATE_H

#include <linux/mm.h>
#include <linux/swapops.h>

/* Fault injection: the scenario step "migrate_fail" (docs/scenarios.md). */
enum migrate_fail_when {
	/*
	 * The next folio_isolate_lru() calls fail, so the prepare returns
	 * -EAGAIN (after its -EACCES, dirty-file and watermark checks): the
	 * hint stays and do_numa_page() rebuilds it with TNF_MIGRATE_FAIL.
	 */
	MIGRATE_FAIL_BEFORE_UNMAP,
	/*
	 * The next migrations fail once the folio's entries are migration
	 * entries: at try_to_unmap_flush(), between migrate_pages_batch()'s
	 * unmap and move phases, the unmapped folio gains an extra
	 * reference (as a concurrent GUP's), so __migrate_folio() fails
	 * with -EAGAIN every retry pass; the entries are restored from
	 * vm_page_prot for the old folio, and the reference is dropped when
	 * folio_putback_lru() puts the folio back.
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

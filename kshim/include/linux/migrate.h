/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/migrate.h (6.12): NUMA-balancing migration. */
#ifndef _LINUX_MIGRATE_H
#define _LINUX_MIGRATE_H

#include <linux/mm_types.h>
#include <linux/errno.h>
/* as include/linux/migrate.h includes it */
#include <linux/mempolicy.h>

#ifdef CONFIG_NUMA_BALANCING
/* mm/migrate.c: the model's (mm_model/mm/unmodelled.c aborts until it lands) */
int migrate_misplaced_folio_prepare(struct folio *folio,
				    struct vm_area_struct *vma, int node);
int migrate_misplaced_folio(struct folio *folio, struct vm_area_struct *vma,
			    int node);
#else
/* Mirrors include/linux/migrate.h: !NUMA_BALANCING stubs */
static inline int migrate_misplaced_folio_prepare(struct folio *folio,
						  struct vm_area_struct *vma,
						  int node)
{
	return -EAGAIN;
}

static inline int migrate_misplaced_folio(struct folio *folio,
					  struct vm_area_struct *vma, int node)
{
	return -EAGAIN;
}
#endif

/* Mirrors include/linux/migrate_mode.h:enum migrate_mode (6.12) */
enum migrate_mode {
	MIGRATE_ASYNC,
	MIGRATE_SYNC_LIGHT,
	MIGRATE_SYNC,
};

/* Mirrors include/linux/migrate_mode.h:enum migrate_reason (6.12) */
enum migrate_reason {
	MR_COMPACTION,
	MR_MEMORY_FAILURE,
	MR_MEMORY_HOTPLUG,
	MR_SYSCALL,
	MR_MEMPOLICY_MBIND,
	MR_NUMA_MISPLACED,
	MR_CONTIG_RANGE,
	MR_LONGTERM_PIN,
	MR_DEMOTION,
	MR_DAMON,
	MR_TYPES
};

/* Mirrors include/linux/migrate.h: new_folio_t, free_folio_t (6.12) */
typedef struct folio *new_folio_t(struct folio *folio, unsigned long private);
typedef void free_folio_t(struct folio *folio, unsigned long private);

/*
 * mm/migrate.c:migrate_pages() (6.12): DAMOS's paddr migration, not
 * modelled (the model migrates NUMA-misplaced folios only): a loud
 * stand-in (mm_model/mm/unmodelled.c).
 */
int migrate_pages(struct list_head *l, new_folio_t new, free_folio_t free,
		  unsigned long private, enum migrate_mode mode, int reason,
		  unsigned int *ret_succeeded);

#endif

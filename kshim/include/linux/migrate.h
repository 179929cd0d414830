/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/migrate.h (6.12): NUMA-balancing migration. */
#ifndef _LINUX_MIGRATE_H
#define _LINUX_MIGRATE_H

#include <linux/mm_types.h>
#include <linux/errno.h>
/* as include/linux/migrate.h includes it */
#include <linux/mempolicy.h>

/* Mirrors include/linux/migrate.h: the allocation callbacks, results */
typedef struct folio *new_folio_t(struct folio *folio, unsigned long private);
typedef void free_folio_t(struct folio *folio, unsigned long private);

#define MIGRATEPAGE_SUCCESS		0
#define MIGRATEPAGE_UNMAP		1

/* Mirrors include/linux/migrate_mode.h:enum migrate_mode */
enum migrate_mode {
	MIGRATE_ASYNC,
	MIGRATE_SYNC_LIGHT,
	MIGRATE_SYNC,
};

/* Mirrors include/linux/migrate_mode.h:enum migrate_reason */
enum migrate_reason {
	MR_COMPACTION,
	MR_MEMORY_FAILURE,
	MR_MEMORY_HOTPLUG,
	MR_SYSCALL,		/* also applies to cpusets */
	MR_MEMPOLICY_MBIND,
	MR_NUMA_MISPLACED,
	MR_CONTIG_RANGE,
	MR_LONGTERM_PIN,
	MR_DEMOTION,
	MR_DAMON,
	MR_TYPES
};

struct list_head;
/* mm/migrate.c (6.12), extracted (the migrate unit, NUMA_BALANCING kernels) */
void folio_migrate_flags(struct folio *newfolio, struct folio *folio);
int migrate_pages(struct list_head *l, new_folio_t new, free_folio_t free,
		  unsigned long private, enum migrate_mode mode, int reason,
		  unsigned int *ret_succeeded);
void putback_movable_pages(struct list_head *l);
int migrate_folio(struct address_space *mapping, struct folio *dst,
		  struct folio *src, enum migrate_mode mode);

#ifdef CONFIG_NUMA_BALANCING
/* mm/migrate.c (6.12), extracted (the migrate unit) */
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

/*
 * migrate_pages() is extracted only with CONFIG_NUMA_BALANCING; without
 * it, the one caller left (DAMOS's paddr migration) reaches a loud
 * stand-in (mm_model/mm/unmodelled.c).
 */

#endif

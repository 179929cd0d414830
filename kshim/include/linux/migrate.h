/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/migrate.h (6.12): NUMA-balancing migration. */
#ifndef _LINUX_MIGRATE_H
#define _LINUX_MIGRATE_H

#include <linux/mm_types.h>
#include <linux/errno.h>
/* as include/linux/migrate.h includes it */
#include <linux/mempolicy.h>

/* mm/migrate.c (6.12), extracted (the migrate unit) */
void folio_migrate_flags(struct folio *newfolio, struct folio *folio);

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

#endif

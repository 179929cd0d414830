/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/sched/numa_balancing.h (6.12). */
#ifndef _LINUX_SCHED_NUMA_BALANCING_H
#define _LINUX_SCHED_NUMA_BALANCING_H

/* Mirrors include/linux/sched/numa_balancing.h: task_numa_fault() flags */
#define TNF_MIGRATED 0x01
#define TNF_NO_GROUP 0x02
#define TNF_SHARED 0x04
#define TNF_FAULT_LOCAL 0x08
#define TNF_MIGRATE_FAIL 0x10

#ifdef CONFIG_NUMA_BALANCING
/* kernel/sched/fair.c: the model's (mm_model/mm/unmodelled.c aborts until it lands) */
void task_numa_fault(int last_node, int node, int pages, int flags);
#else
static inline void task_numa_fault(int last_node, int node, int pages,
				   int flags)
{
}
#endif

#endif

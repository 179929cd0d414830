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

/* Mirrors include/linux/sched/numa_balancing.h: task_numa_work()'s skips */
enum numa_vmaskip_reason {
	NUMAB_SKIP_UNSUITABLE,
	NUMAB_SKIP_SHARED_RO,
	NUMAB_SKIP_INACCESSIBLE,
	NUMAB_SKIP_SCAN_DELAY,
	NUMAB_SKIP_PID_INACTIVE,
	NUMAB_SKIP_IGNORE_PID,
	NUMAB_SKIP_SEQ_COMPLETED,
};

#include <linux/types.h>

struct task_struct;
struct folio;

#ifdef CONFIG_NUMA_BALANCING
/* kernel/sched/fair.c (6.12), unit sched_numa */
void task_numa_fault(int last_node, int node, int pages, int flags);
bool should_numa_migrate_memory(struct task_struct *p, struct folio *folio,
				int src_nid, int dst_cpu);
/* the task's fault statistics and its numa group; @final: freed too */
void task_numa_free(struct task_struct *p, bool final);
#else
static inline void task_numa_free(struct task_struct *p, bool final)
{
}
static inline void task_numa_fault(int last_node, int node, int pages,
				   int flags)
{
}
static inline bool should_numa_migrate_memory(struct task_struct *p,
				struct folio *folio, int src_nid, int dst_cpu)
{
	return true;
}
#endif

#endif

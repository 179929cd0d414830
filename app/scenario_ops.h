/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What scenario steps need from the model, in one place: the NUMA scan
 * as the task's own task_work, THP and large-folio population, THP
 * splits and migration fault injection.
 */
#ifndef FAULTSIM_MM_MODEL_SCENARIO_OPS_H
#define FAULTSIM_MM_MODEL_SCENARIO_OPS_H

#include <linux/mm_types.h>

struct task_struct;

/*
 * kernel/sched/fair.c:init_numa_balancing() for a scenario task, in the
 * task itself (the parent a CLONE_VM thread is staggered after); @exec:
 * the mm is a fresh exec'd one (its scan not armed)
 */
void scenario_numa_init_task(struct task_struct *p, bool exec);
/* task_numa_work() in @p's context; @force makes the scan due now */
void scenario_numa_scan(struct task_struct *p, bool force);
/* @p runs on its CPU for @ms of virtual time: ticks, task work */
void scenario_numa_run(struct task_struct *p, uint64_t ms);
int scenario_populate_thp(struct vm_area_struct *vma, unsigned long haddr,
			  int nid, bool write);
int scenario_populate_large(struct vm_area_struct *vma, unsigned long addr,
			    int nid, unsigned int order, bool write);
int scenario_split_thp(struct vm_area_struct *vma, unsigned long haddr,
		       bool folio);
void scenario_migrate_fail(bool after_unmap, unsigned int count);
/*
 * fs/proc/task_mmu.c:show_numa_map()'s counts (6.12) for [start, end) of
 * @mm, read without scheduling points: base pages mapped per node
 * (@nodes[MEMMAP_MAX_NODES]), of them anonymous (@anon), of them mapped by a
 * PMD (@huge); the zero pages and non-present entries are not counted.
 */
void scenario_numa_maps(struct mm_struct *mm, unsigned long start,
			unsigned long end, unsigned long *nodes,
			unsigned long *anon, unsigned long *huge);
/* The PMD entry mapping @addr, or NULL if there is no PMD table. */
pmd_t *scenario_pmd_of(struct vm_area_struct *vma, unsigned long addr);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What our DAMON operations sets share (damon_core/ops_common.c): the
 * helpers of mm/damon/ops-common.c (6.12), the target's task and mm as
 * mm/damon/vaddr.c gets them, a one-address page walk standing in for
 * mm/pagewalk.c, and the vaddr callbacks the fault-based sets reuse.
 * Kernel-side only (kernel types); the CLI side is sim_damon.h.
 */
#ifndef FAULTSIM_DAMON_OPS_COMMON_H
#define FAULTSIM_DAMON_OPS_COMMON_H

#include <linux/damon.h>
#include <linux/mm.h>
#include "damon_core/sim_damon.h"

/* mm/damon/ops-common.c (6.12) */
struct folio *damon_get_folio(unsigned long pfn);
void damon_ptep_mkold(pte_t *pte, struct vm_area_struct *vma,
		      unsigned long addr);
void damon_pmdp_mkold(pmd_t *pmd, struct vm_area_struct *vma,
		      unsigned long addr);

/*
 * A target's struct pid for @task (a reference the caller owns and
 * drops with put_pid(), as DAMON's sysfs does), and get_pid_task() on
 * it: the task with a reference while it has not exited, else NULL.
 */
struct pid *damon_sim_task_pid(struct task_struct *task);
struct task_struct *damon_get_task_struct(struct damon_target *t);
/*
 * Forgets every pid handed out (the end of a session), dropping our
 * references if @put (not after a run that died: a new boot's slab
 * has dropped everything).
 */
void damon_sim_forget_pids(bool put);
/* mm/damon/vaddr.c:damon_get_mm(); release with damon_put_mm() */
struct mm_struct *damon_get_mm(struct damon_target *t);
void damon_put_mm(struct mm_struct *mm);

/*
 * walk_page_range(@mm, @addr, @addr + 1, ops, @private) for ops with
 * only a .pmd_entry (and .walk_lock = PGWALK_RDLOCK): the caller holds
 * the mmap lock for read.
 */
struct damon_walk {
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	void *private;
};
int damon_walk_one(struct mm_struct *mm, unsigned long addr,
		   int (*pmd_entry)(pmd_t *pmd, unsigned long addr,
				    unsigned long next,
				    struct damon_walk *walk),
		   void *private);

/* mm/damon/vaddr.c callbacks the fault-based vaddr set shares */
void damon_va_init(struct damon_ctx *ctx);
void damon_va_update(struct damon_ctx *ctx);
bool damon_va_target_valid(struct damon_target *t);

/* The fault-based sets (ops_fault.c), by enum damon_sim_ops */
const struct damon_operations *damon_sim_fault_ops(enum damon_sim_ops ops);

/* Session state the operations sets write (sim_damon.c) */
struct damon_sim_stats *damon_sim_stats_mut(void);
/* A fault-based set found its design gives DAMON no hints. */
void damon_sim_not_applicable(void);

/* DAMOS is not modelled: apply_scheme/get_scheme_score abort loudly. */
_Noreturn void damon_sim_unmodelled(const char *what);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What faultsim's side of DAMON's operations sets shares
 * (damon_core/ops_common.c): the targets' pids, the target's mm for the
 * fault-based sets, and the session state they write.  The Accessed-bit
 * sets are the kernel's own (mm/damon/vaddr.c, paddr.c, ops-common.c,
 * extracted whole; tools/manifests/6.12.json).  Kernel-side only
 * (kernel types); the CLI side is sim_damon.h.
 */
#ifndef FAULTSIM_DAMON_OPS_COMMON_H
#define FAULTSIM_DAMON_OPS_COMMON_H

#include <linux/damon.h>
#include <linux/mm.h>
#include "damon_core/sim_damon.h"

/* mm/damon/ops-common.h (6.12): the kernel's, extracted */
struct folio *damon_get_folio(unsigned long pfn);

/*
 * A target's struct pid for @task (a reference the caller owns and
 * drops with put_pid(), as DAMON's sysfs does), attached to @task so
 * that get_pid_task() finds it while the task lives.
 */
struct pid *damon_sim_task_pid(struct task_struct *task);
/*
 * Forgets every pid handed out (the end of a session), dropping our
 * references if @put (not after a run that died: a new boot's slab
 * has dropped everything).
 */
void damon_sim_forget_pids(bool put);
/*
 * The target's mm with an mm_users reference (release with mmput()),
 * as mm/damon/vaddr.c's static damon_get_mm() gets it, for the
 * fault-based vaddr set; NULL once the task has exited.
 */
struct mm_struct *damon_sim_get_mm(struct damon_target *t);

/*
 * The fault-based sets (ops_fault.c), by enum damon_sim_ops: @ops holds
 * the registered set of the same address space (damon_select_ops()),
 * whose sampling callbacks they replace.
 */
void damon_sim_fault_ops(struct damon_operations *ops, enum damon_sim_ops which);

/* Session state the operations sets write (sim_damon.c) */
struct damon_sim_stats *damon_sim_stats_mut(void);
/* A fault-based set found its design gives DAMON no hints. */
void damon_sim_not_applicable(void);

#endif

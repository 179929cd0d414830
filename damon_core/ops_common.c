// SPDX-License-Identifier: GPL-2.0-only
/*
 * faultsim's side of DAMON's targets: the struct pid a session hands
 * its target (the kernel finds a task from its pid through the pid
 * hash; the simulation has none, so each pid we hand out carries its
 * task and is remembered, with a task reference, until the session
 * ends), and the target's mm for the fault-based vaddr set.
 */
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include "damon_core/ops_common.h"

#define DAMON_SIM_MAX_PIDS 16

static struct {
	struct pid *pid;
	struct task_struct *task;
} pids[DAMON_SIM_MAX_PIDS];

struct pid *damon_sim_task_pid(struct task_struct *task)
{
	struct pid *pid;
	int i;

	for (i = 0; i < DAMON_SIM_MAX_PIDS && pids[i].pid; i++)
		;
	if (i == DAMON_SIM_MAX_PIDS)
		return NULL;
	pid = kzalloc(sizeof(*pid), GFP_KERNEL);
	if (!pid)
		return NULL;
	refcount_set(&pid->count, 2);	/* the caller's and ours */
	pid->nr = task->tgid;
	pids[i].pid = pid;
	pids[i].task = get_task_struct(task);
	pid->kshim_task = pids[i].task;	/* attach_pid() */
	return pid;
}

void damon_sim_forget_pids(bool put)
{
	int i;

	for (i = 0; i < DAMON_SIM_MAX_PIDS; i++) {
		if (!pids[i].pid)
			continue;
		if (put) {
			pids[i].pid->kshim_task = NULL;
			put_pid(pids[i].pid);
			put_task_struct(pids[i].task);
		}
		pids[i].pid = NULL;
		pids[i].task = NULL;
	}
}

/*
 * As mm/damon/vaddr.c:damon_get_mm() (6.12, static there):
 * get_pid_task() then get_task_mm().
 */
struct mm_struct *damon_sim_get_mm(struct damon_target *t)
{
	struct task_struct *task = get_pid_task(t->pid, PIDTYPE_PID);
	struct mm_struct *mm;

	if (!task)
		return NULL;
	mm = get_task_mm(task);
	put_task_struct(task);
	return mm;
}

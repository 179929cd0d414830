/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/sched/signal.h (6.12): get_nr_threads().
 * The model has no signal_struct: a task's thread group is the tasks
 * sharing its mm, so nr_threads is mm_users (exact while no mm is
 * pinned by anything else: mmget() is not simulated).
 */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H

#include <linux/sched.h>
#include <linux/mm_types.h>

static inline int get_nr_threads(struct task_struct *task)
{
	return atomic_read(&task->mm->mm_users);
}

#endif

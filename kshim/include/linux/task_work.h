/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/task_work.h (6.12): a task's work list
 * (p->task_works), run by task_work_run() on the return to user space
 * (kshim/src/task.c).  Only the scheduler tick adds work in the model,
 * on the task its CPU runs: task_work_add() is not a scheduling point.
 */
#ifndef _LINUX_TASK_WORK_H
#define _LINUX_TASK_WORK_H

#include <linux/types.h>

struct task_struct;

enum task_work_notify_mode {
	TWA_NONE = 0,
	TWA_RESUME,
	TWA_SIGNAL,
	TWA_SIGNAL_NO_IPI,
	TWA_NMI_CURRENT,
};

static inline void init_task_work(struct callback_head *twork,
				  void (*func)(struct callback_head *))
{
	twork->func = func;
}

/* kernel/task_work.c:task_work_add() (6.12): pushed on the list head */
int task_work_add(struct task_struct *task, struct callback_head *twork,
		  enum task_work_notify_mode mode);
/* kernel/task_work.c:task_work_run() (6.12): runs current's work */
void task_work_run(void);

#endif

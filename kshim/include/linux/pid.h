/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/pid.h (6.12): a counted struct pid, as
 * kernel/pid.c keeps it; the last put_pid() frees it.
 */
#ifndef _LINUX_PID_H
#define _LINUX_PID_H

#include <linux/refcount.h>
#include <linux/slab.h>

struct task_struct;

/* Mirrors include/linux/pid_types.h:enum pid_type */
enum pid_type {
	PIDTYPE_PID,
	PIDTYPE_TGID,
	PIDTYPE_PGID,
	PIDTYPE_SID,
	PIDTYPE_MAX,
};

struct pid {
	refcount_t count;
	int nr;
	/*
	 * The task attached to it (the kernel's tasks[] lists; one task
	 * and one type here), set by whoever hands the pid out; the
	 * task's exit detaches it (task->sim becomes NULL).
	 */
	struct task_struct *kshim_task;
};

/*
 * kernel/pid.c:get_pid_task() (6.12, kshim/src/task.c): the task with a
 * reference, NULL once it has exited.
 */
struct task_struct *get_pid_task(struct pid *pid, enum pid_type type);

static inline struct pid *get_pid(struct pid *pid)
{
	if (pid)
		refcount_inc(&pid->count);
	return pid;
}

static inline void put_pid(struct pid *pid)
{
	if (pid && refcount_dec_and_test(&pid->count))
		kfree(pid);
}

static inline pid_t pid_nr(struct pid *pid)
{
	return pid ? pid->nr : 0;
}

#endif

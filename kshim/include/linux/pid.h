/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/pid.h (6.12): a counted struct pid, as
 * kernel/pid.c keeps it; the last put_pid() frees it.
 */
#ifndef _LINUX_PID_H
#define _LINUX_PID_H

#include <linux/refcount.h>
#include <linux/slab.h>

struct pid {
	refcount_t count;
	int nr;
};

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

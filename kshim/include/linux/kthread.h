/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/kthread.h (6.12); kernel/kthread.c's
 * lifetime rules are kept: the thread holds a reference until it exits,
 * kthread_stop() waits for the exit and returns threadfn's result.
 */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/err.h>
#include <linux/sched.h>

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data),
					   void *data, int node,
					   const char namefmt[], ...)
	__printf(4, 5);
#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, -1, namefmt, ##arg)

#define kthread_run(threadfn, data, namefmt, ...)                          \
	({                                                                 \
		struct task_struct *__k = kthread_create(threadfn, data,   \
						namefmt, ##__VA_ARGS__);   \
		if (!IS_ERR(__k))                                          \
			wake_up_process(__k);                              \
		__k;                                                       \
	})

bool kthread_should_stop(void);
int kthread_stop(struct task_struct *k);
int kthread_stop_put(struct task_struct *k);

#endif

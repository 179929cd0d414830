/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/sched/task.h (6.12), empty: task lifetimes are the engine's simulated threads (linux/sched.h). */
#ifndef _KSHIM_LINUX_SCHED_TASK_H
#define _KSHIM_LINUX_SCHED_TASK_H
#endif

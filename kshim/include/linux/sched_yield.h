/* SPDX-License-Identifier: GPL-2.0-only */
/* cond_resched() (include/linux/sched.h, 6.12) is a scheduling point. */
#ifndef _LINUX_SCHED_YIELD_H
#define _LINUX_SCHED_YIELD_H

#include <kshim/sim.h>

/* include/linux/rcupdate.h:cond_resched_tasks_rcu_qs(): no RCU tasks, cond_resched() */
#define cond_resched_tasks_rcu_qs() ((void)cond_resched())

static inline int cond_resched(void)
{
	sim_point(SIM_PT_YIELD, (void *)0);
	return 0;
}

#endif

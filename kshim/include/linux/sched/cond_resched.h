/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/sched/cond_resched.h (6.12): cond_resched() is kshim's scheduling point. */
#include <linux/sched_yield.h>

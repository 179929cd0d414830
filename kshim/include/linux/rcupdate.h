/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/rcupdate.h (6.12): read-side critical
 * sections only.  Nothing in the simulation waits for a grace period
 * (no synchronize_rcu(), no call_rcu()), so a reader needs no marking:
 * rcu_read_lock()/rcu_read_unlock() are the kernel's
 * !CONFIG_PREEMPT_RCU barriers, which compile to nothing a simulated
 * thread could observe.
 */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H

#include <linux/compiler.h>

/* Mirrors include/linux/rcupdate.h:rcu_read_lock() (no grace periods) */
static inline void rcu_read_lock(void)
{
	barrier();
}

/* Mirrors include/linux/rcupdate.h:rcu_read_unlock() */
static inline void rcu_read_unlock(void)
{
	barrier();
}

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/sched/sysctl.h (6.12): kernel.numa_balancing. */
#ifndef _LINUX_SCHED_SYSCTL_H
#define _LINUX_SCHED_SYSCTL_H

#define NUMA_BALANCING_DISABLED 0x0
#define NUMA_BALANCING_NORMAL 0x1
#define NUMA_BALANCING_MEMORY_TIERING 0x2

#ifdef CONFIG_NUMA_BALANCING
#include <kshim/sim.h>

/* kernel/sched/core.c; defined in mm_model/kernel_stubs.c */
extern int sysctl_numa_balancing_mode;

/*
 * kernel.numa_balancing as our code reads it while a writer may flip
 * it: a scheduling point on the variable, so that the exploration
 * knows it is shared (sim/strategy_exhaustive.c, local steps).
 */
static inline int kshim_numa_balancing_mode(void)
{
	sim_point(SIM_PT_READ_ONCE, &sysctl_numa_balancing_mode);
	return *(volatile int *)&sysctl_numa_balancing_mode;
}
#else
#define sysctl_numa_balancing_mode 0
static inline int kshim_numa_balancing_mode(void)
{
	return 0;
}
#endif

#endif

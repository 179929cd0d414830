/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/sched/sysctl.h (6.12): kernel.numa_balancing. */
#ifndef _LINUX_SCHED_SYSCTL_H
#define _LINUX_SCHED_SYSCTL_H

#define NUMA_BALANCING_DISABLED 0x0
#define NUMA_BALANCING_NORMAL 0x1
#define NUMA_BALANCING_MEMORY_TIERING 0x2

#ifdef CONFIG_NUMA_BALANCING
#include <kshim/sim.h>

/* kernel/sched/core.c; defined in mm_model/mm/numa_balancing.c */
extern int sysctl_numa_balancing_mode;

/*
 * kernel.numa_balancing is read while a writer may flip it (the kernel's
 * change_pte_range() reads it for every PTE it scans): every read is a
 * scheduling point on the variable, so that the exploration orders it
 * against the write and knows it is shared (sim/strategy_exhaustive.c,
 * local steps).  The kernel's plain reads become such reads; only its
 * owner (mm_model/mm/numa_balancing.c) sees the variable itself.
 */
static inline int kshim_numa_balancing_mode(void)
{
	sim_point(SIM_PT_READ_ONCE, &sysctl_numa_balancing_mode);
	return *(volatile int *)&sysctl_numa_balancing_mode;
}
#ifndef KSHIM_NUMA_BALANCING_MODE_OWNER
#define sysctl_numa_balancing_mode (kshim_numa_balancing_mode())
#endif
#else
#define sysctl_numa_balancing_mode 0
static inline int kshim_numa_balancing_mode(void)
{
	return 0;
}
#endif

#endif

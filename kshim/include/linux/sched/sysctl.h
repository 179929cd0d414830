/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/sched/sysctl.h (6.12): kernel.numa_balancing. */
#ifndef _LINUX_SCHED_SYSCTL_H
#define _LINUX_SCHED_SYSCTL_H

#define NUMA_BALANCING_DISABLED 0x0
#define NUMA_BALANCING_NORMAL 0x1
#define NUMA_BALANCING_MEMORY_TIERING 0x2

#ifdef CONFIG_NUMA_BALANCING
/* kernel/sched/core.c; defined in mm_model/kernel_stubs.c */
extern int sysctl_numa_balancing_mode;
#else
#define sysctl_numa_balancing_mode 0
#endif

#endif

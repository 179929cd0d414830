/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * NUMA-balancing control: the kernel.numa_balancing sysctl and the
 * sched_numa_balancing static key (kernel/sched/core.c).
 */
#ifndef FAULTSIM_MM_MODEL_NUMA_BALANCING_H
#define FAULTSIM_MM_MODEL_NUMA_BALANCING_H

#include <linux/jump_label.h>

struct task_struct;

DECLARE_STATIC_KEY_FALSE(sched_numa_balancing);

/*
 * A write to /proc/sys/kernel/numa_balancing by a CAP_SYS_ADMIN task:
 * 0..4, else -EINVAL.  The mode is stored first, the static key flipped
 * after, as sysctl_numa_balancing() does.
 */
int numa_balancing_sysctl_write(int state);
/* init/main.c -> mm/mempolicy.c:check_numabalancing_enable() at boot */
void numa_balancing_boot(int nr_online_nodes);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/cpumask_api.h (6.12): nr_cpu_ids of linux/cpumask.h. */
#ifndef _LINUX_CPUMASK_API_H
#define _LINUX_CPUMASK_API_H

/* include/linux/cpumask.h: nr_cpu_ids, the simulated machine's CPUs */
unsigned int kshim_nr_cpu_ids(void);
#define nr_cpu_ids kshim_nr_cpu_ids()

#endif

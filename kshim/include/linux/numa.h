/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/numa.h (6.12), empty: NUMA_NO_NODE is defined by linux/mm.h. */
#ifndef _KSHIM_LINUX_NUMA_H
#define _KSHIM_LINUX_NUMA_H
#endif

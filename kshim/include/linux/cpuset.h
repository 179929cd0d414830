/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/cpuset.h (6.12), empty: cpusets are not simulated: every node is allowed. */
#ifndef _KSHIM_LINUX_CPUSET_H
#define _KSHIM_LINUX_CPUSET_H
#endif

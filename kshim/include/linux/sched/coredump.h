/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/sched/coredump.h (6.12), empty: no core dumps are simulated. */
#ifndef _KSHIM_LINUX_SCHED_COREDUMP_H
#define _KSHIM_LINUX_SCHED_COREDUMP_H
#endif

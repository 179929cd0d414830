/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/sched/clock.h (6.12), empty: the NUMA-balancing code reads runtime from the task, not sched_clock(). */

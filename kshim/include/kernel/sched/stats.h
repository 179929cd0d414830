/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for kernel/sched/stats.h (6.12), empty: schedstats are not simulated. */

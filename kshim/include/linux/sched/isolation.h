/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/sched/isolation.h (6.12), empty: no isolated CPUs are simulated. */

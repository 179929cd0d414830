/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/sched/nohz.h (6.12), empty: every simulated CPU ticks (no NO_HZ). */

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/sched/cputime.h (6.12), empty: no cputime accounting is simulated. */

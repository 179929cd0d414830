/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for kernel/sched/autogroup.h (6.12), empty: no autogroups (CONFIG_SCHED_AUTOGROUP is not simulated). */

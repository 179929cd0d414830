/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/kernel_stat.h (6.12), empty: per-CPU kernel statistics are not kept. */
#ifndef _KSHIM_LINUX_KERNEL_STAT_H
#define _KSHIM_LINUX_KERNEL_STAT_H
#endif

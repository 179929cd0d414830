/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/extable.h (6.12), empty: no exception tables: kernel code never faults on user addresses here. */
#ifndef _KSHIM_LINUX_EXTABLE_H
#define _KSHIM_LINUX_EXTABLE_H
#endif

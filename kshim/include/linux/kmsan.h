/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/kmsan.h (6.12), empty: KMSAN is off. */
#ifndef _KSHIM_LINUX_KMSAN_H
#define _KSHIM_LINUX_KMSAN_H
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/page_idle.h (6.12), empty: page idle tracking is not simulated. */
#ifndef _KSHIM_LINUX_PAGE_IDLE_H
#define _KSHIM_LINUX_PAGE_IDLE_H
#endif

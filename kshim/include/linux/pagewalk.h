/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/pagewalk.h (6.12), empty: the extracted functions walk page tables by hand, not with walk_page_range(). */
#ifndef _KSHIM_LINUX_PAGEWALK_H
#define _KSHIM_LINUX_PAGEWALK_H
#endif

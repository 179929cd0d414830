/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/khugepaged.h (6.12), empty: khugepaged is not simulated. */
#ifndef _KSHIM_LINUX_KHUGEPAGED_H
#define _KSHIM_LINUX_KHUGEPAGED_H
#endif

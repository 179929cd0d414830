/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/freezer.h (6.12), empty: the freezer is not simulated. */
#ifndef _KSHIM_LINUX_FREEZER_H
#define _KSHIM_LINUX_FREEZER_H
#endif

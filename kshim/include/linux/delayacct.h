/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/delayacct.h (6.12), empty: delay accounting is not simulated. */
#ifndef _KSHIM_LINUX_DELAYACCT_H
#define _KSHIM_LINUX_DELAYACCT_H
#endif

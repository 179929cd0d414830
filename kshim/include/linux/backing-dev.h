/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/backing-dev.h (6.12), empty: no writeback devices are simulated. */
#ifndef _KSHIM_LINUX_BACKING_DEV_H
#define _KSHIM_LINUX_BACKING_DEV_H
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/writeback.h (6.12), empty: no writeback is simulated. */
#ifndef _KSHIM_LINUX_WRITEBACK_H
#define _KSHIM_LINUX_WRITEBACK_H
#endif

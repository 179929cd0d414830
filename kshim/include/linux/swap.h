/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/swap.h (6.12), small: no swap is simulated
 * (swap entries are in linux/swapops.h); it includes linux/memcontrol.h as
 * the kernel's does.
 */
#ifndef _KSHIM_LINUX_SWAP_H
#define _KSHIM_LINUX_SWAP_H

#include <linux/memcontrol.h>

#endif

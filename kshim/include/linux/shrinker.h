/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/shrinker.h (6.12), empty: no shrinkers are simulated. */
#ifndef _KSHIM_LINUX_SHRINKER_H
#define _KSHIM_LINUX_SHRINKER_H
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/memremap.h (6.12), empty: no device (ZONE_DEVICE) memory is simulated. */
#ifndef _KSHIM_LINUX_MEMREMAP_H
#define _KSHIM_LINUX_MEMREMAP_H
#endif

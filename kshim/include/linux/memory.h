/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/memory.h (6.12), empty: memory hotplug is not simulated. */
#ifndef _KSHIM_LINUX_MEMORY_H
#define _KSHIM_LINUX_MEMORY_H
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/vmalloc.h (6.12), empty: vmalloc is not simulated. */
#ifndef _KSHIM_LINUX_VMALLOC_H
#define _KSHIM_LINUX_VMALLOC_H
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/mman.h (6.12), empty: the mmap flags the model uses are in linux/vm_flags.h. */
#ifndef _KSHIM_LINUX_MMAN_H
#define _KSHIM_LINUX_MMAN_H
#endif

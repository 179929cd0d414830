/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/mman.h (6.12): the uapi advice values it
 * includes; the mmap flags the model uses are in linux/vm_flags.h.
 */
#ifndef _KSHIM_LINUX_MMAN_H
#define _KSHIM_LINUX_MMAN_H

#include <uapi/linux/mman.h>

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/highmem.h (6.12): x86-64 has no highmem; the model's folios are directly mapped.  Only the cache flushes the kernel's header brings in (through linux/cacheflush.h). */
#ifndef _KSHIM_LINUX_HIGHMEM_H
#define _KSHIM_LINUX_HIGHMEM_H
#include <asm/cacheflush.h>
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for arch/x86/include/asm/cacheflush.h (6.12), empty: cache flushing is a no-op on x86-64 and the model has no caches. */
#ifndef _KSHIM_ASM_CACHEFLUSH_H
#define _KSHIM_ASM_CACHEFLUSH_H
#endif

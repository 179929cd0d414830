/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for arch/x86/include/asm/cacheflush.h (6.12): cache flushing is a no-op on x86-64 and the model has no caches. */
#ifndef _KSHIM_ASM_CACHEFLUSH_H
#define _KSHIM_ASM_CACHEFLUSH_H

/* Mirrors include/asm-generic/cacheflush.h:flush_cache_range(): a no-op */
#define flush_cache_range(vma, start, end) do { } while (0)
#define flush_cache_page(vma, addr, pfn) do { } while (0)
#define flush_dcache_folio(folio) do { } while (0)
#endif

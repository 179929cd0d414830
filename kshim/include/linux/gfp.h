/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/gfp_types.h (6.12): the flag names. */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>

#define __GFP_DMA 0x01u
#define __GFP_HIGHMEM 0x02u
#define __GFP_DMA32 0x04u
#define __GFP_MOVABLE 0x08u
#define __GFP_RECLAIMABLE 0x10u
#define __GFP_HIGH 0x20u
#define __GFP_IO 0x40u
#define __GFP_FS 0x80u
#define __GFP_ZERO 0x100u
#define __GFP_DIRECT_RECLAIM 0x400u
#define __GFP_KSWAPD_RECLAIM 0x800u
#define __GFP_WRITE 0x1000u
#define __GFP_NOWARN 0x2000u
#define __GFP_RETRY_MAYFAIL 0x4000u
#define __GFP_NOFAIL 0x8000u
#define __GFP_NORETRY 0x10000u
#define __GFP_MEMALLOC 0x20000u
#define __GFP_COMP 0x40000u
#define __GFP_NOMEMALLOC 0x80000u
#define __GFP_HARDWALL 0x100000u
#define __GFP_THISNODE 0x200000u
#define __GFP_ACCOUNT 0x400000u

#define __GFP_RECLAIM (__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define GFP_ATOMIC (__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM | __GFP_NOWARN)
#define GFP_TRANSHUGE_LIGHT ((GFP_HIGHUSER_MOVABLE | __GFP_COMP | \
			      __GFP_NOMEMALLOC | __GFP_NOWARN) & ~__GFP_RECLAIM)

/*
 * include/linux/gfp.h:__folio_alloc_node() (6.12), the model's
 * (mm_model/mm/migrate.c): a folio of @order from node @nid only (what
 * __GFP_THISNODE asks), no reclaim, no fallback.
 */
struct folio;
struct folio *__folio_alloc_node(gfp_t gfp, unsigned int order, int nid);
#define GFP_NOIO (__GFP_RECLAIM)
#define GFP_NOFS (__GFP_RECLAIM | __GFP_IO)
#define GFP_USER (__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | __GFP_MOVABLE)

#include <linux/mmzone.h>

/*
 * Mirrors include/linux/gfp.h:gfp_zone() (6.12) on x86-64 (no highmem:
 * __GFP_HIGHMEM is ZONE_NORMAL, with __GFP_MOVABLE ZONE_MOVABLE); the
 * kernel's GFP_ZONE_TABLE, its bad combinations left out.  The model
 * has no ZONE_DMA (linux/mmzone.h): __GFP_DMA gives ZONE_DMA32, which
 * is below policy_zone as ZONE_DMA is.
 */
static inline enum zone_type gfp_zone(gfp_t flags)
{
	if (flags & __GFP_DMA)
		return ZONE_DMA32;
	if (flags & __GFP_DMA32)
		return ZONE_DMA32;
	if ((flags & (__GFP_MOVABLE | __GFP_HIGHMEM)) ==
	    (__GFP_MOVABLE | __GFP_HIGHMEM))
		return ZONE_MOVABLE;
	return ZONE_NORMAL;
}

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/mmzone.h (6.12), what migration reads of a
 * node: one zone per node (the model's memmap node), its free pages and
 * high watermark from the model (mm_model/mm/migrate.c).  No zone lists,
 * no lowmem reserve, no watermark boost, no kswapd.
 */
#ifndef _KSHIM_LINUX_MMZONE_H
#define _KSHIM_LINUX_MMZONE_H

#include <linux/types.h>

#define MAX_NUMNODES (1 << CONFIG_NODES_SHIFT)
#define MAX_NR_ZONES 1

struct pglist_data;
struct folio;

/* Mirrors include/linux/mmzone.h:struct zone, the fields migration reads */
struct zone {
	struct pglist_data *zone_pgdat;
	int node;
};

/* Mirrors include/linux/mmzone.h:struct pglist_data (pg_data_t) */
typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	int nr_zones;
	int node_id;
} pg_data_t;

/* Mirrors arch/x86/include/asm/mmzone_64.h:NODE_DATA() (mm_model/mm/migrate.c) */
extern struct pglist_data *node_data[MAX_NUMNODES];
#define NODE_DATA(nid) (node_data[nid])

/*
 * mm/page_alloc.c, the model's (mm_model/mm/migrate.c): a node's one
 * zone is managed if it has pages; its high watermark as the kernel
 * sizes it; zone_watermark_ok() at order 0 (free pages above the mark).
 */
bool managed_zone(struct zone *zone);
unsigned long high_wmark_pages(struct zone *zone);
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);
/* mm/vmscan.c:wakeup_kswapd(): no reclaim is simulated, nothing to wake */
static inline void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order,
				 int highest_zoneidx)
{
}

#endif

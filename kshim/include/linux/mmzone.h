/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/mmzone.h (6.12): the machine's nodes as the
 * extracted code reads them.  Migration reads a node's one zone (the
 * model's memmap node), its free pages and high watermark from the model
 * (mm_model/mm/migrate.c): no lowmem reserve, no watermark boost, no
 * kswapd.  struct pglist_data also holds the memory-tiering promotion
 * state, which the tiering branch of should_numa_migrate_memory() names;
 * that branch stops at its first call (pgdat_free_space_enough(), loud in
 * mm_model/mm/sched_numa.c).  The zonelists are the machine's fallback
 * orders (mpol_misplaced(), the policy's node).
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/types.h>
#include <linux/nodemask.h>

/*
 * include/linux/mmzone.h: enum zone_type, as far as the model needs it
 * (ZONES_SHIFT 2 in linux/page-flags.h): no 16 MiB ZONE_DMA
 */
enum zone_type {
	ZONE_DMA32,
	ZONE_NORMAL,
	ZONE_MOVABLE,
	ZONE_DEVICE,
};

/* the model has one zone a node: pgdat->node_zones[0] */
#define MAX_NR_ZONES 1

/*
 * include/linux/mmzone.h: a node's zonelist, its nodes in fallback
 * order (the model's machines are NUMA_DIRECT: the node itself, then
 * the others by id), one zoneref a node (the model has one zone a
 * node), ended by NUMA_NO_NODE.  mm_model/mm/mempolicy.c builds them.
 */
struct zoneref {
	int nid;
};

struct zonelist {
	struct zoneref _zonerefs[MAX_NUMNODES + 1];
};

struct zonelist *kshim_node_zonelist(int nid);
/* include/linux/gfp.h:node_zonelist(): the node's fallback list */
#define node_zonelist(nid, flags) kshim_node_zonelist(nid)

/* Mirrors include/linux/mmzone.h:first_zones_zonelist() (6.12) */
static inline struct zoneref *first_zones_zonelist(struct zonelist *zonelist,
					enum zone_type highest_zoneidx,
					nodemask_t *nodes)
{
	struct zoneref *z = zonelist->_zonerefs;

	while (z->nid >= 0 && nodes && !node_isset(z->nid, *nodes))
		z++;
	return z;
}

/* include/linux/mmzone.h:zonelist_node_idx() */
static inline int zonelist_node_idx(struct zoneref *zoneref)
{
	return zoneref->nid;
}

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
	unsigned long node_present_pages;
	unsigned int nbp_rl_start;
	unsigned long nbp_rl_nr_cand;
	unsigned int nbp_threshold;
	unsigned int nbp_th_start;
	unsigned long nbp_th_nr_cand;
} pg_data_t;

/*
 * arch/x86/include/asm/mmzone_64.h: node_data[nid]
 * (mm_model/mm/sched_numa.c), one zone per node
 */
struct pglist_data *kshim_node_data(int nid);
#define NODE_DATA(nid) kshim_node_data(nid)

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

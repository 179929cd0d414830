/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/mmzone.h (6.12): struct pglist_data's
 * memory-tiering promotion state, which the tiering branch of
 * should_numa_migrate_memory() names; that branch stops at its first
 * call (pgdat_free_space_enough(), loud in mm_model/mm/sched_numa.c).
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

/*
 * include/linux/mmzone.h: a node's zonelist, its nodes in fallback
 * order (the model's machines are NUMA_DIRECT: the node itself, then
 * the others by id), one zoneref a node (the model has one zone a
 * node), ended by NUMA_NO_NODE.  mm_model/mm/sched_numa.c builds them.
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

typedef struct pglist_data {
	int node_id;
	unsigned long node_present_pages;
	unsigned int nbp_rl_start;
	unsigned long nbp_rl_nr_cand;
	unsigned int nbp_threshold;
	unsigned int nbp_th_start;
	unsigned long nbp_th_nr_cand;
} pg_data_t;

/* arch/x86/include/asm/mmzone_64.h: node_data[nid] (kshim/src/task.c) */
struct pglist_data *kshim_node_data(int nid);
#define NODE_DATA(nid) kshim_node_data(nid)

#endif

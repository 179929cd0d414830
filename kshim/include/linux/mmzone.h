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

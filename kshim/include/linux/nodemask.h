/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/nodemask.h (6.12): the node states and the
 * iterators over them, from the simulated machine (mm_model/mm/
 * machine.c); no nodemask_t (no extracted function uses one).
 */
#ifndef _KSHIM_LINUX_NODEMASK_H
#define _KSHIM_LINUX_NODEMASK_H

#include <linux/types.h>

enum node_states {
	N_POSSIBLE,
	N_ONLINE,
	N_NORMAL_MEMORY,
	N_HIGH_MEMORY = N_NORMAL_MEMORY,
	N_MEMORY,
	N_CPU,
	N_GENERIC_INITIATOR,
	NR_NODE_STATES
};

/* mm/page_alloc.c: nr_node_ids, the machine's node count */
unsigned int kshim_nr_node_ids(void);
#define nr_node_ids kshim_nr_node_ids()

/* include/linux/nodemask.h:node_state() */
int node_state(int node, enum node_states state);

#define for_each_node_state(node, state)				\
	for ((node) = 0; (node) < (int)nr_node_ids; (node)++)		\
		if (!node_state((node), (state))) {} else
#define for_each_online_node(node) for_each_node_state(node, N_ONLINE)

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/nodemask.h (6.12): the type and the node
 * states mm/damon/paddr.c's DAMOS migration names.  node_state() is a
 * loud stand-in (mm_model/mm/unmodelled.c): its one caller runs only
 * after folio_isolate_lru(), itself loud.
 */
#ifndef _LINUX_NODEMASK_H
#define _LINUX_NODEMASK_H

#include <linux/bitops.h>
#include <linux/numa.h>

/* Mirrors include/linux/nodemask_types.h:nodemask_t */
typedef struct {
	unsigned long bits[BITS_TO_LONGS(MAX_NUMNODES)];
} nodemask_t;

/* Mirrors include/linux/nodemask.h:NODE_MASK_NONE */
#define NODE_MASK_NONE ((nodemask_t){ { [0 ... BITS_TO_LONGS(MAX_NUMNODES) - 1] = 0UL } })

/* Mirrors include/linux/nodemask.h:enum node_states */
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

/* include/linux/nodemask.h:node_state(): not modelled (see above) */
int node_state(int node, enum node_states state);

#endif

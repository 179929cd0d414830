/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/nodemask.h (6.12): nodemask_t of
 * MAX_NUMNODES (64) nodes, one word, and the node states with the
 * iterators over them, from the simulated machine
 * (mm_model/mm/sched_numa.c).
 */
#ifndef _KSHIM_LINUX_NODEMASK_H
#define _KSHIM_LINUX_NODEMASK_H

#include <linux/types.h>
#include <linux/bits.h>
#include <linux/numa.h>

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

/* one word of nodes: the iterators below read bits[0] only */
_Static_assert(MAX_NUMNODES <= BITS_PER_LONG, "nodemask_t is one word");

/* include/linux/nodemask.h: a bitmap of MAX_NUMNODES nodes */
typedef struct {
	unsigned long bits[MAX_NUMNODES / BITS_PER_LONG];
} nodemask_t;

#define node_isset(node, nodemask) \
	((unsigned int)(node) < MAX_NUMNODES && \
	 (((nodemask).bits[0] >> (node)) & 1))
#define node_set(node, dst) ((dst).bits[0] |= 1UL << (node))
#define nodes_clear(dst) ((dst).bits[0] = 0)
#define nodes_weight(nodemask) __builtin_popcountl((nodemask).bits[0])
#define NODE_MASK_NONE ((nodemask_t){ { 0 } })

/* Mirrors include/linux/nodemask.h:first_node(), next_node() */
#define first_node(src) __first_node(&(src))
static inline unsigned int __first_node(const nodemask_t *srcp)
{
	return srcp->bits[0] ? (unsigned int)__builtin_ctzl(srcp->bits[0]) :
			       MAX_NUMNODES;
}

#define next_node(n, src) __next_node((n), &(src))
static inline unsigned int __next_node(int n, const nodemask_t *srcp)
{
	unsigned long rest;

	if (n + 1 >= MAX_NUMNODES)
		return MAX_NUMNODES;
	rest = srcp->bits[0] & (~0UL << (n + 1));
	return rest ? (unsigned int)__builtin_ctzl(rest) : MAX_NUMNODES;
}

#define for_each_node_mask(node, mask)					\
	for ((node) = first_node(mask); (node) < MAX_NUMNODES;		\
	     (node) = next_node((node), (mask)))

/* mm/page_alloc.c: nr_node_ids, the machine's node count */
unsigned int kshim_nr_node_ids(void);
#define nr_node_ids kshim_nr_node_ids()

/* include/linux/nodemask.h:node_state() */
int node_state(int node, enum node_states state);

/*
 * mm/page_alloc.c:node_states[], filled from node_state() when the
 * machine boots (kshim_node_states_init(), mm_model/mm/sched_numa.c):
 * the machine's nodes never change state.
 */
extern nodemask_t node_states[NR_NODE_STATES];
void kshim_node_states_init(void);

#define node_clear(node, dst) __node_clear((node), &(dst))
static inline void __node_clear(int node, nodemask_t *dstp)
{
	dstp->bits[0] &= ~(1UL << node);
}

#define for_each_node_state(node, state)				\
	for ((node) = 0; (node) < (int)nr_node_ids; (node)++)		\
		if (!node_state((node), (state))) {} else
#define for_each_online_node(node) for_each_node_state(node, N_ONLINE)

#endif

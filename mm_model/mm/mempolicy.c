// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory policies (see mempolicy.h): the policies the model creates,
 * the per-node defaults and what stands below the cut of the manifest's
 * unit fault_mpol (mm/mempolicy.c, 6.12: mpol_misplaced(),
 * get_vma_policy(), vma_migratable(), vma_policy_mof(),
 * numa_nearest_node() are the kernel's), and the node a new folio is
 * allocated on.  No shared (shmem) policies.
 */
#include <string.h>
#include <linux/errno.h>
#include <linux/mempolicy.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sched/sysctl.h>
#include <linux/memory-tiers.h>
#include <linux/topology.h>
#include <kshim/unmodelled.h>
#include "mm_model/mm/machine.h"
#include "mm_model/hw/memmap.h"
#include "mm_model/mm/mempolicy.h"

static struct mempolicy preferred_node_policy[MEMMAP_MAX_NODES];
/* mm/mempolicy.c:default_policy: MPOL_LOCAL */
static struct mempolicy default_policy = {
	.refcnt = ATOMIC_INIT(1),
	.mode = MPOL_LOCAL,
};

/* mm/mempolicy.c: its initialiser; build_all_zonelists() sets it */
void mpol_boot(void)
{
	policy_zone = ZONE_NORMAL;
}

const struct mempolicy *mpol_default_for_node(int nid)
{
	/* mm/mempolicy.c:numa_policy_init() fills these at boot */
	preferred_node_policy[nid] = (struct mempolicy){
		.refcnt = ATOMIC_INIT(1),
		.mode = MPOL_PREFERRED,
		.flags = MPOL_F_MOF | MPOL_F_MORON,
		.home_node = NUMA_NO_NODE,
	};
	node_set(nid, preferred_node_policy[nid].nodes);
	return &preferred_node_policy[nid];
}

struct mempolicy *mpol_new(unsigned short mode, u64 nodes,
			   bool numa_balancing)
{
	struct mempolicy *pol;

	if (mode >= MPOL_MAX || mode == MPOL_DEFAULT)
		return NULL;
	if (mode == MPOL_LOCAL ? nodes != 0 : nodes == 0)
		return NULL;
	/* sanitize_mpol_flags(): NUMA_BALANCING only with BIND/PREF_MANY */
	if (numa_balancing && mode != MPOL_BIND && mode != MPOL_PREFERRED_MANY)
		return NULL;
	pol = kzalloc(sizeof(*pol), GFP_KERNEL);
	if (!pol)
		return NULL;
	atomic_set(&pol->refcnt, 1);
	pol->mode = mode;
	pol->nodes.bits[0] = nodes;
	pol->w.user_nodemask.bits[0] = nodes;
	pol->home_node = NUMA_NO_NODE;
	if (numa_balancing)
		pol->flags |= MPOL_F_MOF | MPOL_F_MORON;
	return pol;
}

void mpol_free(struct mempolicy *pol)
{
	kfree(pol);
}

/* mm/mempolicy.c:__mpol_dup() (6.12): a copy the caller owns */
struct mempolicy *mpol_dup(const struct mempolicy *old)
{
	struct mempolicy *new = kmalloc(sizeof(*new), GFP_KERNEL);

	if (!new)
		return NULL;
	*new = *old;
	atomic_set(&new->refcnt, 1);
	return new;
}

/* mm/mempolicy.c:__mpol_equal() (6.12), without user nodemasks */
bool mpol_equal(const struct mempolicy *a, const struct mempolicy *b)
{
	if (a == b)
		return true;
	if (!a || !b)
		return false;
	return a->mode == b->mode && a->flags == b->flags &&
	       a->home_node == b->home_node &&
	       (a->mode == MPOL_LOCAL ||
		!memcmp(&a->nodes, &b->nodes, sizeof(a->nodes)));
}

/*
 * mm/mempolicy.c:get_task_policy() (6.12), cut from unit fault_mpol:
 * the task's own, else the per-node default of the node it runs on
 * (numa_policy_init()'s preferred_node_policy[], the model's above).
 */
struct mempolicy *get_task_policy(struct task_struct *p)
{
	int node;

	if (p->mempolicy)
		return p->mempolicy;
	node = numa_node_id();
	if (node != NUMA_NO_NODE)
		return (struct mempolicy *)mpol_default_for_node(node);
	return &default_policy;
}

/*
 * mm/mempolicy.c:weighted_interleave_nid() (6.12), cut: the weights
 * (sysfs weighted_interleave/) are not modelled
 */
unsigned int weighted_interleave_nid(struct mempolicy *pol, pgoff_t ilx)
{
	kshim_unmodelled("MPOL_WEIGHTED_INTERLEAVE in mpol_misplaced");
}

/* mm/mempolicy.c:__mpol_put() (6.12): only for shared policies */
void __mpol_put(struct mempolicy *pol)
{
	kshim_unmodelled("shared (shmem) mempolicies (__mpol_put)");
}

/*
 * include/linux/gfp.h:node_zonelist() (6.12): the node's fallback order
 * on the model's NUMA_DIRECT machines: itself, then the others by id
 * (build_zonelists() orders equal distances so), NUMA_NO_NODE last.
 */
struct zonelist *kshim_node_zonelist(int nid)
{
	static struct zonelist lists[MEMMAP_MAX_NODES];
	struct zonelist *zl;
	int n, i = 0;

	BUG_ON(nid < 0 || nid >= memmap_nr_nodes());
	zl = &lists[nid];
	zl->_zonerefs[i++].nid = nid;
	for (n = 0; n < memmap_nr_nodes(); n++)
		if (n != nid)
			zl->_zonerefs[i++].nid = n;
	zl->_zonerefs[i].nid = NUMA_NO_NODE;
	return zl;
}

static bool nodes_has(int nid, const nodemask_t *nodes)
{
	return node_isset(nid, *nodes);
}

/* the ilx-th node of the mask (interleave_nid()'s choice) */
static int nth_node(const nodemask_t *nodes, pgoff_t ilx)
{
	int nnodes = nodes_weight(*nodes), target, nid;

	target = ilx % nnodes;
	for_each_node_mask(nid, *nodes)
		if (target-- == 0)
			return nid;
	return NUMA_NO_NODE;
}

/* the nearest allowed node: this node, else the lowest allowed id */
static int nearest_allowed(int thisnid, const nodemask_t *nodes)
{
	if (nodes_has(thisnid, nodes))
		return thisnid;
	return first_node(*nodes);
}

/*
 * The node a new folio for @vma at @addr comes from: mm/mempolicy.c:
 * alloc_pages_mpol() -> policy_nodemask() (6.12), first choice only
 * (the fallback zonelist walk when that node is full is not modelled).
 */
int mpol_alloc_nid(struct vm_area_struct *vma, unsigned long addr, int order)
{
	const struct mempolicy *pol;
	pgoff_t ilx;
	int thisnid = numa_node_id();

	pol = get_vma_policy(vma, addr, order, &ilx);
	switch (pol->mode) {
	case MPOL_PREFERRED:
	case MPOL_PREFERRED_MANY:
	case MPOL_BIND:
		return nearest_allowed(thisnid, &pol->nodes);
	case MPOL_INTERLEAVE:
	case MPOL_WEIGHTED_INTERLEAVE:
		return nth_node(&pol->nodes, ilx);
	default:
		return thisnid;
	}
}

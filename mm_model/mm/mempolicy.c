// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory policies (see mempolicy.h) and the misplacement check of the
 * NUMA hinting fault: mm/mempolicy.c:mpol_misplaced() and the first
 * stage of kernel/sched/fair.c:should_numa_migrate_memory() (6.12).
 * Simplified, and said where: no numa groups (a shared fault of a task
 * without a group may migrate, as the kernel's "!ng" case), no shared
 * (shmem) policies, node distance is "own node first, then by id", and
 * memory-tiering promotion aborts as not modelled.
 */
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
static const struct mempolicy default_policy = { .mode = MPOL_LOCAL };

const struct mempolicy *mpol_default_for_node(int nid)
{
	/* mm/mempolicy.c:numa_policy_init() fills these at boot */
	preferred_node_policy[nid] = (struct mempolicy){
		.mode = MPOL_PREFERRED,
		.flags = MPOL_F_MOF | MPOL_F_MORON,
		.nodes = 1ULL << nid,
		.home_node = NUMA_NO_NODE,
	};
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
	pol->mode = mode;
	pol->nodes = nodes;
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

	if (new)
		*new = *old;
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
	       (a->mode == MPOL_LOCAL || a->nodes == b->nodes);
}

/* mm/mempolicy.c:get_task_policy() */
static const struct mempolicy *get_task_policy(struct task_struct *p)
{
	int node;

	if (p->mempolicy)
		return p->mempolicy;
	node = numa_node_id();
	if (node != NUMA_NO_NODE)
		return mpol_default_for_node(node);
	return &default_policy;
}

/*
 * mm/mempolicy.c:get_vma_policy() without shared policies: the VMA's
 * policy, else the task's; the interleave index for either
 */
static const struct mempolicy *get_vma_policy(struct vm_area_struct *vma,
					      unsigned long addr, int order,
					      pgoff_t *ilx)
{
	const struct mempolicy *pol = vma->vm_policy;

	*ilx = 0;
	if (!pol)
		pol = get_task_policy(current);
	if (pol->mode == MPOL_INTERLEAVE ||
	    pol->mode == MPOL_WEIGHTED_INTERLEAVE)
		*ilx = (vma->vm_pgoff >> order) +
		       ((addr - vma->vm_start) >> (PAGE_SHIFT + order));
	return pol;
}

static bool node_isset(int nid, u64 nodes)
{
	return nid >= 0 && nid < 64 && (nodes >> nid) & 1;
}

/* mm/mempolicy.c:interleave_nid(): the ilx-th node of the mask */
static int interleave_nid(const struct mempolicy *pol, pgoff_t ilx)
{
	int nnodes = __builtin_popcountll(pol->nodes), target, nid;

	target = ilx % nnodes;
	for (nid = 0; nid < 64; nid++)
		if (node_isset(nid, pol->nodes) && target-- == 0)
			return nid;
	return NUMA_NO_NODE;
}

/* the nearest allowed node: this node, else the lowest allowed id */
static int nearest_allowed(int thisnid, u64 nodes)
{
	if (node_isset(thisnid, nodes))
		return thisnid;
	return __builtin_ctzll(nodes);
}

static bool cpupid_valid(int cpupid)
{
	return cpupid_to_cpu(cpupid) < machine_nr_cpus();
}

/* kernel/sched/fair.c:should_numa_migrate_memory() (6.12), first stage */
static bool should_numa_migrate_memory(struct task_struct *p,
				       struct folio *folio, int src_nid,
				       int dst_cpu)
{
	int dst_nid = cpu_to_node(dst_cpu);
	int last_cpupid, this_cpupid;

	if (folio_use_access_time(folio))
		kshim_unmodelled("memory-tiering promotion "
				 "(should_numa_migrate_memory)");
	this_cpupid = cpu_pid_to_cpupid(dst_cpu, p->pid);
	last_cpupid = folio_xchg_last_cpupid(folio, this_cpupid);
	if (!(sysctl_numa_balancing_mode & NUMA_BALANCING_MEMORY_TIERING) &&
	    !node_is_toptier(src_nid) && !cpupid_valid(last_cpupid))
		return false;
	/* first faults or private faults migrate early in a task's life */
	if ((p->numa_preferred_nid == NUMA_NO_NODE || p->numa_scan_seq <= 4) &&
	    (cpupid_pid_unset(last_cpupid) ||
	     (p->pid & LAST__PID_MASK) == cpupid_to_pid(last_cpupid)))
		return true;
	/* two-stage filter: the last fault must have come from dst_nid */
	if (!cpupid_pid_unset(last_cpupid) &&
	    cpu_to_node(cpupid_to_cpu(last_cpupid)) != dst_nid)
		return false;
	if ((p->pid & LAST__PID_MASK) == cpupid_to_pid(last_cpupid))
		return true;
	return true;	/* a shared fault and no numa group yet */
}

/* mm/mempolicy.c:mpol_misplaced() (6.12) */
int mpol_misplaced(struct folio *folio, struct vm_fault *vmf,
		   unsigned long addr)
{
	const struct mempolicy *pol;
	pgoff_t ilx;
	int curnid = folio_nid(folio);
	struct vm_area_struct *vma = vmf->vma;
	int thiscpu = raw_smp_processor_id();
	int thisnid = numa_node_id();
	int polnid = NUMA_NO_NODE;

	lockdep_assert_held(vmf->ptl);
	pol = get_vma_policy(vma, addr, folio_order(folio), &ilx);
	if (!(pol->flags & MPOL_F_MOF))
		return NUMA_NO_NODE;

	switch (pol->mode) {
	case MPOL_INTERLEAVE:
		polnid = interleave_nid(pol, ilx);
		break;
	case MPOL_WEIGHTED_INTERLEAVE:
		kshim_unmodelled("MPOL_WEIGHTED_INTERLEAVE in mpol_misplaced");
	case MPOL_PREFERRED:
		if (node_isset(curnid, pol->nodes))
			return NUMA_NO_NODE;
		polnid = __builtin_ctzll(pol->nodes);	/* first_node() */
		break;
	case MPOL_LOCAL:
		polnid = numa_node_id();
		break;
	case MPOL_BIND:
	case MPOL_PREFERRED_MANY:
		if (pol->flags & MPOL_F_MORON) {
			if (node_isset(thisnid, pol->nodes))
				break;
			return NUMA_NO_NODE;
		}
		if (node_isset(curnid, pol->nodes))
			return NUMA_NO_NODE;
		polnid = nearest_allowed(thisnid, pol->nodes);
		break;
	default:
		BUG();
	}

	/* migrate the folio towards the node whose CPU references it */
	if (pol->flags & MPOL_F_MORON) {
		polnid = thisnid;
		if (!should_numa_migrate_memory(current, folio, curnid, thiscpu))
			return NUMA_NO_NODE;
	}
	return curnid != polnid ? polnid : NUMA_NO_NODE;
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
		return nearest_allowed(thisnid, pol->nodes);
	case MPOL_BIND:
		return nearest_allowed(thisnid, pol->nodes);
	case MPOL_INTERLEAVE:
	case MPOL_WEIGHTED_INTERLEAVE:
		return interleave_nid(pol, ilx);
	default:
		return thisnid;
	}
}

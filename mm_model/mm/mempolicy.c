// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory policies (see mempolicy.h) and the misplacement check of the
 * NUMA hinting fault: mm/mempolicy.c:mpol_misplaced() (6.12), which
 * asks kernel/sched/fair.c:should_numa_migrate_memory() (unit
 * sched_numa).  Simplified, and said where: no shared (shmem)
 * policies, node distance is "own node first, then by id".
 */
#include <linux/errno.h>
#include <linux/mempolicy.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sched/sysctl.h>
#include <linux/memory-tiers.h>
#include <linux/topology.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/sched/numa_balancing.h>
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

/* mm/mempolicy.c:get_vma_policy() without shared policies */
static const struct mempolicy *get_vma_policy(struct vm_area_struct *vma,
					      unsigned long addr, int order,
					      pgoff_t *ilx)
{
	*ilx = 0;
	if (vma->vm_policy) {
		if (vma->vm_policy->mode == MPOL_INTERLEAVE ||
		    vma->vm_policy->mode == MPOL_WEIGHTED_INTERLEAVE)
			*ilx = (vma->vm_pgoff >> order) +
			       ((addr - vma->vm_start) >> (PAGE_SHIFT + order));
		return vma->vm_policy;
	}
	return get_task_policy(current);
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

/*
 * mm/mempolicy.c:vma_migratable() (6.12).  No DAX in the model
 * (vma_is_dax() is false); hugetlb needs CONFIG_HUGETLB_PAGE, off in
 * every faultsim kconfig (x86-64 supports migrating its hstates
 * anyway); the "highest zone" test reads the file mapping's gfp mask:
 * a DMA or DMA32 zone is below policy_zone, which is ZONE_NORMAL on
 * the model's machines.
 */
bool vma_migratable(struct vm_area_struct *vma)
{
	if (vma->vm_flags & (VM_IO | VM_PFNMAP))
		return false;
	if (vma->vm_file && vma->vm_file->f_mapping &&
	    (vma->vm_file->f_mapping->gfp_mask & (__GFP_DMA | __GFP_DMA32)))
		return false;
	return true;
}

/*
 * mm/mempolicy.c:vma_policy_mof() (6.12): the VMA's policy, else the
 * task's (get_task_policy()); no vm_ops->get_policy (shmem) in the
 * model.
 */
bool vma_policy_mof(struct vm_area_struct *vma)
{
	const struct mempolicy *pol = vma->vm_policy;

	if (!pol)
		pol = get_task_policy(current);
	return pol->flags & MPOL_F_MOF;
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
int mpol_alloc_nid(struct vm_area_struct *vma, unsigned long addr)
{
	const struct mempolicy *pol;
	pgoff_t ilx;
	int thisnid = numa_node_id();

	pol = get_vma_policy(vma, addr, 0, &ilx);
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

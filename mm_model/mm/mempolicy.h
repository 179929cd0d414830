/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory policies (mm/mempolicy.c, 6.12) as far as NUMA hinting reads
 * them: the policy of a VMA, else of the task, else the per-node
 * default (MPOL_PREFERRED with MPOL_F_MOF | MPOL_F_MORON, which is what
 * lets NUMA balancing migrate), and mpol_misplaced().
 */
#ifndef FAULTSIM_MM_MODEL_MEMPOLICY_H
#define FAULTSIM_MM_MODEL_MEMPOLICY_H

#include <linux/types.h>

/* include/uapi/linux/mempolicy.h */
enum {
	MPOL_DEFAULT,
	MPOL_PREFERRED,
	MPOL_BIND,
	MPOL_INTERLEAVE,
	MPOL_LOCAL,
	MPOL_PREFERRED_MANY,
	MPOL_WEIGHTED_INTERLEAVE,
	MPOL_MAX,
};

/* internal flags (include/uapi/linux/mempolicy.h, kernel-only part) */
#define MPOL_F_SHARED (1 << 0)
#define MPOL_F_MOF (1 << 3)	/* this policy wants migrate on fault */
#define MPOL_F_MORON (1 << 4)	/* migrate on protnone reference fault */

struct mempolicy {
	unsigned short mode;
	unsigned short flags;
	u64 nodes;		/* nodemask_t for up to 64 nodes */
	int home_node;
};

/*
 * A policy as set_mempolicy()/mbind() would build it; @numa_balancing
 * is MPOL_F_NUMA_BALANCING (MOF|MORON for BIND and PREFERRED_MANY).
 * NULL on a bad mode/nodes combination.
 */
struct mempolicy *mpol_new(unsigned short mode, u64 nodes,
			   bool numa_balancing);
void mpol_free(struct mempolicy *pol);
/* a copy of @old (NULL: out of memory), as a VMA split or mbind() makes */
struct mempolicy *mpol_dup(const struct mempolicy *old);
/* same policy (NULL is the default policy, equal only to NULL) */
bool mpol_equal(const struct mempolicy *a, const struct mempolicy *b);
struct vm_area_struct;
/*
 * the node a new folio of @order for @vma at @addr is allocated on (the
 * order scales the interleave index, as vma_alloc_folio() passes it)
 */
int mpol_alloc_nid(struct vm_area_struct *vma, unsigned long addr, int order);
/* what an unset policy means for a task running on @nid */
const struct mempolicy *mpol_default_for_node(int nid);

#endif

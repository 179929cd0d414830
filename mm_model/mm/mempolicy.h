/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory policies (mm/mempolicy.c, 6.12) as the model creates them: a
 * task's or VMA's (mpol_new()), the per-node default (MPOL_PREFERRED
 * with MPOL_F_MOF | MPOL_F_MORON, which is what lets NUMA balancing
 * migrate), and the node a new folio is allocated on.  The lookups and
 * mpol_misplaced() are the kernel's (unit fault_mpol; struct mempolicy
 * in kshim's linux/mempolicy.h).
 */
#ifndef FAULTSIM_MM_MODEL_MEMPOLICY_H
#define FAULTSIM_MM_MODEL_MEMPOLICY_H

#include <linux/types.h>
#include <linux/mempolicy.h>	/* struct mempolicy, MPOL_* */

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
/* the boot-time state of mm/mempolicy.c (policy_zone) */
void mpol_boot(void);

#endif

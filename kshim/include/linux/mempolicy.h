/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/mempolicy.h and uapi/linux/mempolicy.h
 * (6.12, CONFIG_NUMA): struct mempolicy as the kernel lays it out (the
 * manifest's owned list compares it with the tree), the modes and
 * flags, and what mm/mempolicy.c's extracted functions (unit
 * fault_mempolicy) and their callers use.
 */
#ifndef _LINUX_MEMPOLICY_H
#define _LINUX_MEMPOLICY_H

#include <linux/atomic.h>
#include <linux/mm_types.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <linux/pagemap.h>

/* include/uapi/linux/mempolicy.h: the policy modes */
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

/* include/uapi/linux/mempolicy.h: mode flags, then internal flags */
#define MPOL_F_STATIC_NODES (1 << 15)
#define MPOL_F_RELATIVE_NODES (1 << 14)
#define MPOL_F_NUMA_BALANCING (1 << 13)
#define MPOL_F_SHARED (1 << 0)	/* identify shared policies */
#define MPOL_F_MOF (1 << 3)	/* this policy wants migrate on fault */
#define MPOL_F_MORON (1 << 4)	/* migrate on protnone reference on node */

struct mempolicy {
	atomic_t refcnt;
	unsigned short mode;
	unsigned short flags;
	nodemask_t nodes;
	int home_node;
	union {
		nodemask_t cpuset_mems_allowed;
		nodemask_t user_nodemask;
	} w;
};

/*
 * mm/mempolicy.c:__mpol_put() (6.12): only shared policies
 * (MPOL_F_SHARED) are put here, and the model has none (loud,
 * mm_model/mm/mempolicy.c)
 */
void __mpol_put(struct mempolicy *pol);

/* Mirrors include/linux/mempolicy.h:mpol_cond_put() (6.12) */
static inline void mpol_cond_put(struct mempolicy *pol)
{
	if (pol && (pol->flags & MPOL_F_SHARED))
		__mpol_put(pol);
}

/* mm/mempolicy.c: the highest zone a policy applies to (ZONE_NORMAL) */
extern enum zone_type policy_zone;

/* mm/mempolicy.c (6.12), unit fault_mempolicy */
int mpol_misplaced(struct folio *folio, struct vm_fault *vmf,
		   unsigned long addr);
bool vma_migratable(struct vm_area_struct *vma);
bool vma_policy_mof(struct vm_area_struct *vma);
int numa_nearest_node(int node, unsigned int state);
struct mempolicy *get_vma_policy(struct vm_area_struct *vma,
				 unsigned long addr, int order, pgoff_t *ilx);
/*
 * mm/mempolicy.c:get_task_policy() (6.12), cut: the model's
 * (mm_model/mm/mempolicy.c), over the per-node defaults it fills as
 * numa_policy_init() does
 */
struct mempolicy *get_task_policy(struct task_struct *p);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/mempolicy.h (6.12, CONFIG_NUMA). */
#ifndef _LINUX_MEMPOLICY_H
#define _LINUX_MEMPOLICY_H

#include <linux/mm_types.h>

/* mm/mempolicy.c: the model's (mm_model/mm/unmodelled.c aborts until it lands) */
int mpol_misplaced(struct folio *folio, struct vm_fault *vmf,
		   unsigned long addr);
/* mm/mempolicy.c (6.12): the model's (mm_model/mm/mempolicy.c) */
bool vma_migratable(struct vm_area_struct *vma);
bool vma_policy_mof(struct vm_area_struct *vma);
/* mm/mempolicy.c (6.12), unit fault_mempolicy */
int numa_nearest_node(int node, unsigned int state);

#endif

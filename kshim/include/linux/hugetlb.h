/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/hugetlb.h and hugetlb_inline.h (6.12):
 * CONFIG_HUGETLB_PAGE is off in every faultsim kconfig, so these are the
 * kernel's own !HUGETLB_PAGE stubs.
 */
#ifndef _LINUX_HUGETLB_H
#define _LINUX_HUGETLB_H

#include <linux/mm_types.h>

#ifdef CONFIG_HUGETLB_PAGE
#error "faultsim does not model hugetlb (CONFIG_HUGETLB_PAGE)"
#endif

/* Mirrors include/linux/hugetlb_inline.h:is_vm_hugetlb_page() (!HUGETLB_PAGE) */
static inline bool is_vm_hugetlb_page(struct vm_area_struct *vma)
{
	return false;
}

/* Mirrors include/linux/hugetlb.h:hugetlb_change_protection() (!HUGETLB_PAGE) */
static inline long hugetlb_change_protection(struct vm_area_struct *vma,
					     unsigned long address,
					     unsigned long end,
					     pgprot_t newprot,
					     unsigned long cp_flags)
{
	return 0;
}

/* Mirrors include/linux/hugetlb.h:hugetlb_fault() (!HUGETLB_PAGE): BUG */
static inline vm_fault_t hugetlb_fault(struct mm_struct *mm,
				       struct vm_area_struct *vma,
				       unsigned long address,
				       unsigned int flags)
{
	BUG();
	return 0;
}

/* Mirrors include/linux/hugetlb.h (!HUGETLB_PAGE): no hstates */
struct hstate;
static inline struct hstate *hstate_vma(struct vm_area_struct *vma)
{
	return NULL;
}

static inline bool hugepage_migration_supported(struct hstate *h)
{
	return false;
}

#endif

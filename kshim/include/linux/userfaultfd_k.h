/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/userfaultfd_k.h (6.12, CONFIG_USERFAULTFD). */
#ifndef _LINUX_USERFAULTFD_K_H
#define _LINUX_USERFAULTFD_K_H

#include <linux/mm.h>

/* Mirrors include/linux/userfaultfd_k.h:userfaultfd_wp() */
static inline bool userfaultfd_wp(struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_UFFD_WP;
}

/* Mirrors include/linux/userfaultfd_k.h:userfaultfd_pte_wp()/userfaultfd_huge_pmd_wp() */
static inline bool userfaultfd_pte_wp(struct vm_area_struct *vma, pte_t pte)
{
	return userfaultfd_wp(vma) && pte_uffd_wp(pte);
}

static inline bool userfaultfd_huge_pmd_wp(struct vm_area_struct *vma,
					   pmd_t pmd)
{
	return userfaultfd_wp(vma) && pmd_uffd_wp(pmd);
}

/* Mirrors include/linux/userfaultfd_k.h:__VM_UFFD_FLAGS, userfaultfd_armed() */
#define __VM_UFFD_FLAGS (VM_UFFD_MISSING | VM_UFFD_WP | VM_UFFD_MINOR)

static inline bool userfaultfd_armed(struct vm_area_struct *vma)
{
	return vma->vm_flags & __VM_UFFD_FLAGS;
}

/* Mirrors include/linux/userfaultfd_k.h:userfaultfd_missing() */
static inline bool userfaultfd_missing(struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_UFFD_MISSING;
}

/*
 * fs/userfaultfd.c:handle_userfault(): uffd contexts are not modelled
 * (loud, mm_model/mm/unmodelled.c); userfaultfd_wp_async() and
 * userfaultfd_wp_unpopulated(): a context with no features (false)
 */
vm_fault_t handle_userfault(struct vm_fault *vmf, unsigned long reason);
bool userfaultfd_wp_async(struct vm_area_struct *vma);
bool userfaultfd_wp_unpopulated(struct vm_area_struct *vma);

/* Mirrors include/linux/userfaultfd_k.h:userfaultfd_wp_use_markers() */
static inline bool userfaultfd_wp_use_markers(struct vm_area_struct *vma)
{
	if (!userfaultfd_wp(vma))
		return false;
	if (!vma_is_anonymous(vma))
		return true;	/* file-backed uffd-wp always uses markers */
	return userfaultfd_wp_unpopulated(vma);
}

#endif

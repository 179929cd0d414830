/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Building a process's memory as the kernel would have left it: anon
 * pages faulted in (mm/memory.c:do_anonymous_page()), so scenarios and
 * tests start from kernel-made state rather than hand-made PTEs.
 */
#ifndef FAULTSIM_MM_MODEL_POPULATE_H
#define FAULTSIM_MM_MODEL_POPULATE_H

#include <linux/mm_types.h>

/*
 * Maps [start, end) of anonymous @vma with fresh order-0 folios on
 * @nid, as a first touch by a write (@write) or read would: young,
 * dirty and writable after a write in a VM_WRITE VMA, read-only
 * otherwise; each page anon-exclusive, mapped once.  Must run in a
 * simulated thread.  Returns 0 or -ENOMEM.
 */
int populate_anon(struct vm_area_struct *vma, unsigned long start,
		  unsigned long end, int nid, bool write);
/*
 * What fork() leaves in the parent for a COW page: the page mapped once
 * more and no longer anon-exclusive, the PTE write-protected.  Only
 * counted: the second mapping is the caller's to make (a test's child
 * PTE), else the conservation oracle sees a mapcount no PTE accounts
 * for.  Returns 0 or -EINVAL (no present PTE at @addr).
 */
int share_cow_page(struct vm_area_struct *vma, unsigned long addr);
/*
 * fork() for one page: share_cow_page() in @vma and the child's PTE in
 * @child, the child's copy of @vma (its own mm, the same range):
 * write-protected and old, as copy_present_ptes() leaves it.  0 or
 * -ENOMEM.
 */
int fork_cow_page(struct vm_area_struct *vma, struct vm_area_struct *child,
		  unsigned long addr);
/*
 * UFFDIO_WRITEPROTECT of [start, end) of @vma, which has VM_UFFD_WP
 * (mm/userfaultfd.c:mwriteprotect_range() and uffd_wp_range(), 6.12):
 * change_protection(MM_CP_UFFD_WP) sets the uffd-wp bit on each
 * present entry and write-protects it.  Must run in a simulated
 * thread.  Returns the entries changed or a negative errno.
 */
long populate_uffd_wp(struct vm_area_struct *vma, unsigned long start,
		      unsigned long end);
/* The PTE pointer for @addr, if a PTE table exists (no scheduling). */
pte_t *populate_ptep(struct vm_area_struct *vma, unsigned long addr);
/* Unmaps and frees every page of @vma (munmap's zap, for teardown). */
void populate_zap_all(struct vm_area_struct *vma);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The system calls scenarios make, on the model's mm: mprotect()
 * (mm/mprotect.c:do_mprotect_pkey() -> mprotect_fixup() -> the real
 * change_protection()), madvise(MADV_DONTNEED) (mm/madvise.c ->
 * zap_page_range_single()), madvise(MADV_[NO]HUGEPAGE), set_mempolicy()
 * and mbind() (mm/mempolicy.c).  They run in the calling simulated task.
 */
#ifndef FAULTSIM_MM_MODEL_SYSCALLS_H
#define FAULTSIM_MM_MODEL_SYSCALLS_H

#include <linux/mm_types.h>

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4

/* -EINVAL (alignment), -ENOMEM (a hole), -EACCES (VM_MAY* forbids it) */
int sys_mprotect(struct mm_struct *mm, unsigned long start, size_t len,
		 unsigned long prot);
int sys_madvise_dontneed(struct mm_struct *mm, unsigned long start,
			 size_t len);
/*
 * madvise(MADV_HUGEPAGE) (@huge) or madvise(MADV_NOHUGEPAGE) of the
 * range: VM_HUGEPAGE / VM_NOHUGEPAGE on its VMAs, split to it
 */
int sys_madvise_hugepage(struct mm_struct *mm, unsigned long start,
			 size_t len, bool huge);
/* set_mempolicy(2) for current; MPOL_DEFAULT drops its policy */
int sys_set_mempolicy(unsigned short mode, u64 nodes, bool numa_balancing);
/*
 * mbind(2) of [start, start + len) in @mm, MPOL_MF_STRICT if @strict
 * (-EIO: a folio there on a node outside @nodes); no MPOL_MF_MOVE
 */
int sys_mbind(struct mm_struct *mm, unsigned long start, size_t len,
	      unsigned short mode, u64 nodes, bool numa_balancing,
	      bool strict);
/* mm/vma.c:split_vma(): @vma becomes [vm_start, addr), returns the rest */
struct vm_area_struct *vma_split_at(struct vm_area_struct *vma,
				    unsigned long addr);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The system calls scenarios make, on the model's mm: mprotect()
 * (mm/mprotect.c:do_mprotect_pkey() -> mprotect_fixup() -> the real
 * change_protection()) and madvise(MADV_DONTNEED) (mm/madvise.c ->
 * zap_page_range_single()).  They run in the calling simulated task.
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
/* mm/vma.c:split_vma(): @vma becomes [vm_start, addr), returns the rest */
struct vm_area_struct *vma_split_at(struct vm_area_struct *vma,
				    unsigned long addr);

#endif

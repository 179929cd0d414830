/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's side of a user page fault on x86-64: the error code the
 * CPU pushes, arch/x86/mm/fault.c:do_user_addr_fault(), and the VMA
 * lookup under the per-VMA lock (mm/memory.c:lock_vma_under_rcu()) or
 * the mmap lock.
 */
#ifndef FAULTSIM_MM_MODEL_FAULT_H
#define FAULTSIM_MM_MODEL_FAULT_H

#include <linux/mm_types.h>
#include <asm/trap_pf.h>

struct pt_regs;


struct vm_area_struct *lock_vma_under_rcu(struct mm_struct *mm,
					  unsigned long address);
/*
 * Handles a user fault as do_user_addr_fault() does and returns the
 * final vm_fault_t (VM_FAULT_SIGSEGV for a bad area or access error).
 */
vm_fault_t do_user_addr_fault(struct mm_struct *mm, unsigned long error_code,
			      unsigned long address);
/* The MMU's fault handler (mmu_fault_fn) entering the real kernel. */
vm_fault_t mmu_kernel_fault(int cpu, struct mm_struct *mm, unsigned long addr,
			    unsigned long error_code);
/* mm/memory.c (real kernel code, extracted) */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags, struct pt_regs *regs);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The MMU of a simulated x86-64 CPU: TLB lookup, page walk that sets
 * Accessed (and Dirty on write) as the hardware does, and a page fault
 * into the kernel when the entry is not present to the hardware
 * (protnone included) or forbids the access; after the handler returns
 * the access is retried, as the CPU re-executes the instruction.
 */
#ifndef FAULTSIM_MM_MODEL_MMU_H
#define FAULTSIM_MM_MODEL_MMU_H

#include <linux/mm_types.h>

/* A bound on refaults per access: beyond it the access is a fault loop. */
#define MMU_MAX_FAULTS_PER_ACCESS 16

enum mmu_result {
	MMU_OK,			/* the access completed */
	MMU_SIGSEGV,		/* the kernel refused it */
	MMU_SIGBUS,
	MMU_FAULT_LOOP,		/* refaulted MMU_MAX_FAULTS_PER_ACCESS times */
};

/*
 * The kernel's entry for a user fault (arch/x86/mm/fault.c:
 * do_user_addr_fault()), given the x86 error code (X86_PF_* of
 * mm_model/mm/fault.h); returns the vm_fault_t of handle_mm_fault().
 */
typedef vm_fault_t (*mmu_fault_fn)(int cpu, struct mm_struct *mm,
				   unsigned long addr,
				   unsigned long error_code);

void mmu_set_fault_handler(mmu_fault_fn fn);
enum mmu_result mmu_access(int cpu, struct mm_struct *mm, unsigned long addr,
			   bool write, int *nr_faults);

#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * User page faults (see fault.h): the path from the CPU's #PF to the
 * real handle_mm_fault().  Mirrors arch/x86/mm/fault.c (6.12):
 * do_user_addr_fault() tries the per-VMA lock first and falls back to
 * the mmap read lock; access_error() decides SIGSEGV before the core
 * mm sees the fault; VM_FAULT_RETRY retries with FAULT_FLAG_TRIED.
 */
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include "mm_model/mm/fault.h"
#include "mm_model/mm/hint_events.h"
#include "mm_model/mm/vma.h"

/* Retries of one fault before the model calls it a finding. */
#define FAULT_MAX_RETRIES 8

/* mm/memory.c:lock_vma_under_rcu() (6.12); the list stands for the tree */
struct vm_area_struct *lock_vma_under_rcu(struct mm_struct *mm,
					  unsigned long address)
{
	struct vm_area_struct *vma;

retry:
	vma = find_vma(mm, address);
	if (!vma)
		return NULL;
	if (!vma_start_read(vma))
		return NULL;
	/* isolated (munmap) after we found it: look again */
	if (READ_ONCE(vma->detached)) {
		vma_end_read(vma);
		goto retry;
	}
	if (address < vma->vm_start || address >= vma->vm_end) {
		vma_end_read(vma);
		return NULL;
	}
	return vma;
}

/* arch/x86/mm/fault.c:access_error() without pkeys, SGX or shadow stack */
static bool access_error(unsigned long error_code, struct vm_area_struct *vma)
{
	if (error_code & (X86_PF_PK | X86_PF_SGX))
		return true;
	if (error_code & X86_PF_WRITE) {
		if (vma->vm_flags & VM_SHADOW_STACK)
			return true;
		return !(vma->vm_flags & VM_WRITE);
	}
	/* read, present: a protection fault on a readable entry */
	if (error_code & X86_PF_PROT)
		return true;
	/* read, not present: a PROT_NONE VMA, not a hint */
	return !vma_is_accessible(vma);
}

/* mm/memory.c:lock_mm_and_find_vma() for addresses inside a VMA */
static struct vm_area_struct *lock_mm_and_find_vma(struct mm_struct *mm,
						   unsigned long address)
{
	struct vm_area_struct *vma;

	mmap_read_lock(mm);
	vma = find_vma(mm, address);
	if (vma && vma->vm_start <= address)
		return vma;
	/* no stack expansion is modelled: a gap is a bad area */
	mmap_read_unlock(mm);
	return NULL;
}

/*
 * arch/x86/mm/fault.c's call of handle_mm_fault(), bracketed for the
 * hint observer (hint_events.h): what the fault ends and what the
 * consumers count in between is judged when it returns, whichever
 * handler the kernel ran.  @vma may be gone once it returns.
 */
static vm_fault_t observed_handle_mm_fault(struct vm_area_struct *vma,
					   unsigned long address,
					   unsigned int flags)
{
	vm_fault_t fault;

	hint_event_fault_begin(vma, address, flags);
	fault = handle_mm_fault(vma, address, flags, NULL);
	hint_event_fault_end(fault);
	return fault;
}

vm_fault_t do_user_addr_fault(struct mm_struct *mm, unsigned long error_code,
			      unsigned long address)
{
	unsigned int flags = FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_KILLABLE |
			     FAULT_FLAG_INTERRUPTIBLE | FAULT_FLAG_USER;
	struct vm_area_struct *vma;
	vm_fault_t fault;
	int retries = 0;

	if (error_code & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (error_code & X86_PF_INSTR)
		flags |= FAULT_FLAG_INSTRUCTION;
	address &= PAGE_MASK;	/* vmf.address is page aligned anyway */

	vma = lock_vma_under_rcu(mm, address);
	if (!vma)
		goto lock_mmap;
	if (access_error(error_code, vma)) {
		vma_end_read(vma);
		return VM_FAULT_SIGSEGV;	/* bad_area_access_error() */
	}
	fault = observed_handle_mm_fault(vma, address,
					 flags | FAULT_FLAG_VMA_LOCK);
	if (!(fault & (VM_FAULT_RETRY | VM_FAULT_COMPLETED)))
		vma_end_read(vma);
	if (!(fault & VM_FAULT_RETRY))
		return fault;
	if (fault & VM_FAULT_MAJOR)
		flags |= FAULT_FLAG_TRIED;

lock_mmap:
	for (;;) {
		vma = lock_mm_and_find_vma(mm, address);
		if (!vma)
			return VM_FAULT_SIGSEGV;	/* bad_area_nosemaphore() */
		if (access_error(error_code, vma)) {
			mmap_read_unlock(mm);
			return VM_FAULT_SIGSEGV;
		}
		fault = observed_handle_mm_fault(vma, address, flags);
		if (fault & VM_FAULT_COMPLETED)
			return 0;
		if (!(fault & VM_FAULT_RETRY))
			break;
		/* the handler dropped the lock; retry once more, as TRIED */
		flags |= FAULT_FLAG_TRIED;
		if (++retries == FAULT_MAX_RETRIES) {
			WARN(1, "fault at %#lx retried %d times\n", address,
			     retries);
			return VM_FAULT_SIGBUS;
		}
	}
	mmap_read_unlock(mm);
	return fault;
}

/*
 * The MMU's #PF entry: the CPU runs the current task, which takes the
 * fault in its own context, as exc_page_fault() does.
 */
vm_fault_t mmu_kernel_fault(int cpu, struct mm_struct *mm, unsigned long addr,
			    unsigned long error_code)
{
	WARN_ON_ONCE(current->cpu != cpu || current->mm != mm);
	return do_user_addr_fault(mm, error_code, addr);
}

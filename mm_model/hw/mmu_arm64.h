/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What an arm64 MMU does to a last-level descriptor on a user (EL0) data
 * access, per the Arm ARM (DDI 0487) D8.4-D8.5, for the encodings of
 * kshim/include/asm/arm64_pgtable.h.  Modelled CPU: FEAT_HAFDBS with
 * TCR_EL1.HA = HD = 1 (6.12 turns both on when the CPU has them):
 *   - VALID clear (PAGE_NONE / present-invalid included) -> translation
 *     fault, like x86's P=0;
 *   - AP[1] (PTE_USER) clear, or a write with AP[2] (PTE_RDONLY) set and
 *     DBM (PTE_WRITE) clear -> permission fault;
 *   - otherwise the hardware sets AF, and on a write with DBM set clears
 *     AP[2] (hardware dirty: pte_hw_dirty() becomes true), with an
 *     atomic update of the descriptor.
 * Not wired into mmu.c yet: the kernel units' accessors do not dispatch
 * on kshim_arch (issue #15 item 4, step 2).
 */
#ifndef _MM_MODEL_HW_MMU_ARM64_H
#define _MM_MODEL_HW_MMU_ARM64_H

#include <asm/arm64_pgtable.h>

enum arm64_hw_result {
	ARM64_HW_OK,
	ARM64_HW_FAULT_TRANSLATION,
	ARM64_HW_FAULT_PERMISSION,
};

/*
 * Checks a user data access against descriptor *v and, when it is
 * allowed, applies the hardware AF / dirty-state update to *v.
 */
static inline enum arm64_hw_result arm64_hw_access(arm64_pteval_t *v,
						   bool write)
{
	arm64_pteval_t d = *v;

	if (!(d & ARM64_PTE_VALID))
		return ARM64_HW_FAULT_TRANSLATION;
	if (!(d & ARM64_PTE_USER))
		return ARM64_HW_FAULT_PERMISSION;
	if (write && (d & ARM64_PTE_RDONLY) && !(d & ARM64_PTE_DBM))
		return ARM64_HW_FAULT_PERMISSION;
	d |= ARM64_PTE_AF;
	if (write)
		d &= ~ARM64_PTE_RDONLY;
	*v = d;
	return ARM64_HW_OK;
}

#endif /* _MM_MODEL_HW_MMU_ARM64_H */

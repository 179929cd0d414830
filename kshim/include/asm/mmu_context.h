/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for arch/x86/include/asm/mmu_context.h (6.12):
 * arch_vma_access_permitted() without memory-protection keys, where
 * every access the VMA flags allow is permitted.
 */
#ifndef _ASM_X86_MMU_CONTEXT_H
#define _ASM_X86_MMU_CONTEXT_H

#include <linux/types.h>

struct vm_area_struct;

static inline bool arch_vma_access_permitted(struct vm_area_struct *vma,
					     bool write, bool execute,
					     bool foreign)
{
	return true;
}

#endif

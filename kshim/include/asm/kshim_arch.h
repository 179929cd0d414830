/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The page-table encoding a run models, chosen per run (issue #15
 * item 4).  KSHIM_ARCH_X86_64 is the default and the only one the
 * kernel units dispatch on so far; KSHIM_ARCH_ARM64's encodings are in
 * asm/arm64_pgtable.h.
 */
#ifndef _KSHIM_ASM_KSHIM_ARCH_H
#define _KSHIM_ASM_KSHIM_ARCH_H

enum kshim_arch {
	KSHIM_ARCH_X86_64 = 0,
	KSHIM_ARCH_ARM64,
};

extern enum kshim_arch kshim_arch;

#endif /* _KSHIM_ASM_KSHIM_ARCH_H */

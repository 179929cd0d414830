/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for arch/x86/include/asm/mtrr.h (6.12), empty: no MTRRs are simulated (arch/x86/mm/pgtable.c's extracted functions use none). */
#ifndef _KSHIM_ASM_MTRR_H
#define _KSHIM_ASM_MTRR_H
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for arch/x86/include/asm/fixmap.h (6.12), empty: no fixmap is simulated (arch/x86/mm/pgtable.c's extracted functions use none). */
#ifndef _KSHIM_ASM_FIXMAP_H
#define _KSHIM_ASM_FIXMAP_H
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for arch/x86/include/asm/pgalloc.h (6.12), empty: page-table pages are allocated by the model (pud_alloc()/__pte_alloc() in linux/mm.h). */
#ifndef _KSHIM_ASM_PGALLOC_H
#define _KSHIM_ASM_PGALLOC_H
#endif

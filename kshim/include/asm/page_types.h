/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for arch/x86/include/asm/page_types.h (6.12): 4 KiB pages. */
#ifndef _ASM_X86_PAGE_TYPES_H
#define _ASM_X86_PAGE_TYPES_H

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

/* 2 MiB huge pages: HPAGE_SHIFT is PMD_SHIFT */
#define HPAGE_SHIFT 21
#define HPAGE_SIZE (1UL << HPAGE_SHIFT)

/* The direct map is the identity: a table's host address is its "pa". */
#define __pa(x) ((unsigned long)(x))
#define __va(x) ((void *)(unsigned long)(x))

#endif

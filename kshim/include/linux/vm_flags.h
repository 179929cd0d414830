/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for the vm_flags definitions of include/linux/mm.h (6.12), as
 * an x86-64 (CONFIG_MMU, CONFIG_64BIT) kernel sees them.  linux/mm.h
 * includes this header; asm/pgtable.h does too (pte_mkwrite tests
 * VM_SHADOW_STACK).  Flags whose existence the kernel ties to a config
 * follow that config; x86's Kconfig selects are spelled out where the
 * kconfig fragments do not carry the derived symbol.
 */
#ifndef _KSHIM_LINUX_VM_FLAGS_H
#define _KSHIM_LINUX_VM_FLAGS_H

#include <linux/bits.h>

/* Mirrors include/linux/mm.h: VM_* flag values (6.12, x86-64) */
#define VM_NONE 0x00000000

#define VM_READ 0x00000001
#define VM_WRITE 0x00000002
#define VM_EXEC 0x00000004
#define VM_SHARED 0x00000008

/* mprotect() relies on VM_MAYx >> 4 == VM_x */
#define VM_MAYREAD 0x00000010
#define VM_MAYWRITE 0x00000020
#define VM_MAYEXEC 0x00000040
#define VM_MAYSHARE 0x00000080

#define VM_GROWSDOWN 0x00000100
#define VM_UFFD_MISSING 0x00000200	/* CONFIG_MMU */
#define VM_PFNMAP 0x00000400
#define VM_UFFD_WP 0x00001000

#define VM_LOCKED 0x00002000
#define VM_IO 0x00004000

#define VM_SEQ_READ 0x00008000
#define VM_RAND_READ 0x00010000

#define VM_DONTCOPY 0x00020000
#define VM_DONTEXPAND 0x00040000
#define VM_LOCKONFAULT 0x00080000
#define VM_ACCOUNT 0x00100000
#define VM_NORESERVE 0x00200000
#define VM_HUGETLB 0x00400000
#define VM_SYNC 0x00800000
#define VM_ARCH_1 0x01000000
#define VM_WIPEONFORK 0x02000000
#define VM_DONTDUMP 0x04000000

#ifdef CONFIG_MEM_SOFT_DIRTY
#define VM_SOFTDIRTY 0x08000000
#else
#define VM_SOFTDIRTY 0
#endif

#define VM_MIXEDMAP 0x10000000
#define VM_HUGEPAGE 0x20000000
#define VM_NOHUGEPAGE 0x40000000
#define VM_MERGEABLE BIT(31)

/*
 * Mirrors include/linux/mm.h: VM_HIGH_ARCH_* (the kernel defines them under
 * CONFIG_ARCH_USES_HIGH_VMA_FLAGS, which x86-64 selects with PKEYS or user
 * shadow stacks; they are plain bit positions, so they are always here).
 */
#define VM_HIGH_ARCH_BIT_0 32
#define VM_HIGH_ARCH_BIT_1 33
#define VM_HIGH_ARCH_BIT_2 34
#define VM_HIGH_ARCH_BIT_3 35
#define VM_HIGH_ARCH_BIT_4 36
#define VM_HIGH_ARCH_BIT_5 37
#define VM_HIGH_ARCH_0 BIT(VM_HIGH_ARCH_BIT_0)
#define VM_HIGH_ARCH_1 BIT(VM_HIGH_ARCH_BIT_1)
#define VM_HIGH_ARCH_2 BIT(VM_HIGH_ARCH_BIT_2)
#define VM_HIGH_ARCH_3 BIT(VM_HIGH_ARCH_BIT_3)
#define VM_HIGH_ARCH_4 BIT(VM_HIGH_ARCH_BIT_4)
#define VM_HIGH_ARCH_5 BIT(VM_HIGH_ARCH_BIT_5)

/* Mirrors include/linux/mm.h: VM_PKEY_* (ARCH_HAS_PKEYS: x86 PKEYS, ARCH_PKEY_BITS 4) */
#if defined(CONFIG_ARCH_HAS_PKEYS) || \
	defined(CONFIG_X86_INTEL_MEMORY_PROTECTION_KEYS)
#define VM_PKEY_SHIFT VM_HIGH_ARCH_BIT_0
#define VM_PKEY_BIT0 VM_HIGH_ARCH_0
#define VM_PKEY_BIT1 VM_HIGH_ARCH_1
#define VM_PKEY_BIT2 VM_HIGH_ARCH_2
#define VM_PKEY_BIT3 VM_HIGH_ARCH_3
#define VM_PKEY_BIT4 0
#endif

/* Mirrors include/linux/mm.h:VM_SHADOW_STACK (VM_NONE without X86_USER_SHADOW_STACK) */
#ifdef CONFIG_X86_USER_SHADOW_STACK
#define VM_SHADOW_STACK VM_HIGH_ARCH_5
#else
#define VM_SHADOW_STACK VM_NONE
#endif

/* Mirrors include/linux/mm.h: the x86 meaning of VM_ARCH_1 and absent arch flags */
#define VM_PAT VM_ARCH_1
#define VM_MTE VM_NONE
#define VM_MTE_ALLOWED VM_NONE
#define VM_GROWSUP VM_NONE

/* Mirrors include/linux/mm.h:VM_UFFD_MINOR (x86 selects HAVE_ARCH_USERFAULTFD_MINOR if X86_64 && USERFAULTFD) */
#if defined(CONFIG_HAVE_ARCH_USERFAULTFD_MINOR) || \
	(defined(CONFIG_X86_64) && defined(CONFIG_USERFAULTFD))
#define VM_UFFD_MINOR_BIT 38
#define VM_UFFD_MINOR BIT(VM_UFFD_MINOR_BIT)
#else
#define VM_UFFD_MINOR VM_NONE
#endif

/* Mirrors include/linux/mm.h: 64-bit-only flags */
#define VM_ALLOW_ANY_UNCACHED_BIT 39
#define VM_ALLOW_ANY_UNCACHED BIT(VM_ALLOW_ANY_UNCACHED_BIT)
#define VM_DROPPABLE_BIT 40
#define VM_DROPPABLE BIT(VM_DROPPABLE_BIT)
#define VM_SEALED BIT(63)

/* Mirrors include/linux/mm.h: flag groups that need nothing but flags */
#define VM_STACK VM_GROWSDOWN		/* !CONFIG_STACK_GROWSUP */
#define VM_STACK_EARLY 0
#define VM_STACK_INCOMPLETE_SETUP (VM_RAND_READ | VM_SEQ_READ | VM_STACK_EARLY)
#define VM_STARTGAP_FLAGS (VM_GROWSDOWN | VM_SHADOW_STACK)
#define VM_ACCESS_FLAGS (VM_READ | VM_WRITE | VM_EXEC)
#define VM_SPECIAL (VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP)
#define VM_NO_KHUGEPAGED (VM_SPECIAL | VM_HUGETLB)
#define VM_INIT_DEF_MASK VM_NOHUGEPAGE
#define VM_LOCKED_MASK (VM_LOCKED | VM_LOCKONFAULT)

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for arch/x86/include/asm/pgtable_types.h together with the
 * pieces of pgtable_64_types.h, page_types.h and page_64_types.h it
 * leans on (6.12): the x86-64 page-table entry types, bit numbers,
 * masks and the user/kernel protection values.
 *
 * Machine model: CONFIG_X86_64, 4-level paging, no memory encryption
 * (sme_me_mask and cc_mask are 0), every PTE bit supported by the CPU
 * (__supported_pte_mask and __default_kernel_pte_mask are all ones: NX
 * and PGE present, no PTI).  Nothing here depends on PAGE_SHIFT from
 * linux/mm.h: the 4 KiB and 2 MiB shifts are private constants.
 */
#ifndef _KSHIM_ASM_PGTABLE_TYPES_H
#define _KSHIM_ASM_PGTABLE_TYPES_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bits.h>
#include <asm/arm64_pgtable.h>
#include <asm/kshim_arch.h>

/* Mirrors arch/x86/include/asm/pgtable_64_types.h: value and entry types */
typedef unsigned long pteval_t;
typedef unsigned long pmdval_t;
typedef unsigned long pudval_t;
typedef unsigned long p4dval_t;
typedef unsigned long pgdval_t;
typedef unsigned long pgprotval_t;

typedef struct { pteval_t pte; } pte_t;
typedef struct { pmdval_t pmd; } pmd_t;

/* Mirrors arch/x86/include/asm/pgtable_types.h: struct pgprot */
typedef struct pgprot { pgprotval_t pgprot; } pgprot_t;

/* Mirrors arch/x86/include/asm/pgtable_types.h:native_make_pte() and friends */
static inline pte_t native_make_pte(pteval_t val)
{
	pte_t e = { .pte = val };
	return e;
}

static inline pteval_t native_pte_val(pte_t pte)
{
	return pte.pte;
}

static inline pmd_t native_make_pmd(pmdval_t val)
{
	pmd_t e = { .pmd = val };
	return e;
}

static inline pmdval_t native_pmd_val(pmd_t pmd)
{
	return pmd.pmd;
}

/* Mirrors arch/x86/include/asm/pgtable.h: __pte/pte_val/__pmd/pmd_val (!PARAVIRT_XXL) */
#define pte_val(x) native_pte_val(x)
#define __pte(x) native_make_pte(x)
#define pmd_val(x) native_pmd_val(x)
#define __pmd(x) native_make_pmd(x)

/* Mirrors arch/x86/include/asm/pgtable_types.h: pgprot_val/__pgprot/__pg */
#define pgprot_val(x) ((x).pgprot)
#define __pgprot(x) ((pgprot_t){ (x) })
#define __pg(x) __pgprot(x)

/* Mirrors arch/x86/include/asm/pgtable_types.h: _PAGE_BIT_* (x86-64) */
#define _PAGE_BIT_PRESENT 0
#define _PAGE_BIT_RW 1
#define _PAGE_BIT_USER 2
#define _PAGE_BIT_PWT 3
#define _PAGE_BIT_PCD 4
#define _PAGE_BIT_ACCESSED 5
#define _PAGE_BIT_DIRTY 6
#define _PAGE_BIT_PSE 7		/* leaf PMD/PUD */
#define _PAGE_BIT_PAT 7		/* 4 KiB PTE */
#define _PAGE_BIT_GLOBAL 8
#define _PAGE_BIT_SOFTW1 9
#define _PAGE_BIT_SOFTW2 10
#define _PAGE_BIT_SOFTW3 11
#define _PAGE_BIT_PAT_LARGE 12	/* leaf PMD/PUD */
#define _PAGE_BIT_SOFTW4 57
#define _PAGE_BIT_SOFTW5 58
#define _PAGE_BIT_PKEY_BIT0 59
#define _PAGE_BIT_PKEY_BIT1 60
#define _PAGE_BIT_PKEY_BIT2 61
#define _PAGE_BIT_PKEY_BIT3 62
#define _PAGE_BIT_NX 63

#define _PAGE_BIT_SPECIAL _PAGE_BIT_SOFTW1
#define _PAGE_BIT_CPA_TEST _PAGE_BIT_SOFTW1
#define _PAGE_BIT_UFFD_WP _PAGE_BIT_SOFTW2
#define _PAGE_BIT_SOFT_DIRTY _PAGE_BIT_SOFTW3
#define _PAGE_BIT_DEVMAP _PAGE_BIT_SOFTW4
#define _PAGE_BIT_SAVED_DIRTY _PAGE_BIT_SOFTW5	/* 64-bit placement */
#define _PAGE_BIT_NOPTISHADOW _PAGE_BIT_SOFTW5
/* with P clear, the GLOBAL bit marks a PROT_NONE (or NUMA hint) entry */
#define _PAGE_BIT_PROTNONE _PAGE_BIT_GLOBAL

/* Mirrors arch/x86/include/asm/pgtable_types.h: single-bit _PAGE_* masks */
#define __KSHIM_PTE_BIT(n) (((pteval_t)1) << (n))
#define _PAGE_PRESENT __KSHIM_PTE_BIT(_PAGE_BIT_PRESENT)
#define _PAGE_RW __KSHIM_PTE_BIT(_PAGE_BIT_RW)
#define _PAGE_USER __KSHIM_PTE_BIT(_PAGE_BIT_USER)
#define _PAGE_PWT __KSHIM_PTE_BIT(_PAGE_BIT_PWT)
#define _PAGE_PCD __KSHIM_PTE_BIT(_PAGE_BIT_PCD)
#define _PAGE_ACCESSED __KSHIM_PTE_BIT(_PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY __KSHIM_PTE_BIT(_PAGE_BIT_DIRTY)
#define _PAGE_PSE __KSHIM_PTE_BIT(_PAGE_BIT_PSE)
#define _PAGE_GLOBAL __KSHIM_PTE_BIT(_PAGE_BIT_GLOBAL)
#define _PAGE_SOFTW1 __KSHIM_PTE_BIT(_PAGE_BIT_SOFTW1)
#define _PAGE_SOFTW2 __KSHIM_PTE_BIT(_PAGE_BIT_SOFTW2)
#define _PAGE_SOFTW3 __KSHIM_PTE_BIT(_PAGE_BIT_SOFTW3)
#define _PAGE_PAT __KSHIM_PTE_BIT(_PAGE_BIT_PAT)
#define _PAGE_PAT_LARGE __KSHIM_PTE_BIT(_PAGE_BIT_PAT_LARGE)
#define _PAGE_SPECIAL __KSHIM_PTE_BIT(_PAGE_BIT_SPECIAL)
#define _PAGE_CPA_TEST __KSHIM_PTE_BIT(_PAGE_BIT_CPA_TEST)
#define _PAGE_NX __KSHIM_PTE_BIT(_PAGE_BIT_NX)
#define _PAGE_DEVMAP __KSHIM_PTE_BIT(_PAGE_BIT_DEVMAP)
#define _PAGE_SOFTW4 __KSHIM_PTE_BIT(_PAGE_BIT_SOFTW4)
#define _PAGE_SAVED_DIRTY __KSHIM_PTE_BIT(_PAGE_BIT_SAVED_DIRTY)
#define _PAGE_PROTNONE __KSHIM_PTE_BIT(_PAGE_BIT_PROTNONE)
#define _PAGE_NOPTISHADOW __KSHIM_PTE_BIT(_PAGE_BIT_NOPTISHADOW)

/* Mirrors arch/x86/include/asm/pgtable_types.h: PKEY bits exist only with CONFIG_X86_INTEL_MEMORY_PROTECTION_KEYS */
#ifdef CONFIG_X86_INTEL_MEMORY_PROTECTION_KEYS
#define _PAGE_PKEY_BIT0 __KSHIM_PTE_BIT(_PAGE_BIT_PKEY_BIT0)
#define _PAGE_PKEY_BIT1 __KSHIM_PTE_BIT(_PAGE_BIT_PKEY_BIT1)
#define _PAGE_PKEY_BIT2 __KSHIM_PTE_BIT(_PAGE_BIT_PKEY_BIT2)
#define _PAGE_PKEY_BIT3 __KSHIM_PTE_BIT(_PAGE_BIT_PKEY_BIT3)
#else
#define _PAGE_PKEY_BIT0 ((pteval_t)0)
#define _PAGE_PKEY_BIT1 ((pteval_t)0)
#define _PAGE_PKEY_BIT2 ((pteval_t)0)
#define _PAGE_PKEY_BIT3 ((pteval_t)0)
#endif
#define _PAGE_PKEY_MASK \
	(_PAGE_PKEY_BIT0 | _PAGE_PKEY_BIT1 | _PAGE_PKEY_BIT2 | _PAGE_PKEY_BIT3)

/* Mirrors arch/x86/include/asm/pgtable_types.h: _PAGE_KNL_ERRATUM_MASK (64-bit) */
#define _PAGE_KNL_ERRATUM_MASK (_PAGE_DIRTY | _PAGE_ACCESSED)

/* Mirrors arch/x86/include/asm/pgtable_types.h: config-dependent software bits */
#ifdef CONFIG_MEM_SOFT_DIRTY
#define _PAGE_SOFT_DIRTY __KSHIM_PTE_BIT(_PAGE_BIT_SOFT_DIRTY)
#define _PAGE_SWP_SOFT_DIRTY _PAGE_RW
#else
#define _PAGE_SOFT_DIRTY ((pteval_t)0)
#define _PAGE_SWP_SOFT_DIRTY ((pteval_t)0)
#endif

#ifdef CONFIG_HAVE_ARCH_USERFAULTFD_WP
#define _PAGE_UFFD_WP __KSHIM_PTE_BIT(_PAGE_BIT_UFFD_WP)
#define _PAGE_SWP_UFFD_WP _PAGE_USER
#else
#define _PAGE_UFFD_WP ((pteval_t)0)
#define _PAGE_SWP_UFFD_WP ((pteval_t)0)
#endif

#define _PAGE_DIRTY_BITS (_PAGE_DIRTY | _PAGE_SAVED_DIRTY)

/* Mirrors arch/x86/include/asm/pgtable_types.h: _PAGE_CC/_PAGE_ENC (no SME/TDX: 0) */
#define _PAGE_CC ((pteval_t)0)
#define _PAGE_ENC ((pteval_t)0)

/* Mirrors page_64_types.h/page_types.h: physical address width and page masks */
#define __KSHIM_PTE_PAGE_SHIFT 12
#define __KSHIM_PMD_SHIFT 21
#define __PHYSICAL_MASK_SHIFT 52
#define __PHYSICAL_MASK ((phys_addr_t)((1ULL << __PHYSICAL_MASK_SHIFT) - 1))
#define PHYSICAL_PAGE_MASK \
	((phys_addr_t)(~((1UL << __KSHIM_PTE_PAGE_SHIFT) - 1)) & __PHYSICAL_MASK)
#define PHYSICAL_PMD_PAGE_MASK \
	((phys_addr_t)(~((1UL << __KSHIM_PMD_SHIFT) - 1)) & __PHYSICAL_MASK)

/* Mirrors arch/x86/include/asm/pgtable_types.h: PTE_PFN_MASK/PTE_FLAGS_MASK */
#define PTE_PFN_MASK ((pteval_t)PHYSICAL_PAGE_MASK)
#define PTE_FLAGS_MASK (~PTE_PFN_MASK)

/* Mirrors arch/x86/include/asm/pgtable.h:PFN_PTE_SHIFT */
#define PFN_PTE_SHIFT __KSHIM_PTE_PAGE_SHIFT

/* Mirrors arch/x86/include/asm/pgtable_types.h: bits pte_modify()/pmd_modify() keep */
#define _COMMON_PAGE_CHG_MASK                                              \
	(PTE_PFN_MASK | _PAGE_PCD | _PAGE_PWT | _PAGE_SPECIAL |            \
	 _PAGE_ACCESSED | _PAGE_DIRTY_BITS | _PAGE_SOFT_DIRTY |            \
	 _PAGE_DEVMAP | _PAGE_CC | _PAGE_UFFD_WP)
#define _PAGE_CHG_MASK (_COMMON_PAGE_CHG_MASK | _PAGE_PAT)
#define _HPAGE_CHG_MASK (_COMMON_PAGE_CHG_MASK | _PAGE_PSE | _PAGE_PAT_LARGE)

/* Mirrors arch/x86/include/asm/pgtable_types.h: cache-attribute masks */
#define _PAGE_CACHE_MASK (_PAGE_PWT | _PAGE_PCD | _PAGE_PAT)
#define _PAGE_LARGE_CACHE_MASK (_PAGE_PWT | _PAGE_PCD | _PAGE_PAT_LARGE)

/* Mirrors arch/x86/include/asm/pgtable_types.h: user protections (PAGE_NONE ... PAGE_READONLY_EXEC), as values */
#define __KSHIM_X86_PAGE_NONE (_PAGE_ACCESSED | _PAGE_GLOBAL)
#define __KSHIM_X86_PAGE_SHARED \
	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define __KSHIM_X86_PAGE_SHARED_EXEC \
	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define __KSHIM_X86_PAGE_COPY_NOEXEC \
	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define __KSHIM_X86_PAGE_COPY_EXEC (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define __KSHIM_X86_PAGE_READONLY \
	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define __KSHIM_X86_PAGE_READONLY_EXEC \
	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)

/*
 * The protections the kernel code names, of the run's encoding
 * (asm/kshim_arch.h): x86-64's above, or arm64's (arch/arm64/include/
 * asm/pgtable-prot.h, asm/arm64_pgtable.h; arm64 has no PAGE_COPY*: its
 * protection_map uses PAGE_READONLY* for private writable mappings).
 */
#define __KSHIM_ARCH_PROT(x86, arm64) \
	__pg(kshim_arch_arm64() ? (pgprotval_t)(arm64) : (pgprotval_t)(x86))
#define PAGE_NONE __KSHIM_ARCH_PROT(__KSHIM_X86_PAGE_NONE, ARM64_PAGE_NONE)
#define PAGE_SHARED \
	__KSHIM_ARCH_PROT(__KSHIM_X86_PAGE_SHARED, ARM64_PAGE_SHARED)
#define PAGE_SHARED_EXEC \
	__KSHIM_ARCH_PROT(__KSHIM_X86_PAGE_SHARED_EXEC, ARM64_PAGE_SHARED_EXEC)
#define PAGE_COPY_NOEXEC \
	__KSHIM_ARCH_PROT(__KSHIM_X86_PAGE_COPY_NOEXEC, ARM64_PAGE_READONLY)
#define PAGE_COPY_EXEC \
	__KSHIM_ARCH_PROT(__KSHIM_X86_PAGE_COPY_EXEC, ARM64_PAGE_READONLY_EXEC)
#define PAGE_COPY PAGE_COPY_NOEXEC
#define PAGE_READONLY \
	__KSHIM_ARCH_PROT(__KSHIM_X86_PAGE_READONLY, ARM64_PAGE_READONLY)
#define PAGE_READONLY_EXEC \
	__KSHIM_ARCH_PROT(__KSHIM_X86_PAGE_READONLY_EXEC, \
			  ARM64_PAGE_READONLY_EXEC)

/* Mirrors arch/x86/include/asm/pgtable_types.h: kernel and page-table protections */
#define __PAGE_KERNEL                                                    \
	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_NX | _PAGE_DIRTY | \
	 _PAGE_GLOBAL)
#define __PAGE_KERNEL_EXEC                                                 \
	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL)
#define __PAGE_KERNEL_RO \
	(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_NX | _PAGE_GLOBAL)
#define __PAGE_KERNEL_LARGE (__PAGE_KERNEL | _PAGE_PSE)
#define _KERNPG_TABLE_NOENC \
	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _KERNPG_TABLE (_KERNPG_TABLE_NOENC | _PAGE_ENC)
#define _PAGE_TABLE_NOENC (_KERNPG_TABLE_NOENC | _PAGE_USER)
#define _PAGE_TABLE (_PAGE_TABLE_NOENC | _PAGE_ENC)
/* __default_kernel_pte_mask is all ones here (no PTI dropping GLOBAL) */
#define PAGE_KERNEL __pgprot(__PAGE_KERNEL | _PAGE_ENC)
#define PAGE_KERNEL_RO __pgprot(__PAGE_KERNEL_RO | _PAGE_ENC)
#define PAGE_KERNEL_EXEC __pgprot(__PAGE_KERNEL_EXEC | _PAGE_ENC)
#define PAGE_KERNEL_LARGE __pgprot(__PAGE_KERNEL_LARGE | _PAGE_ENC)

/* Mirrors arch/x86/include/asm/pgtable_types.h:pgprot_nx() */
static inline pgprot_t pgprot_nx(pgprot_t prot)
{
	return __pgprot(pgprot_val(prot) | _PAGE_NX);
}
#define pgprot_nx pgprot_nx

#endif

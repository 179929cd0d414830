/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64 page-table entry encodings (4 KiB granule, 48-bit VA, no LPA2)
 * from Linux 6.12's arch/arm64/include/asm/pgtable-hwdef.h,
 * pgtable-prot.h and pgtable.h, and the protection_map of
 * arch/arm64/mm/mmap.c.  Every helper is pure: a raw 64-bit entry in,
 * a raw entry (or a predicate) out.  Names carry an arm64_ prefix so
 * they live next to the x86-64 helpers of asm/pgtable.h; the runtime
 * selector is kshim_arch (asm/kshim_arch.h).
 *
 * The accessors of asm/pgtable.h, linux/pgtable.h and linux/swapops.h
 * call these when the run's encoding is arm64 (kshim_arch_arm64()).
 *
 * Modelled CPU: FEAT_HAFDBS with TCR_EL1.HA and .HD on (hardware Access
 * flag and dirty-state management), as on every arm64 server 6.12 runs
 * on; arm64_use_ng_mappings on (KPTI / E0PD-less CPUs), so PTE_MAYBE_NG
 * is PTE_NG; no LPA2, so PTE_MAYBE_SHARED is PTE_SHARED; no Enhanced PAN,
 * so protection_map[VM_EXEC] stays PAGE_READONLY_EXEC; no BTI, no POE.
 *
 * Software bits: 6.12 has no CONFIG_HAVE_ARCH_SOFT_DIRTY on arm64, so
 * there is no soft-dirty bit; the helpers below say so (arm64_pte_soft_
 * dirty() is always 0).  The software bits of a present entry are
 * PTE_SWBITS_MASK = bit 63 and bits 58..55: 55 PTE_DIRTY, 56
 * PTE_SPECIAL, 57 PTE_DEVMAP, 58 PTE_UFFD_WP (CONFIG_HAVE_ARCH_USERFAULTFD_WP
 * is selected with USERFAULTFD), 63 unused by 6.12.
 */
#ifndef _KSHIM_ASM_ARM64_PGTABLE_H
#define _KSHIM_ASM_ARM64_PGTABLE_H

#include <linux/types.h>
#include <linux/bits.h>

typedef u64 arm64_pteval_t;

/* arch/arm64/include/asm/pgtable-hwdef.h (6.12) */
#define ARM64_PTE_VALID (1ULL << 0)
#define ARM64_PTE_TYPE_MASK (3ULL << 0)
#define ARM64_PTE_TYPE_PAGE (3ULL << 0)
#define ARM64_PTE_TABLE_BIT (1ULL << 1)
#define ARM64_PTE_USER (1ULL << 6) /* AP[1] */
#define ARM64_PTE_RDONLY (1ULL << 7) /* AP[2] */
#define ARM64_PTE_SHARED (3ULL << 8) /* SH[1:0] */
#define ARM64_PTE_BIT_AF 10
#define ARM64_PTE_AF (1ULL << ARM64_PTE_BIT_AF)
#define ARM64_PTE_NG (1ULL << 11)
#define ARM64_PTE_GP (1ULL << 50)
#define ARM64_PTE_DBM (1ULL << 51)
#define ARM64_PTE_CONT (1ULL << 52)
#define ARM64_PTE_PXN (1ULL << 53)
#define ARM64_PTE_UXN (1ULL << 54)
#define ARM64_PTE_SWBITS_MASK ((1ULL << 63) | (0xfULL << 55))
/* 4 KiB granule, 48-bit PA: bits 47..12 (PTE_ADDR_LOW, no LPA) */
#define ARM64_PAGE_SHIFT 12
#define ARM64_PTE_ADDR_LOW \
	(((1ULL << (50 - ARM64_PAGE_SHIFT)) - 1) << ARM64_PAGE_SHIFT)
#define ARM64_PTE_ATTRINDX_MASK (7ULL << 2)
#define ARM64_PTE_PO_IDX_MASK (7ULL << 60)
#define ARM64_PMD_TYPE_MASK (3ULL << 0)
#define ARM64_PMD_TYPE_TABLE (3ULL << 0)
#define ARM64_PMD_TYPE_SECT (1ULL << 0)
#define ARM64_PMD_TABLE_PXN (1ULL << 59)
/* arch/arm64/include/asm/pgalloc.h: a user table descriptor, as
 * p4d_populate()/pud_populate()/pmd_populate() write it (PXNTable) */
#define ARM64_PAGE_TABLE_USER (ARM64_PMD_TYPE_TABLE | ARM64_PMD_TABLE_PXN)
#define ARM64_PMD_SHIFT 21
/* arch/arm64/include/asm/pgtable-prot.h: swap-entry software bits */
#define ARM64_PTE_SWP_EXCLUSIVE (1ULL << 2)
#define ARM64_PTE_SWP_UFFD_WP (1ULL << 3)
/* arch/arm64/include/asm/pgtable.h: swap entry, type 6-10, offset 12-61 */
#define ARM64_SWP_TYPE_SHIFT 6
#define ARM64_SWP_TYPE_MASK ((1ULL << 5) - 1)
#define ARM64_SWP_OFFSET_SHIFT 12
#define ARM64_SWP_OFFSET_MASK ((1ULL << 50) - 1)

/* arch/arm64/include/asm/pgtable-prot.h (6.12) */
#define ARM64_PTE_WRITE ARM64_PTE_DBM
#define ARM64_PTE_DIRTY (1ULL << 55)
#define ARM64_PTE_SPECIAL (1ULL << 56)
#define ARM64_PTE_DEVMAP (1ULL << 57)
#define ARM64_PTE_PRESENT_INVALID ARM64_PTE_NG /* only when !PTE_VALID */
#define ARM64_PTE_UFFD_WP (1ULL << 58)

/* _PAGE_DEFAULT: _PROT_DEFAULT | PTE_ATTRINDX(MT_NORMAL = 0) */
#define ARM64_PAGE_DEFAULT \
	(ARM64_PTE_TYPE_PAGE | ARM64_PTE_AF | ARM64_PTE_SHARED)
#define ARM64_PAGE_NONE                                                        \
	((ARM64_PAGE_DEFAULT & ~ARM64_PTE_VALID) | ARM64_PTE_PRESENT_INVALID | \
	 ARM64_PTE_RDONLY | ARM64_PTE_NG | ARM64_PTE_PXN | ARM64_PTE_UXN)
#define ARM64_PAGE_USER_BASE                                      \
	(ARM64_PAGE_DEFAULT | ARM64_PTE_USER | ARM64_PTE_RDONLY | \
	 ARM64_PTE_NG | ARM64_PTE_PXN)
#define ARM64_PAGE_SHARED \
	(ARM64_PAGE_USER_BASE | ARM64_PTE_UXN | ARM64_PTE_WRITE)
#define ARM64_PAGE_SHARED_EXEC (ARM64_PAGE_USER_BASE | ARM64_PTE_WRITE)
#define ARM64_PAGE_READONLY (ARM64_PAGE_USER_BASE | ARM64_PTE_UXN)
#define ARM64_PAGE_READONLY_EXEC ARM64_PAGE_USER_BASE

/* arch/arm64/mm/mmap.c:protection_map[] (6.12), indexed by
 * VM_{READ,WRITE,EXEC,SHARED} */
extern const arm64_pteval_t arm64_protection_map[16];
/* Mirrors arch/arm64/mm/mmap.c:vm_get_page_prot() (no MTE, BTI, POE) */
arm64_pteval_t arm64_vm_get_page_prot(unsigned long vm_flags);

/* ---- predicates: arch/arm64/include/asm/pgtable.h (6.12) ---- */

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_valid() */
static inline bool arm64_pte_valid(arm64_pteval_t v)
{
	return v & ARM64_PTE_VALID;
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_present_invalid() */
static inline bool arm64_pte_present_invalid(arm64_pteval_t v)
{
	return (v & (ARM64_PTE_VALID | ARM64_PTE_PRESENT_INVALID)) ==
	       ARM64_PTE_PRESENT_INVALID;
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_present() */
static inline bool arm64_pte_present(arm64_pteval_t v)
{
	return arm64_pte_valid(v) || arm64_pte_present_invalid(v);
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_user()/pte_user_exec() */
static inline bool arm64_pte_user(arm64_pteval_t v)
{
	return v & ARM64_PTE_USER;
}

static inline bool arm64_pte_user_exec(arm64_pteval_t v)
{
	return !(v & ARM64_PTE_UXN);
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_protnone() (NUMA_BALANCING) */
static inline bool arm64_pte_protnone(arm64_pteval_t v)
{
	return arm64_pte_present_invalid(v) && !arm64_pte_user(v) &&
	       !arm64_pte_user_exec(v);
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_young()/pte_write()/pte_rdonly()
 */
static inline bool arm64_pte_young(arm64_pteval_t v)
{
	return v & ARM64_PTE_AF;
}

static inline bool arm64_pte_write(arm64_pteval_t v)
{
	return v & ARM64_PTE_WRITE;
}

static inline bool arm64_pte_rdonly(arm64_pteval_t v)
{
	return v & ARM64_PTE_RDONLY;
}

/* Mirrors
 * arch/arm64/include/asm/pgtable.h:pte_hw_dirty()/pte_sw_dirty()/pte_dirty() */
static inline bool arm64_pte_hw_dirty(arm64_pteval_t v)
{
	return arm64_pte_write(v) && !arm64_pte_rdonly(v);
}

static inline bool arm64_pte_sw_dirty(arm64_pteval_t v)
{
	return v & ARM64_PTE_DIRTY;
}

static inline bool arm64_pte_dirty(arm64_pteval_t v)
{
	return arm64_pte_sw_dirty(v) || arm64_pte_hw_dirty(v);
}

/* Mirrors
 * arch/arm64/include/asm/pgtable.h:pte_special()/pte_devmap()/pte_uffd_wp() */
static inline bool arm64_pte_special(arm64_pteval_t v)
{
	return v & ARM64_PTE_SPECIAL;
}

static inline bool arm64_pte_devmap(arm64_pteval_t v)
{
	return v & ARM64_PTE_DEVMAP;
}

static inline bool arm64_pte_uffd_wp(arm64_pteval_t v)
{
	return v & ARM64_PTE_UFFD_WP;
}

/* arm64 6.12 has no soft-dirty (no CONFIG_HAVE_ARCH_SOFT_DIRTY): always 0 */
static inline bool arm64_pte_soft_dirty(arm64_pteval_t v)
{
	(void)v;
	return false;
}

/* ---- modifiers ---- */

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_mkwrite_novma() */
static inline arm64_pteval_t arm64_pte_mkwrite_novma(arm64_pteval_t v)
{
	v |= ARM64_PTE_WRITE;
	if (arm64_pte_sw_dirty(v))
		v &= ~ARM64_PTE_RDONLY;
	return v;
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_mkclean() */
static inline arm64_pteval_t arm64_pte_mkclean(arm64_pteval_t v)
{
	return (v & ~ARM64_PTE_DIRTY) | ARM64_PTE_RDONLY;
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_mkdirty() */
static inline arm64_pteval_t arm64_pte_mkdirty(arm64_pteval_t v)
{
	v |= ARM64_PTE_DIRTY;
	if (arm64_pte_write(v))
		v &= ~ARM64_PTE_RDONLY;
	return v;
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_wrprotect() */
static inline arm64_pteval_t arm64_pte_wrprotect(arm64_pteval_t v)
{
	if (arm64_pte_hw_dirty(v))
		v |= ARM64_PTE_DIRTY;
	return (v & ~ARM64_PTE_WRITE) | ARM64_PTE_RDONLY;
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_mkold()/pte_mkyoung() */
static inline arm64_pteval_t arm64_pte_mkold(arm64_pteval_t v)
{
	return v & ~ARM64_PTE_AF;
}

static inline arm64_pteval_t arm64_pte_mkyoung(arm64_pteval_t v)
{
	return v | ARM64_PTE_AF;
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_mkspecial()/pte_mkdevmap() */
static inline arm64_pteval_t arm64_pte_mkspecial(arm64_pteval_t v)
{
	return v | ARM64_PTE_SPECIAL;
}

static inline arm64_pteval_t arm64_pte_mkdevmap(arm64_pteval_t v)
{
	return v | ARM64_PTE_DEVMAP | ARM64_PTE_SPECIAL;
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_mkinvalid() */
static inline arm64_pteval_t arm64_pte_mkinvalid(arm64_pteval_t v)
{
	return (v | ARM64_PTE_PRESENT_INVALID) & ~ARM64_PTE_VALID;
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_mkuffd_wp()/pte_clear_uffd_wp()
 */
static inline arm64_pteval_t arm64_pte_mkuffd_wp(arm64_pteval_t v)
{
	return arm64_pte_wrprotect(v | ARM64_PTE_UFFD_WP);
}

static inline arm64_pteval_t arm64_pte_clear_uffd_wp(arm64_pteval_t v)
{
	return v & ~ARM64_PTE_UFFD_WP;
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_pfn() (__pte_to_phys, no LPA) */
static inline unsigned long arm64_pte_pfn(arm64_pteval_t v)
{
	return (unsigned long)((v & ARM64_PTE_ADDR_LOW) >> ARM64_PAGE_SHIFT);
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pfn_pte() (__phys_to_pte_val, no
 * LPA) */
static inline arm64_pteval_t arm64_pfn_pte(unsigned long pfn,
					   arm64_pteval_t prot)
{
	return (((arm64_pteval_t)pfn << ARM64_PAGE_SHIFT) &
		ARM64_PTE_ADDR_LOW) |
	       prot;
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_modify() (no POE, no BTI) */
static inline arm64_pteval_t arm64_pte_modify(arm64_pteval_t v,
					      arm64_pteval_t newprot)
{
	const arm64_pteval_t mask =
		ARM64_PTE_USER | ARM64_PTE_PXN | ARM64_PTE_UXN |
		ARM64_PTE_RDONLY | ARM64_PTE_PRESENT_INVALID | ARM64_PTE_VALID |
		ARM64_PTE_WRITE | ARM64_PTE_GP | ARM64_PTE_ATTRINDX_MASK |
		ARM64_PTE_PO_IDX_MASK;

	if (arm64_pte_hw_dirty(v))
		v |= ARM64_PTE_DIRTY;
	v = (v & ~mask) | (newprot & mask);
	if (arm64_pte_sw_dirty(v))
		v = arm64_pte_mkdirty(v);
	return v;
}

/* ---- PMD (block) entries: arm64 reuses the PTE helpers via pmd_pte() ---- */

/* Mirrors arch/arm64/include/asm/pgtable.h:pmd_table() */
static inline bool arm64_pmd_table(arm64_pteval_t v)
{
	return (v & ARM64_PMD_TYPE_MASK) == ARM64_PMD_TYPE_TABLE;
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pmd_present()/pmd_leaf() */
static inline bool arm64_pmd_present(arm64_pteval_t v)
{
	return arm64_pte_present(v);
}

static inline bool arm64_pmd_leaf(arm64_pteval_t v)
{
	return arm64_pmd_present(v) && !arm64_pmd_table(v);
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pmd_trans_huge() */
static inline bool arm64_pmd_trans_huge(arm64_pteval_t v)
{
	return v && arm64_pmd_present(v) &&
	       !arm64_pmd_table(v | ARM64_PTE_VALID);
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pmd_pfn() (PMD_MASK of the block) */
static inline unsigned long arm64_pmd_pfn(arm64_pteval_t v)
{
	return arm64_pte_pfn(v) &
	       ~((1UL << (ARM64_PMD_SHIFT - ARM64_PAGE_SHIFT)) - 1);
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pte_pgprot(): all but the PA */
static inline arm64_pteval_t arm64_pte_pgprot(arm64_pteval_t v)
{
	return v & ~ARM64_PTE_ADDR_LOW;
}

/* Mirrors arch/arm64/include/asm/pgtable.h:__swp_type()/__swp_offset()/
 * __swp_entry() */
static inline unsigned long arm64_swp_type(u64 v)
{
	return (v >> ARM64_SWP_TYPE_SHIFT) & ARM64_SWP_TYPE_MASK;
}

static inline unsigned long arm64_swp_offset(u64 v)
{
	return (v >> ARM64_SWP_OFFSET_SHIFT) & ARM64_SWP_OFFSET_MASK;
}

static inline u64 arm64_swp_entry(unsigned long type, unsigned long offset)
{
	return ((u64)type << ARM64_SWP_TYPE_SHIFT) |
	       ((u64)offset << ARM64_SWP_OFFSET_SHIFT);
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pmd_mkhuge() (clears PMD_TABLE_BIT)
 */
static inline arm64_pteval_t arm64_pmd_mkhuge(arm64_pteval_t v)
{
	return v & ~ARM64_PTE_TABLE_BIT;
}

/* Mirrors arch/arm64/include/asm/pgtable.h:pmd_protnone() */
static inline bool arm64_pmd_protnone(arm64_pteval_t v)
{
	return arm64_pte_protnone(v);
}

#endif /* _KSHIM_ASM_ARM64_PGTABLE_H */

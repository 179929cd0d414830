/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/swapops.h, the swap-type numbers of
 * include/linux/swap.h and the x86-64 swap-entry encoding of
 * arch/x86/include/asm/pgtable_64.h and asm/pgtable.h (6.12): real
 * encodings, pure functions of the entry value.  Configuration as our
 * kconfigs have it: MIGRATION on, DEVICE_PRIVATE and MEMORY_FAILURE off,
 * 4-level paging (MAX_PHYSMEM_BITS 46).
 */
#ifndef _LINUX_SWAPOPS_H
#define _LINUX_SWAPOPS_H

#include <linux/mm.h>
#include <linux/huge_mm.h>

/* Mirrors include/linux/mm_types.h: swp_entry_t */
typedef struct {
	unsigned long val;
} swp_entry_t;

/* Mirrors include/linux/swap.h: the special swap types at the top of the type space */
#define MAX_SWAPFILES_SHIFT 5
#define SWP_DEVICE_NUM 0		/* !CONFIG_DEVICE_PRIVATE */
#ifdef CONFIG_MIGRATION
#define SWP_MIGRATION_NUM 3
#else
#define SWP_MIGRATION_NUM 0
#endif
#define SWP_HWPOISON_NUM 0		/* !CONFIG_MEMORY_FAILURE */
#define SWP_PTE_MARKER_NUM 1
#define MAX_SWAPFILES                                                    \
	((1 << MAX_SWAPFILES_SHIFT) - SWP_DEVICE_NUM - SWP_MIGRATION_NUM - \
	 SWP_HWPOISON_NUM - SWP_PTE_MARKER_NUM)
#define SWP_MIGRATION_READ (MAX_SWAPFILES + SWP_HWPOISON_NUM)
#define SWP_MIGRATION_READ_EXCLUSIVE (MAX_SWAPFILES + SWP_HWPOISON_NUM + 1)
#define SWP_MIGRATION_WRITE (MAX_SWAPFILES + SWP_HWPOISON_NUM + 2)
#define SWP_PTE_MARKER                                                   \
	(MAX_SWAPFILES + SWP_HWPOISON_NUM + SWP_MIGRATION_NUM + SWP_DEVICE_NUM)

/* Mirrors arch/x86/include/asm/pgtable_64.h: type in bits 59-63, ~offset in 9-58 */
#define SWP_TYPE_BITS 5
#define SWP_OFFSET_FIRST_BIT (_PAGE_BIT_PROTNONE + 1)
#define SWP_OFFSET_SHIFT (SWP_OFFSET_FIRST_BIT + SWP_TYPE_BITS)
/* ... or arm64's, arch/arm64/include/asm/pgtable.h: type 6-10, offset 12-61 */
#define __swp_type(x)                                  \
	(kshim_arch_arm64() ? arm64_swp_type((x).val) : \
			      (x).val >> (64 - SWP_TYPE_BITS))
#define __swp_offset(x)                                  \
	(kshim_arch_arm64() ? arm64_swp_offset((x).val) : \
			      ~(x).val << SWP_TYPE_BITS >> SWP_OFFSET_SHIFT)
#define __swp_entry(type, offset)                                          \
	((swp_entry_t){ kshim_arch_arm64() ?                               \
				arm64_swp_entry(type, offset) :            \
				(~(unsigned long)(offset) << SWP_OFFSET_SHIFT >> \
				 SWP_TYPE_BITS) |                          \
					((unsigned long)(type)             \
					 << (64 - SWP_TYPE_BITS)) })
#define __pte_to_swp_entry(pte) ((swp_entry_t){ pte_val((pte)) })
#define __pmd_to_swp_entry(pmd) ((swp_entry_t){ pmd_val((pmd)) })
#define __swp_entry_to_pte(x) (__pte((x).val))
#define __swp_entry_to_pmd(x) (__pmd((x).val))

/* Mirrors arch/x86/include/asm/pgtable_64_types.h:_PAGE_SWP_EXCLUSIVE */
#define _PAGE_SWP_EXCLUSIVE _PAGE_PWT

/*
 * The software bits of a swap entry, of the run's encoding: x86's, or
 * arm64's PTE_SWP_EXCLUSIVE (2), PTE_SWP_UFFD_WP (3), no soft-dirty
 * (arch/arm64/include/asm/pgtable-prot.h)
 */
#define __KSHIM_SWP_BIT(x86, arm64) \
	(kshim_arch_arm64() ? (pteval_t)(arm64) : (pteval_t)(x86))
#define __KSHIM_SWP_EXCLUSIVE \
	__KSHIM_SWP_BIT(_PAGE_SWP_EXCLUSIVE, ARM64_PTE_SWP_EXCLUSIVE)
#define __KSHIM_SWP_SOFT_DIRTY __KSHIM_SWP_BIT(_PAGE_SWP_SOFT_DIRTY, 0)
#define __KSHIM_SWP_UFFD_WP \
	__KSHIM_SWP_BIT(_PAGE_SWP_UFFD_WP, \
			_PAGE_SWP_UFFD_WP ? ARM64_PTE_SWP_UFFD_WP : 0)

/* Mirrors arch/x86/include/asm/pgtable.h: software bits of swap PTEs/PMDs */
static inline pte_t pte_swp_mkexclusive(pte_t pte)
{
	return pte_set_flags(pte, __KSHIM_SWP_EXCLUSIVE);
}

static inline int pte_swp_exclusive(pte_t pte)
{
	return pte_flags(pte) & __KSHIM_SWP_EXCLUSIVE;
}

static inline pte_t pte_swp_clear_exclusive(pte_t pte)
{
	return pte_clear_flags(pte, __KSHIM_SWP_EXCLUSIVE);
}

static inline pte_t pte_swp_mksoft_dirty(pte_t pte)
{
	return pte_set_flags(pte, __KSHIM_SWP_SOFT_DIRTY);
}

static inline int pte_swp_soft_dirty(pte_t pte)
{
	return pte_flags(pte) & __KSHIM_SWP_SOFT_DIRTY;
}

static inline pte_t pte_swp_clear_soft_dirty(pte_t pte)
{
	return pte_clear_flags(pte, __KSHIM_SWP_SOFT_DIRTY);
}

static inline pte_t pte_swp_mkuffd_wp(pte_t pte)
{
	return pte_set_flags(pte, __KSHIM_SWP_UFFD_WP);
}

static inline int pte_swp_uffd_wp(pte_t pte)
{
	return pte_flags(pte) & __KSHIM_SWP_UFFD_WP;
}

static inline pte_t pte_swp_clear_uffd_wp(pte_t pte)
{
	return pte_clear_flags(pte, __KSHIM_SWP_UFFD_WP);
}

static inline pmd_t pmd_swp_mksoft_dirty(pmd_t pmd)
{
	return pmd_set_flags(pmd, __KSHIM_SWP_SOFT_DIRTY);
}

static inline int pmd_swp_soft_dirty(pmd_t pmd)
{
	return pmd_flags(pmd) & __KSHIM_SWP_SOFT_DIRTY;
}

static inline pmd_t pmd_swp_clear_soft_dirty(pmd_t pmd)
{
	return pmd_clear_flags(pmd, __KSHIM_SWP_SOFT_DIRTY);
}

static inline pmd_t pmd_swp_mkuffd_wp(pmd_t pmd)
{
	return pmd_set_flags(pmd, __KSHIM_SWP_UFFD_WP);
}

static inline int pmd_swp_uffd_wp(pmd_t pmd)
{
	return pmd_flags(pmd) & __KSHIM_SWP_UFFD_WP;
}

static inline pmd_t pmd_swp_clear_uffd_wp(pmd_t pmd)
{
	return pmd_clear_flags(pmd, __KSHIM_SWP_UFFD_WP);
}

/* Mirrors include/linux/swapops.h: the arch-independent entry, type above offset */
#define SWP_TYPE_SHIFT (BITS_PER_XA_VALUE - MAX_SWAPFILES_SHIFT)
#define SWP_OFFSET_MASK ((1UL << SWP_TYPE_SHIFT) - 1)
#define BITS_PER_XA_VALUE (BITS_PER_LONG - 1)
#define MAX_PHYSMEM_BITS 46		/* 4-level paging */
#define SWP_PFN_BITS (MAX_PHYSMEM_BITS - PAGE_SHIFT)
#define SWP_PFN_MASK (BIT(SWP_PFN_BITS) - 1)

static inline swp_entry_t swp_entry(unsigned long type, pgoff_t offset)
{
	swp_entry_t ret;

	ret.val = (type << SWP_TYPE_SHIFT) | (offset & SWP_OFFSET_MASK);
	return ret;
}

static inline unsigned swp_type(swp_entry_t entry)
{
	return entry.val >> SWP_TYPE_SHIFT;
}

static inline pgoff_t swp_offset(swp_entry_t entry)
{
	return entry.val & SWP_OFFSET_MASK;
}

static inline unsigned long swp_offset_pfn(swp_entry_t entry)
{
	return swp_offset(entry) & SWP_PFN_MASK;
}

/* Mirrors include/linux/swapops.h:is_swap_pte() */
static inline int is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte);
}

/* Mirrors include/linux/swapops.h:pte_swp_clear_flags() */
static inline pte_t pte_swp_clear_flags(pte_t pte)
{
	if (pte_swp_exclusive(pte))
		pte = pte_swp_clear_exclusive(pte);
	if (pte_swp_soft_dirty(pte))
		pte = pte_swp_clear_soft_dirty(pte);
	if (pte_swp_uffd_wp(pte))
		pte = pte_swp_clear_uffd_wp(pte);
	return pte;
}

/* Mirrors include/linux/swapops.h:pte_to_swp_entry()/swp_entry_to_pte() */
static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	swp_entry_t arch;

	arch = __pte_to_swp_entry(pte_swp_clear_flags(pte));
	return swp_entry(__swp_type(arch), __swp_offset(arch));
}

static inline pte_t swp_entry_to_pte(swp_entry_t entry)
{
	swp_entry_t arch = __swp_entry(swp_type(entry), swp_offset(entry));

	return __swp_entry_to_pte(arch);
}

/* Mirrors include/linux/swapops.h: device entries (!CONFIG_DEVICE_PRIVATE stubs) */
static inline swp_entry_t make_readable_device_private_entry(pgoff_t offset)
{
	return swp_entry(0, 0);
}

static inline bool is_writable_device_private_entry(swp_entry_t entry)
{
	return false;
}

static inline swp_entry_t make_writable_device_private_entry(pgoff_t offset)
{
	return swp_entry(0, 0);
}

static inline swp_entry_t make_readable_device_exclusive_entry(pgoff_t offset)
{
	return swp_entry(0, 0);
}

static inline bool is_writable_device_exclusive_entry(swp_entry_t entry)
{
	return false;
}

/* Mirrors include/linux/swapops.h: migration entries (CONFIG_MIGRATION) */
#ifdef CONFIG_MIGRATION
static inline int is_migration_entry(swp_entry_t entry)
{
	return unlikely(swp_type(entry) == SWP_MIGRATION_READ ||
			swp_type(entry) == SWP_MIGRATION_READ_EXCLUSIVE ||
			swp_type(entry) == SWP_MIGRATION_WRITE);
}

static inline int is_writable_migration_entry(swp_entry_t entry)
{
	return unlikely(swp_type(entry) == SWP_MIGRATION_WRITE);
}

static inline swp_entry_t make_readable_migration_entry(pgoff_t offset)
{
	return swp_entry(SWP_MIGRATION_READ, offset);
}

static inline swp_entry_t make_readable_exclusive_migration_entry(pgoff_t offset)
{
	return swp_entry(SWP_MIGRATION_READ_EXCLUSIVE, offset);
}

static inline swp_entry_t make_writable_migration_entry(pgoff_t offset)
{
	return swp_entry(SWP_MIGRATION_WRITE, offset);
}
#else
static inline int is_migration_entry(swp_entry_t entry)
{
	return 0;
}

static inline int is_writable_migration_entry(swp_entry_t entry)
{
	return 0;
}

static inline swp_entry_t make_readable_migration_entry(pgoff_t offset)
{
	return swp_entry(0, 0);
}

static inline swp_entry_t make_readable_exclusive_migration_entry(pgoff_t offset)
{
	return swp_entry(0, 0);
}
#endif

/*
 * Mirrors include/linux/swapops.h (6.12): A/D bits carried in a migration entry
 * above the pfn.  The kernel keeps them only if the arch's swap offset
 * is wide enough (mm/swapfile.c:swapfile_init() sets
 * swap_migration_ad_supported if arch_max_swapfile_size() >=
 * 2^SWP_MIG_TOTAL_BITS).  On x86-64 that holds unless the CPU has the
 * L1TF bug with fewer than 46 cache-address bits (arch/x86/mm/init.c:
 * arch_max_swapfile_size()); the model assumes an unaffected CPU.
 */
#define SWP_MIG_YOUNG_BIT SWP_PFN_BITS
#define SWP_MIG_DIRTY_BIT (SWP_PFN_BITS + 1)
#define SWP_MIG_YOUNG BIT(SWP_MIG_YOUNG_BIT)
#define SWP_MIG_DIRTY BIT(SWP_MIG_DIRTY_BIT)

static inline bool migration_entry_supports_ad(void)
{
	return true;
}

static inline bool is_readable_migration_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_MIGRATION_READ;
}

static inline bool is_readable_exclusive_migration_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_MIGRATION_READ_EXCLUSIVE;
}

static inline swp_entry_t make_migration_entry_young(swp_entry_t entry)
{
	if (migration_entry_supports_ad())
		return swp_entry(swp_type(entry),
				 swp_offset(entry) | SWP_MIG_YOUNG);
	return entry;
}

static inline bool is_migration_entry_young(swp_entry_t entry)
{
	return migration_entry_supports_ad() &&
	       (swp_offset(entry) & SWP_MIG_YOUNG);
}

static inline swp_entry_t make_migration_entry_dirty(swp_entry_t entry)
{
	if (migration_entry_supports_ad())
		return swp_entry(swp_type(entry),
				 swp_offset(entry) | SWP_MIG_DIRTY);
	return entry;
}

static inline bool is_migration_entry_dirty(swp_entry_t entry)
{
	return migration_entry_supports_ad() &&
	       (swp_offset(entry) & SWP_MIG_DIRTY);
}

/* Mirrors include/linux/swapops.h:make_hwpoison_entry() (!MEMORY_FAILURE) */
static inline swp_entry_t make_hwpoison_entry(struct page *page)
{
	return swp_entry(0, 0);
}

/* Mirrors include/linux/swapops.h: PTE markers */
typedef unsigned long pte_marker;
#define PTE_MARKER_UFFD_WP BIT(0)
#define PTE_MARKER_POISONED BIT(1)
#define PTE_MARKER_MASK (BIT(2) - 1)

static inline swp_entry_t make_pte_marker_entry(pte_marker marker)
{
	return swp_entry(SWP_PTE_MARKER, marker);
}

static inline bool is_pte_marker_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_PTE_MARKER;
}

static inline pte_marker pte_marker_get(swp_entry_t entry)
{
	return swp_offset(entry) & PTE_MARKER_MASK;
}

static inline bool is_pte_marker(pte_t pte)
{
	return is_swap_pte(pte) && is_pte_marker_entry(pte_to_swp_entry(pte));
}

static inline pte_t make_pte_marker(pte_marker marker)
{
	return swp_entry_to_pte(make_pte_marker_entry(marker));
}

static inline int is_poisoned_swp_entry(swp_entry_t entry)
{
	return is_pte_marker_entry(entry) &&
	       (pte_marker_get(entry) & PTE_MARKER_POISONED);
}

/* Mirrors include/linux/swapops.h:pte_marker_uffd_wp() (PTE_MARKER_UFFD_WP) */
static inline bool pte_marker_uffd_wp(pte_t pte)
{
	swp_entry_t entry;

	if (!is_swap_pte(pte))
		return false;
	entry = pte_to_swp_entry(pte);
	return is_pte_marker_entry(entry) &&
	       (pte_marker_get(entry) & PTE_MARKER_UFFD_WP);
}

/* Mirrors include/linux/swapops.h:is_pfn_swap_entry()/pfn_swap_entry_folio() */
static inline bool is_pfn_swap_entry(swp_entry_t entry)
{
	return is_migration_entry(entry);	/* no device/hwpoison entries */
}

static inline struct folio *pfn_swap_entry_folio(swp_entry_t entry)
{
	struct folio *folio = pfn_folio(swp_offset_pfn(entry));

	BUG_ON(!is_migration_entry(entry) && !folio_test_locked(folio));
	return folio;
}

/* Mirrors include/linux/swapops.h:pfn_swap_entry_to_page() */
static inline struct page *pfn_swap_entry_to_page(swp_entry_t entry)
{
	return pfn_to_page(swp_offset_pfn(entry));
}

/* Mirrors include/linux/swapops.h: PMD migration entries */
#ifdef CONFIG_ARCH_ENABLE_THP_MIGRATION
static inline swp_entry_t pmd_to_swp_entry(pmd_t pmd)
{
	swp_entry_t arch;

	if (pmd_swp_soft_dirty(pmd))
		pmd = pmd_swp_clear_soft_dirty(pmd);
	if (pmd_swp_uffd_wp(pmd))
		pmd = pmd_swp_clear_uffd_wp(pmd);
	arch = __pmd_to_swp_entry(pmd);
	return swp_entry(__swp_type(arch), __swp_offset(arch));
}

static inline pmd_t swp_entry_to_pmd(swp_entry_t entry)
{
	swp_entry_t arch = __swp_entry(swp_type(entry), swp_offset(entry));

	return __swp_entry_to_pmd(arch);
}

static inline int is_pmd_migration_entry(pmd_t pmd)
{
	return is_swap_pmd(pmd) && is_migration_entry(pmd_to_swp_entry(pmd));
}

/* mm/migrate.c (the model waits for the migration to finish) */
void pmd_migration_entry_wait(struct mm_struct *m, pmd_t *p);

/*
 * mm/huge_memory.c (6.12), extracted into the fault_huge_memory unit:
 * the PMD half of try_to_migrate_one() and of remove_migration_pte().
 */
struct page_vma_mapped_walk;
int set_pmd_migration_entry(struct page_vma_mapped_walk *pvmw,
			    struct page *page);
void remove_migration_pmd(struct page_vma_mapped_walk *pvmw,
			  struct page *new);
#else
static inline swp_entry_t pmd_to_swp_entry(pmd_t pmd)
{
	return swp_entry(0, 0);
}

static inline pmd_t swp_entry_to_pmd(swp_entry_t entry)
{
	return __pmd(0);
}

static inline int is_pmd_migration_entry(pmd_t pmd)
{
	return 0;
}

static inline void pmd_migration_entry_wait(struct mm_struct *m, pmd_t *p)
{
}
#endif

#endif

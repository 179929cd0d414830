/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/huge_mm.h (6.12): the THP API the fault and
 * protection paths use.  With CONFIG_TRANSPARENT_HUGEPAGE the functions
 * are the kernel's out-of-line ones (real code from mm/huge_memory.c, or
 * a loud stand-in in mm_model/mm/unmodelled.c); without it, the kernel's
 * inline stubs.  No PUD-sized THP (HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD is
 * not in our kconfigs; our PUD level is folded).
 */
#ifndef _LINUX_HUGE_MM_H
#define _LINUX_HUGE_MM_H

#include <linux/mm_types.h>
#include <linux/pgtable.h>
#include <kshim/unmodelled.h>

struct mmu_gather;

/* Mirrors include/linux/huge_mm.h: thp_vma_allowable_order() flags */
#define TVA_SMAPS (1 << 0)
#define TVA_IN_PF (1 << 1)
#define TVA_ENFORCE_SYSFS (1 << 2)

/* Mirrors include/linux/pgtable.h:PUD_ORDER */
#define PUD_ORDER (PUD_SHIFT - PAGE_SHIFT)

/* Mirrors include/linux/huge_mm.h: HPAGE_PUD_* */
#define HPAGE_PUD_SHIFT PUD_SHIFT
#define HPAGE_PUD_ORDER (HPAGE_PUD_SHIFT - PAGE_SHIFT)
#define HPAGE_PUD_NR (1 << HPAGE_PUD_ORDER)
#define HPAGE_PUD_SIZE ((1UL) << HPAGE_PUD_SHIFT)
#define HPAGE_PUD_MASK (~(HPAGE_PUD_SIZE - 1))

/* Mirrors include/linux/huge_mm.h: declared whatever the config */
int change_huge_pmd(struct mmu_gather *tlb, struct vm_area_struct *vma,
		    pmd_t *pmd, unsigned long addr, pgprot_t newprot,
		    unsigned long cp_flags);
void huge_pmd_set_accessed(struct vm_fault *vmf);

/* Mirrors include/linux/huge_mm.h: !HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD stubs */
static inline void huge_pud_set_accessed(struct vm_fault *vmf, pud_t orig_pud)
{
}

static inline void __split_huge_pud(struct vm_area_struct *vma, pud_t *pud,
				    unsigned long address)
{
}

static inline int change_huge_pud(struct mmu_gather *tlb,
				  struct vm_area_struct *vma, pud_t *pudp,
				  unsigned long addr, pgprot_t newprot,
				  unsigned long cp_flags)
{
	return 0;
}

/* include/linux/huge_mm.h:count_mthp_stat(): the mTHP counters are not kept */
enum mthp_stat_item {
	MTHP_STAT_ANON_FAULT_ALLOC,
	MTHP_STAT_ANON_FAULT_FALLBACK,
	MTHP_STAT_ANON_FAULT_FALLBACK_CHARGE,
};
static inline void count_mthp_stat(int order, enum mthp_stat_item item)
{
}

#ifdef CONFIG_TRANSPARENT_HUGEPAGE

/*
 * Mirrors include/linux/huge_mm.h:thp_vma_allowable_orders(): the THP
 * sysfs policy is not modelled yet, so this is a loud stand-in
 * (mm_model/mm/unmodelled.c) rather than a guess.
 */
unsigned long thp_vma_allowable_orders(struct vm_area_struct *vma,
				       vm_flags_t vm_flags,
				       unsigned long tva_flags,
				       unsigned long orders);

void __split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd,
		      unsigned long address, bool freeze, struct folio *folio);

spinlock_t *__pmd_trans_huge_lock(pmd_t *pmd, struct vm_area_struct *vma);

/* Mirrors include/linux/huge_mm.h:is_swap_pmd() */
static inline int is_swap_pmd(pmd_t pmd)
{
	return !pmd_none(pmd) && !pmd_present(pmd);
}

/* Mirrors include/linux/huge_mm.h:pmd_trans_huge_lock() */
static inline spinlock_t *pmd_trans_huge_lock(pmd_t *pmd,
					      struct vm_area_struct *vma)
{
	if (is_swap_pmd(*pmd) || pmd_trans_huge(*pmd) || pmd_devmap(*pmd))
		return __pmd_trans_huge_lock(pmd, vma);
	return NULL;
}

vm_fault_t do_huge_pmd_numa_page(struct vm_fault *vmf);

/* Mirrors include/linux/huge_mm.h:split_huge_pmd()/split_huge_pud() */
#define split_huge_pmd(__vma, __pmd, __address)				\
	do {								\
		pmd_t *____pmd = (__pmd);				\
		if (is_swap_pmd(*____pmd) || pmd_trans_huge(*____pmd)	\
					|| pmd_devmap(*____pmd))	\
			__split_huge_pmd(__vma, __pmd, __address,	\
						false, NULL);		\
	}  while (0)

#define split_huge_pud(__vma, __pud, __address)				\
	do {								\
		pud_t *____pud = (__pud);				\
		if (pud_trans_huge(*____pud)				\
					|| pud_devmap(*____pud))	\
			__split_huge_pud(__vma, __pud, __address);	\
	}  while (0)

/*
 * mm/huge_memory.c: huge_zero_folio, huge_zero_pfn (the model owns the
 * huge zero folio: mm_model/mm/thp.c)
 */
extern struct folio *huge_zero_folio;
extern unsigned long huge_zero_pfn;

/* Mirrors include/linux/huge_mm.h:is_huge_zero_folio() */
static inline bool is_huge_zero_folio(const struct folio *folio)
{
	return READ_ONCE(huge_zero_folio) == folio;
}

/* Mirrors include/linux/huge_mm.h:is_huge_zero_pmd() */
static inline bool is_huge_zero_pmd(pmd_t pmd)
{
	return pmd_present(pmd) && READ_ONCE(huge_zero_pfn) == pmd_pfn(pmd);
}

/*
 * Mirrors include/linux/huge_mm.h:mk_huge_pmd() with x86's mk_pmd()
 * (arch/x86/include/asm/pgtable.h)
 */
#define mk_pmd(page, pgprot) pfn_pmd(page_to_pfn(page), (pgprot))
#define mk_huge_pmd(page, prot) pmd_mkhuge(mk_pmd(page, prot))

/* Mirrors include/linux/huge_mm.h:highest_order()/next_order() */
static inline int highest_order(unsigned long orders)
{
	return fls64(orders) - 1;
}

static inline int next_order(unsigned long *orders, int prev)
{
	*orders &= ~BIT(prev);
	return highest_order(*orders);
}

/* Mirrors include/linux/huge_mm.h:thp_vma_suitable_order() (6.12) */
static inline bool thp_vma_suitable_order(struct vm_area_struct *vma,
					  unsigned long addr, int order)
{
	unsigned long hpage_size = PAGE_SIZE << order;
	unsigned long haddr;

	/* Don't have to check pgoff for anonymous vma (!vma_is_anonymous()) */
	if (vma->vm_ops) {
		if (!IS_ALIGNED((vma->vm_start >> PAGE_SHIFT) - vma->vm_pgoff,
				hpage_size >> PAGE_SHIFT))
			return false;
	}
	haddr = ALIGN_DOWN(addr, hpage_size);
	if (haddr < vma->vm_start || haddr + hpage_size > vma->vm_end)
		return false;
	return true;
}

/* Mirrors include/linux/huge_mm.h:thp_vma_suitable_orders() (6.12) */
static inline unsigned long thp_vma_suitable_orders(struct vm_area_struct *vma,
		unsigned long addr, unsigned long orders)
{
	int order;

	order = highest_order(orders);
	while (orders) {
		if (thp_vma_suitable_order(vma, addr, order))
			break;
		order = next_order(&orders, order);
	}
	return orders;
}

/*
 * mm/huge_memory.c:vma_thp_gfp_mask() (6.12): only alloc_anon_folio()'s
 * mTHP first touch asks for it, and no order below PMD_ORDER is ever
 * enabled in the model (the mTHP sysfs sizes are off): loud.
 */
static inline gfp_t vma_thp_gfp_mask(struct vm_area_struct *vma)
{
	kshim_unmodelled("vma_thp_gfp_mask (an mTHP first touch)");
}

/* Mirrors include/linux/huge_mm.h:folio_test_pmd_mappable() */
static inline bool folio_test_pmd_mappable(struct folio *folio)
{
	return folio_order(folio) >= HPAGE_PMD_ORDER;
}

/*
 * mm/huge_memory.c:deferred_split_folio() (6.12): the model keeps no
 * deferred split queue (no shrinker), so no folio's _deferred_list is
 * ever on one and migration never re-queues (loud).
 */
static inline void deferred_split_folio(struct folio *folio,
					bool partially_mapped)
{
	kshim_unmodelled("deferred_split_folio (deferred split queue)");
}

/* mm/huge_memory.c:split_huge_pmd_address() (6.12), mm_model/mm/thp.c */
void split_huge_pmd_address(struct vm_area_struct *vma, unsigned long address,
			    bool freeze, struct folio *folio);

/* Mirrors include/linux/huge_mm.h:thp_migration_supported() */
static inline bool thp_migration_supported(void)
{
#ifdef CONFIG_ARCH_ENABLE_THP_MIGRATION
	return true;
#else
	return false;
#endif
}

#else /* !CONFIG_TRANSPARENT_HUGEPAGE */

static inline unsigned long thp_vma_allowable_orders(struct vm_area_struct *vma,
						     vm_flags_t vm_flags,
						     unsigned long tva_flags,
						     unsigned long orders)
{
	return 0;
}

static inline void __split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd,
				    unsigned long address, bool freeze,
				    struct folio *folio)
{
}

static inline int is_swap_pmd(pmd_t pmd)
{
	return 0;
}

static inline spinlock_t *pmd_trans_huge_lock(pmd_t *pmd,
					      struct vm_area_struct *vma)
{
	return NULL;
}

static inline vm_fault_t do_huge_pmd_numa_page(struct vm_fault *vmf)
{
	return 0;
}

/* Mirrors include/linux/huge_mm.h: !TRANSPARENT_HUGEPAGE split_huge_pmd()/pud() */
#define split_huge_pmd(__vma, __pmd, __address)	\
	do { } while (0)
#define split_huge_pud(__vma, __pmd, __address)	\
	do { } while (0)

static inline bool is_huge_zero_folio(const struct folio *folio)
{
	return false;
}

static inline bool is_huge_zero_pmd(pmd_t pmd)
{
	return false;
}

static inline bool thp_migration_supported(void)
{
	return false;
}

/* Mirrors include/linux/huge_mm.h:folio_test_pmd_mappable() (!THP) */
static inline bool folio_test_pmd_mappable(struct folio *folio)
{
	return false;
}

/* Mirrors include/linux/huge_mm.h:deferred_split_folio() (!THP) */
static inline void deferred_split_folio(struct folio *folio,
					bool partially_mapped)
{
}

/* Mirrors include/linux/huge_mm.h:split_huge_pmd_address() (!THP) */
static inline void split_huge_pmd_address(struct vm_area_struct *vma,
		unsigned long address, bool freeze, struct folio *folio)
{
}

#endif /* CONFIG_TRANSPARENT_HUGEPAGE */

/* Mirrors include/linux/huge_mm.h:thp_vma_allowable_order() */
#define thp_vma_allowable_order(vma, vm_flags, tva_flags, order) \
	(!!thp_vma_allowable_orders(vma, vm_flags, tva_flags, BIT(order)))

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/mmu_notifier.h (6.12, CONFIG_MMU_NOTIFIER).
 * No notifier is ever registered on a simulated mm (no KVM, no IOMMU
 * SVA, no HMM users), so mm_has_notifiers() is false and the kernel's
 * inline wrappers return without calling out: these are real no-ops.
 */
#ifndef _LINUX_MMU_NOTIFIER_H
#define _LINUX_MMU_NOTIFIER_H

#include <linux/mm_types.h>

/* Mirrors include/linux/mmu_notifier.h:enum mmu_notifier_event */
enum mmu_notifier_event {
	MMU_NOTIFY_UNMAP = 0,
	MMU_NOTIFY_CLEAR,
	MMU_NOTIFY_PROTECTION_VMA,
	MMU_NOTIFY_PROTECTION_PAGE,
	MMU_NOTIFY_SOFT_DIRTY,
	MMU_NOTIFY_RELEASE,
	MMU_NOTIFY_MIGRATE,
	MMU_NOTIFY_EXCLUSIVE,
};

/* Mirrors include/linux/mmu_notifier.h:struct mmu_notifier_range */
struct mmu_notifier_range {
	struct mm_struct *mm;
	unsigned long start;
	unsigned long end;
	unsigned flags;
	enum mmu_notifier_event event;
	void *owner;
};

/* Mirrors include/linux/mmu_notifier.h:mmu_notifier_range_init() */
static inline void mmu_notifier_range_init(struct mmu_notifier_range *range,
					   enum mmu_notifier_event event,
					   unsigned flags,
					   struct mm_struct *mm,
					   unsigned long start,
					   unsigned long end)
{
	range->event = event;
	range->mm = mm;
	range->start = start;
	range->end = end;
	range->flags = flags;
}

/* Mirrors include/linux/mmu_notifier.h:mm_has_notifiers(): never any */
static inline int mm_has_notifiers(struct mm_struct *mm)
{
	return 0;
}

/* Mirrors include/linux/mmu_notifier.h: start/end with no notifiers */
static inline void
mmu_notifier_invalidate_range_start(struct mmu_notifier_range *range)
{
}

static inline void
mmu_notifier_invalidate_range_end(struct mmu_notifier_range *range)
{
}

/*
 * Mirrors include/linux/mmu_notifier.h:mmu_notifier_clear_young(),
 * mmu_notifier_test_young() (6.12): no notifier to ask, 0.
 */
static inline int mmu_notifier_clear_young(struct mm_struct *mm,
					   unsigned long start,
					   unsigned long end)
{
	return 0;
}

static inline int mmu_notifier_test_young(struct mm_struct *mm,
					  unsigned long address)
{
	return 0;
}

/*
 * Mirrors include/linux/mmu_notifier.h:ptep_clear_young_notify() (6.12):
 * the entry's young bit, or'ed with the notifiers' (none).
 */
#define ptep_clear_young_notify(__vma, __address, __ptep)		\
({									\
	int __young;							\
	struct vm_area_struct *___vma = __vma;				\
	unsigned long ___address = __address;				\
	__young = ptep_test_and_clear_young(___vma, ___address, __ptep);\
	__young |= mmu_notifier_clear_young(___vma->vm_mm, ___address,	\
					    ___address + PAGE_SIZE);	\
	__young;							\
})

/* Mirrors include/linux/mmu_notifier.h:pmdp_clear_young_notify() (6.12) */
#define pmdp_clear_young_notify(__vma, __address, __pmdp)		\
({									\
	int __young;							\
	struct vm_area_struct *___vma = __vma;				\
	unsigned long ___address = __address;				\
	__young = pmdp_test_and_clear_young(___vma, ___address, __pmdp);\
	__young |= mmu_notifier_clear_young(___vma->vm_mm, ___address,	\
					    ___address + PMD_SIZE);	\
	__young;							\
})

#endif

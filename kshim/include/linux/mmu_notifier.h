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

#endif

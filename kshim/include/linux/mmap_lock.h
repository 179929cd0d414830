/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/mmap_lock.h and the per-VMA lock helpers
 * of include/linux/mm.h (6.12, CONFIG_PER_VMA_LOCK).  A VMA is
 * write-locked for the current mmap write cycle when its vm_lock_seq
 * equals mm->mm_lock_seq; mmap_write_unlock() ends the cycle for every
 * VMA at once (vma_end_write_all()).  Readers that lose against a
 * writer fall back to the mmap lock, as lock_vma_under_rcu() callers do.
 */
#ifndef _LINUX_MMAP_LOCK_H
#define _LINUX_MMAP_LOCK_H

#include <linux/mm_types.h>
#include <linux/rwsem.h>

static inline void mmap_read_lock(struct mm_struct *mm)
{
	down_read(&mm->mmap_lock);
}

static inline bool mmap_read_trylock(struct mm_struct *mm)
{
	return down_read_trylock(&mm->mmap_lock) != 0;
}

static inline void mmap_read_unlock(struct mm_struct *mm)
{
	up_read(&mm->mmap_lock);
}

static inline void mmap_write_lock(struct mm_struct *mm)
{
	down_write(&mm->mmap_lock);
}

/* vma_end_write_all(): a new cycle unlocks every write-locked VMA */
static inline void mmap_write_unlock(struct mm_struct *mm)
{
	WRITE_ONCE(mm->mm_lock_seq, mm->mm_lock_seq + 1);
	up_write(&mm->mmap_lock);
}

static inline void mmap_assert_locked(struct mm_struct *mm)
{
	WARN_ON_ONCE(!rwsem_is_locked(&mm->mmap_lock));
}

static inline void mmap_assert_write_locked(struct mm_struct *mm)
{
	WARN_ON_ONCE(mm->mmap_lock.count != -1);
}

/* include/linux/mm.h:vma_start_read() */
static inline bool vma_start_read(struct vm_area_struct *vma)
{
	if (READ_ONCE(vma->vm_lock_seq) == READ_ONCE(vma->vm_mm->mm_lock_seq))
		return false;
	if (!down_read_trylock(&vma->vm_lock))
		return false;
	if (vma->vm_lock_seq == READ_ONCE(vma->vm_mm->mm_lock_seq)) {
		up_read(&vma->vm_lock);
		return false;
	}
	return true;
}

static inline void vma_end_read(struct vm_area_struct *vma)
{
	up_read(&vma->vm_lock);
}

/* include/linux/mm.h:vma_start_write(): needs the mmap write lock */
static inline void vma_start_write(struct vm_area_struct *vma)
{
	unsigned int seq = vma->vm_mm->mm_lock_seq;

	mmap_assert_write_locked(vma->vm_mm);
	if (vma->vm_lock_seq == seq)
		return;
	down_write(&vma->vm_lock);	/* waits for in-flight readers */
	WRITE_ONCE(vma->vm_lock_seq, seq);
	up_write(&vma->vm_lock);
}

/*
 * Mirrors include/linux/mm.h:vma_assert_write_locked() (6.12,
 * CONFIG_PER_VMA_LOCK): a VM_BUG_ON_VMA(), so nothing without
 * CONFIG_DEBUG_VM (the condition is __is_vma_write_locked()'s)
 */
static inline void vma_assert_write_locked(struct vm_area_struct *vma)
{
	VM_BUG_ON(vma->vm_lock_seq != vma->vm_mm->mm_lock_seq);
}

static inline void vma_mark_detached(struct vm_area_struct *vma, bool detached)
{
	vma_start_write(vma);
	WRITE_ONCE(vma->detached, detached);
}

#endif

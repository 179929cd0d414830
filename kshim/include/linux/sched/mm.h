/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/sched/mm.h (6.12): mm_users references
 * (current and mm_struct are in linux/sched.h).  The model's address
 * spaces are created and torn down by their owner (the scenario,
 * mm_model/mm/vma.c's mm_create()/mm_destroy()), which holds the first
 * mm_users reference until then: a user of get_task_mm() never holds
 * the last one.
 */
#ifndef _LINUX_SCHED_MM_H
#define _LINUX_SCHED_MM_H

#include <linux/sched.h>
#include <linux/mm_types.h>
#include <linux/bug.h>

/* Mirrors include/linux/sched/mm.h:mmget() */
static inline void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}

/*
 * Mirrors kernel/fork.c:get_task_mm() (6.12): the task's mm with an
 * mm_users reference; none for a kernel thread or a task past
 * exit_mm().
 */
static inline struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm = task->mm;

	if (mm) {
		if (task->flags & PF_KTHREAD)
			mm = NULL;
		else
			mmget(mm);
	}
	return mm;
}

/*
 * Mirrors kernel/fork.c:mmput() (6.12), but for __mmput(): the owner's
 * reference outlives every get_task_mm() user (see above), so dropping
 * the last one here is a finding.
 */
static inline void mmput(struct mm_struct *mm)
{
	WARN_ON_ONCE(atomic_dec_and_test(&mm->mm_users));
}

#define PF_MEMALLOC	0x00000800	/* include/linux/sched.h */

/* Mirrors include/linux/sched/mm.h:memalloc_noreclaim_save() (6.12) */
static inline unsigned int memalloc_noreclaim_save(void)
{
	unsigned int flags = current->flags & PF_MEMALLOC;

	current->flags |= PF_MEMALLOC;
	return flags;
}

/* Mirrors include/linux/sched/mm.h:memalloc_noreclaim_restore() (6.12) */
static inline void memalloc_noreclaim_restore(unsigned int flags)
{
	current->flags = (current->flags & ~PF_MEMALLOC) | flags;
}

#endif

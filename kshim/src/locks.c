// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sleeping and spinning locks and completions on simulated threads.
 * Mirrors the contracts of kernel/locking/mutex.c, spinlock.c and
 * kernel/sched/completion.c (6.12): a contended acquire blocks; release
 * wakes a waiter, who competes again; complete() wakes one waiter and
 * complete_all() leaves done at UINT_MAX.  Unlocking a lock one does
 * not own is a kernel bug (WARN), as DEBUG_MUTEXES would report.
 */
#include <limits.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

bool kshim_lock_held_by_current(struct sim_thread *const *owner)
{
	return *owner && *owner == sim_current();
}

void __mutex_init(struct mutex *lock, const char *name)
{
	lock->owner = NULL;
	lock->wait = (struct sim_waitq){ 0 };
	lock->name = name;
}

void mutex_destroy(struct mutex *lock)
{
	WARN_ON(lock->owner);
}

void mutex_lock(struct mutex *lock)
{
	sim_point(SIM_PT_LOCK, lock);
	while (lock->owner)
		sim_wait(&lock->wait, lock);
	lock->owner = sim_current();
}

int mutex_trylock(struct mutex *lock)
{
	sim_point(SIM_PT_LOCK, lock);
	if (lock->owner)
		return 0;
	lock->owner = sim_current();
	return 1;
}

void mutex_unlock(struct mutex *lock)
{
	WARN_ON(lock->owner != sim_current());
	lock->owner = NULL;
	sim_wake_one(&lock->wait);
	sim_point(SIM_PT_UNLOCK, lock);
}

bool mutex_is_locked(struct mutex *lock)
{
	return lock->owner != NULL;
}

void __spin_lock_init(spinlock_t *lock, const char *name)
{
	lock->owner = NULL;
	lock->wait = (struct sim_waitq){ 0 };
	lock->name = name;
}

void spin_lock(spinlock_t *lock)
{
	sim_point(SIM_PT_LOCK, lock);
	while (lock->owner)
		sim_wait(&lock->wait, lock);
	lock->owner = sim_current();
}

int spin_trylock(spinlock_t *lock)
{
	sim_point(SIM_PT_LOCK, lock);
	if (lock->owner)
		return 0;
	lock->owner = sim_current();
	return 1;
}

void spin_unlock(spinlock_t *lock)
{
	WARN_ON(lock->owner != sim_current());
	lock->owner = NULL;
	sim_wake_one(&lock->wait);
	sim_point(SIM_PT_UNLOCK, lock);
}

bool spin_is_locked(spinlock_t *lock)
{
	return lock->owner != NULL;
}

void complete(struct completion *x)
{
	sim_point(SIM_PT_LOCK, x);	/* x->wait.lock */
	if (x->done != UINT_MAX)
		x->done++;
	sim_wake_one(&x->wait);
}

void complete_all(struct completion *x)
{
	sim_point(SIM_PT_LOCK, x);
	x->done = UINT_MAX;
	sim_wake_all(&x->wait);
}

void wait_for_completion(struct completion *x)
{
	sim_point(SIM_PT_LOCK, x);
	while (!x->done)
		sim_wait(&x->wait, x);
	if (x->done != UINT_MAX)
		x->done--;
}

bool try_wait_for_completion(struct completion *x)
{
	sim_point(SIM_PT_LOCK, x);
	if (!x->done)
		return false;
	if (x->done != UINT_MAX)
		x->done--;
	return true;
}

bool completion_done(struct completion *x)
{
	return x->done != 0;
}

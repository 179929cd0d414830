/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/mutex.h (6.12).  Acquire and release are
 * scheduling points; a contended mutex blocks the simulated thread, so
 * a cycle of waiters is reported as a deadlock by the simulator.
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/types.h>
#include <linux/bug.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <kshim/sim.h>

struct mutex {
	struct sim_thread *owner;
	struct sim_waitq wait;
	const char *name;
};

#define __MUTEX_INITIALIZER(lockname) { .name = #lockname }
#define DEFINE_MUTEX(mutexname) \
	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void __mutex_init(struct mutex *lock, const char *name);
#define mutex_init(lock) __mutex_init((lock), #lock)
void mutex_destroy(struct mutex *lock);
void mutex_lock(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);
#define mutex_lock_interruptible(lock) (mutex_lock(lock), 0)
#define mutex_lock_killable(lock) (mutex_lock(lock), 0)
#define mutex_lock_nested(lock, subclass) mutex_lock(lock)


#endif

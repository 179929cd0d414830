/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/rwsem.h (6.12) on simulated threads:
 * count < 0 is a writer, > 0 readers.  As kernel/locking/rwsem.c does,
 * a reader queues behind waiting writers, and down_*_trylock() fails
 * when anyone waits, not only when a writer holds the lock.
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/types.h>
#include <linux/bug.h>
#include <kshim/sim.h>

struct rw_semaphore {
	long count;			/* -1: write-held, n > 0: n readers */
	int nr_writers_waiting;
	struct sim_waitq wait;
	const char *name;
};

#define __RWSEM_INITIALIZER(lockname) { .name = #lockname }
#define DECLARE_RWSEM(lockname) \
	struct rw_semaphore lockname = __RWSEM_INITIALIZER(lockname)

static inline void __init_rwsem(struct rw_semaphore *sem, const char *name)
{
	*sem = (struct rw_semaphore){ .name = name };
}
#define init_rwsem(sem) __init_rwsem((sem), #sem)

void down_read(struct rw_semaphore *sem);
int down_read_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);

static inline int rwsem_is_locked(struct rw_semaphore *sem)
{
	return READ_ONCE(sem->count) != 0;
}

#define down_read_killable(sem) (down_read(sem), 0)
#define down_write_killable(sem) (down_write(sem), 0)

#endif

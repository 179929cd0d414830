/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/spinlock.h (6.12).  A spinning CPU makes no
 * progress until the holder releases, so a contended spinlock blocks the
 * simulated thread exactly like a mutex; interrupts are not modelled,
 * so the _irq/_bh variants are the plain lock.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/bug.h>
#include <linux/lockdep.h>
#include <kshim/sim.h>

typedef struct spinlock {
	struct sim_thread *owner;
	struct sim_waitq wait;
	const char *name;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname) { .name = #lockname }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

void __spin_lock_init(spinlock_t *lock, const char *name);
#define spin_lock_init(lock) __spin_lock_init((lock), #lock)
void spin_lock(spinlock_t *lock);
int spin_trylock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
bool spin_is_locked(spinlock_t *lock);

/* include/linux/spinlock.h: lockdep's subclass only, no lockdep here */
#define SINGLE_DEPTH_NESTING 1
#define spin_lock_nested(l, subclass) spin_lock(l)
#define spin_lock_irq(l) spin_lock(l)
#define spin_unlock_irq(l) spin_unlock(l)
#define spin_lock_bh(l) spin_lock(l)
#define spin_unlock_bh(l) spin_unlock(l)
#define spin_lock_irqsave(l, flags) \
	do {                        \
		(flags) = 0;        \
		spin_lock(l);       \
	} while (0)
#define spin_unlock_irqrestore(l, flags) \
	do {                             \
		(void)(flags);           \
		spin_unlock(l);          \
	} while (0)
#define assert_spin_locked(l) \
	WARN_ON_ONCE(!kshim_lock_held_by_current(&(l)->owner))
#define lockdep_assert_held_spin(l) assert_spin_locked(l)

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/lockdep.h (6.12): as on a CONFIG_LOCKDEP
 * kernel, asserting a lock the current thread does not hold is a WARN
 * finding.  Works for mutexes, spinlocks and anything with an `owner`.
 */
#ifndef _LINUX_LOCKDEP_H
#define _LINUX_LOCKDEP_H

#include <linux/bug.h>
#include <kshim/sim.h>

bool kshim_lock_held_by_current(struct sim_thread *const *owner);
#define lockdep_assert_held(l) \
	WARN_ON(!kshim_lock_held_by_current(&(l)->owner))
#define lockdep_assert_not_held(l) do { } while (0)
#define lockdep_is_held(l) kshim_lock_held_by_current(&(l)->owner)

#endif

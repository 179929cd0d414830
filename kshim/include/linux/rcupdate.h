/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/rcupdate.h (6.12), !CONFIG_PROVE_RCU and
 * !CONFIG_PREEMPT_RCU: a reader section only counts itself, so that
 * kfree_rcu() waits for it (kshim/src/rcu.c); the lockdep conditions are
 * type-checked, never evaluated, as the kernel's.
 */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H

/* kshim/src/rcu.c: open sections counted for kfree_rcu()'s grace period */
void kshim_rcu_read_lock(void);
void kshim_rcu_read_unlock(void);
void kshim_kfree_rcu(void *obj);

#define rcu_read_lock() kshim_rcu_read_lock()
#define rcu_read_unlock() kshim_rcu_read_unlock()
#define kfree_rcu(ptr, rhf) kshim_kfree_rcu(ptr)
#define rcu_dereference(p) READ_ONCE(p)
#define rcu_dereference_raw(p) READ_ONCE(p)
#define rcu_dereference_check(p, c) ({ (void)(0 && (c)); READ_ONCE(p); })
#define rcu_dereference_protected(p, c) ({ (void)(0 && (c)); (p); })
#define rcu_assign_pointer(p, v) WRITE_ONCE(p, v)
#define RCU_INIT_POINTER(p, v) ((p) = (v))

#endif

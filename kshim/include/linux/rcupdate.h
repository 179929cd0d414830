/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/rcupdate.h (6.12), !CONFIG_PROVE_RCU and
 * !CONFIG_PREEMPT_RCU: simulated threads are cooperative and a reader
 * section has no scheduling point, so the read-side is empty; the
 * lockdep conditions are type-checked, never evaluated, as the kernel's.
 */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H

#define rcu_read_lock() do { } while (0)
#define rcu_read_unlock() do { } while (0)
#define rcu_dereference(p) READ_ONCE(p)
#define rcu_dereference_raw(p) READ_ONCE(p)
#define rcu_dereference_check(p, c) ({ (void)(0 && (c)); READ_ONCE(p); })
#define rcu_dereference_protected(p, c) ({ (void)(0 && (c)); (p); })
#define rcu_assign_pointer(p, v) WRITE_ONCE(p, v)
#define RCU_INIT_POINTER(p, v) ((p) = (v))

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/atomic.h (6.12).  Simulated threads share
 * one OS thread, so plain accesses are atomic; every read-modify-write
 * is a scheduling point taken *before* the operation, so another thread
 * may run between the previous step and the RMW, never inside it.
 * Fully ordered, as x86's locked instructions are.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <kshim/sim.h>

#define ATOMIC_INIT(i) { (i) }

#define __KSHIM_ATOMIC_OPS(pfx, atype, ctype)                                \
static inline ctype pfx##_read(const atype *v)                               \
{                                                                            \
	return READ_ONCE(v->counter);                                        \
}                                                                            \
static inline void pfx##_set(atype *v, ctype i)                              \
{                                                                            \
	WRITE_ONCE(v->counter, i);                                           \
}                                                                            \
static inline ctype pfx##_add_return(ctype i, atype *v)                      \
{                                                                            \
	sim_point(SIM_PT_ATOMIC, v);                                         \
	v->counter += i;                                                     \
	return v->counter;                                                   \
}                                                                            \
static inline ctype pfx##_fetch_add(ctype i, atype *v)                       \
{                                                                            \
	ctype old;                                                           \
	sim_point(SIM_PT_ATOMIC, v);                                         \
	old = v->counter;                                                    \
	v->counter += i;                                                     \
	return old;                                                          \
}                                                                            \
static inline void pfx##_add(ctype i, atype *v)                              \
{                                                                            \
	pfx##_add_return(i, v);                                              \
}                                                                            \
static inline void pfx##_sub(ctype i, atype *v)                              \
{                                                                            \
	pfx##_add_return(-i, v);                                             \
}                                                                            \
static inline void pfx##_inc(atype *v)                                       \
{                                                                            \
	pfx##_add_return(1, v);                                              \
}                                                                            \
static inline void pfx##_dec(atype *v)                                       \
{                                                                            \
	pfx##_add_return(-1, v);                                             \
}                                                                            \
static inline ctype pfx##_inc_return(atype *v)                               \
{                                                                            \
	return pfx##_add_return(1, v);                                       \
}                                                                            \
static inline ctype pfx##_dec_return(atype *v)                               \
{                                                                            \
	return pfx##_add_return(-1, v);                                      \
}                                                                            \
static inline bool pfx##_dec_and_test(atype *v)                              \
{                                                                            \
	return pfx##_add_return(-1, v) == 0;                                 \
}                                                                            \
static inline bool pfx##_inc_and_test(atype *v)                              \
{                                                                            \
	return pfx##_add_return(1, v) == 0;                                  \
}                                                                            \
static inline ctype pfx##_xchg(atype *v, ctype new)                          \
{                                                                            \
	ctype old;                                                           \
	sim_point(SIM_PT_ATOMIC, v);                                         \
	old = v->counter;                                                    \
	v->counter = new;                                                    \
	return old;                                                          \
}                                                                            \
static inline ctype pfx##_cmpxchg(atype *v, ctype old, ctype new)            \
{                                                                            \
	ctype cur;                                                           \
	sim_point(SIM_PT_ATOMIC, v);                                         \
	cur = v->counter;                                                    \
	if (cur == old)                                                      \
		v->counter = new;                                            \
	return cur;                                                          \
}                                                                            \
static inline bool pfx##_try_cmpxchg(atype *v, ctype *old, ctype new)        \
{                                                                            \
	ctype cur = pfx##_cmpxchg(v, *old, new);                             \
	if (cur == *old)                                                     \
		return true;                                                 \
	*old = cur;                                                          \
	return false;                                                        \
}

__KSHIM_ATOMIC_OPS(atomic, atomic_t, int)
__KSHIM_ATOMIC_OPS(atomic64, atomic64_t, s64)
__KSHIM_ATOMIC_OPS(atomic_long, atomic_long_t, s64)

#define atomic_read_acquire(v) atomic_read(v)
#define atomic_set_release(v, i) atomic_set(v, i)
#define smp_mb() barrier()
#define smp_rmb() barrier()
#define smp_wmb() barrier()
#define smp_mb__before_atomic() barrier()
#define smp_mb__after_atomic() barrier()
#define smp_load_acquire(p) READ_ONCE(*(p))
#define smp_store_release(p, v) WRITE_ONCE(*(p), v)

/* cmpxchg()/xchg() on plain scalars, as the kernel's generic macros. */
#define cmpxchg(ptr, o, n)                                      \
	({                                                      \
		typeof(*(ptr)) __cur;                           \
		sim_point(SIM_PT_ATOMIC, (ptr));                \
		__cur = *(ptr);                                 \
		if (__cur == (o))                               \
			*(ptr) = (n);                           \
		__cur;                                          \
	})
/* include/linux/atomic/atomic-instrumented.h: one scheduling point */
#define try_cmpxchg(ptr, oldp, n)                               \
	({                                                      \
		typeof(*(ptr)) *__op = (oldp), __o = *__op, __r; \
		__r = cmpxchg((ptr), __o, (n));                 \
		if (__r != __o)                                 \
			*__op = __r;                            \
		__r == __o;                                     \
	})
#define xchg(ptr, v)                                            \
	({                                                      \
		typeof(*(ptr)) __old;                           \
		sim_point(SIM_PT_ATOMIC, (ptr));                \
		__old = *(ptr);                                 \
		*(ptr) = (v);                                   \
		__old;                                          \
	})

#endif

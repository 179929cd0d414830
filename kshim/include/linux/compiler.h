/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/compiler*.h (6.12): attributes and ONCE. */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#include <linux/kconfig.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define barrier() __asm__ __volatile__("" : : : "memory")

#undef __always_inline	/* glibc's sys/cdefs.h has one too */
#define __always_inline inline __attribute__((__always_inline__))
#define noinline __attribute__((__noinline__))
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define __used __attribute__((__used__))
#define __must_check __attribute__((__warn_unused_result__))
#define __cold __attribute__((__cold__))
#define __pure __attribute__((__pure__))
#define __packed __attribute__((__packed__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __section(s) __attribute__((__section__(s)))
#define __noreturn __attribute__((__noreturn__))
#define __weak __attribute__((__weak__))
#define fallthrough __attribute__((__fallthrough__))
#define __counted_by(m)
#define __nonstring

/* Sparse annotations: nothing at compile time. */
#define __user
#define __kernel
#define __iomem
#define __rcu
#define __percpu
#define __force
#define __bitwise
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __cond_acquires(x)

/* Boot-time sections: everything stays mapped in userspace. */
#define __init
#define __exit
#define __initdata
#define __ro_after_init
#define __read_mostly
#define __cacheline_aligned
#define ____cacheline_aligned
#define ____cacheline_aligned_in_smp

#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))
#define __is_constexpr(x) \
	(sizeof(int) == sizeof(*(8 ? ((void *)((long)(x) * 0l)) : (int *)8)))

/*
 * READ_ONCE/WRITE_ONCE are plain volatile accesses, as on x86.  They
 * are not scheduling points: page-table accessors are, and they call
 * sim_point() themselves.
 */
#define READ_ONCE(x) (*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val)                                   \
	do {                                                 \
		*(volatile typeof(x) *)&(x) = (val);         \
	} while (0)
#define data_race(expr) (expr)

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON: " #cond)
#define BUILD_BUG_ON_MSG(cond, msg) _Static_assert(!(cond), msg)
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int : (-!!(e)); })))
#define __must_be_array(a) \
	BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))

#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "=r"(var) : "0"(var))

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/math.h (6.12). */
#ifndef _LINUX_MATH_H
#define _LINUX_MATH_H

/*
 * abs() as the kernel defines it: an unsigned argument is first
 * converted to the signed type of its width, so abs(1u - 2u) is 1.
 * (DAMON's region merging depends on this.)
 */
#define __abs_choose_expr(x, type, other)                                  \
	__builtin_choose_expr(                                             \
		__builtin_types_compatible_p(typeof(x), signed type) ||    \
			__builtin_types_compatible_p(typeof(x),            \
						     unsigned type),       \
		({                                                         \
			signed type __x = (x);                             \
			__x < 0 ? -__x : __x;                              \
		}),                                                        \
		other)

#define abs(x)                                                             \
	__abs_choose_expr(x, long long,                                    \
	__abs_choose_expr(x, long,                                         \
	__abs_choose_expr(x, int,                                          \
	__abs_choose_expr(x, short,                                        \
	__abs_choose_expr(x, char,                                         \
	__builtin_choose_expr(                                             \
		__builtin_types_compatible_p(typeof(x), char),             \
		(char)({                                                   \
			signed char __x = (x);                             \
			__x < 0 ? -__x : __x;                              \
		}),                                                        \
		((void)0)))))))

#endif

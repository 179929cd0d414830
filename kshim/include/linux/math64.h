/* SPDX-License-Identifier: GPL-2.0-only */
/* Mirrors include/linux/math64.h (6.12) for 64-bit: plain division. */
#ifndef _LINUX_MATH64_H
#define _LINUX_MATH64_H

#include <linux/types.h>

static inline u64 div_u64(u64 dividend, u32 divisor)
{
	return dividend / divisor;
}

static inline s64 div_s64(s64 dividend, s32 divisor)
{
	return dividend / divisor;
}

static inline u64 div64_u64(u64 dividend, u64 divisor)
{
	return dividend / divisor;
}

static inline s64 div64_s64(s64 dividend, s64 divisor)
{
	return dividend / divisor;
}

static inline u64 div64_ul(u64 dividend, unsigned long divisor)
{
	return dividend / divisor;
}

static inline u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

static inline u64 mul_u64_u64_div_u64(u64 a, u64 b, u64 c)
{
	return (u64)(((unsigned __int128)a * b) / c);
}

#define do_div(n, base)                                 \
	({                                              \
		u32 __base = (base);                    \
		u32 __rem = (u32)((n) % __base);        \
		(n) = (n) / __base;                     \
		__rem;                                  \
	})

#define DIV64_U64_ROUND_UP(ll, d) \
	({ u64 _tmp = (d); div64_u64((ll) + _tmp - 1, _tmp); })

#endif

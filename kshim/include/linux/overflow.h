/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/overflow.h (6.12). */
#ifndef _LINUX_OVERFLOW_H
#define _LINUX_OVERFLOW_H

#define check_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d) __builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d) __builtin_mul_overflow(a, b, d)
#define struct_size(p, member, count)                                    \
	({                                                               \
		size_t __bytes;                                          \
		__builtin_mul_overflow(sizeof(*(p)->member), (count),    \
				       &__bytes) ||                      \
				__builtin_add_overflow(__bytes,          \
						       sizeof(*(p)),     \
						       &__bytes) ?       \
			SIZE_MAX : __bytes;                              \
	})

#endif

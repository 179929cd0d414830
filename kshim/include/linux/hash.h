/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/hash.h (6.12): the multiplicative 32-bit hash. */
#ifndef _LINUX_HASH_H
#define _LINUX_HASH_H

#include <linux/types.h>

#define GOLDEN_RATIO_32 0x61C88647

/* Mirrors include/linux/hash.h:__hash_32_generic()/hash_32() */
static inline u32 __hash_32(u32 val)
{
	return val * GOLDEN_RATIO_32;
}

static inline u32 hash_32(u32 val, unsigned int bits)
{
	return __hash_32(val) >> (32 - bits);
}

#endif

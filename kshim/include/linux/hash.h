/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/hash.h (6.12): the multiplicative hashes. */
#ifndef _LINUX_HASH_H
#define _LINUX_HASH_H

#include <linux/types.h>

#define GOLDEN_RATIO_32 0x61C88647
#define GOLDEN_RATIO_64 0x61C8864680B583EBull

/* Mirrors include/linux/hash.h:__hash_32_generic()/hash_32() */
static inline u32 __hash_32(u32 val)
{
	return val * GOLDEN_RATIO_32;
}

static inline u32 hash_32(u32 val, unsigned int bits)
{
	return __hash_32(val) >> (32 - bits);
}

/* Mirrors include/linux/hash.h:hash_64_generic(): the top @bits */
static inline u32 hash_64(u64 val, unsigned int bits)
{
	return (u32)(val * GOLDEN_RATIO_64 >> (64 - bits));
}

/* Mirrors include/linux/hash.h:hash_ptr() (BITS_PER_LONG 64: hash_64) */
static inline u32 hash_ptr(const void *ptr, unsigned int bits)
{
	return hash_64((unsigned long)ptr, bits);
}

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/bitops.h and arch/x86/include/asm/bitops.h
 * (6.12).  The atomic bit operations are atomic RMWs, hence scheduling
 * points; the __ variants are plain, as in the kernel.
 */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/bits.h>
#include <linux/types.h>
#include <kshim/sim.h>

#define BITS_TO_LONGS(nr) (((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)

/* fls(0) = 0, fls(1) = 1, fls(0x80000000) = 32. */
static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

/* __fls/__ffs: undefined for 0, as in the kernel. */
static inline unsigned long __fls(unsigned long word)
{
	return BITS_PER_LONG - 1 - __builtin_clzl(word);
}

static inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

/* a macro: glibc's <strings.h> declares an extern ffs() */
#define ffs(x) __builtin_ffs(x)

static inline unsigned int hweight32(unsigned int w)
{
	return __builtin_popcount(w);
}

static inline unsigned long hweight_long(unsigned long w)
{
	return __builtin_popcountl(w);
}

static inline unsigned int hweight64(u64 w)
{
	return __builtin_popcountll(w);
}

static inline void __set_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return (addr[BIT_WORD(nr)] >> (nr % BITS_PER_LONG)) & 1;
}

static inline void set_bit(long nr, volatile unsigned long *addr)
{
	sim_point(SIM_PT_ATOMIC, (const void *)&addr[BIT_WORD(nr)]);
	__set_bit(nr, addr);
}

static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	sim_point(SIM_PT_ATOMIC, (const void *)&addr[BIT_WORD(nr)]);
	__clear_bit(nr, addr);
}

static inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	bool old;

	sim_point(SIM_PT_ATOMIC, (const void *)&addr[BIT_WORD(nr)]);
	old = test_bit(nr, addr);
	__set_bit(nr, addr);
	return old;
}

static inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	bool old;

	sim_point(SIM_PT_ATOMIC, (const void *)&addr[BIT_WORD(nr)]);
	old = test_bit(nr, addr);
	__clear_bit(nr, addr);
	return old;
}

#endif

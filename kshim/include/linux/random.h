/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/random.h (6.12), drawing from the running
 * simulated thread's stream of the run's seeded PRNG.
 */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

#include <linux/types.h>
#include <kshim/sim.h>

static inline u64 get_random_u64(void)
{
	return sim_random_u64();
}

static inline u32 get_random_u32(void)
{
	return (u32)(sim_random_u64() >> 32);
}

static inline unsigned long get_random_long(void)
{
	return (unsigned long)get_random_u64();
}

u32 __get_random_u32_below(u32 ceil);

/* Uniform in [0, ceil); ceil == 0 gives any u32, as the kernel's. */
static inline u32 get_random_u32_below(u32 ceil)
{
	return __get_random_u32_below(ceil);
}

/* Uniform in [floor, ceil], as include/linux/random.h (6.12). */
static inline u32 get_random_u32_inclusive(u32 floor, u32 ceil)
{
	return floor + get_random_u32_below(ceil - floor + 1);
}

#endif

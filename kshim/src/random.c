// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mirrors drivers/char/random.c:__get_random_u32_below() (6.12):
 * Lemire's multiply-shift with rejection of the biased low residues,
 * over the simulator's seeded stream instead of the CRNG.
 */
#include <linux/random.h>

u32 __get_random_u32_below(u32 ceil)
{
	u32 rand = get_random_u32();
	u64 mult;

	if (unlikely(!ceil))
		return rand;	/* the kernel's convention for ceil == 0 */
	mult = (u64)ceil * rand;
	if (unlikely((u32)mult < ceil)) {
		/* 2^32 mod ceil, computed in 32 bits */
		u32 bound = -ceil % ceil;

		while (unlikely((u32)mult < bound))
			mult = (u64)ceil * get_random_u32();
	}
	return mult >> 32;
}

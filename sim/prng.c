// SPDX-License-Identifier: GPL-2.0-only
/*
 * Seeded pseudo-random streams: xoshiro256** (Blackman & Vigna), each
 * stream's state filled by splitmix64 from (seed, stream id), so every
 * simulated thread draws from its own sequence and adding a thread does
 * not perturb the others'.
 */
#include "sim/sched.h"

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void sim_prng_seed(struct sim_prng *p, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1342543de82ef95ULL);
	int i;

	for (i = 0; i < 4; i++)
		p->s[i] = splitmix64(&x);
	/* all zero is xoshiro's fixed point: the stream would be all zero */
	SIM_BUG_ON(!(p->s[0] | p->s[1] | p->s[2] | p->s[3]));
}


// SPDX-License-Identifier: GPL-2.0-only
/*
 * The random strategy: at every choice point with more than one
 * candidate, a uniform pick.  It draws from its own stream, derived from
 * (seed, run index), never from the threads' streams: those belong to
 * the kernel code, and sharing them would make the schedule depend on
 * how often the kernel drew and the kernel's draws on the schedule.
 */
#include <stdlib.h>
#include "sim/strategy.h"

struct random_strat {
	struct sim_strategy base;
	uint64_t seed;
	uint64_t iterations;
	struct sim_prng prng;
};

static struct random_strat *to_random(struct sim_strategy *s)
{
	return (struct random_strat *)s;
}

static int random_choose(void *s,
			 struct sim_thread *const *runnable, int nr,
			 int current, enum sim_point_kind kind,
			 const void *obj)
{
	if (nr == 1)
		return 0;
	return sim_prng_pick(&to_random(s)->prng, nr);
}

/* the engine draws in its place (sim_set_strategy_uniform()) */
static struct sim_prng *random_uniform(struct sim_strategy *s)
{
	return &to_random(s)->prng;
}

static void random_begin_run(struct sim_strategy *s)
{
	struct random_strat *r = to_random(s);

	sim_strategy_prng(&r->prng, r->seed, s->runs - 1);
}

static bool random_next_run(struct sim_strategy *s)
{
	struct random_strat *r = to_random(s);

	return !r->iterations || s->runs < r->iterations;
}

static void random_destroy(struct sim_strategy *s)
{
	free(to_random(s));
}

static const struct sim_strategy_ops random_ops = {
	.name = "random",
	.choose = random_choose,
	.skip_forced = true,
	.uniform = random_uniform,
	.begin_run = random_begin_run,
	.next_run = random_next_run,
	.destroy = random_destroy,
};

struct sim_strategy *sim_strategy_random_create(uint64_t seed,
						uint64_t iterations)
{
	struct random_strat *r = sim_strategy_alloc(sizeof(*r));

	r->base.kind = SIM_STRAT_RANDOM;
	r->base.ops = &random_ops;
	r->seed = seed;
	r->iterations = iterations;
	return &r->base;
}

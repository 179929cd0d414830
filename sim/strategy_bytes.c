// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bytes strategy: a fuzzer's input decides the schedule.  Every
 * choice point with more than one candidate reads the next byte and
 * picks candidate byte % nr; when the bytes run out, a random stream
 * seeded by (seed, run) takes over, so a short input still ends in a
 * whole run.  The same bytes and seed give the same schedule on any
 * build: a fuzzer's finding is re-run by the regular binary, which
 * records the schedule in a normal trace (docs/fuzzing.md).
 */
#include <stdlib.h>
#include <string.h>
#include "sim/strategy.h"

struct bytes_strat {
	struct sim_strategy base;
	uint64_t seed;
	const uint8_t *data;
	size_t len, pos;
	struct sim_prng prng;
	sim_bytes_observe_fn observe;
	void *observe_priv;
};

static struct bytes_strat *to_bytes(struct sim_strategy *s)
{
	return (struct bytes_strat *)s;
}

static int bytes_choose(void *s,
			struct sim_thread *const *runnable, int nr,
			int current, enum sim_point_kind kind, const void *obj)
{
	struct bytes_strat *b = to_bytes(s);
	int pick;

	if (nr == 1)
		return 0;
	if (b->pos < b->len)
		pick = b->data[b->pos++] % nr;
	else
		pick = (int)(sim_prng_next(&b->prng) % (uint64_t)nr);
	if (b->observe)
		b->observe(b->observe_priv, kind, nr, current, pick);
	return pick;
}

static void bytes_begin_run(struct sim_strategy *s)
{
	struct bytes_strat *b = to_bytes(s);

	b->pos = 0;
	sim_strategy_prng(&b->prng, b->seed, 0);
}

/* one run per input: the fuzzer calls again with the next input */
static bool bytes_next_run(struct sim_strategy *s)
{
	(void)s;
	return false;
}

static void bytes_destroy(struct sim_strategy *s)
{
	free(to_bytes(s));
}

static const struct sim_strategy_ops bytes_ops = {
	.name = "bytes",
	.choose = bytes_choose,
	.skip_forced = true,
	.begin_run = bytes_begin_run,
	.next_run = bytes_next_run,
	.destroy = bytes_destroy,
};

struct sim_strategy *sim_strategy_bytes_create(uint64_t seed,
					       const uint8_t *data, size_t len)
{
	struct bytes_strat *b = sim_strategy_alloc(sizeof(*b));

	memset(b, 0, sizeof(*b));
	b->base.kind = SIM_STRAT_BYTES;
	b->base.ops = &bytes_ops;
	b->seed = seed;
	b->data = data;
	b->len = len;
	return &b->base;
}

void sim_strategy_bytes_set_input(struct sim_strategy *s, const uint8_t *data,
				  size_t len)
{
	SIM_BUG_ON(s->kind != SIM_STRAT_BYTES);
	to_bytes(s)->data = data;
	to_bytes(s)->len = len;
}

size_t sim_strategy_bytes_used(const struct sim_strategy *s)
{
	SIM_BUG_ON(s->kind != SIM_STRAT_BYTES);
	return ((const struct bytes_strat *)s)->pos;
}

void sim_strategy_bytes_set_observer(struct sim_strategy *s,
				     sim_bytes_observe_fn fn, void *priv)
{
	SIM_BUG_ON(s->kind != SIM_STRAT_BYTES);
	to_bytes(s)->observe = fn;
	to_bytes(s)->observe_priv = priv;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Schedules, the entry points every strategy shares, and the replay
 * strategy: follow a recorded schedule bit for bit.  A replay that cannot
 * follow its schedule (the recorded thread is not a candidate, the run
 * makes more choices than recorded, or fewer) is a divergence: the
 * program, the kconfig or the binary is not the one that recorded it,
 * and whatever the run then shows proves nothing about the trace.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sim/strategy.h"

#define SCHED_INITIAL_CAP 256

_Noreturn void sim_strategy_oom(void)
{
	sim_out_of_memory("a strategy's schedules");
}

void *sim_strategy_alloc(size_t size)
{
	void *p = calloc(1, size);

	if (!p)
		sim_strategy_oom();
	return p;
}

void sim_strategy_prng(struct sim_prng *p, uint64_t seed, uint64_t run)
{
	/* threads use streams 1.. and the boot stream 0: keep clear of them */
	SIM_BUG_ON(run & SIM_PRNG_STRATEGY);
	sim_prng_seed(p, seed, SIM_PRNG_STRATEGY | run);
}

void sim_schedule_init(struct sim_schedule *sc)
{
	memset(sc, 0, sizeof(*sc));
}

void sim_schedule_free(struct sim_schedule *sc)
{
	free(sc->tids);
	sim_schedule_init(sc);
}

int sim_schedule_copy(struct sim_schedule *dst, const struct sim_schedule *src)
{
	uint32_t *tids = NULL;

	if (src->len) {
		tids = malloc(src->len * sizeof(*tids));
		if (!tids) {
			sim_schedule_free(dst);
			return -1;
		}
		memcpy(tids, src->tids, src->len * sizeof(*tids));
	}
	free(dst->tids);
	dst->tids = tids;
	dst->len = dst->cap = src->len;
	dst->nr_preemptions = src->nr_preemptions;
	dst->preempted_to = src->preempted_to;
	dst->nr_actors = src->nr_actors;
	return 0;
}

bool sim_schedule_equal(const struct sim_schedule *a,
			const struct sim_schedule *b)
{
	return a->len == b->len && a->nr_preemptions == b->nr_preemptions &&
	       (!a->len ||
		!memcmp(a->tids, b->tids, a->len * sizeof(*a->tids)));
}

uint64_t sim_schedule_hash(const struct sim_schedule *sc)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	uint32_t i;

	for (i = 0; i < sc->len; i++) {
		h ^= sc->tids[i];
		h *= 0x100000001b3ULL;
	}
	h ^= sc->nr_preemptions;
	h *= 0x100000001b3ULL;
	return h;
}

int sim_schedule_reserve(struct sim_schedule *sc, uint32_t cap)
{
	uint32_t *tids;

	if (cap <= sc->cap)
		return 0;
	tids = realloc(sc->tids, cap * sizeof(*tids));
	if (!tids)
		return -1;
	sc->tids = tids;
	sc->cap = cap;
	return 0;
}

void sim_schedule_grow(struct sim_schedule *sc)
{
	if (sim_schedule_reserve(sc, sc->cap ? 2 * sc->cap : SCHED_INITIAL_CAP))
		sim_strategy_oom();
}

/*
 * The strategy's choose is the engine's callback, and the engine records
 * each pick in the run's schedule (sim_set_schedule_record()), so every
 * strategy's runs can be traced and replayed the same way.
 */
void sim_strategy_install(struct sim_strategy *s)
{
	s->sched.len = 0;
	s->sched.nr_preemptions = 0;
	s->sched.preempted_to = 0;
	s->sched.nr_actors = 0;
	s->runs++;
	s->ops->begin_run(s);
	sim_set_strategy(s->ops->choose, s);
	sim_set_strategy_skip_forced(s->ops->skip_forced);
	if (s->ops->uniform)
		sim_set_strategy_uniform(s->ops->uniform(s));
	sim_set_schedule_record(&s->sched);
}

bool sim_strategy_next_run(struct sim_strategy *s)
{
	return s->ops->next_run(s);
}

void sim_strategy_destroy(struct sim_strategy *s)
{
	if (!s)
		return;
	sim_schedule_free(&s->sched);
	s->ops->destroy(s);
}

enum sim_strategy_kind sim_strategy_kind(const struct sim_strategy *s)
{
	return s->kind;
}

const char *sim_strategy_name(const struct sim_strategy *s)
{
	return s->ops->name;
}

const struct sim_schedule *sim_strategy_schedule(const struct sim_strategy *s)
{
	return &s->sched;
}

uint64_t sim_strategy_runs(const struct sim_strategy *s)
{
	return s->runs;
}

void sim_strategy_seek(struct sim_strategy *s, uint64_t run)
{
	SIM_BUG_ON(s->kind != SIM_STRAT_RANDOM && s->kind != SIM_STRAT_PCT);
	s->runs = run;
}

/* ---- replay ---- */

struct replay {
	struct sim_strategy base;
	struct sim_schedule want;
	uint32_t pos;		/* next entry of want */
	bool diverged;
	uint32_t at;
};

static struct replay *to_replay(struct sim_strategy *s)
{
	return (struct replay *)s;
}

static void replay_diverge(struct replay *r)
{
	if (r->diverged)
		return;
	r->diverged = true;
	r->at = r->pos;
}

static int replay_choose(void *s,
			 struct sim_thread *const *runnable, int nr,
			 int current, enum sim_point_kind kind,
			 const void *obj)
{
	struct replay *r = to_replay(s);
	int i;

	if (nr == 1)
		return 0;	/* forced, and not in the schedule */
	if (!r->diverged && r->pos < r->want.len &&
	    r->want.tids[r->pos] == SIM_SCHED_STAY) {
		r->pos++;
		return current >= 0 ? current : 0;
	}
	if (!r->diverged && r->pos < r->want.len) {
		for (i = 0; i < nr; i++) {
			if ((uint32_t)sim_thread_id(runnable[i]) ==
			    r->want.tids[r->pos]) {
				r->pos++;
				return i;
			}
		}
	}
	/* off the schedule: finish the run without preempting */
	replay_diverge(r);
	return current >= 0 ? current : 0;
}

static void replay_begin_run(struct sim_strategy *s)
{
	struct replay *r = to_replay(s);

	r->pos = 0;
	r->diverged = false;
	r->at = 0;
}

static bool replay_next_run(struct sim_strategy *s)
{
	return false;
}

static void replay_destroy(struct sim_strategy *s)
{
	struct replay *r = to_replay(s);

	sim_schedule_free(&r->want);
	free(r);
}

static const struct sim_strategy_ops replay_ops = {
	.name = "replay",
	.choose = replay_choose,
	.skip_forced = true,
	.begin_run = replay_begin_run,
	.next_run = replay_next_run,
	.destroy = replay_destroy,
};

struct sim_strategy *sim_strategy_replay_create(const struct sim_schedule *sc)
{
	struct replay *r = sim_strategy_alloc(sizeof(*r));

	r->base.kind = SIM_STRAT_REPLAY;
	r->base.ops = &replay_ops;
	if (sim_schedule_copy(&r->want, sc)) {
		free(r);
		return NULL;
	}
	return &r->base;
}

bool sim_strategy_replay_diverged(const struct sim_strategy *s, uint32_t *at)
{
	const struct replay *r = (const struct replay *)s;
	bool diverged;
	uint32_t where;

	if (s->kind != SIM_STRAT_REPLAY)
		return false;
	diverged = r->diverged;
	where = r->at;
	if (!diverged && r->pos != r->want.len) {
		/* the run ended with recorded choices left over */
		diverged = true;
		where = r->pos;
	}
	if (diverged && at)
		*at = where;
	return diverged;
}

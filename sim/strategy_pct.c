// SPDX-License-Identifier: GPL-2.0-only
/*
 * Probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi and
 * Nagarakatte, "A Randomized Scheduler with Probabilistic Guarantees of
 * Finding Bugs", ASPLOS 2010).  Each thread gets a distinct priority and
 * the highest-priority runnable thread always runs; d-1 change points,
 * uniform over the first k steps, each demote whoever runs there below
 * every initial priority.  A bug of depth d (d ordering constraints) is
 * then found with probability at least 1/(n k^(d-1)) per run, where
 * random walks find deep orderings exponentially rarely.
 *
 * Threads appear during a run, so n is not known up front: a thread seen
 * for the first time is inserted at a uniform position among the threads
 * still in the initial band, which leaves their relative order a uniform
 * random permutation, as drawing all n priorities at the start would.
 * The band's priorities are d.. upwards; change point i (1-based) sets
 * the running thread's priority to i, below the band.  A step is a
 * choice point (forced ones included: demoting a thread at a forced
 * point still reorders it for later).  k is learnt from run 0 (no change
 * points unless the caller hints a k), and kept: run r then depends on
 * (seed, r) and run 0 only, so a search split over processes takes the
 * same runs as one process (each runs run 0 first).  Before, k was the
 * longest run so far, which tied every run to all the runs before it.
 */
#include <stdlib.h>
#include <string.h>
#include "sim/strategy.h"

struct pct {
	struct sim_strategy base;
	uint64_t seed;
	uint64_t iterations;
	unsigned int depth;
	uint64_t k;			/* estimated steps per run */
	uint64_t *change;		/* depth - 1 step indices */
	uint64_t step;			/* choice points so far this run */
	bool in_run0;			/* the run under way is run 0 */
	struct sim_prng prng;
	/* by thread id: 0 unseen, else the priority (higher runs first) */
	uint64_t *prio;
	int nr_prio;
	int *band;			/* initial-band tids, lowest first */
	int nr_band, cap_band;
};

static struct pct *to_pct(struct sim_strategy *s)
{
	return (struct pct *)s;
}

static uint64_t uniform(struct pct *p, uint64_t n)
{
	return sim_prng_next(&p->prng) % n;
}

static void renumber_band(struct pct *p)
{
	int i;

	for (i = 0; i < p->nr_band; i++)
		p->prio[p->band[i]] = p->depth + (uint64_t)i;
}

static void grow_prio(struct pct *p, int tid)
{
	int n = p->nr_prio ? p->nr_prio : 16;
	uint64_t *prio;

	while (n <= tid)
		n *= 2;
	prio = realloc(p->prio, n * sizeof(*prio));
	if (!prio)
		sim_strategy_oom();
	memset(prio + p->nr_prio, 0, (n - p->nr_prio) * sizeof(*prio));
	p->prio = prio;
	p->nr_prio = n;
}

/* A new thread: a uniform slot among the band, shifting those above. */
static void insert_thread(struct pct *p, int tid)
{
	int slot;

	if (tid >= p->nr_prio)
		grow_prio(p, tid);
	if (p->nr_band == p->cap_band) {
		int cap = p->cap_band ? 2 * p->cap_band : 16;
		int *band = realloc(p->band, cap * sizeof(*band));

		if (!band)
			sim_strategy_oom();
		p->band = band;
		p->cap_band = cap;
	}
	slot = (int)uniform(p, (uint64_t)p->nr_band + 1);
	memmove(p->band + slot + 1, p->band + slot,
		(p->nr_band - slot) * sizeof(*p->band));
	p->band[slot] = tid;
	p->nr_band++;
	renumber_band(p);
}

static void demote(struct pct *p, int tid, uint64_t prio)
{
	int i;

	/* a change point's priority lies below the whole initial band */
	SIM_BUG_ON(prio < 1 || prio >= p->depth);
	for (i = 0; i < p->nr_band; i++) {
		if (p->band[i] != tid)
			continue;
		memmove(p->band + i, p->band + i + 1,
			(p->nr_band - i - 1) * sizeof(*p->band));
		p->nr_band--;
		renumber_band(p);
		break;
	}
	p->prio[tid] = prio;
}

static int highest(struct pct *p, struct sim_thread *const *runnable, int nr)
{
	int i, best = 0;

	for (i = 1; i < nr; i++)
		if (p->prio[sim_thread_id(runnable[i])] >
		    p->prio[sim_thread_id(runnable[best])])
			best = i;
	return best;
}

static int pct_choose(void *s, struct sim_thread *const *runnable,
		      int nr, int current, enum sim_point_kind kind,
		      const void *obj)
{
	struct pct *p = to_pct(s);
	uint64_t step = p->step++;
	int i, pick;

	/* candidates come in id order, so new threads enter deterministically */
	for (i = 0; i < nr; i++) {
		int tid = sim_thread_id(runnable[i]);

		if (tid >= p->nr_prio || !p->prio[tid])
			insert_thread(p, tid);
		SIM_BUG_ON(!p->prio[tid]);	/* every candidate ranked */
	}
	pick = highest(p, runnable, nr);
	for (i = (int)p->depth - 2; i >= 0; i--) {
		if (p->change[i] != step)
			continue;
		/* the latest change point wins a tie: it is the lowest */
		demote(p, sim_thread_id(runnable[pick]), (uint64_t)i + 1);
		pick = highest(p, runnable, nr);
		break;
	}
	return pick;
}

static void pct_begin_run(struct sim_strategy *s)
{
	struct pct *p = to_pct(s);
	unsigned int i;

	/* after run 0: its length is k for every later run */
	if (p->in_run0 && p->step > p->k)
		p->k = p->step;
	p->in_run0 = s->runs == 1;
	sim_strategy_prng(&p->prng, p->seed, s->runs - 1);
	p->step = 0;
	p->nr_band = 0;
	if (p->prio)
		memset(p->prio, 0, p->nr_prio * sizeof(*p->prio));
	for (i = 0; i + 1 < p->depth; i++)
		p->change[i] = p->k ? uniform(p, p->k) : UINT64_MAX;
}

static bool pct_next_run(struct sim_strategy *s)
{
	struct pct *p = to_pct(s);

	return !p->iterations || s->runs < p->iterations;
}

static void pct_destroy(struct sim_strategy *s)
{
	struct pct *p = to_pct(s);

	free(p->change);
	free(p->prio);
	free(p->band);
	free(p);
}

static const struct sim_strategy_ops pct_ops = {
	.name = "pct",
	.choose = pct_choose,
	.begin_run = pct_begin_run,
	.next_run = pct_next_run,
	.destroy = pct_destroy,
};

struct sim_strategy *sim_strategy_pct_create(uint64_t seed, unsigned int depth,
					     uint64_t iterations,
					     uint64_t k_hint)
{
	struct pct *p;

	if (!depth)
		return NULL;
	p = sim_strategy_alloc(sizeof(*p));
	p->base.kind = SIM_STRAT_PCT;
	p->base.ops = &pct_ops;
	p->seed = seed;
	p->depth = depth;
	p->iterations = iterations;
	p->k = k_hint;
	p->change = sim_strategy_alloc(depth * sizeof(*p->change));
	return &p->base;
}

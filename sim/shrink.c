// SPDX-License-Identifier: GPL-2.0-only
/*
 * Greedy schedule shrinking (see shrink.h), in the spirit of delta
 * debugging: try each simplification of the current best schedule, keep
 * the first that still fails and is smaller in (preemptions, choices),
 * start over; stop at a fixed point or after max_runs replays.  Two
 * simplifications:
 *
 *   cut     keep choices [0, i) and let the rest run without preemption;
 *   stay    at a switch i (tids[i] != tids[i-1]), keep the thread of the
 *           previous choice instead; the recorded rest follows if it can;
 *   switch  at a switch i of best, keep choices [0, i), let whoever runs
 *           go on for m more choices, then pick thread t, then run on
 *           without preemption: moves a needed preemption to a schedule
 *           with the fewest others before it;
 *   actor   every choice of thread t becomes "stay": t runs only when
 *           the others block or end, no longer interleaved with them.
 *
 * Smaller means fewer preemptions, then fewer actors (threads some
 * preemption switches to), then fewer choices.
 */
#include <stdlib.h>
#include <string.h>
#include "sim/shrink.h"

/* how far a switch may be moved past the recorded one */
#define SHRINK_MAX_STAY 256

static bool smaller(const struct sim_schedule *a, const struct sim_schedule *b)
{
	if (a->nr_preemptions != b->nr_preemptions)
		return a->nr_preemptions < b->nr_preemptions;
	if (a->nr_actors != b->nr_actors)
		return a->nr_actors < b->nr_actors;
	return a->len < b->len;
}

struct shrinker {
	sim_shrink_test_fn test;
	void *priv;
	uint64_t runs, max_runs;
	struct sim_schedule best, cand, taken;
	struct sim_schedule threads;	/* best's threads, each once */
	bool no_switch;			/* sim_shrink_hinted(): no switch pass */
};

/* Replay the candidate; keep what it took if it fails and is smaller. */
static bool try_cand(struct shrinker *k)
{
	if (k->runs >= k->max_runs)
		return false;
	k->runs++;
	if (!k->test(k->priv, &k->cand, &k->taken) ||
	    !smaller(&k->taken, &k->best))
		return false;
	if (sim_schedule_copy(&k->best, &k->taken))
		sim_strategy_oom();
	return true;
}

static void set_cand(struct shrinker *k, uint32_t len)
{
	if (sim_schedule_copy(&k->cand, &k->best))
		sim_strategy_oom();
	k->cand.len = len;
}

/* The threads best chooses, each once, in first-seen order */
static void collect_threads(struct shrinker *k)
{
	uint32_t i, j;

	k->threads.len = 0;
	for (i = 0; i < k->best.len; i++) {
		for (j = 0; j < k->threads.len; j++)
			if (k->threads.tids[j] == k->best.tids[i])
				break;
		if (j < k->threads.len)
			continue;
		if (sim_schedule_reserve(&k->threads, k->threads.len + 1))
			sim_strategy_oom();
		k->threads.tids[k->threads.len++] = k->best.tids[i];
	}
}

/* best[0, i), @stay choices of whoever runs, @tid, then run on. */
static bool switch_cand(struct shrinker *k, uint32_t i, uint32_t stay,
			uint32_t tid)
{
	uint32_t n;

	set_cand(k, k->best.len);
	if (sim_schedule_reserve(&k->cand, i + stay + 1))
		sim_strategy_oom();
	for (n = 0; n < stay; n++)
		k->cand.tids[i + n] = SIM_SCHED_STAY;
	k->cand.tids[i + stay] = tid;
	k->cand.len = i + stay + 1;
	return try_cand(k);
}

/* One pass over every simplification; true if one was kept. */
static bool shrink_pass(struct shrinker *k)
{
	uint32_t i, j, m;

	for (i = 0; i < k->best.len; i++) {
		set_cand(k, i);
		if (try_cand(k))
			return true;
	}
	for (i = 1; i < k->best.len; i++) {
		if (k->best.tids[i] == k->best.tids[i - 1])
			continue;
		set_cand(k, k->best.len);
		k->cand.tids[i] = k->cand.tids[i - 1];
		if (try_cand(k))
			return true;
	}
	collect_threads(k);
	for (j = 0; j < k->threads.len; j++) {
		uint32_t tid = k->threads.tids[j];

		set_cand(k, k->best.len);
		for (i = 0; i < k->cand.len; i++)
			if (k->cand.tids[i] == tid)
				k->cand.tids[i] = SIM_SCHED_STAY;
		if (try_cand(k))
			return true;
	}
	if (k->no_switch)
		return false;
	for (i = 0; i < k->best.len; i++) {
		if (i && k->best.tids[i] == k->best.tids[i - 1])
			continue;	/* only where best switches */
		for (j = 0; j < k->threads.len; j++) {
			uint32_t tid = k->threads.tids[j];

			for (m = 0; m < SHRINK_MAX_STAY; m++) {
				if (!m && tid == k->best.tids[i])
					continue;
				if (switch_cand(k, i, m, tid))
					return true;
				if (k->runs >= k->max_runs)
					return false;
			}
		}
	}
	return false;
}

static int shrink(const struct sim_schedule *in, sim_shrink_test_fn test,
		  void *priv, uint64_t max_runs, bool no_switch,
		  struct sim_schedule *out, struct sim_shrink_stats *st)
{
	struct shrinker k = { .test = test, .priv = priv,
			      .max_runs = max_runs ? max_runs : 1,
			      .no_switch = no_switch };
	int ret = -1;

	sim_schedule_init(&k.best);
	sim_schedule_init(&k.cand);
	sim_schedule_init(&k.taken);
	sim_schedule_init(&k.threads);
	memset(st, 0, sizeof(*st));
	if (sim_schedule_copy(&k.cand, in))
		sim_strategy_oom();
	k.runs++;
	if (!test(priv, &k.cand, &k.taken))
		goto out;
	/* what the input actually takes is the starting point */
	if (sim_schedule_copy(&k.best, &k.taken))
		sim_strategy_oom();
	st->preemptions_before = k.best.nr_preemptions;
	st->actors_before = k.best.nr_actors;
	st->len_before = k.best.len;
	while (shrink_pass(&k))
		;
	if (sim_schedule_copy(out, &k.best))
		sim_strategy_oom();
	st->preemptions_after = k.best.nr_preemptions;
	st->actors_after = k.best.nr_actors;
	st->len_after = k.best.len;
	ret = 0;
out:
	st->runs = k.runs;
	sim_schedule_free(&k.best);
	sim_schedule_free(&k.cand);
	sim_schedule_free(&k.taken);
	sim_schedule_free(&k.threads);
	return ret;
}

int sim_shrink(const struct sim_schedule *in, sim_shrink_test_fn test,
	       void *priv, uint64_t max_runs, struct sim_schedule *out,
	       struct sim_shrink_stats *st)
{
	return shrink(in, test, priv, max_runs, false, out, st);
}

int sim_shrink_hinted(const struct sim_schedule *in, sim_shrink_test_fn test,
		      void *priv, uint64_t max_runs, struct sim_schedule *out,
		      struct sim_shrink_stats *st)
{
	return shrink(in, test, priv, max_runs, true, out, st);
}

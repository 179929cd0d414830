// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scheduler's choice points (sim_set_strategy()): every scheduling
 * point and every hand-over asks the strategy, candidates come in
 * thread-id order, and a depth-first enumeration of all choices over a
 * tiny racy program finds exactly the outcomes a brute-force reading of
 * the program predicts (the base the exhaustive strategy builds on).
 * With more threads than a bitmap word, the candidate list the engine
 * keeps between points is always the live threads, and the schedule
 * it records is the strategy's real picks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "sim/sched.h"
#include "sim/strategy.h"

#define MAX_DEPTH 64

/* A replay-or-extend strategy: follow prefix[], then always pick 0. */
struct dfs {
	int prefix[MAX_DEPTH];
	int len;
	int taken[MAX_DEPTH];
	int width[MAX_DEPTH];
	int depth;
	int order[32];
	int nr_order;
};

static int dfs_choose(void *priv, struct sim_thread *const *runnable, int nr,
		      int current, enum sim_point_kind kind, const void *obj)
{
	struct dfs *d = priv;
	int pick = d->depth < d->len ? d->prefix[d->depth] : 0;

	if (d->depth < MAX_DEPTH) {
		d->taken[d->depth] = pick;
		d->width[d->depth] = nr;
	}
	d->depth++;
	if (d->nr_order < 32)
		d->order[d->nr_order++] = sim_thread_id(runnable[pick]);
	return pick;
}

/* x++ without a lock: a load point, then a store point */
static int counter;

static int racy_inc(void *arg)
{
	int v;

	sim_point(SIM_PT_PT_LOAD, &counter);
	v = counter;
	sim_point(SIM_PT_PT_STORE, &counter);
	counter = v + 1;
	return 0;
}

static int run_once(struct dfs *d)
{
	struct sim_thread *a, *b;

	sim_reset(1);
	counter = 0;
	d->depth = 0;
	d->nr_order = 0;
	sim_set_strategy(dfs_choose, d);
	a = sim_thread_create("a", racy_inc, NULL, NULL);
	b = sim_thread_create("b", racy_inc, NULL, NULL);
	sim_start_thread(a);
	sim_start_thread(b);
	if (sim_run(UINT64_MAX) != SIM_RUN_DONE)
		return -1;
	return counter;
}

/* Depth-first over every choice: returns the set of outcomes seen. */
static unsigned int enumerate(int *nr_schedules)
{
	struct dfs d = { 0 };
	unsigned int outcomes = 0;
	int i;

	*nr_schedules = 0;
	for (;;) {
		int out = run_once(&d);

		assert_true(out >= 0 && out < 32);
		outcomes |= 1U << out;
		(*nr_schedules)++;
		/* next prefix: bump the deepest choice that has siblings */
		for (i = d.depth - 1; i >= 0; i--)
			if (d.taken[i] + 1 < d.width[i])
				break;
		if (i < 0)
			return outcomes;
		memcpy(d.prefix, d.taken, sizeof(d.prefix));
		d.prefix[i]++;
		d.len = i + 1;
	}
}

static void test_every_interleaving_of_a_racy_increment(void **state)
{
	int nr;
	unsigned int outcomes = enumerate(&nr);

	/* a lost update (1) and the serial result (2), nothing else */
	assert_int_equal(outcomes, (1U << 1) | (1U << 2));
	/*
	 * Each thread: start, load point, store point, end.  Distinct
	 * schedules of the 2 x 2 points (plus the hand-overs) is C(4,2)=6
	 * at the points; every choice point is counted, so the DFS sees at
	 * least those 6.
	 */
	assert_true(nr >= 6);
}

static void test_candidates_in_id_order_and_fifo_default(void **state)
{
	struct dfs d = { 0 };

	/* always pick candidate 0: the lowest id runs whenever it can */
	assert_int_equal(run_once(&d), 2);	/* a then b: no race */
	assert_int_equal(d.order[0], 1);
	assert_true(sim_choice_points() >= 4);
	sim_set_strategy(NULL, NULL);
}

/*
 * Many threads, none ever blocks: at every point the candidates are
 * exactly the threads not done, in id order, @current among them.
 */
#define MANY 150

struct many {
	bool done[MANY + 1];
	uint64_t lcg;
	uint32_t picks[4096];
	uint32_t nr_picks, preemptions;
};

static struct many many;

static int many_choose(void *priv, struct sim_thread *const *runnable, int nr,
		       int current, enum sim_point_kind kind, const void *obj)
{
	struct many *m = priv;
	int i, id, want = 0, pick;

	for (id = 1; id <= MANY; id++)
		if (!m->done[id])
			assert_int_equal(sim_thread_id(runnable[want++]), id);
	assert_int_equal(nr, want);
	assert_true(current >= -1 && current < nr);
	m->lcg = m->lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	/* mostly go on, so the kept list is reused; sometimes switch */
	pick = current >= 0 && (m->lcg >> 60) < 12 ? current :
		(int)((m->lcg >> 33) % (uint64_t)nr);
	if (nr > 1) {
		assert_true(m->nr_picks < 4096);
		m->picks[m->nr_picks++] = sim_thread_id(runnable[pick]);
		if (current >= 0 && pick != current)
			m->preemptions++;
	}
	for (i = 1; i < nr; i++)
		assert_true(sim_thread_id(runnable[i - 1]) <
			    sim_thread_id(runnable[i]));
	return pick;
}

static int many_fn(void *arg)
{
	int i;

	for (i = 0; i < 3; i++)
		sim_point(SIM_PT_ATOMIC, &many);
	many.done[(intptr_t)arg] = true;	/* its id: made in order */
	return 0;
}

static void test_many_threads_kept_candidates_and_record(void **state)
{
	struct sim_schedule sc;
	uint32_t i;
	int t;

	sim_schedule_init(&sc);
	memset(&many, 0, sizeof(many));
	many.lcg = 42;
	sim_reset(1);
	sim_set_strategy(many_choose, &many);
	sim_set_schedule_record(&sc);
	for (t = 1; t <= MANY; t++)
		sim_start_thread(sim_thread_create("m", many_fn,
						   (void *)(intptr_t)t, NULL));
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	for (t = 1; t <= MANY; t++)
		assert_true(many.done[t]);
	assert_true(many.preemptions > 100);
	/* the engine's record: the real choices, in order */
	assert_int_equal(sc.len, many.nr_picks);
	for (i = 0; i < sc.len; i++)
		assert_int_equal(sc.tids[i], many.picks[i]);
	assert_int_equal(sc.nr_preemptions, many.preemptions);
	sim_schedule_free(&sc);
	sim_reset(1);	/* clears the record: a run without one */
	sim_start_thread(sim_thread_create("m", many_fn, (void *)1, NULL));
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_candidates_in_id_order_and_fifo_default),
		cmocka_unit_test(test_every_interleaving_of_a_racy_increment),
		cmocka_unit_test(test_many_threads_kept_candidates_and_record),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

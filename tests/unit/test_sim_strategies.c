// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scheduling strategies (sim/strategy.h) on tiny programs whose
 * behaviours can be enumerated by hand:
 *  - exhaustive, with and without sleep sets, finds exactly the outcomes
 *    a brute-force DFS over every choice finds (with and without a
 *    preemption bound), in no more runs, and in strictly fewer when the
 *    threads are independent; the bounded outcome sets are the ones
 *    derived by hand below;
 *  - random and PCT are deterministic per seed and differ across seeds;
 *    PCT with d=1 hits a depth-1 ordering bug at ~1/n per run, and finds
 *    the PCT paper's figure 5 bug far more often than a random walk;
 *  - replay reproduces a run bit for bit and reports a tampered one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "sim/sched.h"
#include "sim/shrink.h"
#include "sim/strategy.h"

#define DEADLOCK_OUTCOME 100
#define MAX_OUTCOME 128

/* ---- the programs ---- */

/* A lock with kshim's protocol: released before its UNLOCK point. */
struct tlock {
	struct sim_thread *owner;
	struct sim_waitq wait;
};

static void tlock_lock(struct tlock *l)
{
	sim_point(SIM_PT_LOCK, l);
	while (l->owner)
		sim_wait(&l->wait, l);
	l->owner = sim_current();
}

static void tlock_unlock(struct tlock *l)
{
	l->owner = NULL;
	sim_wake_one(&l->wait);
	sim_point(SIM_PT_UNLOCK, l);
}

static struct {
	int counter;
	struct tlock a, b;
	int first;		/* who got both locks first / first writer */
	int data, flag;
	int seen_flag, seen_data;
	int priv[3][4];
} g;

static int racy_inc(void *arg)
{
	int v;

	sim_point(SIM_PT_PT_LOAD, &g.counter);
	v = g.counter;
	sim_point(SIM_PT_PT_STORE, &g.counter);
	g.counter = v + 1;
	return 0;
}

static int racy_outcome(enum sim_run_result r)
{
	return r == SIM_RUN_DONE ? g.counter : -1;
}

/* The racy increment between private work: much noise, one race. */
static int noisy_inc(void *arg)
{
	int i, *priv = g.priv[(uintptr_t)arg];

	for (i = 0; i < 6; i++)
		sim_point(SIM_PT_PT_STORE, &priv[i % 4]);
	racy_inc(NULL);
	for (i = 0; i < 6; i++)
		sim_point(SIM_PT_PT_STORE, &priv[i % 4]);
	return 0;
}

/* Less noise, so that brute force can enumerate it unbounded */
static int quiet_inc(void *arg)
{
	int i, *priv = g.priv[(uintptr_t)arg];

	for (i = 0; i < 3; i++)
		sim_point(SIM_PT_PT_STORE, &priv[i]);
	racy_inc(NULL);
	for (i = 0; i < 2; i++)
		sim_point(SIM_PT_PT_STORE, &priv[3]);
	return 0;
}

/*
 * The writer's object becomes shared only once the reader sees the
 * flag, which the first schedules never do: a search that trusted its
 * first view of what is local would never preempt between the two
 * stores of g.data, and miss the reader's seeing 1.
 */
static int late_writer(void *arg)
{
	sim_point(SIM_PT_PT_STORE, &g.flag);
	g.flag = 1;
	sim_point(SIM_PT_PT_STORE, &g.data);
	g.data = 1;
	sim_point(SIM_PT_PT_STORE, &g.data);
	g.data = 2;
	return 0;
}

static int late_reader(void *arg)
{
	sim_point(SIM_PT_PT_LOAD, &g.flag);
	if (!g.flag)
		return 0;
	sim_point(SIM_PT_PT_LOAD, &g.data);
	g.seen_data = 1 + g.data;
	return 0;
}

/* 0: the flag unseen; else 1 + the data seen */
static int late_outcome(enum sim_run_result r)
{
	return r == SIM_RUN_DONE ? g.seen_data : -1;
}

static int ab_thread(void *arg)
{
	struct tlock *x = arg == (void *)1 ? &g.a : &g.b;
	struct tlock *y = arg == (void *)1 ? &g.b : &g.a;

	tlock_lock(x);
	tlock_lock(y);
	if (!g.first)
		g.first = (int)(intptr_t)arg;
	tlock_unlock(y);
	tlock_unlock(x);
	return 0;
}

static int ab_outcome(enum sim_run_result r)
{
	return r == SIM_RUN_DEADLOCK ? DEADLOCK_OUTCOME :
	       r == SIM_RUN_DONE ? g.first : -1;
}

static int mp_writer(void *arg)
{
	sim_point(SIM_PT_PT_STORE, &g.data);
	g.data = 42;
	sim_point(SIM_PT_PT_STORE, &g.flag);
	g.flag = 1;
	return 0;
}

static int mp_reader(void *arg)
{
	sim_point(SIM_PT_PT_LOAD, &g.flag);
	g.seen_flag = g.flag;
	sim_point(SIM_PT_PT_LOAD, &g.data);
	g.seen_data = g.data;
	return 0;
}

/* flag seen * 2 + data seen: 0, 1 and 3 are possible, 2 is not (SC) */
static int mp_outcome(enum sim_run_result r)
{
	return r == SIM_RUN_DONE ? g.seen_flag * 2 + (g.seen_data == 42) : -1;
}

static int indep_thread(void *arg)
{
	int *mine = g.priv[(intptr_t)arg];
	int i;

	for (i = 0; i < 3; i++) {
		sim_point(SIM_PT_PT_STORE, &mine[i]);
		mine[i] = i + 1;
	}
	return 0;
}

static int indep_outcome(enum sim_run_result r)
{
	int t, sum = 0;

	for (t = 0; t < 3; t++)
		sum += g.priv[t][0] + g.priv[t][1] + g.priv[t][2];
	return r == SIM_RUN_DONE ? sum : -1;
}

/* One store: to the thread's own object, or (arg 2, 3) to one shared */
static int one_store(void *arg)
{
	intptr_t a = (intptr_t)arg;

	sim_point(SIM_PT_PT_STORE, a < 2 ? &g.priv[a][0] : &g.counter);
	return 0;
}

static int no_outcome(enum sim_run_result r)
{
	return r == SIM_RUN_DONE ? 0 : -1;
}

struct program {
	const char *name;
	int nr_threads;
	sim_thread_fn fn[3];
	void *arg[3];
	int (*outcome)(enum sim_run_result r);
};

static const struct program racy = {
	"racy increment", 2, { racy_inc, racy_inc }, { 0 }, racy_outcome,
};
static const struct program locks_ab = {
	"two locks in both orders", 2, { ab_thread, ab_thread },
	{ (void *)1, (void *)2 }, ab_outcome,
};
static const struct program msg = {
	"message passing", 2, { mp_writer, mp_reader }, { 0 }, mp_outcome,
};
static const struct program indep = {
	"independent threads", 3, { indep_thread, indep_thread, indep_thread },
	{ (void *)0, (void *)1, (void *)2 }, indep_outcome,
};

static const struct program noisy = {
	"racy increment amid private work", 2, { noisy_inc, noisy_inc },
	{ (void *)0, (void *)1 }, racy_outcome,
};

static const struct program quiet = {
	"racy increment amid less private work", 2, { quiet_inc, quiet_inc },
	{ (void *)0, (void *)1 }, racy_outcome,
};

static const struct program two_stores_apart = {
	"one store each, two objects", 2, { one_store, one_store },
	{ (void *)0, (void *)1 }, no_outcome,
};

static const struct program two_stores_same = {
	"one store each, one object", 2, { one_store, one_store },
	{ (void *)2, (void *)3 }, no_outcome,
};

/* the reader first: the first run never shares the writer's data */
static const struct program late = {
	"an object shared late", 2, { late_reader, late_writer }, { 0 },
	late_outcome,
};

static void setup_program(const struct program *p, uint64_t seed)
{
	int i;

	sim_reset(seed);
	memset(&g, 0, sizeof(g));
	for (i = 0; i < p->nr_threads; i++)
		sim_start_thread(sim_thread_create("t", p->fn[i], p->arg[i],
						   NULL));
}

static int run_with(const struct program *p, struct sim_strategy *s)
{
	enum sim_run_result r;

	setup_program(p, 1);
	sim_strategy_install(s);
	r = sim_run(UINT64_MAX);
	return p->outcome(r);
}

/* ---- brute force: DFS over every choice, no reduction ---- */

#define BF_MAX_DEPTH 256

struct bf {
	int bound;		/* < 0: none */
	int prefix[BF_MAX_DEPTH], len;
	int taken[BF_MAX_DEPTH], width[BF_MAX_DEPTH], cur[BF_MAX_DEPTH];
	int pre[BF_MAX_DEPTH];	/* preemptions before the choice */
	int depth, preemptions;
};

static bool bf_allowed(const struct bf *b, int d, int i)
{
	int c = b->cur[d] >= 0 && i != b->cur[d];

	return b->bound < 0 || b->pre[d] + c <= b->bound;
}

static int bf_choose(void *priv, struct sim_thread *const *runnable, int nr,
		     int current, enum sim_point_kind kind, const void *obj)
{
	struct bf *b = priv;
	int d = b->depth++, pick;

	assert_true(d < BF_MAX_DEPTH);
	b->width[d] = nr;
	b->cur[d] = current;
	b->pre[d] = b->preemptions;
	if (d < b->len) {
		pick = b->prefix[d];
	} else {
		for (pick = 0; pick < nr; pick++)
			if (bf_allowed(b, d, pick))
				break;
		assert_true(pick < nr);	/* current, or no cost */
	}
	b->taken[d] = pick;
	b->preemptions += current >= 0 && pick != current;
	return pick;
}

/* Returns the outcome set as a bitmap; @nr: the schedules run. */
static void brute_force(const struct program *p, int bound,
			uint8_t outcomes[MAX_OUTCOME], int *nr)
{
	static struct bf b;
	int i, out;

	memset(&b, 0, sizeof(b));
	b.bound = bound;
	memset(outcomes, 0, MAX_OUTCOME);
	*nr = 0;
	for (;;) {
		enum sim_run_result r;

		setup_program(p, 1);
		b.depth = 0;
		b.preemptions = 0;
		sim_set_strategy(bf_choose, &b);
		r = sim_run(UINT64_MAX);
		out = p->outcome(r);
		assert_true(out >= 0 && out < MAX_OUTCOME);
		outcomes[out] = 1;
		(*nr)++;
		for (i = b.depth - 1; i >= 0; i--) {
			int next;

			for (next = b.taken[i] + 1; next < b.width[i]; next++)
				if (bf_allowed(&b, i, next))
					break;
			if (next < b.width[i]) {
				memcpy(b.prefix, b.taken, sizeof(b.prefix));
				b.prefix[i] = next;
				b.len = i + 1;
				break;
			}
		}
		if (i < 0)
			return;
	}
}

/* The Mazurkiewicz traces the last exhaustive search reached */
static struct {
	uint64_t *forms;
	size_t n;
} last_traces;

/* exhaustive_local()'s DPOR is Optimal DPOR */
static bool optimal;

static void exhaustive_local(const struct program *p, int bound,
			     bool reduction, bool dpor, bool local,
			     uint8_t outcomes[MAX_OUTCOME],
			     struct sim_exhaustive_stats *st)
{
	struct sim_strategy *s = sim_strategy_exhaustive_create(bound,
								reduction);
	int out;

	assert_non_null(s);
	sim_strategy_exhaustive_set_dpor(s, dpor);
	if (optimal)
		sim_strategy_exhaustive_set_optimal(s, dpor);
	sim_strategy_exhaustive_set_local_steps(s, local);
	sim_strategy_exhaustive_set_count_traces(s, true);
	memset(outcomes, 0, MAX_OUTCOME);
	do {
		out = run_with(p, s);
		assert_true(out >= 0 && out < MAX_OUTCOME);
		outcomes[out] = 1;
	} while (sim_strategy_next_run(s));
	sim_strategy_exhaustive_stats(s, st);
	free(last_traces.forms);
	last_traces.n = sim_strategy_exhaustive_traces(s, &last_traces.forms);
	assert_int_equal(last_traces.n, st->traces);
	sim_strategy_destroy(s);
	assert_true(st->exhausted);
	assert_false(st->nondeterministic);
	/* every run falls in a trace, and a trace needs a run */
	assert_true(st->traces >= 1 && st->traces <= st->runs);
}

/* The plain search's traces, kept to hold the reductions to them */
static uint64_t *plain_forms;
static size_t nr_plain_forms;

static void keep_plain_traces(void)
{
	free(plain_forms);
	nr_plain_forms = last_traces.n;
	plain_forms = malloc(nr_plain_forms * sizeof(*plain_forms));
	assert_non_null(plain_forms);
	memcpy(plain_forms, last_traces.forms,
	       nr_plain_forms * sizeof(*plain_forms));
}

/*
 * The last search reached every Mazurkiewicz trace the plain one did,
 * and no other: a reduction explores a subset of the plain search's
 * schedules, and a sound one at least one schedule of each trace.
 */
static void assert_plain_traces(const char *what)
{
	if (last_traces.n != nr_plain_forms ||
	    memcmp(last_traces.forms, plain_forms,
		   nr_plain_forms * sizeof(*plain_forms)))
		fail_msg("%s: %zu traces, the plain search %zu", what,
			 last_traces.n, nr_plain_forms);
}

/* Sleep sets or DPOR alone, as they prune without local steps */
static void exhaustive_mode(const struct program *p, int bound,
			    bool reduction, bool dpor,
			    uint8_t outcomes[MAX_OUTCOME],
			    struct sim_exhaustive_stats *st)
{
	exhaustive_local(p, bound, reduction, dpor, false, outcomes, st);
}

static void exhaustive(const struct program *p, int bound, bool reduction,
		       uint8_t outcomes[MAX_OUTCOME],
		       struct sim_exhaustive_stats *st)
{
	exhaustive_mode(p, bound, reduction, false, outcomes, st);
}

static unsigned int outcome_mask(const uint8_t outcomes[MAX_OUTCOME])
{
	unsigned int mask = 0;
	int i;

	for (i = 0; i < 31; i++)
		if (outcomes[i])
			mask |= 1U << i;
	return mask | (outcomes[DEADLOCK_OUTCOME] ? 1U << 31 : 0);
}

#define O(x) (1U << (x))
#define O_DEADLOCK (1U << 31)

/*
 * For each bound: brute force, exhaustive without and with reduction
 * agree on the outcomes; @expect[bound+1] is the set derived by hand.
 */
static void check_program(const struct program *p, const unsigned int expect[4],
			  int *bf_unbounded, uint64_t *ex_unbounded,
			  uint64_t *ex_dpor)
{
	int bound;

	for (bound = -1; bound <= 2; bound++) {
		uint8_t bf_out[MAX_OUTCOME], ex_out[MAX_OUTCOME],
			red_out[MAX_OUTCOME];
		struct sim_exhaustive_stats plain, red;
		uint64_t dpor_runs;
		int nr_bf;

		brute_force(p, bound, bf_out, &nr_bf);
		exhaustive(p, bound, false, ex_out, &plain);
		keep_plain_traces();
		exhaustive(p, bound, true, red_out, &red);
		assert_plain_traces("sleep sets");
		print_message("%s, bound %d: brute force %d schedules, "
			      "exhaustive %llu, with sleep sets %llu runs "
			      "(%llu sleep-blocked); outcomes %#x\n",
			      p->name, bound, nr_bf,
			      (unsigned long long)plain.runs,
			      (unsigned long long)red.runs,
			      (unsigned long long)red.sleep_blocked,
			      outcome_mask(bf_out));
		assert_int_equal(outcome_mask(bf_out), expect[bound + 1]);
		assert_int_equal(outcome_mask(ex_out), expect[bound + 1]);
		assert_int_equal(outcome_mask(red_out), expect[bound + 1]);
		/* the same tree, walked in another order */
		assert_int_equal(plain.runs, nr_bf);
		assert_true(red.runs <= plain.runs);
		assert_int_equal(red.runs, red.schedules + red.sleep_blocked);
		{
			/* DPOR (bounded POR under a bound): same outcomes */
			uint8_t bp_out[MAX_OUTCOME];
			struct sim_exhaustive_stats bp;

			exhaustive_mode(p, bound, true, true, bp_out, &bp);
			dpor_runs = bp.runs;
			print_message("%s, bound %d: with DPOR %llu runs\n",
				      p->name, bound,
				      (unsigned long long)bp.runs);
			assert_plain_traces("DPOR");
			assert_int_equal(outcome_mask(bp_out),
					 expect[bound + 1]);
			assert_true(bp.runs <= red.runs);
		}
		{
			/*
			 * Optimal DPOR: every trace, and without a bound
			 * one run a trace and none sleep-blocked (under a
			 * bound it is bounded POR)
			 */
			uint8_t op_out[MAX_OUTCOME];
			struct sim_exhaustive_stats op;

			optimal = true;
			exhaustive_mode(p, bound, true, true, op_out, &op);
			optimal = false;
			print_message("%s, bound %d: optimal %llu runs "
				      "(%llu sleep-blocked), %llu traces\n",
				      p->name, bound,
				      (unsigned long long)op.runs,
				      (unsigned long long)op.sleep_blocked,
				      (unsigned long long)op.traces);
			assert_plain_traces("optimal");
			assert_int_equal(outcome_mask(op_out),
					 expect[bound + 1]);
			assert_true(op.runs <= red.runs);
			if (bound < 0) {
				assert_int_equal(op.sleep_blocked, 0);
				assert_int_equal(op.runs, op.traces);
			} else {
				/* the fallback docs/optimal-dpor.md argues */
				assert_int_equal(op.runs, dpor_runs);
			}
		}
		{
			/* local steps on top of either: same outcomes */
			uint8_t ls_out[MAX_OUTCOME], ld_out[MAX_OUTCOME];
			struct sim_exhaustive_stats ls, ld;

			exhaustive_local(p, bound, true, false, true, ls_out,
					 &ls);
			assert_plain_traces("local steps");
			exhaustive_local(p, bound, true, true, true, ld_out,
					 &ld);
			assert_plain_traces("local steps and DPOR");
			print_message("%s, bound %d: with local steps %llu "
				      "runs (%llu lazy nodes opened), and "
				      "DPOR %llu\n", p->name, bound,
				      (unsigned long long)ls.runs,
				      (unsigned long long)ls.lazy_needed,
				      (unsigned long long)ld.runs);
			assert_int_equal(outcome_mask(ls_out),
					 expect[bound + 1]);
			assert_int_equal(outcome_mask(ld_out),
					 expect[bound + 1]);
			assert_true(ls.runs <= red.runs);
			assert_int_equal(ls.runs,
					 ls.schedules + ls.sleep_blocked);
		}
		if (bound < 0) {
			uint8_t dpor_out[MAX_OUTCOME];
			struct sim_exhaustive_stats dpor;

			assert_false(plain.bound_hit);
			*bf_unbounded = nr_bf;
			*ex_unbounded = red.runs;
			/* DPOR: the same outcomes, in no more runs */
			exhaustive_mode(p, bound, true, true, dpor_out, &dpor);
			print_message("%s, no bound: with DPOR %llu runs "
				      "(%llu sleep-blocked), %llu traces\n",
				      p->name,
				      (unsigned long long)dpor.runs,
				      (unsigned long long)dpor.sleep_blocked,
				      (unsigned long long)dpor.traces);
			assert_plain_traces("DPOR, no bound");
			/*
			 * and one run a trace on these programs: it did not
			 * before races were judged over the whole run (a
			 * first step raced with every private store, a lock
			 * holder's every step with the lock's next taker)
			 */
			assert_int_equal(dpor.runs, dpor.traces);
			assert_int_equal(outcome_mask(dpor_out),
					 expect[bound + 1]);
			assert_true(dpor.runs <= red.runs);
			*ex_dpor = dpor.runs;
		}
	}
}

static void test_exhaustive_racy_increment(void **state)
{
	/* a lost update needs a switch between a load and its store */
	const unsigned int expect[4] = {
		O(1) | O(2), O(2), O(1) | O(2), O(1) | O(2),
	};
	int bf;
	uint64_t ex, dp;

	check_program(&racy, expect, &bf, &ex, &dp);
}

static void test_exhaustive_two_locks(void **state)
{
	/*
	 * Without preemptions each thread runs to its end: whoever starts
	 * first wins.  The deadlock needs one: preempt the holder of its
	 * first lock at its second LOCK point.
	 */
	const unsigned int expect[4] = {
		O(1) | O(2) | O_DEADLOCK, O(1) | O(2),
		O(1) | O(2) | O_DEADLOCK, O(1) | O(2) | O_DEADLOCK,
	};
	int bf;
	uint64_t ex, dp;

	check_program(&locks_ab, expect, &bf, &ex, &dp);
}

static void test_exhaustive_message_passing(void **state)
{
	/*
	 * Bound 0: writer then reader (3) or reader then writer (0).
	 * Bound 1 adds the reader preempted between its two loads (1).
	 * Flag without data (2) is impossible at any bound.
	 */
	const unsigned int expect[4] = {
		O(0) | O(1) | O(3), O(0) | O(3),
		O(0) | O(1) | O(3), O(0) | O(1) | O(3),
	};
	int bf;
	uint64_t ex, dp;

	check_program(&msg, expect, &bf, &ex, &dp);
}

static void test_exhaustive_independent_threads(void **state)
{
	const unsigned int expect[4] = { O(18), O(18), O(18), O(18) };
	int bf;
	uint64_t ex, dp;

	check_program(&indep, expect, &bf, &ex, &dp);
	/* every interleaving is equivalent: the sleep sets must see that */
	assert_true(ex < (uint64_t)bf);
	assert_true(ex * 10 < (uint64_t)bf);
	/*
	 * DPOR prunes more: only the threads' first steps (unseen, so
	 * dependent with everything but a local step) still race: their
	 * 3! orders
	 */
	assert_true(dp * 5 <= ex);
	assert_int_equal(dp, 6);
}

/*
 * The trace counter on programs counted by hand.  A thread's first step
 * (from its start to its first point) is unknown to the engine, so it
 * depends on every step but a local one (kshim's contract: it touches
 * no object another thread announces): the order of first steps always
 * counts.  Two stores to two objects: 2 traces (who starts first; the
 * stores commute with everything).  Two stores to one object: every
 * one of the 6 interleavings of (start, store) x 2 (the stores conflict,
 * so neither commutes with the other's start).  Three threads of
 * private stores: 3! orders of their starts.
 */
static void test_exhaustive_trace_count(void **state)
{
	static const struct {
		const struct program *p;
		uint64_t traces;
	} cases[] = {
		{ &two_stores_apart, 2 },
		{ &two_stores_same, 6 },
		{ &indep, 6 },
	};
	uint8_t out[MAX_OUTCOME];
	struct sim_exhaustive_stats st;
	unsigned int i;
	int mode;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* plain, sleep sets, local steps, DPOR: the same count */
		for (mode = 0; mode < 4; mode++) {
			exhaustive_local(cases[i].p, -1, mode > 0, mode == 3,
					 mode == 2, out, &st);
			print_message("%s, mode %d: %llu runs, %llu traces\n",
				      cases[i].p->name, mode,
				      (unsigned long long)st.runs,
				      (unsigned long long)st.traces);
			assert_int_equal(st.traces, cases[i].traces);
		}
	}
}

/*
 * Local steps: points on objects only one thread touches are not
 * choices.  The outcomes stay brute force's; the runs drop by far.
 */
static void test_exhaustive_local_steps(void **state)
{
	const unsigned int expect[4] = {
		O(1) | O(2), O(2), O(1) | O(2), O(1) | O(2),
	};
	uint8_t bf_out[MAX_OUTCOME], red_out[MAX_OUTCOME];
	struct sim_exhaustive_stats red;
	int bf, bound;
	uint64_t ex, dp;

	check_program(&quiet, expect, &bf, &ex, &dp);
	/* the only choices left: the two racy points and the first steps */
	exhaustive_local(&quiet, -1, true, false, true, red_out, &red);
	assert_true(red.runs * 100 < (uint64_t)bf);
	for (bound = 0; bound <= 2; bound++) {
		int nr_bf;

		brute_force(&noisy, bound, bf_out, &nr_bf);
		exhaustive_local(&noisy, bound, true, false, true, red_out,
				 &red);
		print_message("noisy, bound %d: brute force %d, reduced %llu "
			      "runs\n", bound, nr_bf,
			      (unsigned long long)red.runs);
		assert_int_equal(outcome_mask(red_out), outcome_mask(bf_out));
		assert_int_equal(outcome_mask(red_out), expect[bound + 1]);
		if (bound)
			assert_true(red.runs * 4 < (uint64_t)nr_bf);
	}
}

static void test_exhaustive_shared_late(void **state)
{
	/*
	 * Bound 0: reader first (0) or writer first (3).  One preemption
	 * lets the reader in after the flag (1) or between the two stores
	 * of the data (2).
	 */
	const unsigned int expect[4] = {
		O(0) | O(1) | O(2) | O(3), O(0) | O(3),
		O(0) | O(1) | O(2) | O(3), O(0) | O(1) | O(2) | O(3),
	};
	uint8_t out[MAX_OUTCOME];
	struct sim_exhaustive_stats st;
	int bf;
	uint64_t ex, dp;

	check_program(&late, expect, &bf, &ex, &dp);
	/* the writer's points on the data were lazy until the reader came */
	exhaustive_local(&late, 1, true, false, true, out, &st);
	assert_true(st.lazy_needed >= 1);
	assert_int_equal(outcome_mask(out), expect[2]);
}

/* ---- random and PCT ---- */

static uint64_t hash_runs(struct sim_strategy *s, const struct program *p,
			  int runs)
{
	uint64_t h = 0;
	int i;

	for (i = 0; i < runs; i++) {
		run_with(p, s);
		h = h * 31 + sim_schedule_hash(sim_strategy_schedule(s));
		if (!sim_strategy_next_run(s))
			break;
	}
	return h;
}

static struct sim_strategy *make(enum sim_strategy_kind kind, uint64_t seed)
{
	if (kind == SIM_STRAT_RANDOM)
		return sim_strategy_random_create(seed, 0);
	return sim_strategy_pct_create(seed, 3, 0, 0);
}

static void check_deterministic(enum sim_strategy_kind kind)
{
	uint64_t h[3];
	uint64_t seeds[3] = { 7, 7, 8 };
	int i;

	for (i = 0; i < 3; i++) {
		struct sim_strategy *s = make(kind, seeds[i]);

		h[i] = hash_runs(s, &indep, 300);
		sim_strategy_destroy(s);
	}
	assert_true(h[0] == h[1]);
	assert_true(h[0] != h[2]);
}

static void test_random_deterministic_per_seed(void **state)
{
	check_deterministic(SIM_STRAT_RANDOM);
}

static void test_pct_deterministic_per_seed(void **state)
{
	check_deterministic(SIM_STRAT_PCT);
}

/*
 * The engine draws the random strategy's picks inline and skips its
 * forced points (sim_set_strategy_uniform()): the same schedules, the
 * same outcomes, as asking its choose at every point.
 */
static void test_random_inline_draw_is_choose(void **state)
{
	const struct program *progs[] = { &indep, &locks_ab, &noisy };
	unsigned int i, run;

	for (i = 0; i < sizeof(progs) / sizeof(progs[0]); i++) {
		struct sim_strategy *in = sim_strategy_random_create(5, 0);
		struct sim_strategy *asked = sim_strategy_random_create(5, 0);

		for (run = 0; run < 200; run++) {
			const struct sim_schedule *a, *b;
			int oa, ob;

			oa = run_with(progs[i], in);
			setup_program(progs[i], 1);
			sim_strategy_install(asked);
			/* the plain callback, called at every point */
			sim_set_strategy(asked->ops->choose, asked);
			ob = progs[i]->outcome(sim_run(UINT64_MAX));
			a = sim_strategy_schedule(in);
			b = sim_strategy_schedule(asked);
			assert_int_equal(oa, ob);
			assert_int_equal(a->len, b->len);
			assert_memory_equal(a->tids, b->tids,
					    a->len * sizeof(*a->tids));
			assert_int_equal(a->nr_preemptions, b->nr_preemptions);
			assert_true(a->preempted_to == b->preempted_to);
			sim_strategy_next_run(in);
			sim_strategy_next_run(asked);
		}
		sim_strategy_destroy(in);
		sim_strategy_destroy(asked);
	}
}

static void test_random_explores(void **state)
{
	struct sim_strategy *s = sim_strategy_random_create(3, 400);
	uint8_t seen[MAX_OUTCOME] = { 0 };
	uint64_t runs = 0;

	do {
		seen[run_with(&locks_ab, s)] = 1;
		runs++;
	} while (sim_strategy_next_run(s));
	sim_strategy_destroy(s);
	assert_int_equal(runs, 400);
	assert_int_equal(outcome_mask(seen), O(1) | O(2) | O_DEADLOCK);
}

/* Depth 1: the bug is thread 3 doing its one step before the others. */
static int first_writer(void *arg)
{
	sim_point(SIM_PT_ATOMIC, &g.first);
	if (!g.first)
		g.first = (int)(intptr_t)arg;
	return 0;
}

static const struct program depth1 = {
	"first writer", 3, { first_writer, first_writer, first_writer },
	{ (void *)1, (void *)2, (void *)3 }, NULL,
};

static void test_pct_depth1_rate(void **state)
{
	struct sim_strategy *s = sim_strategy_pct_create(11, 1, 2000, 0);
	int hits = 0, runs = 0;

	do {
		setup_program(&depth1, 1);
		sim_strategy_install(s);
		assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
		hits += g.first == 3;
		runs++;
	} while (sim_strategy_next_run(s));
	sim_strategy_destroy(s);
	print_message("pct d=1: thread 3 first in %d of %d runs\n", hits, runs);
	assert_int_equal(runs, 2000);
	/* 1/n = 1/3: 667 expected, sd ~21 */
	assert_in_range(hits, 560, 780);
}

/*
 * The PCT paper's figure 5, as shuttle's tests/basic/pct.rs models it: a
 * worker does a run of unrelated steps and then sets a flag, while the
 * main thread reads the flag once; the assertion fails only if the
 * worker ran all the way to its store before the main thread's read.
 * A random walk has to pick the worker at each of its ~K+2 choices
 * (~2^-(K+2)); PCT needs only the worker's priority to be the higher
 * one and no change point to land in its run (~1/2 for d=1).
 */
#define FIG5_STEPS 8

static int fig5_worker(void *arg)
{
	int i;

	for (i = 0; i < FIG5_STEPS; i++)
		sim_point(SIM_PT_YIELD, NULL);
	sim_point(SIM_PT_PT_STORE, &g.flag);
	g.flag = 1;
	return 0;
}

static int fig5_main(void *arg)
{
	sim_point(SIM_PT_PT_LOAD, &g.flag);
	g.seen_flag = g.flag;
	return 0;
}

static int fig5_outcome(enum sim_run_result r)
{
	return g.seen_flag;	/* 1: the bug */
}

static const struct program fig5 = {
	"figure 5", 2, { fig5_main, fig5_worker }, { 0 }, fig5_outcome,
};

static int fig5_hits(struct sim_strategy *s)
{
	int hits = 0;

	do {
		hits += run_with(&fig5, s);
	} while (sim_strategy_next_run(s));
	sim_strategy_destroy(s);
	return hits;
}

static void test_pct_beats_random_on_figure5(void **state)
{
	int rnd = fig5_hits(sim_strategy_random_create(5, 2000));
	int pct1 = fig5_hits(sim_strategy_pct_create(5, 1, 2000, 0));
	int pct3 = fig5_hits(sim_strategy_pct_create(5, 3, 2000, 0));

	print_message("figure 5 in 2000 runs: random %d, pct d=1 %d, "
		      "pct d=3 %d\n", rnd, pct1, pct3);
	assert_in_range(pct1, 850, 1150);	/* 1/2 */
	assert_true(pct3 >= 200);
	assert_true(rnd <= 40);			/* ~2000 / 2^10 */
	assert_true(pct3 > 5 * (rnd + 1));
}

/* ---- replay ---- */

static void test_replay_bit_for_bit(void **state)
{
	struct sim_strategy *rnd = sim_strategy_random_create(21, 50);
	int n;

	for (n = 0; n < 50; n++) {
		struct sim_schedule rec;
		struct sim_strategy *rep;
		int out, again;
		uint32_t at;

		out = run_with(&locks_ab, rnd);
		sim_schedule_init(&rec);
		assert_int_equal(sim_schedule_copy(&rec,
					sim_strategy_schedule(rnd)), 0);
		rep = sim_strategy_replay_create(&rec);
		again = run_with(&locks_ab, rep);
		assert_int_equal(again, out);
		assert_true(sim_schedule_equal(sim_strategy_schedule(rep),
					       &rec));
		assert_false(sim_strategy_replay_diverged(rep, &at));
		assert_false(sim_strategy_next_run(rep));
		sim_strategy_destroy(rep);
		sim_schedule_free(&rec);
		sim_strategy_next_run(rnd);
	}
	sim_strategy_destroy(rnd);
}

static void check_diverges(const struct sim_schedule *sc, uint32_t want_at)
{
	struct sim_strategy *rep = sim_strategy_replay_create(sc);
	uint32_t at = UINT32_MAX;

	run_with(&msg, rep);
	assert_true(sim_strategy_replay_diverged(rep, &at));
	assert_int_equal(at, want_at);
	sim_strategy_destroy(rep);
}

static void test_replay_tampered_diverges(void **state)
{
	struct sim_strategy *rnd = sim_strategy_random_create(4, 1);
	struct sim_schedule rec, bad;
	uint32_t len;

	run_with(&msg, rnd);
	sim_schedule_init(&rec);
	sim_schedule_init(&bad);
	assert_int_equal(sim_schedule_copy(&rec, sim_strategy_schedule(rnd)),
			 0);
	sim_strategy_destroy(rnd);
	len = rec.len;
	assert_true(len >= 3);

	/* a thread that is not there */
	assert_int_equal(sim_schedule_copy(&bad, &rec), 0);
	bad.tids[1] = 99;
	check_diverges(&bad, 1);
	/* cut short: the run needs one more choice */
	bad.len = len - 1;
	memcpy(bad.tids, rec.tids, bad.len * sizeof(*bad.tids));
	check_diverges(&bad, len - 1);
	/* one choice too many: left over at the end */
	sim_schedule_free(&bad);
	bad.tids = test_malloc((len + 1) * sizeof(*bad.tids));
	memcpy(bad.tids, rec.tids, len * sizeof(*bad.tids));
	bad.tids[len] = rec.tids[len - 1];
	bad.len = bad.cap = len + 1;
	check_diverges(&bad, len);
	test_free(bad.tids);
	sim_schedule_free(&rec);
}

/* A run of SIM_SCHED_STAY entries is the run without preemptions. */
static void test_replay_stay_goes_on(void **state)
{
	struct sim_schedule none, stay;
	struct sim_strategy *rep;
	uint32_t at, i;

	/* an empty schedule diverges at once and runs on without preempting */
	sim_schedule_init(&none);
	rep = sim_strategy_replay_create(&none);
	assert_int_equal(run_with(&noisy, rep), 2);
	assert_true(sim_strategy_replay_diverged(rep, &at));
	assert_int_equal(at, 0);
	sim_schedule_init(&stay);
	assert_int_equal(sim_schedule_copy(&stay, sim_strategy_schedule(rep)),
			 0);
	sim_strategy_destroy(rep);
	assert_int_equal(stay.nr_preemptions, 0);
	assert_true(stay.len > 0);

	for (i = 0; i < stay.len; i++)
		stay.tids[i] = SIM_SCHED_STAY;
	rep = sim_strategy_replay_create(&stay);
	assert_int_equal(run_with(&noisy, rep), 2);
	assert_false(sim_strategy_replay_diverged(rep, &at));
	assert_int_equal(sim_strategy_schedule(rep)->nr_preemptions, 0);
	assert_int_equal(sim_strategy_schedule(rep)->len, stay.len);
	sim_strategy_destroy(rep);
	sim_schedule_free(&stay);
}

/* ---- shrink ---- */

static int shrink_calls;

/* the shrinker's test: the candidate still loses an update */
static bool loses_update(void *priv, const struct sim_schedule *cand,
			 struct sim_schedule *taken)
{
	struct sim_strategy *rep = sim_strategy_replay_create(cand);
	bool lost = run_with(&noisy, rep) == 1;

	shrink_calls++;
	if (lost)
		assert_int_equal(sim_schedule_copy(taken,
						   sim_strategy_schedule(rep)),
				 0);
	sim_strategy_destroy(rep);
	return lost;
}

/* random finds a lost update with many preemptions; shrink leaves one */
static void test_shrink_to_one_preemption(void **state)
{
	struct sim_strategy *rnd = sim_strategy_random_create(5, 1000);
	struct sim_schedule found, small;
	struct sim_shrink_stats st;
	struct sim_strategy *rep;
	uint32_t at;

	sim_schedule_init(&found);
	sim_schedule_init(&small);
	while (run_with(&noisy, rnd) != 1 || sim_strategy_schedule(rnd)
						     ->nr_preemptions < 4)
		assert_true(sim_strategy_next_run(rnd));
	assert_int_equal(sim_schedule_copy(&found, sim_strategy_schedule(rnd)),
			 0);
	sim_strategy_destroy(rnd);

	shrink_calls = 0;
	assert_int_equal(sim_shrink(&found, loses_update, NULL, 100000, &small,
				    &st), 0);
	assert_int_equal(st.runs, shrink_calls);
	assert_int_equal(st.preemptions_before, found.nr_preemptions);
	/* a lost update needs exactly one preemption between load and store */
	assert_int_equal(st.preemptions_after, 1);
	assert_int_equal(small.nr_preemptions, 1);
	assert_int_equal(st.len_after, small.len);
	/* ... to one other thread: the noisy one is no actor any more */
	print_message("shrink: %u -> %u actors\n", st.actors_before,
		      st.actors_after);
	assert_true(st.actors_before >= 2);
	assert_int_equal(st.actors_after, 1);
	assert_int_equal(small.nr_actors, 1);

	/* the shrunk schedule is a trace of its own: it replays exactly */
	rep = sim_strategy_replay_create(&small);
	assert_int_equal(run_with(&noisy, rep), 1);
	assert_false(sim_strategy_replay_diverged(rep, &at));
	assert_true(sim_schedule_equal(sim_strategy_schedule(rep), &small));
	sim_strategy_destroy(rep);
	sim_schedule_free(&found);
	sim_schedule_free(&small);
}

/* a schedule that does not fail is refused; max_runs is a hard cap */
static void test_shrink_refuses_and_caps(void **state)
{
	struct sim_strategy *rnd = sim_strategy_random_create(5, 1000);
	struct sim_schedule pass, fail, out;
	struct sim_shrink_stats st;
	bool have_pass = false, have_fail = false;

	sim_schedule_init(&pass);
	sim_schedule_init(&fail);
	sim_schedule_init(&out);
	while (!have_pass || !have_fail) {
		int r = run_with(&noisy, rnd);
		const struct sim_schedule *sc = sim_strategy_schedule(rnd);

		if (r == 2 && !have_pass) {
			assert_int_equal(sim_schedule_copy(&pass, sc), 0);
			have_pass = true;
		} else if (r == 1 && !have_fail && sc->nr_preemptions >= 4) {
			assert_int_equal(sim_schedule_copy(&fail, sc), 0);
			have_fail = true;
		}
		assert_true(sim_strategy_next_run(rnd));
	}
	sim_strategy_destroy(rnd);

	assert_int_equal(sim_shrink(&pass, loses_update, NULL, 100, &out, &st),
			 -1);
	assert_int_equal(st.runs, 1);
	assert_int_equal(out.len, 0);

	shrink_calls = 0;
	assert_int_equal(sim_shrink(&fail, loses_update, NULL, 3, &out, &st),
			 0);
	assert_int_equal(shrink_calls, 3);
	assert_int_equal(st.runs, 3);
	assert_true(out.nr_preemptions <= fail.nr_preemptions);
	sim_schedule_free(&pass);
	sim_schedule_free(&fail);
	sim_schedule_free(&out);
}

/* ---- bytes (a fuzzer's input) ---- */

struct observed {
	int nr_choices;
	int picks[64];
};

static void observe(void *priv, enum sim_point_kind kind, int nr, int current,
		    int pick)
{
	struct observed *o = priv;

	if (o->nr_choices < 64)
		o->picks[o->nr_choices] = pick;
	o->nr_choices++;
}

/*
 * Each real choice reads one byte (pick byte % nr): the racy increment
 * loses its update for some inputs and not others, the observer sees
 * the picks the bytes made, and a replay of the recorded schedule
 * gives the same outcome.  Past the input's end the seed decides.
 */
static void test_bytes_pick_and_replay(void **state)
{
	uint8_t seen[MAX_OUTCOME] = { 0 };
	unsigned int b;

	for (b = 0; b < 256; b++) {
		uint8_t in[8];
		struct observed o = { 0 };
		struct sim_strategy *s, *rep;
		struct sim_schedule rec;
		int out, i;

		for (i = 0; i < 8; i++)
			/* bit i of b, plus an even offset: the modulo */
			in[i] = (uint8_t)(((b >> i) & 1) + 2 * i);
		s = sim_strategy_bytes_create(9, in, sizeof(in));
		sim_strategy_bytes_set_observer(s, observe, &o);
		out = run_with(&racy, s);
		seen[out] = 1;
		assert_true(o.nr_choices > 0);
		assert_int_equal(sim_strategy_bytes_used(s),
				 o.nr_choices < 8 ? o.nr_choices : 8);
		for (i = 0; i < o.nr_choices && i < 8; i++)
			assert_int_equal(o.picks[i], in[i] % 2);
		assert_false(sim_strategy_next_run(s));
		sim_schedule_init(&rec);
		assert_int_equal(sim_schedule_copy(&rec,
					sim_strategy_schedule(s)), 0);
		rep = sim_strategy_replay_create(&rec);
		assert_int_equal(run_with(&racy, rep), out);
		sim_strategy_destroy(rep);
		sim_schedule_free(&rec);
		sim_strategy_destroy(s);
	}
	assert_int_equal(outcome_mask(seen), O(1) | O(2));
}

static uint64_t bytes_hash(uint64_t seed, const uint8_t *in, size_t len)
{
	struct sim_strategy *s = sim_strategy_bytes_create(seed, in, len);
	uint64_t h;

	run_with(&noisy, s);
	h = sim_schedule_hash(sim_strategy_schedule(s));
	sim_strategy_destroy(s);
	return h;
}

static void test_bytes_then_seed(void **state)
{
	static const uint8_t in[] = { 1, 0, 1 };

	/* the same input and seed: the same schedule */
	assert_true(bytes_hash(3, in, sizeof(in)) ==
		    bytes_hash(3, in, sizeof(in)));
	/* the seed decides past the input's end (noisy has many choices) */
	assert_true(bytes_hash(3, in, sizeof(in)) !=
		    bytes_hash(4, in, sizeof(in)));
	/* and the input before it */
	assert_true(bytes_hash(3, in, sizeof(in)) !=
		    bytes_hash(3, in + 1, 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exhaustive_racy_increment),
		cmocka_unit_test(test_exhaustive_two_locks),
		cmocka_unit_test(test_exhaustive_message_passing),
		cmocka_unit_test(test_exhaustive_independent_threads),
		cmocka_unit_test(test_exhaustive_local_steps),
		cmocka_unit_test(test_exhaustive_trace_count),
		cmocka_unit_test(test_exhaustive_shared_late),
		cmocka_unit_test(test_bytes_pick_and_replay),
		cmocka_unit_test(test_bytes_then_seed),
		cmocka_unit_test(test_random_deterministic_per_seed),
		cmocka_unit_test(test_pct_deterministic_per_seed),
		cmocka_unit_test(test_random_inline_draw_is_choose),
		cmocka_unit_test(test_random_explores),
		cmocka_unit_test(test_pct_depth1_rate),
		cmocka_unit_test(test_pct_beats_random_on_figure5),
		cmocka_unit_test(test_replay_bit_for_bit),
		cmocka_unit_test(test_replay_tampered_diverges),
		cmocka_unit_test(test_replay_stay_goes_on),
		cmocka_unit_test(test_shrink_to_one_preemption),
		cmocka_unit_test(test_shrink_refuses_and_caps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

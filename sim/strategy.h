/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scheduling strategies: who runs at each choice point of a run
 * (sim_set_strategy()).  All are deterministic for a given seed: a run is
 * a pure function of (program, seed, schedule), so the schedule a
 * strategy took is all a trace needs to reproduce it.
 *
 *   random      uniform choice among the candidates, own seeded stream
 *   pct         probabilistic concurrency testing, depth d (Burckhardt,
 *               Kothari, Musuvathi, Nagarakatte, ASPLOS 2010)
 *   replay      follow a recorded schedule; any deviation is reported
 *   bytes       a fuzzer's input bytes pick, then a seeded stream
 *   exhaustive  depth-first over every schedule, optional preemption
 *               bound, sleep-set reduction (see strategy_exhaustive.c)
 *
 * The iteration protocol, one run per pass:
 *
 *	s = sim_strategy_..._create(...);
 *	do {
 *		sim_reset(seed);
 *		... create and start the threads ...
 *		sim_strategy_install(s);	(sim_reset clears it)
 *		sim_run(limit);
 *		... check the outcome; sim_strategy_schedule(s) for a trace ...
 *	} while (sim_strategy_next_run(s));
 *	sim_strategy_destroy(s);
 */
#ifndef FAULTSIM_SIM_STRATEGY_H
#define FAULTSIM_SIM_STRATEGY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "sim/sched.h"

struct sim_strategy;

enum sim_strategy_kind {
	SIM_STRAT_RANDOM,
	SIM_STRAT_PCT,
	SIM_STRAT_REPLAY,
	SIM_STRAT_EXHAUSTIVE,
	SIM_STRAT_BYTES,
};

/*
 * The schedule of one run: the id of the thread chosen at every choice
 * point with more than one candidate, in order.  Points with a single
 * candidate are forced and not recorded.  @nr_preemptions counts the
 * choices that switched away from a thread that could have gone on.
 */
struct sim_schedule {
	uint32_t *tids;
	uint32_t len, cap;
	uint32_t nr_preemptions;
	/* threads some preemption switched to: the interleaved actors */
	uint64_t preempted_to;		/* bit tid-1 (tids 1..64) */
	uint32_t nr_actors;
};

void sim_schedule_init(struct sim_schedule *sc);
void sim_schedule_free(struct sim_schedule *sc);
/* Returns 0, or -1 when out of memory (@dst is then left empty). */
int sim_schedule_copy(struct sim_schedule *dst, const struct sim_schedule *src);
/* Room for @cap tids, keeping the first len.  0, or -1 out of memory. */
int sim_schedule_reserve(struct sim_schedule *sc, uint32_t cap);
bool sim_schedule_equal(const struct sim_schedule *a,
			const struct sim_schedule *b);
/* FNV-1a over the tids and the preemption count, for determinism checks. */
uint64_t sim_schedule_hash(const struct sim_schedule *sc);

/*
 * @iterations: how many runs sim_strategy_next_run() allows (0: no limit).
 * Run r draws from a stream derived from (@seed, r) alone, so run r is
 * the same whichever runs came before it.
 */
struct sim_strategy *sim_strategy_random_create(uint64_t seed,
						uint64_t iterations);
/*
 * @depth: the bug depth d to target (>= 1; 3 is customary).  The first
 * run (run 0) has no change points unless @k_hint (its expected length
 * in choice points) is given; later runs use the length of run 0 (or
 * @k_hint if longer), so run r depends on (seed, r) and run 0 alone:
 * a search split over processes runs run 0 first in each.
 */
struct sim_strategy *sim_strategy_pct_create(uint64_t seed, unsigned int depth,
					     uint64_t iterations,
					     uint64_t k_hint);
/*
 * Copies @sched.  One run; sim_strategy_next_run() returns false.  An
 * entry SIM_SCHED_STAY stands for "whoever is running goes on" (the
 * shrinker's hole); the run's own schedule records who that was.
 */
#define SIM_SCHED_STAY UINT32_MAX
struct sim_strategy *sim_strategy_replay_create(const struct sim_schedule *sc);
/*
 * Bytes (a fuzzer's input; sim/strategy_bytes.c): each choice with
 * more than one candidate reads the next byte of @data (pick byte % nr);
 * past its end a stream seeded by @seed picks.  One run per install;
 * @data must live while it runs.  The observer (NULL: none) sees every
 * real choice, for a fuzzer's interleaving features.
 */
typedef void (*sim_bytes_observe_fn)(void *priv, enum sim_point_kind kind,
				     int nr, int current, int pick);
struct sim_strategy *sim_strategy_bytes_create(uint64_t seed,
					       const uint8_t *data, size_t len);
void sim_strategy_bytes_set_input(struct sim_strategy *s, const uint8_t *data,
				  size_t len);
/* the bytes the last run read (the rest of the input was not used) */
size_t sim_strategy_bytes_used(const struct sim_strategy *s);
void sim_strategy_bytes_set_observer(struct sim_strategy *s,
				     sim_bytes_observe_fn fn, void *priv);
/*
 * @preemption_bound: < 0 for none.  @reduction: sleep sets on (true) or a
 * plain enumeration of every schedule within the bound (false).
 */
struct sim_strategy *sim_strategy_exhaustive_create(int preemption_bound,
						    bool reduction);
/*
 * Dynamic partial-order reduction on top of the sleep sets (needs
 * @reduction; under a bound, bounded POR): only the threads a race of
 * a run asks for are tried at a node.
 */
void sim_strategy_exhaustive_set_dpor(struct sim_strategy *s, bool on);
/*
 * Optimal DPOR with wakeup trees (Abdulla, Aronis, Jonsson and
 * Sagonas, JACM 2017) on the sleep sets (needs @reduction): one run a
 * trace of the dependence the trace counter uses, and no sleep-blocked
 * run.  Under a preemption bound it is not sound (a trace's other
 * members may cost more preemptions than the one explored): bounded
 * POR, as sim_strategy_exhaustive_set_dpor(), is used there instead.
 */
void sim_strategy_exhaustive_set_optimal(struct sim_strategy *s, bool on);
/* Points on objects one thread touches are no choices (on by default
 * with the sleep sets; DPOR finds them as races of its own) */
void sim_strategy_exhaustive_set_local_steps(struct sim_strategy *s, bool on);
/*
 * Mazurkiewicz traces: with @on, every run's schedule is reduced to its
 * canonical form (Foata normal form of the happens-before order that
 * the reductions' own dependence relation gives its steps) and the
 * distinct forms are counted (stats.traces).  Two schedules have one
 * form iff they differ by swapping adjacent independent steps, so a
 * reduction that is sound for that relation reaches every form the
 * plain search reaches.  Costs O(steps^2) a run at worst.
 */
void sim_strategy_exhaustive_set_count_traces(struct sim_strategy *s, bool on);
/*
 * Splitting the search (faultsim run --jobs): with a frontier of @depth
 * (> 0), no node is made at depth @depth or deeper, so each run is one
 * prefix of the tree: the picks (thread ids) of its first nodes, read
 * after the run with sim_strategy_exhaustive_prefix().  With a prefix,
 * the search is the subtree below it: the first @len nodes take the
 * prefix's picks and no other branch (races there are other subtrees'),
 * and the preemption bound counts the prefix's preemptions.
 */
void sim_strategy_exhaustive_set_frontier(struct sim_strategy *s,
					  uint32_t depth);
void sim_strategy_exhaustive_set_prefix(struct sim_strategy *s,
					const uint8_t *tids, uint32_t len);
uint32_t sim_strategy_exhaustive_prefix(const struct sim_strategy *s,
					uint8_t *tids, uint32_t max);
/* The preemptions the last run's nodes took (a frontier's prefix's) */
uint32_t sim_strategy_exhaustive_preemptions(const struct sim_strategy *s);
/*
 * The distinct canonical forms seen so far (64-bit hashes), sorted, in
 * a malloc()ed array (NULL and 0 when none); their number is returned.
 */
size_t sim_strategy_exhaustive_traces(const struct sim_strategy *s,
				      uint64_t **forms);
void sim_strategy_destroy(struct sim_strategy *s);

enum sim_strategy_kind sim_strategy_kind(const struct sim_strategy *s);
const char *sim_strategy_name(const struct sim_strategy *s);
/* Before each run, after sim_reset(). */
void sim_strategy_install(struct sim_strategy *s);
/* The schedule the last (or current) run took. */
const struct sim_schedule *sim_strategy_schedule(const struct sim_strategy *s);
/* Prepares the next run; false when exhausted or the iterations are done. */
bool sim_strategy_next_run(struct sim_strategy *s);
/* Runs begun so far (installs). */
uint64_t sim_strategy_runs(const struct sim_strategy *s);
/*
 * Random and PCT: the next install begins run @run, as if the runs
 * before it had been; for a search split over processes (faultsim run
 * --jobs, --shard).  PCT learns its k from run 0: run it first.
 */
void sim_strategy_seek(struct sim_strategy *s, uint64_t run);

/*
 * Replay: whether the last run left the recorded schedule (a thread that
 * is not a candidate, more choices than recorded, or fewer), and if so
 * at which choice (an index into the schedule's tids).
 */
bool sim_strategy_replay_diverged(const struct sim_strategy *s,
				  uint32_t *at);

struct sim_exhaustive_stats {
	uint64_t runs;		/* runs executed */
	uint64_t schedules;	/* of which not pruned by the sleep sets */
	uint64_t sleep_blocked;	/* ended in a state whose every move sleeps */
	uint64_t max_depth;	/* deepest stack of choices */
	uint64_t lazy_needed;	/* lazy nodes another thread's touch opened */
	uint64_t traces;	/* distinct Mazurkiewicz traces (counting on) */
	bool exhausted;		/* the search is over */
	bool bound_hit;		/* the bound left some schedule out */
	bool nondeterministic;	/* a replayed prefix did not match */
};
void sim_strategy_exhaustive_stats(const struct sim_strategy *s,
				   struct sim_exhaustive_stats *st);

/* ---- for sim/strategy_*.c only ---- */

struct sim_strategy_ops {
	const char *name;
	/* installed as is: its priv is the struct sim_strategy */
	sim_choose_fn choose;
	/* choose returns 0 at a forced point with no side effect */
	bool skip_forced;
	/* choose is a uniform pick from this stream (or NULL) */
	struct sim_prng *(*uniform)(struct sim_strategy *s);
	void (*begin_run)(struct sim_strategy *s);
	bool (*next_run)(struct sim_strategy *s);
	void (*destroy)(struct sim_strategy *s);
};

struct sim_strategy {
	enum sim_strategy_kind kind;
	const struct sim_strategy_ops *ops;
	struct sim_schedule sched;	/* of the current run */
	uint64_t runs;			/* installs so far */
};

/* The stream the strategy of run @run draws from (never a thread's). */
void sim_strategy_prng(struct sim_prng *p, uint64_t seed, uint64_t run);
/* Fail hard: a choice callback has no way to return an error. */
void *sim_strategy_alloc(size_t size);
_Noreturn void sim_strategy_oom(void);
/* Doubles @sc's room (the engine's record_pick(); fails hard). */
void sim_schedule_grow(struct sim_schedule *sc);

#endif /* FAULTSIM_SIM_STRATEGY_H */

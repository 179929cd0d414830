// SPDX-License-Identifier: GPL-2.0-only
/*
 * The run loop.  The scheduler runs on the OS thread's own context and
 * resumes one simulated thread at a time; a thread comes back to it when
 * it waits, sleeps, is preempted at a scheduling point, or ends.  All
 * choices are deterministic: FIFO run queue, sleepers woken in (wake
 * time, thread id) order, and the strategy's preempt hook (if any).
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>
#include "sim/coro.h"
#include "sim/ksyms.h"
#include "sim/sched.h"
#include "sim/strategy.h"

/* Kernel stacks are 16 KiB; sanitizers and printf need more headroom. */
#define SIM_STACK_BYTES (256 * 1024)

enum sim_thread_state {
	SIM_NEW,
	SIM_RUNNABLE,
	SIM_RUNNING,
	SIM_WAITING,
	SIM_SLEEPING,
	SIM_DONE,
};

struct sim_thread {
	int id;				/* first: see sim_thread_id() */
	char name[32];
	enum sim_thread_state state;
	struct coro *coro;
	sim_thread_fn fn;
	void *arg;
	void *task;
	int exit_code;
	uint64_t wake_ns;		/* SIM_SLEEPING */
	struct sim_waitq *waitq;	/* SIM_WAITING */
	const void *wait_obj;
	struct sim_thread *wq_next;
	struct sim_thread *rq_next, *rq_prev;
	struct sim_thread *all_next;
	bool prng_seeded;		/* seeded on its first draw */
	struct sim_prng prng;
	bool in_bug;			/* being ended: sim_bug(), an oops */
	int cand_idx;			/* its index in sim.cand[] */
	/* its bit in the run queue's bitmap: word id-1 / 64, bit id-1 % 64 */
	unsigned int rq_word;
	uint64_t rq_mask;
	int kdepth;			/* may exceed SIM_KSTACK_MAX */
	/*
	 * kernel functions it is in (-finstrument-functions), outermost
	 * first.  Last: a reused thread clears everything before it only,
	 * as nothing at or past kdepth is ever read.
	 */
	const void *kstack[SIM_KSTACK_MAX];
};

_Static_assert(offsetof(struct sim_thread, id) == 0,
	       "sim_thread_id() in sched.h reads the id at offset 0");

/* first-seen index of each object a scheduling point names */
struct obj_index {
	const void *obj;
	uint32_t index;
	UT_hash_handle hh;
};

static struct {
	bool hash_on;
	sim_event_fn log_fn;
	void *log_priv;
	uint64_t hash;
	struct obj_index *objs;
	uint32_t nr_objs;
} events;

static void events_reset(void)
{
	struct obj_index *o, *tmp;

	HASH_ITER(hh, events.objs, o, tmp) {
		HASH_DEL(events.objs, o);
		free(o);
	}
	events.nr_objs = 0;
	events.hash = 0xcbf29ce484222325ULL;	/* FNV-1a offset basis */
}

static void events_mix(uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++) {
		events.hash ^= (v >> (8 * i)) & 0xff;
		events.hash *= 0x100000001b3ULL;	/* FNV-1a prime */
	}
}

static uint32_t events_point(int tid, enum sim_point_kind kind,
			     const void *obj)
{
	struct obj_index *o = NULL;
	uint32_t index = UINT32_MAX;

	if (obj) {
		HASH_FIND_PTR(events.objs, &obj, o);
		if (!o) {
			o = malloc(sizeof(*o));
			if (!o)
				sim_out_of_memory("the event hash's object "
						  "index");
			o->obj = obj;
			o->index = events.nr_objs++;
			HASH_ADD_PTR(events.objs, obj, o);
		}
		index = o->index;
	}
	events_mix(((uint64_t)tid << 40) | ((uint64_t)kind << 32) | index);
	return index;
}

void sim_set_event_hash(bool on)
{
	events.hash_on = on;
}

void sim_set_event_log(sim_event_fn fn, void *priv)
{
	events.log_fn = fn;
	events.log_priv = priv;
}

const char *sim_point_kind_name(enum sim_point_kind kind)
{
	static const char *const names[NR_SIM_POINT_KINDS] = {
		[SIM_PT_LOCK] = "lock",		[SIM_PT_UNLOCK] = "unlock",
		[SIM_PT_ATOMIC] = "atomic",	[SIM_PT_PT_LOAD] = "pt_load",
		[SIM_PT_PT_STORE] = "pt_store", [SIM_PT_HW_AD] = "hw_ad",
		[SIM_PT_TLB] = "tlb",		[SIM_PT_YIELD] = "yield",
		[SIM_PT_READ_ONCE] = "read_once",
		[SIM_PT_WRITE_ONCE] = "write_once",
	};

	return kind < NR_SIM_POINT_KINDS ? names[kind] : "?";
}

uint64_t sim_event_hash(void)
{
	return events.hash;
}

#define SIM_MAX_RUNNABLE 256

static struct {
	uint64_t seed;
	struct sim_thread *all;
	struct sim_thread **all_tail;
	struct sim_thread *rq_head, *rq_tail;
	int nr_runnable;		/* on the run queue */
	struct sim_thread *current;
	struct coro *sched_ctx;
	int nr_threads;
	struct sim_prng boot_prng;	/* draws outside any thread */
	bool boot_prng_reseed;		/* seed it at the first draw */
	sim_preempt_fn preempt;
	void *preempt_priv;
	sim_choose_fn choose;
	void *choose_priv;
	/* choose answers 0 at a forced point, unasked: not called there */
	bool skip_forced;
	struct sim_prng *uniform;	/* choose is a pick from it */
	struct sim_schedule *record;
	uint64_t choice_points;
	uint64_t real_choices;
	struct sim_stats stats;
	/*
	 * Threads by id - 1, and a bitmap of the RUNNABLE ones (bit id - 1):
	 * a choice point lists its candidates in id order from the bitmap
	 * instead of walking every thread.  Kept across runs.
	 */
	struct sim_thread **by_id;
	uint64_t *runnable;
	int by_id_cap;			/* a multiple of 64 */
	/*
	 * The last candidate list and its set (bit id - 1), reused while
	 * the run queue with the running thread is that same set: whether
	 * a thread goes on or is switched for another, the next point
	 * usually meets the same candidates.  Id order, so the index of
	 * the running one is its cand_idx.
	 */
	struct sim_thread *cand[SIM_MAX_RUNNABLE];
	uint64_t *cand_bits;
	int nr_cand;
} sim;

/* bitmap words covering ids 1..@nr */
static inline unsigned int runnable_words(int nr)
{
	return ((unsigned int)nr + 63) / 64;
}

/* Grows the bitmap *@bits from @old_cap to @cap ids, zeroed; 0 or -1 */
static int bits_grow(uint64_t **bits, int old_cap, int cap)
{
	uint64_t *b = realloc(*bits, cap / 64 * sizeof(*b));

	if (!b)
		return -1;
	memset(b + old_cap / 64, 0, (cap - old_cap) / 64 * sizeof(*b));
	*bits = b;
	return 0;
}

/* Room for thread id @id; 0, or -1 out of memory. */
static int by_id_reserve(int id)
{
	int cap = sim.by_id_cap ? sim.by_id_cap : 64;
	struct sim_thread **by_id;

	if (id <= sim.by_id_cap)
		return 0;
	while (cap < id)
		cap *= 2;
	by_id = realloc(sim.by_id, cap * sizeof(*by_id));
	if (!by_id)
		return -1;
	sim.by_id = by_id;
	if (bits_grow(&sim.runnable, sim.by_id_cap, cap) ||
	    bits_grow(&sim.cand_bits, sim.by_id_cap, cap))
		return -1;
	sim.by_id_cap = cap;
	return 0;
}

/*
 * Threads of finished runs are kept, stack and all, for the next run:
 * exploring a scenario runs it thousands of times, and a fresh mmap'd
 * stack per thread per run would cost more than the run.
 */
#define SIM_POOL_MAX 64
static struct sim_thread *pool;
static int pool_nr;

static void free_threads(void)
{
	struct sim_thread *t, *next;

	for (t = sim.all; t; t = next) {
		next = t->all_next;
		if (pool_nr < SIM_POOL_MAX) {
			t->all_next = pool;
			pool = t;
			pool_nr++;
			continue;
		}
		coro_destroy(t->coro);
		free(t);
	}
	sim.all = NULL;
	sim.all_tail = &sim.all;
}

void sim_reset(uint64_t seed)
{
	SIM_BUG_ON(sim.current);	/* not from inside a run */
	free_threads();
	sim.seed = seed;
	sim.rq_head = sim.rq_tail = NULL;
	sim.nr_runnable = 0;
	sim.nr_cand = 0;
	if (sim.nr_threads) {
		memset(sim.runnable, 0, runnable_words(sim.nr_threads) *
					sizeof(*sim.runnable));
		memset(sim.cand_bits, 0, runnable_words(sim.nr_threads) *
					 sizeof(*sim.cand_bits));
	}
	sim.nr_threads = 0;
	sim.preempt = NULL;
	sim.choose = NULL;
	sim.skip_forced = false;
	sim.uniform = NULL;
	sim.record = NULL;
	sim.choice_points = 0;
	sim.real_choices = 0;
	memset(&sim.stats, 0, sizeof(sim.stats));
	sim.boot_prng_reseed = true;
	sim_clock_reset();
	sim_findings_reset();
	sim_oops_reset();
	sim_inject_reset();
	events_reset();
}

uint64_t sim_seed(void)
{
	return sim.seed;
}

void sim_set_preempt(sim_preempt_fn fn, void *priv)
{
	sim.preempt = fn;
	sim.preempt_priv = priv;
}

void sim_set_strategy(sim_choose_fn fn, void *priv)
{
	sim.choose = fn;
	sim.choose_priv = priv;
	sim.skip_forced = false;
	sim.uniform = NULL;
}

void sim_set_strategy_skip_forced(bool skip)
{
	SIM_BUG_ON(!sim.choose);
	sim.skip_forced = skip;
}

void sim_set_strategy_uniform(struct sim_prng *p)
{
	SIM_BUG_ON(!sim.choose || (p && !sim.skip_forced));
	sim.uniform = p;
}

void sim_set_schedule_record(struct sim_schedule *sc)
{
	sim.record = sc;
}

uint64_t sim_choice_points(void)
{
	return sim.choice_points;
}

uint64_t sim_real_choices(void)
{
	return sim.real_choices;
}

const struct sim_stats *sim_get_stats(void)
{
	return &sim.stats;
}

/*
 * The run queue holds exactly the RUNNABLE threads, each once: FIFO
 * order in the (doubly linked, for an O(1) unlink of a strategy's pick)
 * list, id order in the bitmap, and their number in nr_runnable.  A
 * thread stays RUNNABLE from its rq_del() to the switch into it, with
 * nothing in between.  The checks run at every switch: O(1), on lines
 * the queue operation touches anyway, and inlined.  The count is
 * checked where the queue runs empty and where candidates are listed;
 * that a thread pointer is one of this run, where the kernel side
 * hands one in (a wake-up) and at a thread's first draw.
 */

/* @t is a thread of this run, at its slot of by_id[] */
static inline void check_thread(const struct sim_thread *t)
{
	SIM_BUG_ON(t->id < 1 || t->id > sim.nr_threads);
	SIM_BUG_ON(sim.by_id[t->id - 1] != t);
}

static __attribute__((__always_inline__)) inline void
rq_push(struct sim_thread *t)
{
	uint64_t *word = &sim.runnable[t->rq_word], mask = t->rq_mask;

	/*
	 * Not queued already.  Every caller checked the state it pushes
	 * from (NEW, RUNNING, WAITING or SLEEPING): the bitmap must agree.
	 */
	SIM_BUG_ON(*word & mask);
	t->state = SIM_RUNNABLE;
	*word |= mask;
	t->rq_next = NULL;
	t->rq_prev = sim.rq_tail;
	if (sim.rq_tail)
		sim.rq_tail->rq_next = t;
	else
		sim.rq_head = t;
	sim.rq_tail = t;
	sim.nr_runnable++;
}

/* Where queued @t is: its bit, and the links that point at it */
struct rq_place {
	uint64_t *word, mask;
	struct sim_thread **to_t;	/* its prev's rq_next, or the head */
	struct sim_thread **back_to_t;	/* its next's rq_prev, or the tail */
};

static __attribute__((__always_inline__)) inline struct rq_place
rq_place(struct sim_thread *t)
{
	return (struct rq_place){
		.word = &sim.runnable[t->rq_word],
		.mask = t->rq_mask,
		.to_t = t->rq_prev ? &t->rq_prev->rq_next : &sim.rq_head,
		.back_to_t = t->rq_next ? &t->rq_next->rq_prev : &sim.rq_tail,
	};
}

/* Takes @t off the run queue, unchecked (sim_bug() calls it too) */
static __attribute__((__always_inline__)) inline void
rq_unlink(struct sim_thread *t, const struct rq_place *p)
{
	*p->word &= ~p->mask;
	*p->to_t = t->rq_next;
	*p->back_to_t = t->rq_prev;
	sim.nr_runnable--;
}

/*
 * ... after checking it is on it: its bit set, linked both ways.  That
 * it is RUNNABLE, the callers check: the candidate list and sim_run().
 */
static __attribute__((__always_inline__)) inline void
rq_del(struct sim_thread *t)
{
	struct rq_place p = rq_place(t);

	SIM_BUG_ON(!(*p.word & p.mask));
	SIM_BUG_ON(*p.to_t != t || *p.back_to_t != t);
	rq_unlink(t, &p);
}

static struct sim_thread *rq_pop(void)
{
	struct sim_thread *t = sim.rq_head;

	if (t)
		rq_del(t);
	else
		SIM_BUG_ON(sim.nr_runnable || sim.rq_tail);	/* empty */
	return t;
}

/*
 * Debug builds: the kept candidate list is the one a rebuild would
 * give, the run queue and @cur in id order, each knowing its index.
 * One definition in every build (gcovr merges a function's coverage
 * across builds by its line).
 */
static inline void cand_check(const struct sim_thread *cur)
{
#ifndef NDEBUG
	int nr = 0, id;

	/* each of them, in order, and nothing else */
	for (id = 1; id <= sim.nr_threads; id++) {
		struct sim_thread *t = sim.by_id[id - 1];

		if (t != cur && t->state != SIM_RUNNABLE)
			continue;
		SIM_BUG_ON(nr >= sim.nr_cand || sim.cand[nr] != t);
		SIM_BUG_ON(t->cand_idx != nr);
		nr++;
	}
	SIM_BUG_ON(nr != sim.nr_cand);
#endif
}

/* Appends @t, picked at a real choice where @cur could go on */
static __attribute__((__always_inline__)) inline void
record_pick(struct sim_schedule *sc, const struct sim_thread *t,
	    const struct sim_thread *cur)
{
	uint64_t bit;

	if (sc->len == sc->cap)
		sim_schedule_grow(sc);
	sc->tids[sc->len++] = (uint32_t)t->id;
	if (!cur || t == cur)
		return;
	sc->nr_preemptions++;
	if (t->rq_word)		/* id > 64 */
		return;
	bit = t->rq_mask;
	if (!(sc->preempted_to & bit)) {
		sc->preempted_to |= bit;
		sc->nr_actors++;
	}
}

/* @cur's bit in bitmap word @w (0 for none, or in another word) */
static inline uint64_t cur_bit_in(const struct sim_thread *cur, unsigned int w)
{
	return cur && cur->rq_word == w ? cur->rq_mask : 0;
}

/* Whether the run queue with @cur is another set than the list's */
static inline bool cand_stale(const struct sim_thread *cur)
{
	unsigned int w, nr_words = runnable_words(sim.nr_threads);
	uint64_t differ = 0;

	/* running, so not in the bitmap: merge it in */
	SIM_DEBUG_BUG_ON(cur && (sim.runnable[cur->rq_word] & cur->rq_mask));
	if (nr_words == 1)	/* up to 64 threads: the common case */
		return (sim.runnable[0] | cur_bit_in(cur, 0)) !=
		       sim.cand_bits[0];
	for (w = 0; w < nr_words; w++)
		differ |= (sim.runnable[w] | cur_bit_in(cur, w)) ^
			  sim.cand_bits[w];
	return differ;
}

/* Lists the run queue with @cur in id order, each with its index */
static __attribute__((__noinline__)) void
cand_rebuild(const struct sim_thread *cur)
{
	unsigned int w, nr_words = runnable_words(sim.nr_threads);
	struct sim_thread *t;
	int nr = 0;

	for (w = 0; w < nr_words; w++) {
		struct sim_thread **by_id = sim.by_id + w * 64;
		uint64_t bits = sim.runnable[w] | cur_bit_in(cur, w);

		sim.cand_bits[w] = bits;
		while (bits) {
			t = by_id[__builtin_ctzll(bits)];
			bits &= bits - 1;
			/* a bit set is a thread on the run queue */
			SIM_DEBUG_BUG_ON(t != cur && t->state != SIM_RUNNABLE);
			SIM_BUG_ON(nr == SIM_MAX_RUNNABLE);
			t->cand_idx = nr;
			sim.cand[nr++] = t;
		}
	}
	/* as many bits as queued threads (and the running one) */
	SIM_BUG_ON(nr != sim.nr_runnable + (cur != NULL));
	sim.nr_cand = nr;
}

/*
 * Asks the strategy to pick among the run queue (and @cur, which may go
 * on); removes the pick from the run queue.  Returns the pick, which is
 * @cur when it goes on.
 */
static __attribute__((__always_inline__)) inline struct sim_thread *
strategy_pick(struct sim_thread *cur, enum sim_point_kind kind, const void *obj)
{
	struct sim_thread *t;
	int pick;

	if (cand_stale(cur))
		cand_rebuild(cur);
	cand_check(cur);
	if (!sim.nr_cand)
		return NULL;
	sim.choice_points++;
	if (sim.nr_cand == 1 && sim.skip_forced) {
		t = sim.cand[0];	/* what such a strategy answers */
	} else {
		if (sim.nr_cand > 1)
			sim.real_choices++;
		if (sim.uniform)	/* the random strategy, inline */
			pick = sim_prng_pick(sim.uniform, sim.nr_cand);
		else
			pick = sim.choose(sim.choose_priv, sim.cand,
					  sim.nr_cand,
					  cur ? cur->cand_idx : -1, kind, obj);
		SIM_BUG_ON((unsigned int)pick >= (unsigned int)sim.nr_cand);
		t = sim.cand[pick];
		if (sim.record && sim.nr_cand > 1)
			record_pick(sim.record, t, cur);
	}
	if (t != cur)
		rq_del(t);
	return t;
}

static void switch_away(void);

static void thread_entry(void *arg)
{
	struct sim_thread *t = arg;

	t->exit_code = t->fn(t->arg);
	SIM_BUG_ON(t != sim.current || t->state != SIM_RUNNING);
	t->state = SIM_DONE;
	/* no return: that resumes whoever switched in last, maybe a thread */
	switch_away();
	abort();	/* a DONE thread is never resumed */
}

struct sim_thread *sim_thread_create(const char *name, sim_thread_fn fn,
				     void *arg, void *task)
{
	struct sim_thread *t = pool;
	struct coro *c;
	size_t len;

	if (by_id_reserve(sim.nr_threads + 1))
		sim_out_of_memory("the thread table");
	if (t) {
		pool = t->all_next;
		pool_nr--;
		c = t->coro;
		memset(t, 0, offsetof(struct sim_thread, kstack));
		t->coro = c;
		SIM_BUG_ON(coro_reset(c, thread_entry, t));
	} else {
		t = calloc(1, sizeof(*t));
		if (!t)
			sim_out_of_memory("a simulated thread");
		t->coro = coro_create(thread_entry, t, SIM_STACK_BYTES);
		if (!t->coro)
			sim_out_of_memory("the stack of simulated thread "
					  "%s", name);
	}
	t->id = ++sim.nr_threads;
	sim.by_id[t->id - 1] = t;
	t->rq_word = (unsigned int)(t->id - 1) / 64;
	t->rq_mask = 1ULL << ((t->id - 1) % 64);
	/* as snprintf("%s") would, truncated; snprintf costs ~500 insns */
	len = strnlen(name, sizeof(t->name) - 1);
	memcpy(t->name, name, len);
	t->name[len] = '\0';
	t->state = SIM_NEW;
	t->fn = fn;
	t->arg = arg;
	t->task = task;
	*sim.all_tail = t;
	sim.all_tail = &t->all_next;
	sim.stats.threads_created++;
	return t;
}

void sim_start_thread(struct sim_thread *t)
{
	SIM_BUG_ON(t->state != SIM_NEW);
	rq_push(t);
}

struct sim_thread *sim_current(void)
{
	return sim.current;
}

bool sim_in_thread(void)
{
	return sim.current != NULL;
}

void *sim_thread_task(struct sim_thread *t)
{
	return t ? t->task : NULL;
}

/*
 * The kernel objects are built with -finstrument-functions: every kernel
 * function entry and exit on a simulated thread moves its shadow stack,
 * which findings and the replay log name.  Nothing but pointer pushes
 * here: this runs on every kernel call.
 */
__attribute__((no_instrument_function)) void
__cyg_profile_func_enter(void *fn, void *call_site)
{
	struct sim_thread *t = sim.current;

	if (!t)
		return;
	if (t->kdepth < SIM_KSTACK_MAX)
		t->kstack[t->kdepth] = fn;
	t->kdepth++;
}

__attribute__((no_instrument_function)) void
__cyg_profile_func_exit(void *fn, void *call_site)
{
	struct sim_thread *t = sim.current;

	if (!t)
		return;
	/* an exit without its entry: the shadow stack lost a frame */
	if (SIM_WARN_ON(t->kdepth <= 0))
		return;
	t->kdepth--;
}

static int sim_thread_kstack(const struct sim_thread *t, const void **out,
			     int max)
{
	int n = t->kdepth < SIM_KSTACK_MAX ? t->kdepth : SIM_KSTACK_MAX;
	int i;

	if (n > max)
		n = max;
	for (i = 0; i < n; i++)
		out[i] = t->kstack[i];
	return n;
}

int sim_kstack_format(const struct sim_thread *t, char *buf, size_t len)
{
	const void *fns[SIM_KSTACK_MAX];
	int n = sim_thread_kstack(t, fns, SIM_KSTACK_MAX), i;
	size_t used = 0;

	buf[0] = '\0';
	for (i = 0; i < n && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%s",
				 i ? " > " : "", sim_ksym_name(fns[i]));
	if (t->kdepth > SIM_KSTACK_MAX && used < len)
		snprintf(buf + used, len - used, " > ...");
	return n;
}

const char *sim_kstack_top(const struct sim_thread *t)
{
	if (!t->kdepth)
		return NULL;
	return sim_ksym_name(t->kstack[(t->kdepth < SIM_KSTACK_MAX ?
					t->kdepth : SIM_KSTACK_MAX) - 1]);
}

const char *sim_thread_name(const struct sim_thread *t)
{
	return t->name;
}

/* the external definition of sched.h's inline one */
extern inline int sim_thread_id(const struct sim_thread *t);

/*
 * Runs @next in place of @t, as sim_run() would: threads hand over
 * directly, one coroutine switch instead of two through the scheduler's
 * context.  Returns when something resumes @t.
 */
static void switch_to_thread(struct sim_thread *t, struct sim_thread *next)
{
	/* taken off the run queue for this switch, and not running yet */
	SIM_BUG_ON(next->state != SIM_RUNNABLE);
	next->state = SIM_RUNNING;
	sim.current = next;
	sim.stats.switches++;
	coro_switch(t->coro, next->coro);
}

/*
 * The running thread stops (queued, waiting, sleeping or done): on to
 * whom sim_run() would pick next, or back to sim_run() when it has more
 * to do (FIFO, no thread runnable).  Returns when something resumes us.
 */
static void switch_away(void)
{
	struct sim_thread *t = sim.current, *next;

	SIM_BUG_ON(!t || t->state == SIM_RUNNING);
	if (sim.choose) {
		sim.current = NULL;	/* as in sim_run(): no thread runs */
		next = strategy_pick(NULL, SIM_PT_YIELD, NULL);
		sim.current = t;
		if (next) {
			switch_to_thread(t, next);
			return;
		}
	}
	coro_switch(t->coro, sim.sched_ctx);
}

static enum sim_granularity granularity;

/* The kinds that are no scheduling point under SIM_GRAN_LOCKS */
#define SIM_PT_KINDS_PT                                                      \
	((1U << SIM_PT_PT_LOAD) | (1U << SIM_PT_PT_STORE) |                 \
	 (1U << SIM_PT_HW_AD) | (1U << SIM_PT_TLB) |                        \
	 (1U << SIM_PT_READ_ONCE) | (1U << SIM_PT_WRITE_ONCE))

void sim_set_granularity(enum sim_granularity g)
{
	granularity = g;
}

enum sim_granularity sim_granularity(void)
{
	return granularity;
}

int sim_granularity_parse(const char *name)
{
	if (!strcmp(name, "locks+pt"))
		return SIM_GRAN_ALL;
	if (!strcmp(name, "locks"))
		return SIM_GRAN_LOCKS;
	return -1;
}

const char *sim_granularity_name(enum sim_granularity g)
{
	return g == SIM_GRAN_LOCKS ? "locks" : "locks+pt";
}

/* sim_point() past its early returns, out of line to keep those cheap */
static __attribute__((__noinline__)) void
sim_point_slow(struct sim_thread *t, enum sim_point_kind kind, const void *obj)
{
	struct sim_thread *next;

	SIM_BUG_ON(t->state != SIM_RUNNING);
	if (events.hash_on || events.log_fn) {
		uint32_t index = events_point(t->id, kind, obj);

		if (events.log_fn)
			events.log_fn(events.log_priv, t, kind, index, obj);
	}
	if (sim.choose) {
		next = strategy_pick(t, kind, obj);
		if (next == t)
			return;
		rq_push(t);
		switch_to_thread(t, next);
		return;
	}
	if (!sim.preempt || !sim.preempt(kind, obj, sim.preempt_priv))
		return;
	rq_push(t);
	switch_away();
}

void sim_point(enum sim_point_kind kind, const void *obj)
{
	struct sim_thread *t = sim.current;

	/* the one check on the fast path: it indexes points[] */
	SIM_BUG_ON((unsigned int)kind >= NR_SIM_POINT_KINDS);
	sim.stats.points[kind]++;
	if (!t)
		return;
	/* coarse granularity: the step goes on to the next lock */
	if (granularity == SIM_GRAN_LOCKS && (SIM_PT_KINDS_PT & (1U << kind)))
		return;
	/* in order, unobserved (a run to completion): nothing to do */
	if (!sim.choose && !sim.preempt && !events.hash_on && !events.log_fn)
		return;
	sim_point_slow(t, kind, obj);
}

void sim_wait(struct sim_waitq *wq, const void *obj)
{
	struct sim_thread *t = sim.current;

	/* Waiting outside a thread (boot) can never be woken. */
	if (!t) {
		fprintf(stderr, "faultsim: wait outside a simulated thread\n");
		abort();
	}
	SIM_BUG_ON(t->state != SIM_RUNNING);
	t->state = SIM_WAITING;
	t->waitq = wq;
	t->wait_obj = obj;
	t->wq_next = NULL;
	if (wq->tail)
		wq->tail->wq_next = t;
	else
		wq->head = t;
	wq->tail = t;
	switch_away();
}

/* Takes @t off @wq; false if it is not on it.  No checks: sim_bug() too */
static bool __waitq_remove(struct sim_waitq *wq, struct sim_thread *t)
{
	struct sim_thread **pp, *prev = NULL;

	for (pp = &wq->head; *pp; prev = *pp, pp = &(*pp)->wq_next) {
		if (*pp != t)
			continue;
		*pp = t->wq_next;
		if (wq->tail == t)
			wq->tail = prev;
		t->wq_next = NULL;
		t->waitq = NULL;
		return true;
	}
	return false;
}

static void waitq_remove(struct sim_waitq *wq, struct sim_thread *t)
{
	SIM_BUG_ON(t->state != SIM_WAITING || t->waitq != wq);
	SIM_BUG_ON(!__waitq_remove(wq, t));	/* on the queue it waits on */
}

int sim_wake_one(struct sim_waitq *wq)
{
	struct sim_thread *t = wq->head;

	if (!t)
		return 0;
	waitq_remove(wq, t);
	rq_push(t);
	return 1;
}

int sim_wake_all(struct sim_waitq *wq)
{
	int n = 0;

	while (sim_wake_one(wq))
		n++;
	return n;
}

void sim_wake_thread(struct sim_thread *t)
{
	check_thread(t);
	switch (t->state) {
	case SIM_NEW:
	case SIM_SLEEPING:
		rq_push(t);
		break;
	case SIM_WAITING:
		/* a spurious wake-up: waiters re-check their condition */
		waitq_remove(t->waitq, t);
		rq_push(t);
		break;
	default:
		break;
	}
}

void sim_sleep_until_ns(uint64_t deadline_ns)
{
	struct sim_thread *t = sim.current;

	if (!t) {
		fprintf(stderr, "faultsim: sleep outside a simulated thread\n");
		abort();
	}
	SIM_BUG_ON(t->state != SIM_RUNNING);
	if (deadline_ns <= sim_now_ns())
		return;
	t->state = SIM_SLEEPING;
	t->wake_ns = deadline_ns;
	switch_away();
}

_Noreturn void sim_thread_exit(int code)
{
	struct sim_thread *t = sim.current;

	if (!t) {
		fprintf(stderr, "faultsim: thread exit outside a thread\n");
		abort();
	}
	t->exit_code = code;
	t->state = SIM_DONE;
	switch_away();
	abort();	/* a DONE thread is never resumed */
}

static void (*thread_dead)(void);

void sim_set_thread_dead(void (*fn)(void))
{
	thread_dead = fn;
}

/* "sim/sched.c" of "/path/to/faultsim/sim/sched.c": dir and file */
static const char *short_path(const char *file)
{
	const char *p = file + strlen(file), *last = NULL;

	while (p > file) {
		if (*--p != '/')
			continue;
		if (last)
			return p + 1;
		last = p;
	}
	return file;
}

/* SIM_BUG_ON(): see sim/sched.h for where it aborts and where not */
_Noreturn void sim_bug(const char *file, int line, const char *func,
		       const char *cond)
{
	struct sim_thread *t = sim.current;

	file = short_path(file);
	/*
	 * Outside a thread the scheduler itself is what broke (or a driver
	 * misused it between runs): no thread to end, and no run loop left
	 * that could be trusted to go on.
	 */
	if (!t || t->in_bug) {
		fprintf(stderr, "faultsim: engine invariant broken at %s:%d "
				"%s: %s%s\n", file, line, func, cond,
			t ? " (while ending a thread for another)" : "");
		abort();
	}
	t->in_bug = true;
	fprintf(stderr, "faultsim: engine BUG at %s:%d %s: %s (thread %s)\n",
		file, line, func, cond, t->name);
	sim_finding(SIM_FINDING_BUG, file, line, func, "%s", cond);
	sim_thread_die();
}

struct coro *sim_oops_coro(void)
{
	struct sim_thread *t = sim.current;

	return t && !t->in_bug ? t->coro : NULL;
}

void sim_oops_mark(void)
{
	sim.current->in_bug = true;
}

_Noreturn void sim_thread_die(void)
{
	struct sim_thread *t = sim.current;

	/*
	 * The checks come before the engine changes its state, but some
	 * run after @t queued itself (preempted, or on a wait queue) and
	 * before it switched away: it leaves those queues as it dies.
	 */
	if (t->state == SIM_RUNNABLE) {
		struct rq_place p = rq_place(t);

		rq_unlink(t, &p);
	} else if (t->state == SIM_WAITING && t->waitq) {
		__waitq_remove(t->waitq, t);
	}
	t->state = SIM_RUNNING;
	/* only this thread ends, as in a kernel oops */
	if (thread_dead)
		thread_dead();
	sim_thread_exit(-1);
}

void sim_warn(const char *file, int line, const char *func, const char *cond)
{
	file = short_path(file);
	fprintf(stderr, "faultsim: engine WARNING at %s:%d %s: %s\n", file,
		line, func, cond);
	sim_finding(SIM_FINDING_WARN, file, line, func, "%s", cond);
}

/*
 * Streams are seeded on their first draw, not at sim_reset() or thread
 * creation: most threads never draw, and the seed depends only on
 * (run seed, thread id), both fixed by then.
 */
uint64_t sim_random_u64(void)
{
	struct sim_thread *t = sim.current;

	if (!t) {
		if (sim.boot_prng_reseed) {
			sim_prng_seed(&sim.boot_prng, sim.seed, 0);
			sim.boot_prng_reseed = false;
		}
		return sim_prng_next(&sim.boot_prng);
	}
	if (!t->prng_seeded) {
		/* a thread's stream is its id: never 0 (boot), nor a strategy's */
		check_thread(t);
		sim_prng_seed(&t->prng, sim.seed, (uint64_t)t->id);
		t->prng_seeded = true;
	}
	return sim_prng_next(&t->prng);
}

static struct sim_thread *earliest_sleeper(void)
{
	struct sim_thread *t, *best = NULL;

	for (t = sim.all; t; t = t->all_next) {
		if (t->state != SIM_SLEEPING)
			continue;
		if (!best || t->wake_ns < best->wake_ns)
			best = t;	/* ties: lower id first (list order) */
	}
	return best;
}

static void wake_sleepers_due(void)
{
	struct sim_thread *t;

	for (t = sim.all; t; t = t->all_next)
		if (t->state == SIM_SLEEPING && t->wake_ns <= sim_now_ns())
			rq_push(t);
}

static void report_deadlock(void)
{
	struct sim_thread *t;
	char buf[200], stacks[SIM_FINDING_DETAIL], one[512];
	size_t len = 0, slen = 0;

	for (t = sim.all; t && len < sizeof(buf) - 1; t = t->all_next) {
		if (t->state != SIM_WAITING && t->state != SIM_NEW)
			continue;
		len += snprintf(buf + len, sizeof(buf) - len, "%s%s %s",
				len ? ", " : "", t->name,
				t->state == SIM_NEW ? "never woken" :
						      "waits");
	}
	sim_finding(SIM_FINDING_DEADLOCK, NULL, 0, NULL,
		    "no thread can run: %s", buf);
	/* every thread's kernel stack: where each one is stuck */
	stacks[0] = '\0';
	for (t = sim.all; t && slen < sizeof(stacks); t = t->all_next) {
		if (t->state == SIM_DONE)
			continue;
		sim_kstack_format(t, one, sizeof(one));
		slen += snprintf(stacks + slen, sizeof(stacks) - slen,
				 "%s%s: %s", slen ? "\n" : "", t->name,
				 one[0] ? one : "(no kernel function)");
	}
	sim_finding_set_detail(stacks);
}

enum sim_run_result sim_run(uint64_t limit_ns)
{
	struct sim_thread *t;

	SIM_BUG_ON(sim.current);	/* not from inside a run */
	sim.sched_ctx = coro_self_main();
	sim_oops_install();
	for (;;) {
		if (sim.choose) {
			t = strategy_pick(NULL, SIM_PT_YIELD, NULL);
		} else {
			t = rq_pop();
		}
		if (!t) {
			t = earliest_sleeper();
			if (t) {
				if (t->wake_ns > limit_ns)
					return SIM_RUN_TIME_LIMIT;
				sim_clock_advance_to(t->wake_ns);
				wake_sleepers_due();
				continue;
			}
			for (t = sim.all; t; t = t->all_next)
				if (t->state != SIM_DONE)
					break;
			if (!t)
				return SIM_RUN_DONE;
			report_deadlock();
			return SIM_RUN_DEADLOCK;
		}
		SIM_BUG_ON(t->state != SIM_RUNNABLE);
		t->state = SIM_RUNNING;
		sim.current = t;
		sim.stats.switches++;
		coro_switch(sim.sched_ctx, t->coro);
		/* back from whichever thread stopped last, maybe not @t */
		t = sim.current;
		sim.current = NULL;
		SIM_BUG_ON(!t || t->state == SIM_RUNNING);
	}
}

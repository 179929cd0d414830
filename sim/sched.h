/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulator's run loop: simulated threads (kernel threads, tasks,
 * CPUs) as cooperative coroutines on one OS thread, a run queue, wait
 * queues, and sleepers on the virtual clock.  The kernel side (kshim,
 * the model, the designs) reaches it only through kshim/sim.h; this
 * header is for the simulator's own drivers (the app, tests,
 * strategies).
 */
#ifndef FAULTSIM_SIM_SCHED_H
#define FAULTSIM_SIM_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <kshim/sim.h>

struct sim_stats {
	uint64_t switches;
	uint64_t points[NR_SIM_POINT_KINDS];
	uint64_t threads_created;
};

/*
 * The strategy's say at each scheduling point: return true to preempt
 * the running thread there (it goes to the back of the run queue).
 * NULL (the default) runs each thread until it blocks, in FIFO order.
 */
typedef bool (*sim_preempt_fn)(enum sim_point_kind kind, const void *obj,
			       void *priv);

/*
 * A scheduling strategy (exhaustive, random, PCT, replay): at every
 * choice point it picks which runnable thread runs next.  @runnable
 * lists the candidates in thread-id order; @current is the index of the
 * thread that reached a scheduling point (it may go on), or -1 when that
 * thread blocked, slept or ended and another must be picked.  Returns an
 * index into @runnable.  A choice with one candidate is still reported,
 * so strategies see every point (and can count steps).
 */
typedef int (*sim_choose_fn)(void *priv, struct sim_thread *const *runnable,
			     int nr, int current, enum sim_point_kind kind,
			     const void *obj);
/*
 * Injected failures (sim/inject.c): the kinds armed (bit per kind of
 * kshim/inject.h; survives sim_reset()) and the sites that made a
 * choice in this run (those that failed: kshim/sim.h).
 */
void sim_inject_arm(uint32_t mask);
uint32_t sim_inject_armed(void);
uint64_t sim_inject_choices(void);
void sim_inject_reset(void);
/*
 * Sites may fail only while the window is open (the scenario's steps);
 * sim_reset() closes it.
 */
void sim_inject_window(bool open);
/* Installs @fn (NULL: FIFO, each thread runs until it blocks). */
void sim_set_strategy(sim_choose_fn fn, void *priv);
/*
 * The installed strategy answers 0 at every forced point (one
 * candidate) and keeps no state there: the engine need not call it.
 */
void sim_set_strategy_skip_forced(bool skip);
/*
 * The installed strategy is a uniform pick from @p at every real choice
 * (sim_prng_pick()) and skips forced points: the engine draws inline
 * instead of calling it.  NULL: call it.
 */
struct sim_prng;
void sim_set_strategy_uniform(struct sim_prng *p);
/*
 * Appends the thread id of every pick with more than one candidate to
 * @sc (NULL: nothing), with its preemptions and preempted-to actors
 * (struct sim_schedule, sim/strategy.h).  The engine records, not the
 * strategy's callback: one indirect call a choice, not two.  sim_reset()
 * clears it.
 */
struct sim_schedule;
void sim_set_schedule_record(struct sim_schedule *sc);
/* Choice points passed in this run, and those with more than one candidate. */
uint64_t sim_choice_points(void);
uint64_t sim_real_choices(void);

/*
 * The run's event hash: every scheduling point, as (thread id, kind,
 * object in first-seen order), mixed into one 64-bit value.  Host
 * addresses never enter it, so the same seed and schedule on the same
 * binary give the same hash; off unless enabled (it costs a lookup per
 * point).  sim_reset() clears it; the setting survives.
 */
void sim_set_event_hash(bool on);
uint64_t sim_event_hash(void);
/*
 * Called at every scheduling point of a simulated thread with the
 * object's first-seen index (as the hash sees it; UINT32_MAX for none)
 * and the object itself (NULL for none), for a readable log of a run:
 * the engine does not know what the object is, a caller above the model
 * can ask the model to name it.  NULL: none.  Survives sim_reset().
 */
typedef void (*sim_event_fn)(void *priv, const struct sim_thread *t,
			     enum sim_point_kind kind, uint32_t obj_index,
			     const void *obj);
void sim_set_event_log(sim_event_fn fn, void *priv);
/* "lock", "unlock", "atomic", "pt_load", ...: the point kinds' names */
const char *sim_point_kind_name(enum sim_point_kind kind);

/*
 * Scheduling granularity: SIM_GRAN_ALL (locks+pt, the default) lets
 * another thread run at every point; SIM_GRAN_LOCKS only at locks,
 * atomics and yields -- page-table loads and stores, A/D updates and
 * TLB fills and flushes then run without a switch.  Survives
 * sim_reset().  "locks" / "locks+pt": sim_granularity_parse().
 */
enum sim_granularity { SIM_GRAN_ALL, SIM_GRAN_LOCKS };
void sim_set_granularity(enum sim_granularity g);
enum sim_granularity sim_granularity(void);
/* The name's granularity, or -1 */
int sim_granularity_parse(const char *name);
const char *sim_granularity_name(enum sim_granularity g);

void sim_set_preempt(sim_preempt_fn fn, void *priv);
/* Makes a NEW thread runnable (wake_up_process() of a new task). */
void sim_start_thread(struct sim_thread *t);
const struct sim_stats *sim_get_stats(void);
const char *sim_thread_name(const struct sim_thread *t);
/*
 * Inline, as strategies ask at every choice point: struct sim_thread
 * (sched.c, which asserts it) begins with its int id.
 */
inline int sim_thread_id(const struct sim_thread *t)
{
	return *(const int *)t;
}
uint64_t sim_seed(void);

/*
 * Engine invariants, checked in every build: NDEBUG (the release preset)
 * leaves them on, as they are no assert() -- all but the per-element
 * checks of the scheduler's inner loops, SIM_DEBUG_BUG_ON() below.
 * SIM_BUG_ON(cond), when
 * @cond holds:
 *  - inside a simulated thread, a BUG finding ("file:line func", the
 *    condition, the thread's kernel stack), then the thread ends as a
 *    kernel BUG() ends it (the kernel side's oops path, installed with
 *    sim_set_thread_dead(); sim_thread_exit() without one).  The checks
 *    come before the engine changes its state, so the other threads can
 *    run on: a bug of the kernel side misusing the engine is a finding
 *    of the run, not a crash of the tool;
 *  - outside any thread, that is in the scheduler itself (sim_run()'s
 *    own context, or a driver between runs), where nothing is left to
 *    carry on safely: one line on stderr naming the invariant and its
 *    file:line, then abort().  So does an invariant broken again while
 *    a thread is being ended for the first.
 * SIM_WARN_ON(cond) records a WARN finding (and a line on stderr) and
 * goes on; it returns @cond.  Keep both O(1) on the hot paths.
 */
_Noreturn __attribute__((__cold__)) void
sim_bug(const char *file, int line, const char *func, const char *cond);
__attribute__((__cold__)) void
sim_warn(const char *file, int line, const char *func, const char *cond);

#define SIM_BUG_ON(cond)                                                \
	do {                                                            \
		if (__builtin_expect(!!(cond), 0))                      \
			sim_bug(__FILE__, __LINE__, __func__, #cond);   \
	} while (0)

/*
 * SIM_DEBUG_BUG_ON(cond): SIM_BUG_ON() in debug builds only, for the
 * per-element checks of the scheduler's innermost loops (a check per
 * candidate per switch cost 15 % of the switch path in release builds);
 * the whole-list invariant after such a loop stays a SIM_BUG_ON().
 */
#ifdef NDEBUG
#define SIM_DEBUG_BUG_ON(cond) ((void)sizeof(!!(cond)))
#else
#define SIM_DEBUG_BUG_ON(cond) SIM_BUG_ON(cond)
#endif

#define SIM_WARN_ON(cond)                                               \
	({                                                              \
		bool __sim_warn_on = !!(cond);                          \
		if (__builtin_expect(__sim_warn_on, 0))                 \
			sim_warn(__FILE__, __LINE__, __func__, #cond);  \
		__sim_warn_on;                                          \
	})

/*
 * sim/oops.c: a hardware fault (SIGSEGV, SIGBUS, SIGFPE, SIGILL) raised
 * while a simulated thread runs is an oops finding -- the faulting
 * function, the address, the thread's stack -- and ends that thread as
 * SIM_BUG_ON() does; the run goes on.  Anywhere else the signal keeps
 * the disposition it had.  sim_run() installs the handlers; again after
 * a fault outside any thread handed the signal back.
 */
void sim_oops_install(void);
/* Forgets the run's oopses: sim_reset() */
void sim_oops_reset(void);
/*
 * For its handler, async-signal-safe: the running thread's coroutine,
 * or NULL when none runs or it is being ended already; and the mark
 * that it is being ended now.
 */
struct coro;
struct coro *sim_oops_coro(void);
void sim_oops_mark(void);
/*
 * Ends the running thread after its finding, as a kernel oops ends the
 * task: off the run queue or wait queue it was on, through the kernel
 * side's sim_set_thread_dead(), then sim_thread_exit(-1).
 */
_Noreturn void sim_thread_die(void);

/*
 * sim/oom.c: the host memory this process may have -- the tighter of
 * the address-space and data limits (ulimit -v, -d) and what it uses
 * of it, else physical memory (@used 0) -- read without malloc().
 */
struct sim_host_memory {
	const char *what;	/* "the address-space limit (ulimit -v)" */
	uint64_t limit;		/* bytes */
	uint64_t used;		/* bytes of it in use now */
};
void sim_host_memory(struct sim_host_memory *m);
uint64_t sim_host_memory_left(const struct sim_host_memory *m);
/*
 * First thing in main(), before anything allocates: too little left to
 * start (the allocator itself would crash) is out of memory.
 */
void sim_check_memory_at_start(void);

/* sim/clock.c */
void sim_clock_reset(void);
void sim_clock_advance_to(uint64_t ns);

/*
 * sim/prng.c: xoshiro256** streams, split from the run's seed.  Stream
 * 0 is the boot stream (draws outside any thread), 1.. a thread's (its
 * id), SIM_PRNG_STRATEGY | run a strategy's for that run.
 */
struct sim_prng {
	uint64_t s[4];
};
#define SIM_PRNG_STRATEGY (1ULL << 63)
void sim_prng_seed(struct sim_prng *p, uint64_t seed, uint64_t stream);
/* xoshiro256**: inline, one draw per scheduling choice */
static inline uint64_t sim_prng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t sim_prng_next(struct sim_prng *p)
{
	uint64_t *s = p->s;
	uint64_t result = sim_prng_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = sim_prng_rotl(s[3], 45);
	return result;
}

/*
 * A uniform index below @nr (2 <= nr <= 256: the modulo bias is below
 * 2^-55), one draw: the random strategy's pick
 */
static inline int sim_prng_pick(struct sim_prng *p, int nr)
{
	uint64_t x = sim_prng_next(p);

	/* the same x % nr; constants spare the common cases a 64-bit div */
	switch (nr) {
	case 2:
		return (int)(x % 2);
	case 3:
		return (int)(x % 3);
	case 4:
		return (int)(x % 4);
	default:
		return (int)(x % (uint64_t)nr);
	}
}

/* sim/findings.c */
/* Replaces the last finding's detail (lines "name: f > g > h") */
void sim_finding_set_detail(const char *detail);
/* ... and its place ("file:line func", for an oops "func+0x1c/0x80") */
void sim_finding_set_where(const char *where);

/* Depth of the kernel shadow stacks (-finstrument-functions) */
#define SIM_KSTACK_MAX 48
/* "f > g > h" into @buf; returns the depth */
int sim_kstack_format(const struct sim_thread *t, char *buf, size_t len);
/* The innermost kernel function @t is in, or NULL */
const char *sim_kstack_top(const struct sim_thread *t);
void sim_findings_reset(void);

#endif

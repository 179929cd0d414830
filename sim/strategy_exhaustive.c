// SPDX-License-Identifier: GPL-2.0-only
/*
 * The exhaustive strategy: a stateless depth-first search over every
 * schedule.  Each run replays the stack of choices of the previous one up
 * to its deepest choice with an unexplored alternative, takes that
 * alternative, and extends with the first allowed candidate (the running
 * thread first, so the first run is the one without preemptions).
 *
 * Preemption bound (Musuvathi and Qadeer, PLDI 2007): a choice that
 * switches away from a thread that could go on costs one preemption; a
 * hand-over after a thread blocked or ended costs none.  Schedules over
 * the bound are not explored, and the stats say so (bound_hit).
 *
 * Reduction: sleep sets (Godefroid 1996), nothing more (no persistent or
 * DPOR backtrack sets: every enabled thread is still tried at every
 * choice, but a thread whose step commutes with everything run since a
 * sibling branch that began with that same step is not tried again).
 * At a node with candidates explored in order t1, t2, ..., the branch
 * of ti starts with the sleep set
 *
 *	{ t in sleep(node) + {t1..ti-1} : step(t) independent of step(ti) }
 *
 * and every later step removes the sleepers it depends on.  A sleeper is
 * never picked; a state whose every candidate sleeps ends the search of
 * that run (the run still has to finish, as the threads are real code,
 * but it makes no further nodes and does not count as a new schedule).
 * Sound because any execution that runs ti and then, before anything
 * dependent on tj, runs tj is equivalent (same state, same outcome) to
 * one that runs tj first, which tj's own branch explored.
 *
 * With a preemption bound that argument needs tj's branch to have been
 * explored entirely: the equivalent schedule may cost more preemptions
 * than the pruned one.  So a sibling enters the sleep sets only if the
 * bound cut nothing in its branch (done_full below); under a tight
 * bound the reduction weakens, but it never hides a schedule the bound
 * allows.
 *
 * Steps and their dependency.  The strategy sees the point a thread has
 * reached (kind, obj): the thread's next step is the access that follows
 * it.  Two steps are dependent iff they touch the same obj and one of
 * them writes: every kind but the loads (SIM_PT_PT_LOAD and
 * SIM_PT_READ_ONCE) writes, a SIM_PT_YIELD on
 * NULL touches nothing.  Two refinements keep this honest for kshim:
 *  - the unlocks release BEFORE their SIM_PT_UNLOCK point (so another
 *    thread can take the lock at that point): a step may therefore also
 *    release any lock its thread holds.  A thread "may hold" every obj it
 *    passed a SIM_PT_LOCK on until it reaches a SIM_PT_UNLOCK on it
 *    (trylock failures and completions over-approximate, which only adds
 *    dependencies), and its step also writes those objs;
 *  - a step not seen yet is dependent with everything: a thread's first
 *    step (from its start to its first point), a step after it woke
 *    from blocking, and any step of a thread holding too many locks.
 * The reduction relies on kshim's contract that every shared access is
 * announced by a point on its object or protected by a lock; the
 * virtual clock is only read, never a choice (sleepers wake when nothing
 * can run), and is outside the relation.
 *
 * Dynamic partial-order reduction (Flanagan and Godefroid, POPL 2005),
 * on top of the sleep sets, when asked for: a node explores only the
 * threads in its backtrack set, which starts with its first pick.
 * Races are found when a run has ended, over the whole run (runs are
 * complete executions, the threads being real code), with the
 * dependence of the trace counter below rather than dependent(): a
 * lock is written only by the step that leads to its SIM_PT_UNLOCK
 * point (not by every step of a holder), and a local step of the run
 * (one no other thread's step conflicts with) commutes with another
 * thread's unknown step, by the same contract the local steps rest on.
 * Judged as each step was taken, without the rest of the run, neither
 * is known, and DPOR reversed races that lead to no other trace (the
 * toy of bench_strategies: 769,380 runs for 54,294 traces; 77,994
 * now).  Each step gets a vector clock of happens-before (program
 * order, plus every earlier dependent step); a step of thread p races
 * with the latest earlier step i of another thread that it depends on
 * and that does not happen before p's previous step, and the node
 * where i was taken gets p in its backtrack set -- or, if p was not a
 * candidate there, every candidate.  A step taken with one candidate
 * makes no node: p could not run there, and the only candidate was
 * taken.  With a bound, the race also backtracks where the racing
 * step's thread was last switched to (bounded POR: Coons, Musuvathi
 * and McKinley, OOPSLA 2013), since reversing the race at its own node
 * may cost a preemption the bound does not allow.  The tests hold it
 * to brute force at bounds 0..2; the CLI uses it under a bound only on
 * request (--reduction dpor).
 *
 * Optimal DPOR (sim_strategy_exhaustive_set_optimal(); Abdulla,
 * Aronis, Jonsson and Sagonas, JACM 2017), without a bound: the same
 * races over the whole run, but every one of them (each dependent step
 * not before another one), reversed by v = notdep(i).j, the steps
 * between that do not happen after i and then j, put into the wakeup
 * tree of i's node unless a thread asleep or explored there is a weak
 * initial of v (opt_race()).  A node's next branch is the first entry
 * of its tree, and the run follows that entry's subtree past it, step
 * by step, forced steps included (wut_forced()); the next new node
 * takes the rest as its tree.  The footprints of the steps a tree
 * names (struct ex_fp) are those of the run that found the race; a
 * sequence the replay cannot follow is dropped (at a forced step) or
 * makes every candidate an entry (at a node).  docs/optimal-dpor.md
 * has the figures and what is left.  Under a bound it is not sound,
 * and bounded POR (above) runs instead.
 *
 * Mazurkiewicz traces (sim_strategy_exhaustive_set_count_traces()):
 * each run's Foata normal form under that dependence, hashed, into a
 * set.  Schedules equal up to swapping adjacent independent steps have
 * one form, so a reduction sound for the relation reaches every form
 * the plain search does; the ratio of runs to forms is how far it is
 * from optimal.
 *
 * Local steps (with the sleep sets).  A point on an object that no
 * other thread accesses in conflict with it (a write: no other thread
 * touches the object; a load: no other thread writes it, since loads
 * commute) is no real choice: switching there is
 * equivalent to switching at the thread's next point on a shared
 * object, for the same preemption cost, because the steps in between
 * commute with everything (only visible operations need be scheduling
 * points).  A THP split's 512 PTE stores into its withdrawn table and
 * its 512 mapcount increments are such points.  Which objects are
 * shared is learnt run by run, lazily: a node at a point on an object
 * no other thread has accessed in conflict so far in the run is
 * "lazy", and only its running thread is tried there -- until a later
 * step of the same run, or of a run below it, shows another thread's
 * conflicting access; that makes the lazy nodes it conflicts with
 * "needed" (a write: every lazy node of the object; a load: those at
 * writes), and
 * the search tries their other candidates when it comes back to them
 * (as DPOR adds backtrack points on races).  Any schedule that switches
 * at a lazy node and then touches the object is one of that node's
 * subtree in a cheaper form (the switch at the next shared point), so
 * the evidence always reaches the node before the search leaves it.
 * Objects are told apart by address within one run only, as the sleep
 * sets do, so the search is the same from one process to the next.
 * A step also writes the lock it releases (kshim releases before the
 * SIM_PT_UNLOCK point, so the step that leads to the point is the one
 * that releases): when a thread reaches that point, the node its step
 * was taken at is local only while the lock is too (note_release()).
 * Yields are never lazy: a thread polling with cond_resched() must let
 * the others run.  DPOR finds the same races itself: with it, no node
 * is lazy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sim/strategy.h"

#define EX_MAX_THREADS	64	/* sleep sets are 64-bit masks of ids */
#define EX_MAX_HELD	8
#define EX_DPOR_THREADS	16	/* vector clocks; beyond: no DPOR */
#define EX_OBJ_SHARED	0xff	/* ex_obj.tid, .writer: two threads */
#define EX_OBJ_NONE	0	/* ex_obj.writer: no thread (ids are 1..) */

/* An object a point of this run named, and who touched and wrote it */
struct ex_obj {
	const void *obj;
	uint32_t gen;		/* the run that wrote it; others: empty */
	uint8_t tid;		/* the one thread, or EX_OBJ_SHARED */
	uint8_t writer;		/* the one writer, EX_OBJ_SHARED or _NONE */
	int32_t lazy;		/* its lazy nodes at writes: in ex_lazy */
	int32_t lazy_loads;	/* ... at loads */
};

/* A lazy node of the run, in its object's list */
struct ex_lazy {
	int32_t node;
	int32_t next;		/* -1: the end */
};

struct ex_thread {
	bool known;			/* the pending step is known */
	bool held_overflow;
	enum sim_point_kind kind;
	const void *obj;
	const void *held[EX_MAX_HELD];	/* locks it may hold */
	int nr_held;
	int32_t step_node;		/* its step's node + 1; 0: none */
};

struct ex_node {
	uint8_t nr;			/* candidates */
	int8_t current;			/* index of the thread that may go on */
	uint8_t pick;			/* index taken in this branch */
	uint8_t tids[EX_MAX_THREADS];
	int32_t wut;			/* optimal: wakeup tree's first child,
					 * the branch being explored; -1 */
	uint64_t sleep;			/* on entry */
	uint64_t backtrack;		/* DPOR: threads to explore here */
	uint64_t done;			/* branches explored */
	uint64_t done_full;		/* ... of which the bound cut nothing */
	uint32_t preemptions;		/* on entry */
	bool bound_skipped;		/* the bound excluded a candidate here */
	bool sub_cut;			/* the bound cut the current branch */
	bool any_cut;			/* ... or an earlier one */
	bool lazy;			/* on an object local so far */
	bool needed;			/* ... another thread touched */
};

/*
 * Optimal DPOR: what a step does, as the dependence of the traces sees
 * it (trace_dependent()); a wakeup tree's entries keep it for the
 * weak-initial tests of later insertions.
 */
struct ex_fp {
	const void *aobj;		/* its point's object; NULL: none */
	const void *rel;		/* the lock it releases, or NULL */
	uint32_t tid;
	bool valid;			/* taken in some run: known below */
	bool known;
	bool private;
	bool awrites;
};

/*
 * Optimal DPOR: an entry of a wakeup tree, in e->wut[]: a thread, the
 * step it takes there, its children and its next sibling (-1: none).
 */
struct ex_wut {
	struct ex_fp fp;
	int32_t child;
	int32_t next;
	uint8_t tid;
};

/* Trace counting: a step of the current run, as its thread took it */
struct ex_tstep {
	struct ex_thread step;
	uint32_t tid;
	uint32_t level;			/* Foata level, 1.. */
	uint32_t max_level;		/* of steps 0..this one */
	const void *rel;		/* the lock it releases, or NULL */
	const void *aobj;		/* its point's object; NULL: none */
	bool awrites;			/* ... written */
	bool private;			/* a local step of the run */
	bool live;			/* taken before the run went off */
	int32_t node;			/* where it was chosen; -1: no choice */
	int32_t vc[EX_DPOR_THREADS + 1];	/* DPOR: the latest step of
						 * each tid before it; -1 none */
};

/* Counting traces: an object one step accesses */
struct ex_access {
	const void *obj;
	uint32_t step;
	bool writes;
};

struct exhaustive {
	struct sim_strategy base;
	int bound;
	bool reduction;
	bool dpor;			/* asked for (bounded POR in a bound) */
	bool dpor_off;			/* too many threads: every candidate */
	bool optimal;			/* Optimal DPOR (no bound) */
	struct ex_wut *wut;		/* wakeup tree entries, a pool */
	uint32_t nr_wut, cap_wut;
	int32_t wut_free;		/* free list through .next; -1 */
	int32_t pending;		/* the wakeup tree the run follows
					 * past the last node; -1 none */
	uint32_t *seq;			/* an inserted sequence, steps */
	bool *seq_gone;			/* ... taken out while inserting */
	uint32_t cap_seq;
	bool no_local_steps;		/* a test's: sleep sets alone */
	struct ex_node *stack;
	uint32_t len, cap;		/* nodes: prefix to replay, then new */
	/* this run */
	uint32_t depth;			/* nodes passed */
	uint64_t sleep;
	uint32_t preemptions;
	bool redundant;			/* every candidate slept */
	bool off;			/* no more nodes this run */
	struct ex_thread th[EX_MAX_THREADS + 1];
	bool root_cut;
	/* local steps: this run's objects, open addressing */
	struct ex_obj *objs;
	uint32_t objs_mask, nr_objs, gen;
	struct ex_lazy *lazy;
	uint32_t nr_lazy, cap_lazy;
	/* trace counting: this run's steps, the forms seen (0: empty) */
	bool count_traces;
	struct ex_tstep *tsteps;
	uint32_t nr_tsteps, cap_tsteps;
	uint64_t *forms, *keys;
	uint32_t forms_mask, cap_keys;
	struct ex_access *acc;
	uint32_t cap_acc;
	struct sim_exhaustive_stats st;
	/* --jobs: a frontier's expansion, or a subtree below a prefix */
	uint32_t frontier;		/* > 0: no node this deep or deeper */
	uint8_t *prefix;		/* the picks (ids) of the first nodes */
	uint32_t nr_prefix;
};

static struct exhaustive *to_ex(struct sim_strategy *s)
{
	return (struct exhaustive *)s;
}

static uint64_t tid_bit(int tid)
{
	return 1ULL << (tid - 1);
}

static bool kind_writes(enum sim_point_kind kind)
{
	return kind != SIM_PT_PT_LOAD && kind != SIM_PT_READ_ONCE;
}

static bool touches_nothing(const struct ex_thread *t)
{
	return t->kind == SIM_PT_YIELD && !t->obj;
}

static bool held_by(const struct ex_thread *t, const void *obj)
{
	int i;

	for (i = 0; i < t->nr_held; i++)
		if (t->held[i] == obj)
			return true;
	return false;
}

/*
 * Whether the pending steps of @a and @b may not commute.  The cheap
 * tests first: DPOR asks this for every earlier step of the run.
 */
static bool dependent(const struct ex_thread *a, const struct ex_thread *b)
{
	int i;

	if (!a->known || !b->known || a->held_overflow || b->held_overflow)
		return true;
	if (a->obj == b->obj && (kind_writes(a->kind) || kind_writes(b->kind)) &&
	    !touches_nothing(a) && !touches_nothing(b))
		return true;
	if (!a->nr_held && !b->nr_held)
		return false;
	/* a possible release is a write on the lock */
	if (!touches_nothing(b) && held_by(a, b->obj))
		return true;
	if (!touches_nothing(a) && held_by(b, a->obj))
		return true;
	for (i = 0; i < a->nr_held; i++)
		if (held_by(b, a->held[i]))
			return true;
	return false;
}

static void hold(struct ex_thread *t, const void *obj)
{
	if (held_by(t, obj))
		return;
	if (t->nr_held == EX_MAX_HELD) {
		t->held_overflow = true;
		return;
	}
	t->held[t->nr_held++] = obj;
}

static void release(struct ex_thread *t, const void *obj)
{
	int i;

	for (i = 0; i < t->nr_held; i++) {
		if (t->held[i] != obj)
			continue;
		t->held[i] = t->held[--t->nr_held];
		return;
	}
}

/*
 * @arr, with room for one more item of @size past its @nr: doubled
 * (from @first items) when its capacity *@cap is reached.
 */
static void *ex_reserve(void *arr, uint32_t nr, uint32_t *cap, size_t size,
			uint32_t first)
{
	uint32_t grown;

	if (nr < *cap)
		return arr;
	grown = *cap ? 2 * *cap : first;
	arr = realloc(arr, grown * size);
	if (!arr)
		sim_strategy_oom();
	*cap = grown;
	return arr;
}

/* Fibonacci hashing, as the kernel's hash_ptr(); sim/ takes no kernel header */
static uint32_t obj_slot(const struct exhaustive *e, const void *obj)
{
	return (uint32_t)((((uintptr_t)obj >> 3) * 0x9e3779b97f4a7c15ULL) >>
			  32) & e->objs_mask;
}

static bool obj_live(const struct exhaustive *e, const struct ex_obj *o)
{
	return o->obj && o->gen == e->gen;
}

static void objs_grow(struct exhaustive *e)
{
	uint32_t old_cap = e->objs ? e->objs_mask + 1 : 0;
	uint32_t cap = old_cap ? 2 * old_cap : 4096, i;
	struct ex_obj *old = e->objs;

	e->objs = calloc(cap, sizeof(*e->objs));
	if (!e->objs)
		sim_strategy_oom();
	e->objs_mask = cap - 1;
	for (i = 0; i < old_cap; i++) {
		uint32_t j;

		if (!obj_live(e, &old[i]))
			continue;
		for (j = obj_slot(e, old[i].obj); obj_live(e, &e->objs[j]);
		     j = (j + 1) & e->objs_mask)
			;
		e->objs[j] = old[i];
	}
	free(old);
}

/* The record of @obj in this run; a new one for thread @tid if none. */
static struct ex_obj *run_obj(struct exhaustive *e, const void *obj, int tid)
{
	struct ex_obj *o;
	uint32_t j;

	if (!e->objs || (e->nr_objs + 1) * 2 > e->objs_mask + 1)
		objs_grow(e);
	for (j = obj_slot(e, obj); obj_live(e, &e->objs[j]);
	     j = (j + 1) & e->objs_mask)
		if (e->objs[j].obj == obj)
			return &e->objs[j];
	o = &e->objs[j];
	o->obj = obj;
	o->gen = e->gen;
	o->tid = (uint8_t)tid;
	o->writer = EX_OBJ_NONE;
	o->lazy = -1;
	o->lazy_loads = -1;
	e->nr_objs++;
	return o;
}

/* The lazy nodes of list @k are needed: another thread conflicts */
static void lazy_needed(struct exhaustive *e, int32_t k)
{
	for (; k >= 0; k = e->lazy[k].next) {
		struct ex_node *n = &e->stack[e->lazy[k].node];

		SIM_BUG_ON((uint32_t)e->lazy[k].node >= e->len);
		if (!n->needed)
			e->st.lazy_needed++;
		n->needed = true;
	}
}

/*
 * Thread @tid reached a point on @o, a write if @writes: whether it
 * conflicts with another thread's access in this run -- a write with
 * any other access, a load with another thread's write (loads commute
 * with loads, as dependent() has it).  The first conflict makes the
 * lazy nodes it conflicts with needed.
 */
static bool obj_shared(struct exhaustive *e, struct ex_obj *o, int tid,
		       bool writes)
{
	bool conflict = writes ? o->tid != tid :
				 o->writer != EX_OBJ_NONE && o->writer != tid;

	if (o->tid != tid)
		o->tid = EX_OBJ_SHARED;
	if (writes)
		o->writer = o->writer == EX_OBJ_NONE || o->writer == tid ?
			    (uint8_t)tid : EX_OBJ_SHARED;
	if (!conflict)
		return false;
	lazy_needed(e, o->lazy);
	o->lazy = -1;
	if (writes) {
		lazy_needed(e, o->lazy_loads);
		o->lazy_loads = -1;
	}
	return true;
}

/* Node @node of this run is lazy on @o, at a write if @writes */
static void add_lazy(struct exhaustive *e, struct ex_obj *o, int32_t node,
		     bool writes)
{
	int32_t *list = writes ? &o->lazy : &o->lazy_loads;

	SIM_BUG_ON(node < 0 || (uint32_t)node >= e->len);
	e->lazy = ex_reserve(e->lazy, e->nr_lazy, &e->cap_lazy,
			     sizeof(*e->lazy), 256);
	e->lazy[e->nr_lazy].node = node;
	e->lazy[e->nr_lazy].next = *list;
	*list = (int32_t)e->nr_lazy++;
}

/*
 * Thread @tid reached a SIM_PT_UNLOCK point on @lock.  kshim releases
 * before the point, so the step that brought the thread here wrote the
 * lock as well as its own object: the node that step was taken at is a
 * local step only while the lock is local too.
 */
static void note_release(struct exhaustive *e, int tid, const void *lock)
{
	int32_t node = e->th[tid].step_node - 1;
	struct ex_obj *o = run_obj(e, lock, tid);
	bool conflict = obj_shared(e, o, tid, true);
	struct ex_node *n;

	if (node < 0 || (uint32_t)node >= e->len)
		return;		/* no choice there, or dropped */
	n = &e->stack[node];
	if (!n->lazy || n->current < 0 || n->tids[n->current] != tid)
		return;		/* not this thread's local step */
	if (!conflict) {
		add_lazy(e, o, node, true);
		return;
	}
	if (!n->needed)
		e->st.lazy_needed++;
	n->needed = true;
}

/* Local steps come with the sleep sets; DPOR finds them as races */
static bool local_steps(const struct exhaustive *e)
{
	return e->reduction && !e->dpor && !e->no_local_steps;
}

/* A point that may be a local step: on an object, and not a yield */
static bool kind_may_be_local(enum sim_point_kind kind, const void *obj)
{
	return obj && kind != SIM_PT_YIELD;
}

/* Drops from @sleep every thread whose step depends on @tid's. */
static uint64_t wake_dependent(struct exhaustive *e, uint64_t sleep, int tid)
{
	int t;

	for (t = 1; t <= EX_MAX_THREADS && sleep; t++)
		if ((sleep & tid_bit(t)) && dependent(&e->th[t], &e->th[tid]))
			sleep &= ~tid_bit(t);
	return sleep;
}

static int cost(const struct ex_node *n, int i)
{
	return n->current >= 0 && i != n->current;
}

/*
 * The next branch of @n to explore, in the order current first, then by
 * id; -1 when none is left.  Notes which candidates the bound excluded.
 */
static int next_branch(struct exhaustive *e, struct ex_node *n)
{
	int k, i;

	for (k = -1; k < n->nr; k++) {
		uint64_t b;

		i = k < 0 ? n->current : k;
		if (i < 0 || (k >= 0 && i == n->current))
			continue;
		b = tid_bit(n->tids[i]);
		if ((n->done | n->sleep) & b)
			continue;
		if (n->lazy && !n->needed && i != n->current)
			continue;	/* a local step, as far as is known */
		if (e->dpor && !e->dpor_off && n->done && !(n->backtrack & b))
			continue;	/* no race asks for it */
		if (e->bound >= 0 &&
		    n->preemptions + cost(n, i) > (uint32_t)e->bound) {
			n->bound_skipped = true;
			continue;
		}
		return i;
	}
	return -1;
}

static struct ex_node *push_node(struct exhaustive *e)
{
	e->stack = ex_reserve(e->stack, e->len, &e->cap, sizeof(*e->stack), 64);
	memset(&e->stack[e->len], 0, sizeof(e->stack[0]));
	e->stack[e->len].wut = -1;
	return &e->stack[e->len++];
}

/* A candidate of node @n, by thread id */
static bool node_has(const struct ex_node *n, int tid)
{
	int i;

	for (i = 0; i < n->nr; i++)
		if (n->tids[i] == tid)
			return true;
	return false;
}

/* ---- Optimal DPOR: wakeup trees ---- */

/* A new wakeup tree entry for @tid taking step @fp (NULL: not known) */
static int32_t wut_new(struct exhaustive *e, int tid, const struct ex_fp *fp)
{
	struct ex_wut *w;
	int32_t k;

	if (e->wut_free >= 0) {
		k = e->wut_free;
		e->wut_free = e->wut[k].next;
	} else {
		e->wut = ex_reserve(e->wut, e->nr_wut, &e->cap_wut,
				    sizeof(*e->wut), 256);
		k = (int32_t)e->nr_wut++;
	}
	w = &e->wut[k];
	memset(w, 0, sizeof(*w));
	if (fp)
		w->fp = *fp;
	w->tid = (uint8_t)tid;
	w->child = -1;
	w->next = -1;
	return k;
}

/* Frees the entries of list @k, their siblings and their subtrees */
static void wut_free_list(struct exhaustive *e, int32_t k)
{
	while (k >= 0) {
		struct ex_wut *w = &e->wut[k];
		int32_t next = w->next;

		if (w->child >= 0) {
			/* its children go before its siblings */
			int32_t last = w->child;

			while (e->wut[last].next >= 0)
				last = e->wut[last].next;
			e->wut[last].next = next;
			next = w->child;
		}
		w->next = e->wut_free;
		e->wut_free = k;
		k = next;
	}
}

/* Forget the stack from node @len on, with its wakeup trees */
static void drop_nodes(struct exhaustive *e, uint32_t len)
{
	uint32_t i;

	for (i = len; i < e->len; i++) {
		wut_free_list(e, e->stack[i].wut);
		e->stack[i].wut = -1;
	}
	e->len = len;
}

/*
 * A step with one candidate, @tid, past the last node: the wakeup tree
 * being followed goes on below @tid's entry, if it has one (a sequence
 * names every step, forced or not); the rest cannot run here.
 */
static void wut_forced(struct exhaustive *e, int tid)
{
	int32_t k, follow = -1;

	for (k = e->pending; k >= 0; k = e->wut[k].next) {
		if (e->wut[k].tid != tid)
			continue;
		follow = e->wut[k].child;
		e->wut[k].child = -1;
		break;
	}
	wut_free_list(e, e->pending);
	e->pending = follow;
}

static bool wut_has(const struct exhaustive *e, int32_t k, int tid)
{
	for (; k >= 0; k = e->wut[k].next)
		if (e->wut[k].tid == tid)
			return true;
	return false;
}

/*
 * The next branch of node @n: the first entry of its wakeup tree, once
 * the entries that sleep there (or are done) are dropped; -1 when none
 * is left.  An entry that is no candidate here comes from a footprint
 * this state does not have (the program is not what the run that made
 * the sequence saw): every candidate is tried instead, as DPOR does.
 */
static int wut_branch(struct exhaustive *e, struct ex_node *n)
{
	uint64_t gone = n->sleep | n->done;
	int32_t k = n->wut, prev = -1;
	bool every = false;
	int i;

	while (k >= 0) {
		struct ex_wut *w = &e->wut[k];
		int32_t next = w->next;

		if (node_has(n, w->tid) && !(gone & tid_bit(w->tid))) {
			prev = k;
			k = next;
			continue;
		}
		every |= !node_has(n, w->tid);
		if (prev < 0)
			n->wut = next;
		else
			e->wut[prev].next = next;
		w->next = -1;
		wut_free_list(e, k);
		k = next;
	}
	for (i = -1; every && i < n->nr; i++) {
		int c = i < 0 ? n->current : i, tid;

		if (c < 0 || (i >= 0 && c == n->current))
			continue;
		tid = n->tids[c];
		if ((gone & tid_bit(tid)) || wut_has(e, n->wut, tid))
			continue;
		k = wut_new(e, tid, NULL);
		if (prev < 0)
			n->wut = k;
		else
			e->wut[prev].next = k;
		prev = k;
	}
	if (n->wut < 0)
		return -1;
	for (i = 0; i < n->nr; i++)
		if (n->tids[i] == e->wut[n->wut].tid)
			return i;
	SIM_BUG_ON(1);
	return -1;
}

/* The bound cut something below the deepest node of this run. */
static void note_cut(struct exhaustive *e)
{
	if (e->depth)
		e->stack[e->depth - 1].sub_cut = true;
	else
		e->root_cut = true;
}

static bool node_matches(const struct ex_node *n,
			 struct sim_thread *const *runnable, int nr,
			 int current)
{
	int i;

	if (n->nr != nr || n->current != current)
		return false;
	for (i = 0; i < nr; i++)
		if (n->tids[i] != sim_thread_id(runnable[i]))
			return false;
	return true;
}

/*
 * A node of the prefix a subtree search is restricted to: its one
 * branch, the prefix's pick, every other candidate done (another
 * subtree's), no sleepers, so the subtree starts as from the root.
 */
static int prefix_node(struct exhaustive *e, struct sim_thread *const *runnable,
		       int nr, int current)
{
	struct ex_node *n = push_node(e);
	int i, pick = -1;

	n->nr = (uint8_t)nr;
	n->current = (int8_t)current;
	for (i = 0; i < nr; i++) {
		n->tids[i] = (uint8_t)sim_thread_id(runnable[i]);
		if (n->tids[i] == e->prefix[e->len - 1])
			pick = i;
	}
	n->preemptions = e->preemptions;
	if (pick < 0 || (e->bound >= 0 && n->preemptions + cost(n, pick) >
					       (uint32_t)e->bound)) {
		/* not the program the frontier was expanded on */
		e->st.nondeterministic = true;
		drop_nodes(e, e->len - 1);
		e->off = true;
		return current >= 0 ? current : 0;
	}
	n->pick = (uint8_t)pick;
	n->backtrack = tid_bit(n->tids[pick]);
	for (i = 0; i < nr; i++)
		if (i != pick)
			n->done |= tid_bit(n->tids[i]);
	if (e->optimal)
		n->wut = wut_new(e, n->tids[pick], NULL);
	if (e->len > e->st.max_depth)
		e->st.max_depth = e->len;
	e->depth++;
	if (e->optimal && e->depth == e->len) {
		struct ex_wut *w = &e->wut[n->wut];

		wut_free_list(e, e->pending);
		e->pending = w->child;
		w->child = -1;
	}
	e->preemptions += cost(n, pick);
	if (e->reduction)
		e->sleep = wake_dependent(e, 0, n->tids[pick]);
	return pick;
}

/* A real choice: replay the stack's node or make a new one. */
static int choose_node(struct exhaustive *e, struct sim_thread *const *runnable,
		       int nr, int current, bool lazy)
{
	struct ex_node *n;
	int i, pick;

	/* distinct ids of at most EX_MAX_THREADS: they fit n->tids[] */
	SIM_BUG_ON(nr < 2 || nr > EX_MAX_THREADS);
	if (e->depth < e->len) {
		n = &e->stack[e->depth];
		if (!node_matches(n, runnable, nr, current)) {
			/* the program is not a function of its schedule */
			e->st.nondeterministic = true;
			drop_nodes(e, e->depth);	/* drop the rest */
			e->off = true;
			return current >= 0 ? current : 0;
		}
	} else if (e->frontier && e->len >= e->frontier) {
		/* expanding a frontier: the run is a prefix, no deeper */
		e->off = true;
		return current >= 0 ? current : 0;
	} else if (e->len < e->nr_prefix) {
		return prefix_node(e, runnable, nr, current);
	} else {
		n = push_node(e);
		n->nr = (uint8_t)nr;
		n->current = (int8_t)current;
		for (i = 0; i < nr; i++)
			n->tids[i] = (uint8_t)sim_thread_id(runnable[i]);
		n->sleep = e->reduction ? e->sleep : 0;
		n->preemptions = e->preemptions;
		n->lazy = lazy;
		pick = -1;
		if (e->optimal) {
			/* the wakeup tree the run followed here, if any */
			n->wut = e->pending;
			e->pending = -1;
			pick = wut_branch(e, n);
		}
		if (pick < 0) {
			pick = next_branch(e, n);
			if (e->optimal && pick >= 0)
				n->wut = wut_new(e, n->tids[pick], NULL);
		}
		if (pick < 0) {
			/*
			 * Every candidate sleeps or is over the bound: what
			 * follows is covered elsewhere, or not allowed.
			 */
			drop_nodes(e, e->len - 1);
			if (n->bound_skipped)
				note_cut(e);
			e->redundant = true;
			e->off = true;
			return current >= 0 ? current : 0;
		}
		n->pick = (uint8_t)pick;
		n->backtrack = tid_bit(n->tids[pick]);
		if (e->len > e->st.max_depth)
			e->st.max_depth = e->len;
	}
	e->depth++;
	pick = n->pick;
	SIM_BUG_ON(pick >= n->nr);
	if (e->optimal && e->depth == e->len) {
		/* the last node: its branch's subtree is followed on */
		struct ex_wut *w = &e->wut[n->wut];

		SIM_BUG_ON(n->wut < 0 || w->tid != n->tids[pick]);
		wut_free_list(e, e->pending);
		e->pending = w->child;
		w->child = -1;
	}
	e->preemptions += cost(n, pick);
	/* next_branch() never takes a branch the bound forbids */
	SIM_BUG_ON(e->bound >= 0 && e->preemptions > (uint32_t)e->bound);
	if (e->reduction)
		e->sleep = wake_dependent(e,
				(n->sleep | n->done_full) &
					~tid_bit(n->tids[pick]),
				n->tids[pick]);
	return pick;
}

/* p, or every candidate if p was not one, into @node's backtrack set */
static void backtrack_at(struct exhaustive *e, int32_t node, int p)
{
	struct ex_node *n;
	int k;

	if (node < 0 || (uint32_t)node >= e->len)
		return;	/* one candidate there: p could not run */
	if ((uint32_t)node < e->nr_prefix)
		return;	/* above the subtree: another subtree's branch */
	n = &e->stack[node];
	if (node_has(n, p)) {
		n->backtrack |= tid_bit(p);
		return;
	}
	for (k = 0; k < n->nr; k++)
		n->backtrack |= tid_bit(n->tids[k]);
}

/* Counting traces: every step of the run, forced or chosen, pruned or not */
static void trace_step(struct exhaustive *e, int tid, const struct ex_thread *t,
		       int32_t node)
{
	struct ex_tstep *st;

	e->tsteps = ex_reserve(e->tsteps, e->nr_tsteps, &e->cap_tsteps,
			       sizeof(*e->tsteps), 256);
	st = &e->tsteps[e->nr_tsteps++];
	st->step = *t;
	st->tid = (uint32_t)tid;
	st->live = !e->off;
	st->node = node;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* splitmix64's finaliser */
static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static int cmp_access(const void *a, const void *b)
{
	const struct ex_access *x = a, *y = b;
	uintptr_t p = (uintptr_t)x->obj, q = (uintptr_t)y->obj;

	if (p != q)
		return p < q ? -1 : 1;
	return x->step < y->step ? -1 : x->step > y->step;
}

/* The object step @t accesses with its point, or NULL (a bare yield) */
static const void *step_obj(const struct ex_tstep *t)
{
	return t->step.known && !touches_nothing(&t->step) ? t->step.obj :
							      NULL;
}

/*
 * The run's steps as the local-step reduction sees them, now that the
 * whole run is known.  A step releases a lock iff its thread's next
 * point is the SIM_PT_UNLOCK on it (kshim releases just before that
 * point; no other step of a holder writes the lock).  A local step is
 * a known step, not a yield, whose accesses no other thread's conflict
 * with (a write: no other thread accesses the object; a load: no other
 * thread writes it), its release included.
 */
static void mark_private(struct exhaustive *e)
{
	struct ex_tstep *s = e->tsteps;
	uint32_t n = e->nr_tsteps, nr = 0, i, j, k;
	uint32_t last[EX_MAX_THREADS + 1];

	if (2 * n > e->cap_acc) {
		e->acc = realloc(e->acc, 2 * n * sizeof(*e->acc));
		if (!e->acc)
			sim_strategy_oom();
		e->cap_acc = 2 * n;
	}
	memset(last, 0xff, sizeof(last));
	for (j = 0; j < n; j++) {
		uint32_t tid = s[j].tid;

		s[j].rel = NULL;
		s[j].private = s[j].step.known &&
			       kind_may_be_local(s[j].step.kind, s[j].step.obj);
		if (last[tid] != UINT32_MAX && s[j].step.known &&
		    s[j].step.kind == SIM_PT_UNLOCK)
			s[last[tid]].rel = s[j].step.obj;
		last[tid] = j;
	}
	for (j = 0; j < n; j++) {
		s[j].aobj = step_obj(&s[j]);
		s[j].awrites = kind_writes(s[j].step.kind);
		if (s[j].aobj)
			e->acc[nr++] = (struct ex_access){ s[j].aobj, j,
							   s[j].awrites };
		if (s[j].rel)
			e->acc[nr++] = (struct ex_access){ s[j].rel, j, true };
	}
	qsort(e->acc, nr, sizeof(*e->acc), cmp_access);
	for (i = 0; i < nr; i = j) {
		uint32_t tid = s[e->acc[i].step].tid, wtid = 0;
		bool one = true, writers2 = false;

		for (j = i; j < nr && e->acc[j].obj == e->acc[i].obj; j++) {
			uint32_t t = s[e->acc[j].step].tid;

			one &= t == tid;
			if (e->acc[j].writes) {
				writers2 |= wtid && wtid != t;
				wtid = wtid ? wtid : t;
			}
		}
		for (k = i; k < j; k++) {
			struct ex_tstep *t = &s[e->acc[k].step];
			bool mine = e->acc[k].writes ? one :
				    !wtid || (!writers2 && wtid == t->tid);

			t->private &= mine;
		}
	}
}

/* Whether an access of @a conflicts with one of @b (other threads) */
static inline bool access_conflict(const void *ao, bool aw, const void *bo,
				   bool bw)
{
	return ao && ao == bo && (aw || bw);
}

/*
 * The dependence of the counted traces, the one the local-step
 * reduction relies on: known steps conflict on their points' objects
 * and the locks they release; an unknown step (a thread's first, or
 * one after a wake-up) depends on every step but a local one, as by
 * kshim's contract it touches no object other threads announce.
 */
static inline bool trace_dependent(const struct ex_tstep *a,
				   const struct ex_tstep *b)
{
	const void *ao = a->aobj, *bo = b->aobj;
	bool aw = a->awrites, bw = b->awrites;

	if (a->tid == b->tid)
		return true;
	if (!a->step.known || !b->step.known)
		return !(a->step.known && a->private) &&
		       !(b->step.known && b->private);
	return access_conflict(ao, aw, bo, bw) ||
	       access_conflict(ao, aw, b->rel, true) ||
	       access_conflict(a->rel, true, bo, bw) ||
	       access_conflict(a->rel, true, b->rel, true);
}

/* Step @t as a wakeup tree keeps it */
static void fp_of(const struct ex_tstep *t, struct ex_fp *fp)
{
	fp->aobj = t->aobj;
	fp->rel = t->rel;
	fp->tid = t->tid;
	fp->valid = true;
	fp->known = t->step.known;
	fp->private = t->private;
	fp->awrites = t->awrites;
}

/* trace_dependent() on footprints */
static bool fp_dependent(const struct ex_fp *a, const struct ex_fp *b)
{
	if (a->tid == b->tid)
		return true;
	if (!a->known || !b->known)
		return !(a->known && a->private) && !(b->known && b->private);
	return access_conflict(a->aobj, a->awrites, b->aobj, b->awrites) ||
	       access_conflict(a->aobj, a->awrites, b->rel, true) ||
	       access_conflict(a->rel, true, b->aobj, b->awrites) ||
	       access_conflict(a->rel, true, b->rel, true);
}

/*
 * Whether thread @tid is a weak initial of the sequence e->seq[0..@nv)
 * less the steps taken out (e->seq_gone): its first step there depends
 * on no step before it, or it has none there and @fp, its step, depends
 * on none of the sequence's (an unknown @fp: not one).
 */
static bool weak_initial(const struct exhaustive *e, uint32_t nv, int tid,
			 const struct ex_fp *fp)
{
	const struct ex_tstep *s = e->tsteps;
	struct ex_fp a, b;
	uint32_t f, k;

	for (f = 0; f < nv; f++)
		if (!e->seq_gone[f] && (int)s[e->seq[f]].tid == tid)
			break;
	if (f < nv) {
		fp_of(&s[e->seq[f]], &a);
		fp = &a;
	} else if (!fp || !fp->valid) {
		return false;
	}
	for (k = 0; k < f; k++) {
		if (e->seq_gone[k])
			continue;
		fp_of(&s[e->seq[k]], &b);
		if (fp_dependent(fp, &b))
			return false;
	}
	return true;
}

/* Takes @tid's first step out of the sequence, if it has one */
static void seq_take(struct exhaustive *e, uint32_t nv, int tid)
{
	uint32_t f;

	for (f = 0; f < nv; f++) {
		if (!e->seq_gone[f] && (int)e->tsteps[e->seq[f]].tid == tid) {
			e->seq_gone[f] = true;
			return;
		}
	}
}

/*
 * Optimal DPOR (Abdulla, Aronis, Jonsson and Sagonas, JACM 2017): the
 * race of step @i with step @j of the run.  v = notdep(i).j, the steps
 * between them that do not happen after @i, then @j, is what reverses
 * it from the node @i was taken at.  Unless a thread asleep there (or
 * explored there already) is a weak initial of v -- its branch covers
 * v --, v goes into the node's wakeup tree: down the entries that are
 * weak initials of what is left of v (the first of the node's own, the
 * branch being explored, is not), and if that ends at a leaf, v is
 * covered; else what is left hangs below as a new last child.
 */
static void opt_race(struct exhaustive *e, uint32_t i, uint32_t j)
{
	const struct ex_tstep *s = e->tsteps;
	int32_t node = s[i].node, k, parent = -1, last = -1;
	uint32_t nv = 0, q, f, seen = 0;
	struct ex_fp fps[EX_MAX_THREADS + 1];
	uint64_t sleepers, found = 0;
	struct ex_node *n;

	if (node < 0 || (uint32_t)node >= e->len)
		return;	/* one candidate there: nothing to reverse */
	if ((uint32_t)node < e->nr_prefix)
		return;	/* above the subtree: another subtree's branch */
	n = &e->stack[node];
	if (j - i + 1 > e->cap_seq) {
		e->cap_seq = 2 * (j - i + 1);
		e->seq = realloc(e->seq, e->cap_seq * sizeof(*e->seq));
		e->seq_gone = realloc(e->seq_gone,
				      e->cap_seq * sizeof(*e->seq_gone));
		if (!e->seq || !e->seq_gone)
			sim_strategy_oom();
	}
	for (q = i + 1; q < j; q++)
		if (s[q].vc[s[i].tid] < (int32_t)i)
			e->seq[nv++] = q;
	e->seq[nv++] = j;
	memset(e->seq_gone, 0, nv * sizeof(*e->seq_gone));
	/* the sleepers' steps at the node: their first after it */
	sleepers = (n->sleep | n->done) & ~tid_bit(s[i].tid);
	for (q = i + 1; q < e->nr_tsteps && found != sleepers; q++) {
		uint64_t b = tid_bit(s[q].tid);

		if ((sleepers & b) && !(found & b)) {
			fp_of(&s[q], &fps[s[q].tid]);
			found |= b;
		}
	}
	for (f = 1; f <= EX_MAX_THREADS && sleepers >> (f - 1); f++) {
		if (!(sleepers & tid_bit(f)))
			continue;
		if (weak_initial(e, nv, f,
				 (found & tid_bit(f)) ? &fps[f] : NULL))
			return;
	}
	/* down the tree; the node's first entry is its current branch */
	k = n->wut >= 0 ? e->wut[n->wut].next : -1;
	for (;;) {
		for (; k >= 0; k = e->wut[k].next)
			if (weak_initial(e, nv, e->wut[k].tid, &e->wut[k].fp))
				break;
		if (k < 0)
			break;
		seq_take(e, nv, e->wut[k].tid);
		if (e->wut[k].child < 0)
			return;	/* a leaf: v is covered */
		parent = k;
		k = e->wut[k].child;
	}
	/* the end of the list it hangs from */
	k = parent >= 0 ? e->wut[parent].child : n->wut;
	while (k >= 0) {
		last = k;
		k = e->wut[k].next;
	}
	for (q = 0; q < nv; q++) {
		struct ex_fp fp;

		if (e->seq_gone[q])
			continue;
		fp_of(&s[e->seq[q]], &fp);
		k = wut_new(e, (int)fp.tid, &fp);
		if (last >= 0 && seen)
			e->wut[last].child = k;
		else if (last >= 0)
			e->wut[last].next = k;
		else if (parent >= 0)
			e->wut[parent].child = k;
		else
			n->wut = k;
		last = k;
		seen++;
	}
}

/*
 * The race of step @i with thread @p.  Under a preemption bound, also
 * where @i's thread began the run of steps @i belongs to (bounded POR,
 * Coons, Musuvathi and McKinley, OOPSLA 2013): running p at i's node
 * may cost a preemption the bound forbids, while running it where that
 * thread was switched to costs none more.
 */
static void race(struct exhaustive *e, uint32_t i, int p)
{
	const struct ex_tstep *s = e->tsteps;
	uint32_t k = i;

	backtrack_at(e, s[i].node, p);
	if (e->bound < 0)
		return;
	while (k > 0 && s[k - 1].tid == s[i].tid)
		k--;
	if (k != i)
		backtrack_at(e, s[k].node, p);
}

/*
 * DPOR over the run just ended, now that it is whole: each step taken
 * before the run went off races with the latest earlier step of another
 * thread that it depends on and that does not happen before its own
 * thread's previous step.  The dependence is the counted traces' (the
 * release in the step before the unlock point only, local steps
 * commuting with unknown ones), which needs the whole run: judged as
 * each step is taken, a lock holder's every step would write the lock
 * and an unknown step would race with every other thread's local step,
 * and the search would reverse races that make no other trace.
 */
static void dpor_races(struct exhaustive *e)
{
	int32_t clock[EX_DPOR_THREADS + 1][EX_DPOR_THREADS + 1];
	struct ex_tstep *s = e->tsteps;
	uint32_t j;
	int32_t i;
	int k;

	memset(clock, 0xff, sizeof(clock));	/* -1: nothing before */
	for (j = 0; j < e->nr_tsteps && s[j].live; j++) {
		int p = (int)s[j].tid;
		const int32_t *known = clock[p];	/* p's clock before */
		bool raced = false;

		if (p > EX_DPOR_THREADS) {
			e->dpor_off = true;	/* from now on: every candidate */
			return;
		}
		/* the branch a node took keeps the step it took */
		if (e->optimal && s[j].node >= 0 &&
		    (uint32_t)s[j].node < e->len &&
		    e->stack[s[j].node].wut >= 0)
			fp_of(&s[j], &e->wut[e->stack[s[j].node].wut].fp);
		memcpy(s[j].vc, known, sizeof(s[j].vc));
		for (i = (int32_t)j - 1; i >= 0; i--) {
			/*
			 * Already before it (p's own, or through a later
			 * step): nothing to join, and no race (until the
			 * race is found, the clock is p's before it)
			 */
			if (s[j].vc[s[i].tid] >= i)
				continue;
			if (!trace_dependent(&s[i], &s[j]))
				continue;
			/*
			 * the latest dependent step not already before p;
			 * Optimal DPOR reverses every one not before another
			 */
			if (e->optimal && (int)s[i].tid != p) {
				opt_race(e, (uint32_t)i, j);
			} else if (!raced && (int)s[i].tid != p &&
			    known[s[i].tid] < i) {
				race(e, (uint32_t)i, p);
				raced = true;
			}
			for (k = 0; k <= EX_DPOR_THREADS; k++)
				if (s[i].vc[k] > s[j].vc[k])
					s[j].vc[k] = s[i].vc[k];
		}
		s[j].vc[p] = (int32_t)j;
		memcpy(clock[p], s[j].vc, sizeof(clock[p]));
	}
}

/*
 * The run's trace, canonically: its Foata normal form (each step at
 * level 1 + the highest level of the earlier steps it depends on, its
 * own thread's included; each level a set of threads), hashed.  The
 * scan of earlier steps stops where none has a level that would raise
 * the step's.
 */
static uint64_t trace_form(struct exhaustive *e)
{
	struct ex_tstep *s = e->tsteps;
	uint64_t h = 0x6a09e667f3bcc909ULL;
	uint32_t n = e->nr_tsteps, i, j;

	if (n > e->cap_keys) {
		e->keys = realloc(e->keys, n * sizeof(*e->keys));
		if (!e->keys)
			sim_strategy_oom();
		e->cap_keys = n;
	}
	for (j = 0; j < n; j++) {
		uint32_t best = 0;

		for (i = j; i-- > 0;) {
			if (s[i].max_level <= best)
				break;
			if (s[i].level > best && trace_dependent(&s[i], &s[j]))
				best = s[i].level;
		}
		s[j].level = best + 1;
		s[j].max_level = j && s[j - 1].max_level > s[j].level ?
				 s[j - 1].max_level : s[j].level;
	}
	for (j = 0; j < n; j++)
		e->keys[j] = (uint64_t)s[j].level << 32 | s[j].tid;
	qsort(e->keys, n, sizeof(*e->keys), cmp_u64);
	for (j = 0; j < n; j++)
		h = mix64(h ^ e->keys[j]) + j;
	return h ? h : 1;	/* 0 marks an empty slot */
}

static void forms_insert(struct exhaustive *e, uint64_t h)
{
	uint32_t j;

	if (!e->forms || (e->st.traces + 1) * 2 > (uint64_t)e->forms_mask + 1) {
		uint32_t old = e->forms ? e->forms_mask + 1 : 0, k;
		uint64_t *was = e->forms;

		e->forms_mask = (old ? 2 * old : 1024) - 1;
		e->forms = calloc((size_t)e->forms_mask + 1, sizeof(*e->forms));
		if (!e->forms)
			sim_strategy_oom();
		for (k = 0; k < old; k++) {
			if (!was[k])
				continue;
			for (j = (uint32_t)mix64(was[k]) & e->forms_mask;
			     e->forms[j]; j = (j + 1) & e->forms_mask)
				;
			e->forms[j] = was[k];
		}
		free(was);
	}
	for (j = (uint32_t)mix64(h) & e->forms_mask; e->forms[j];
	     j = (j + 1) & e->forms_mask)
		if (e->forms[j] == h)
			return;
	e->forms[j] = h;
	e->st.traces++;
}

static int ex_choose(void *s, struct sim_thread *const *runnable,
		     int nr, int current, enum sim_point_kind kind,
		     const void *obj)
{
	struct exhaustive *e = to_ex(s);
	struct ex_obj *o = NULL;
	struct ex_thread *t;
	bool local = false;
	int i, pick;

	for (i = 0; i < nr; i++) {
		if (sim_thread_id(runnable[i]) > EX_MAX_THREADS) {
			fprintf(stderr,
				"faultsim: exhaustive: more than %d threads\n",
				EX_MAX_THREADS);
			abort();
		}
	}
	if (current >= 0) {
		t = &e->th[sim_thread_id(runnable[current])];
		t->known = true;
		t->kind = kind;
		t->obj = obj;
		if (kind == SIM_PT_UNLOCK)
			release(t, obj);	/* released before the point */
		/* every run records its objects, even past its last node */
		if (local_steps(e) && kind_may_be_local(kind, obj)) {
			int tid = sim_thread_id(runnable[current]);

			if (kind == SIM_PT_UNLOCK)
				note_release(e, tid, obj);
			o = run_obj(e, obj, tid);
			local = !obj_shared(e, o, tid, kind_writes(kind));
		}
	}
	if (e->off) {
		pick = current >= 0 ? current : 0;
	} else if (nr == 1) {
		pick = 0;
		if (e->reduction) {
			int tid = sim_thread_id(runnable[pick]);

			if (e->sleep & tid_bit(tid)) {
				e->redundant = true;
				e->off = true;
			} else {
				e->sleep = wake_dependent(e, e->sleep, tid);
			}
			if (e->optimal && !e->off && e->depth == e->len)
				wut_forced(e, tid);
		}
	} else {
		pick = choose_node(e, runnable, nr, current, local);
		if (local && !e->off)
			add_lazy(e, o, (int32_t)e->depth - 1,
				 kind_writes(kind));
	}
	t = &e->th[sim_thread_id(runnable[pick])];
	t->step_node = nr > 1 && !e->off ? (int32_t)e->depth : 0;
	if (e->count_traces || e->dpor)
		trace_step(e, sim_thread_id(runnable[pick]), t,
			   nr > 1 && !e->off ? (int32_t)e->depth - 1 : -1);
	if (t->known && t->kind == SIM_PT_LOCK)
		hold(t, t->obj);
	t->known = false;	/* until it reaches its next point */
	return pick;
}

static void ex_begin_run(struct sim_strategy *s)
{
	struct exhaustive *e = to_ex(s);

	e->depth = 0;
	e->sleep = 0;
	e->preemptions = 0;
	e->redundant = false;
	e->off = false;
	memset(e->th, 0, sizeof(e->th));
	e->gen++;			/* forget the last run's objects */
	e->nr_objs = 0;
	e->nr_lazy = 0;
	e->nr_tsteps = 0;
	wut_free_list(e, e->pending);
	e->pending = -1;
}

static bool ex_next_run(struct sim_strategy *s)
{
	struct exhaustive *e = to_ex(s);

	if (e->st.exhausted)
		return false;
	if (e->count_traces || e->dpor)
		mark_private(e);
	if (e->dpor && !e->dpor_off)
		dpor_races(e);
	if (e->count_traces)
		forms_insert(e, trace_form(e));
	e->st.runs++;
	if (e->redundant)
		e->st.sleep_blocked++;
	else
		e->st.schedules++;
	if (e->depth < e->len) {
		/* ended before its recorded prefix did */
		e->st.nondeterministic = true;
		drop_nodes(e, e->depth);
	}
	while (e->len > e->nr_prefix) {
		struct ex_node *n = &e->stack[e->len - 1];
		uint64_t b = tid_bit(n->tids[n->pick]);
		int next;

		n->done |= b;
		if (!n->sub_cut)
			n->done_full |= b;
		n->any_cut |= n->sub_cut;
		if (e->optimal) {
			/* the branch done leaves the wakeup tree */
			int32_t k = n->wut;

			SIM_BUG_ON(k < 0);
			n->wut = e->wut[k].next;
			e->wut[k].next = -1;
			wut_free_list(e, k);
			if (e->dpor_off) {
				/* no races: every candidate, as sleep sets */
				next = next_branch(e, n);
				if (next >= 0)
					n->wut = wut_new(e, n->tids[next],
							 NULL);
			} else {
				next = wut_branch(e, n);
			}
		} else {
			next = next_branch(e, n);
		}
		if (next >= 0) {
			n->pick = (uint8_t)next;
			n->sub_cut = false;
			return true;
		}
		drop_nodes(e, e->len - 1);
		if (n->any_cut || n->bound_skipped) {
			if (e->len)
				e->stack[e->len - 1].sub_cut = true;
			else
				e->root_cut = true;
		}
	}
	e->st.exhausted = true;
	e->st.bound_hit = e->root_cut;
	return false;
}

static void ex_destroy(struct sim_strategy *s)
{
	struct exhaustive *e = to_ex(s);

	free(e->stack);
	free(e->objs);
	free(e->lazy);
	free(e->tsteps);
	free(e->forms);
	free(e->keys);
	free(e->acc);
	free(e->wut);
	free(e->seq);
	free(e->seq_gone);
	free(e->prefix);
	free(e);
}

static const struct sim_strategy_ops ex_ops = {
	.name = "exhaustive",
	.choose = ex_choose,
	.begin_run = ex_begin_run,
	.next_run = ex_next_run,
	.destroy = ex_destroy,
};

struct sim_strategy *sim_strategy_exhaustive_create(int preemption_bound,
						    bool reduction)
{
	struct exhaustive *e = sim_strategy_alloc(sizeof(*e));

	e->base.kind = SIM_STRAT_EXHAUSTIVE;
	e->base.ops = &ex_ops;
	e->bound = preemption_bound < 0 ? -1 : preemption_bound;
	e->reduction = reduction;
	e->wut_free = -1;
	e->pending = -1;
	return &e->base;
}

void sim_strategy_exhaustive_set_dpor(struct sim_strategy *s, bool on)
{
	struct exhaustive *e = to_ex(s);

	/* DPOR builds on the sleep sets */
	e->dpor = on && e->reduction;
}

void sim_strategy_exhaustive_set_optimal(struct sim_strategy *s, bool on)
{
	struct exhaustive *e = to_ex(s);

	/* under a bound: bounded POR, the sound one there */
	if (on)
		e->dpor = e->reduction;
	e->optimal = on && e->reduction && e->bound < 0;
}

void sim_strategy_exhaustive_set_local_steps(struct sim_strategy *s, bool on)
{
	to_ex(s)->no_local_steps = !on;
}

void sim_strategy_exhaustive_set_count_traces(struct sim_strategy *s, bool on)
{
	to_ex(s)->count_traces = on;
}

size_t sim_strategy_exhaustive_traces(const struct sim_strategy *s,
				      uint64_t **forms)
{
	const struct exhaustive *e = (const struct exhaustive *)s;
	size_t n = 0, k;

	*forms = NULL;
	if (s->kind != SIM_STRAT_EXHAUSTIVE || !e->st.traces)
		return 0;
	*forms = malloc(e->st.traces * sizeof(**forms));
	if (!*forms)
		sim_strategy_oom();
	for (k = 0; k <= e->forms_mask; k++)
		if (e->forms[k])
			(*forms)[n++] = e->forms[k];
	qsort(*forms, n, sizeof(**forms), cmp_u64);
	return n;
}

void sim_strategy_exhaustive_stats(const struct sim_strategy *s,
				   struct sim_exhaustive_stats *st)
{
	const struct exhaustive *e = (const struct exhaustive *)s;

	memset(st, 0, sizeof(*st));
	if (s->kind == SIM_STRAT_EXHAUSTIVE)
		*st = e->st;
}

void sim_strategy_exhaustive_set_frontier(struct sim_strategy *s,
					  uint32_t depth)
{
	to_ex(s)->frontier = depth;
}

void sim_strategy_exhaustive_set_prefix(struct sim_strategy *s,
					const uint8_t *tids, uint32_t len)
{
	struct exhaustive *e = to_ex(s);

	free(e->prefix);
	e->prefix = malloc(len ? len : 1);
	if (!e->prefix)
		sim_strategy_oom();
	if (len)
		memcpy(e->prefix, tids, len);
	e->nr_prefix = len;
}

uint32_t sim_strategy_exhaustive_prefix(const struct sim_strategy *s,
					uint8_t *tids, uint32_t max)
{
	const struct exhaustive *e = (const struct exhaustive *)s;
	uint32_t i;

	for (i = 0; i < e->len && i < max; i++)
		tids[i] = e->stack[i].tids[e->stack[i].pick];
	return i;
}

uint32_t sim_strategy_exhaustive_preemptions(const struct sim_strategy *s)
{
	return ((const struct exhaustive *)s)->preemptions;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * DAMON access reports (damon_core/report.h): the two sinks
 * faultsim_damon_report_access() writes into, and
 * faultsim_check_reported_accesses() turning them into region access
 * counts on a real damon_ctx (6.12's
 * damon_new_ctx()/damon_new_target()/damon_new_region(), and a real
 * kdamond at the end).  Tasks do the work and record what they saw;
 * the assertions run on the main context after sim_run().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <linux/damon.h>
#include <linux/delay.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/slab.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "damon_core/report.h"
#include "mm_model/mm/machine.h"
#include "model_test.h"

#define CAP 1000		/* RFC v2: DAMON_ACCESS_REPORTS_CAP */
#define RING 256		/* Micron RFC: DAMON_REPORT_RING_SIZE */
#define BASE 0x100000000UL	/* report i is at BASE + i pages */
#define MAX_PEEK 4096

static struct faultsim_access_report peeked[MAX_PEEK];

static void boot(enum faultsim_report_sink_kind kind)
{
	/* selected before the boot, as the CLI does */
	faultsim_report_sink_select(kind);
	assert_int_equal(model_boot(1, 2, 1024), 0);
}

static void run(const char *name, int (*fn)(void *), void *arg)
{
	kshim_spawn(name, fn, arg);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);
}

static void shutdown(void)
{
	machine_destroy();
}

static void report_one(pid_t tgid, unsigned long addr, unsigned long size)
{
	struct faultsim_access_report r = {
		.tgid = tgid,
		.addr = addr,
		.size = size,
		.cpu = smp_processor_id(),
	};

	faultsim_damon_report_access(&r);
}

/* A burst of @n one-page physical reports, report i at BASE + i pages. */
struct burst {
	int cpu;
	int first, n;
};

static int burst_task(void *arg)
{
	struct burst *b = arg;
	int i;

	current->cpu = b->cpu;
	for (i = b->first; i < b->first + b->n; i++)
		report_one(0, BASE + i * PAGE_SIZE, PAGE_SIZE);
	return 0;
}

static void burst(int cpu, int first, int n)
{
	struct burst b = { .cpu = cpu, .first = first, .n = n };

	run("reporter", burst_task, &b);
}

/* Report index of a peeked report (BASE + i pages). */
static long report_index(const struct faultsim_access_report *r)
{
	return (long)((r->addr - BASE) / PAGE_SIZE);
}

static unsigned int peek(void)
{
	return faultsim_report_sink_peek(peeked, MAX_PEEK);
}

/* ---- contexts ---- */

static struct damon_ctx *new_ctx(enum damon_ops_id id)
{
	struct damon_ctx *ctx = damon_new_ctx();

	if (ctx)
		ctx->ops.id = id;
	return ctx;
}

/*
 * A target of @ctx with regions [b[0], b[1]), [b[1], b[2]), ...; @nr_pid
 * non-zero: its struct pid has that number (a virtual target).
 */
static struct damon_target *add_target(struct damon_ctx *ctx, int nr_pid,
				       const unsigned long *b, int nr)
{
	struct damon_target *t = damon_new_target();
	struct damon_region *r;
	int i;

	if (!t)
		return NULL;
	if (nr_pid) {
		t->pid = kzalloc(sizeof(*t->pid), GFP_KERNEL);
		if (!t->pid) {
			damon_free_target(t);
			return NULL;
		}
		refcount_set(&t->pid->count, 1);
		t->pid->nr = nr_pid;
	}
	damon_add_target(ctx, t);
	for (i = 0; i < nr; i++) {
		r = damon_new_region(b[i], b[i + 1]);
		if (!r)
			return NULL;
		damon_add_region(r, t);
	}
	return t;
}

/* vaddr's cleanup would put_pid(); 6.12's core only frees the targets */
static void destroy_ctx(struct damon_ctx *ctx)
{
	struct damon_target *t;

	if (!ctx)
		return;
	damon_for_each_target(t, ctx) {
		put_pid(t->pid);
		t->pid = NULL;
	}
	damon_destroy_ctx(ctx);
}

static struct damon_region *nth_region(struct damon_ctx *ctx, int ti, int ri)
{
	struct damon_target *t;
	struct damon_region *r;

	damon_for_each_target(t, ctx) {
		if (ti--)
			continue;
		damon_for_each_region(r, t)
			if (!ri--)
				return r;
	}
	return NULL;
}

/* nr_accesses of every region, target by target, into @out */
static int snap(struct damon_ctx *ctx, unsigned int *out, int max)
{
	struct damon_target *t;
	struct damon_region *r;
	int n = 0;

	damon_for_each_target(t, ctx)
		damon_for_each_region(r, t)
			if (n < max)
				out[n++] = r->nr_accesses;
	return n;
}

/* ---- global array: overflow and wrap ---- */

static void test_global_names(void **state)
{
	assert_string_equal(
		faultsim_report_sink_names[FAULTSIM_SINK_GLOBAL_ARRAY],
		"global-array");
	assert_string_equal(
		faultsim_report_sink_names[FAULTSIM_SINK_PERCPU_RING],
		"percpu-ring");
}

/* The 1000th report fills the array: len wraps to 0, all 1000 hidden. */
static void test_global_1000_all_hidden(void **state)
{
	const struct faultsim_report_stats *s;

	boot(FAULTSIM_SINK_GLOBAL_ARRAY);
	burst(0, 0, CAP - 1);
	s = faultsim_report_sink_stats();
	assert_int_equal(peek(), CAP - 1);
	assert_int_equal(s->hidden_by_wrap, 0);
	burst(0, CAP - 1, 1);
	assert_int_equal(s->reported, CAP);
	assert_int_equal(s->stored, CAP);
	assert_int_equal(s->hidden_by_wrap, CAP);
	assert_int_equal(s->dropped_contended, 0);
	assert_int_equal(s->dropped_full, 0);
	assert_int_equal(peek(), 0);
	shutdown();
}

/* 1001: only the last is visible, in slot 0; the first 1000 hidden. */
static void test_global_1001_last_visible(void **state)
{
	const struct faultsim_report_stats *s;

	boot(FAULTSIM_SINK_GLOBAL_ARRAY);
	burst(0, 0, CAP + 1);
	s = faultsim_report_sink_stats();
	assert_int_equal(s->reported, CAP + 1);
	assert_int_equal(s->stored, CAP + 1);
	assert_int_equal(s->hidden_by_wrap, CAP);
	assert_int_equal(peek(), 1);
	assert_int_equal(report_index(&peeked[0]), CAP);
	shutdown();
}

/* 2500: two wraps hide 2000; reports 2000..2499 are visible, in order. */
static void test_global_2500_two_wraps(void **state)
{
	const struct faultsim_report_stats *s;
	int i;

	boot(FAULTSIM_SINK_GLOBAL_ARRAY);
	burst(0, 0, 2500);
	s = faultsim_report_sink_stats();
	assert_int_equal(s->reported, 2500);
	assert_int_equal(s->stored, 2500);
	assert_int_equal(s->hidden_by_wrap, 2000);
	assert_int_equal(peek(), 500);
	for (i = 0; i < 500; i++)
		assert_int_equal(report_index(&peeked[i]), 2000 + i);
	shutdown();
}

/*
 * hidden_by_wrap counts only what no read saw: 600 reports, a kdamond
 * read, 400 more: the wrap hides 400.  The 600 read ones count once
 * (one region holds them all), the 400 never.
 */
struct read_between {
	unsigned int counted_after_read;
	unsigned int nr_accesses;
	unsigned int max_ret;
};

static int read_between_task(void *arg)
{
	struct read_between *o = arg;
	const unsigned long b[] = { BASE, BASE + 4096 * PAGE_SIZE };
	struct damon_ctx *ctx = new_ctx(DAMON_OPS_PADDR);
	struct burst first = { .cpu = 0, .first = 0, .n = 600 };
	struct burst second = { .cpu = 0, .first = 600, .n = 400 };

	if (!ctx || !add_target(ctx, 0, b, 1))
		goto out;
	burst_task(&first);
	o->max_ret = faultsim_check_reported_accesses(ctx);
	o->counted_after_read = faultsim_report_sink_stats()->counted;
	burst_task(&second);
	/* all hidden now: this sample has no access */
	faultsim_check_reported_accesses(ctx);
	o->nr_accesses = nth_region(ctx, 0, 0)->nr_accesses;
out:
	destroy_ctx(ctx);
	return 0;
}

static void test_global_wrap_hides_only_unread(void **state)
{
	struct read_between o = { 0 };
	const struct faultsim_report_stats *s;

	boot(FAULTSIM_SINK_GLOBAL_ARRAY);
	run("kdamond", read_between_task, &o);
	s = faultsim_report_sink_stats();
	assert_int_equal(s->stored, CAP);
	assert_int_equal(s->hidden_by_wrap, 400);
	assert_int_equal(o.counted_after_read, 1);
	assert_int_equal(s->counted, 1);
	assert_int_equal(o.max_ret, 1);
	assert_int_equal(o.nr_accesses, 1);
	assert_int_equal(peek(), 0);
	shutdown();
}

/* ---- global array: trylock contention ---- */

static struct completion held, reported, released;

static int holder_task(void *arg)
{
	struct mutex *lock = faultsim_report_sink_lock();

	mutex_lock(lock);
	complete(&held);
	/* a scheduling point with the lock held: the reporter runs */
	wait_for_completion(&reported);
	mutex_unlock(lock);
	complete(&released);
	return 0;
}

static int contended_reporter_task(void *arg)
{
	current->cpu = 1;
	wait_for_completion(&held);
	report_one(0, BASE, PAGE_SIZE);			/* dropped */
	complete(&reported);
	wait_for_completion(&released);
	report_one(0, BASE + PAGE_SIZE, PAGE_SIZE);	/* stored */
	return 0;
}

static void test_global_trylock_contention_drops(void **state)
{
	const struct faultsim_report_stats *s;

	boot(FAULTSIM_SINK_GLOBAL_ARRAY);
	init_completion(&held);
	init_completion(&reported);
	init_completion(&released);
	kshim_spawn("holder", holder_task, NULL);
	kshim_spawn("reporter", contended_reporter_task, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);
	s = faultsim_report_sink_stats();
	assert_int_equal(s->reported, 2);
	assert_int_equal(s->dropped_contended, 1);
	assert_int_equal(s->stored, 1);
	assert_int_equal(peek(), 1);
	assert_int_equal(report_index(&peeked[0]), 1);
	shutdown();
}

/* ---- per-CPU ring ---- */

static int drain_task(void *arg)
{
	struct damon_ctx *ctx = new_ctx(DAMON_OPS_PADDR);
	const unsigned long b[] = { BASE, BASE + 4096 * PAGE_SIZE };
	unsigned int *nr_accesses = arg;

	if (ctx && add_target(ctx, 0, b, 1)) {
		faultsim_check_reported_accesses(ctx);
		*nr_accesses = nth_region(ctx, 0, 0)->nr_accesses;
	}
	destroy_ctx(ctx);
	return 0;
}

/* 257 on CPU 0: the 257th (newest) is dropped; CPU 1 has room. */
static void test_ring_full_drops_per_cpu(void **state)
{
	const struct faultsim_report_stats *s;
	unsigned int nr_accesses = 0;
	int i;

	boot(FAULTSIM_SINK_PERCPU_RING);
	burst(0, 0, RING + 1);
	s = faultsim_report_sink_stats();
	assert_int_equal(s->reported, RING + 1);
	assert_int_equal(s->stored, RING);
	assert_int_equal(s->dropped_full, 1);
	burst(1, 1000, 3);
	assert_int_equal(s->stored, RING + 3);
	assert_int_equal(s->dropped_full, 1);
	assert_int_equal(s->dropped_contended, 0);
	assert_int_equal(s->hidden_by_wrap, 0);
	/* CPU 0's ring oldest first, then CPU 1's */
	assert_int_equal(peek(), RING + 3);
	for (i = 0; i < RING; i++) {
		assert_int_equal(report_index(&peeked[i]), i);
		assert_int_equal(peeked[i].cpu, 0);
	}
	for (i = 0; i < 3; i++) {
		assert_int_equal(report_index(&peeked[RING + i]), 1000 + i);
		assert_int_equal(peeked[RING + i].cpu, 1);
	}

	/* a kdamond read drains both rings; CPU 0 takes reports again */
	run("kdamond", drain_task, &nr_accesses);
	assert_int_equal(nr_accesses, 1);
	assert_int_equal(s->counted, 1);
	assert_int_equal(peek(), 0);
	burst(0, 2000, RING);
	assert_int_equal(s->dropped_full, 1);
	assert_int_equal(peek(), RING);
	assert_int_equal(report_index(&peeked[0]), 2000);
	shutdown();
}

/* The selection survives boots; each boot starts the sink empty. */
static void test_select_survives_boot(void **state)
{
	const struct faultsim_report_stats *s;

	boot(FAULTSIM_SINK_PERCPU_RING);
	burst(2, 0, 5);
	assert_int_equal(peek(), 5);
	machine_destroy();
	assert_int_equal(model_boot(2, 2, 1024), 0);
	s = faultsim_report_sink_stats();
	assert_int_equal(s->reported, 0);
	assert_int_equal(s->stored, 0);
	assert_int_equal(peek(), 0);
	burst(2, 0, RING + 1);
	assert_int_equal(s->dropped_full, 1);
	shutdown();
}

/* ---- time window ---- */

struct window {
	unsigned int nr_accesses[4];
	unsigned int counted[4];
	unsigned int peeked_after;
};

#define SAMPLE_US 5000	/* damon_new_ctx()'s default */

/*
 * usecs_to_jiffies(5000) is 2 at HZ=250: a report stamped J is fresh
 * until J + 2 and stale from J + 3.  The global array keeps it, so it
 * counts at J, again at J + 2, and not at J + 3.
 */
static int window_global_task(void *arg)
{
	struct window *o = arg;
	const unsigned long b[] = { BASE, BASE + 16 * PAGE_SIZE };
	struct damon_ctx *ctx = new_ctx(DAMON_OPS_PADDR);
	static const int waits[] = { 0, 2, 1 };
	int i;

	if (!ctx || !add_target(ctx, 0, b, 1) ||
	    ctx->attrs.sample_interval != SAMPLE_US)
		goto out;
	report_one(0, BASE, PAGE_SIZE);
	for (i = 0; i < 3; i++) {
		if (waits[i])
			schedule_timeout_uninterruptible(waits[i]);
		faultsim_check_reported_accesses(ctx);
		o->nr_accesses[i] = nth_region(ctx, 0, 0)->nr_accesses;
		o->counted[i] = faultsim_report_sink_stats()->counted;
	}
	o->peeked_after = faultsim_report_sink_peek(NULL, 0);
out:
	destroy_ctx(ctx);
	return 0;
}

static void test_window_global(void **state)
{
	struct window o = { 0 };

	boot(FAULTSIM_SINK_GLOBAL_ARRAY);
	run("kdamond", window_global_task, &o);
	assert_int_equal(o.nr_accesses[0], 1);	/* at J */
	assert_int_equal(o.nr_accesses[1], 2);	/* J + 2: still fresh */
	assert_int_equal(o.nr_accesses[2], 2);	/* J + 3: stale */
	assert_int_equal(o.counted[2], 2);
	assert_int_equal(o.peeked_after, 1);	/* never consumed */
	shutdown();
}

/*
 * The ring is drained each read: a report older than one sample (here
 * J + 3) is drained without counting; one read at J + 2 counts.
 */
static int window_ring_task(void *arg)
{
	struct window *o = arg;
	const unsigned long b[] = { BASE, BASE + 16 * PAGE_SIZE };
	struct damon_ctx *ctx = new_ctx(DAMON_OPS_PADDR);

	if (!ctx || !add_target(ctx, 0, b, 1))
		goto out;
	report_one(0, BASE, PAGE_SIZE);
	schedule_timeout_uninterruptible(3);
	faultsim_check_reported_accesses(ctx);
	o->nr_accesses[0] = nth_region(ctx, 0, 0)->nr_accesses;
	o->counted[0] = faultsim_report_sink_stats()->counted;
	o->peeked_after = faultsim_report_sink_peek(NULL, 0);
	report_one(0, BASE, PAGE_SIZE);
	schedule_timeout_uninterruptible(2);
	faultsim_check_reported_accesses(ctx);
	o->nr_accesses[1] = nth_region(ctx, 0, 0)->nr_accesses;
	o->counted[1] = faultsim_report_sink_stats()->counted;
	/* drained: the next sample has nothing */
	faultsim_check_reported_accesses(ctx);
	o->nr_accesses[2] = nth_region(ctx, 0, 0)->nr_accesses;
out:
	destroy_ctx(ctx);
	return 0;
}

static void test_window_ring(void **state)
{
	struct window o = { 0 };

	boot(FAULTSIM_SINK_PERCPU_RING);
	run("kdamond", window_ring_task, &o);
	assert_int_equal(o.nr_accesses[0], 0);
	assert_int_equal(o.counted[0], 0);
	assert_int_equal(o.peeked_after, 0);
	assert_int_equal(o.nr_accesses[1], 1);
	assert_int_equal(o.counted[1], 1);
	assert_int_equal(o.nr_accesses[2], 1);
	shutdown();
}

/* ---- containment, for both sinks ---- */

#define R0 0x100000UL
#define R1 0x200000UL
#define R2 0x300000UL

struct contain {
	unsigned int acc[2][2];		/* [sample][region] */
	unsigned int bp[2];		/* nr_accesses_bp after sample 1 */
	unsigned int max_ret[2];
	uint64_t counted[2];
};

/*
 * Sample 1: a report straddling R0/R1, and one page inside R0 reported
 * five times.  Sample 2: the last page of R1 (end == region end).
 * The ring drains at each read, so sample 2 sees only its own report;
 * the array still holds sample 1's, which count again (fresh).
 */
static int contain_task(void *arg)
{
	struct contain *o = arg;
	const unsigned long b[] = { R0, R1, R2 };
	struct damon_ctx *ctx = new_ctx(DAMON_OPS_PADDR);
	int i;

	if (!ctx || !add_target(ctx, 0, b, 2))
		goto out;
	/*
	 * As after an aggregation with 20 of 20 samples accessed, so the
	 * moving sum shows each region's sample: accessed keeps it at
	 * 200000, not accessed takes one twentieth off (190000).
	 */
	for (i = 0; i < 2; i++) {
		nth_region(ctx, 0, i)->last_nr_accesses = 20;
		nth_region(ctx, 0, i)->nr_accesses_bp = 200000;
	}
	report_one(0, R1 - PAGE_SIZE, 2 * PAGE_SIZE);
	for (i = 0; i < 5; i++)
		report_one(0, R0 + 0x50000, PAGE_SIZE);
	o->max_ret[0] = faultsim_check_reported_accesses(ctx);
	snap(ctx, o->acc[0], 2);
	for (i = 0; i < 2; i++)
		o->bp[i] = nth_region(ctx, 0, i)->nr_accesses_bp;
	o->counted[0] = faultsim_report_sink_stats()->counted;
	report_one(0, R2 - PAGE_SIZE, PAGE_SIZE);
	o->max_ret[1] = faultsim_check_reported_accesses(ctx);
	snap(ctx, o->acc[1], 2);
	o->counted[1] = faultsim_report_sink_stats()->counted;
out:
	destroy_ctx(ctx);
	return 0;
}

static void test_containment(void **state)
{
	enum faultsim_report_sink_kind kind = (uintptr_t)*state;
	struct contain o = { 0 };

	boot(kind);
	run("kdamond", contain_task, &o);
	/* straddler: neither; five inside R0: +1 once */
	assert_int_equal(o.acc[0][0], 1);
	assert_int_equal(o.acc[0][1], 0);
	assert_int_equal(o.max_ret[0], 1);
	/* the zero pass gave R1 its sample without access */
	assert_int_equal(o.bp[0], 200000);
	assert_int_equal(o.bp[1], 190000);
	assert_int_equal(o.counted[0], 1);
	assert_int_equal(faultsim_report_sink_stats()->reported, 7);
	/* sample 2: R1's last page counts */
	assert_int_equal(o.acc[1][1], 1);
	if (kind == FAULTSIM_SINK_GLOBAL_ARRAY) {
		assert_int_equal(o.acc[1][0], 2);	/* R0's again */
		assert_int_equal(o.max_ret[1], 2);
		assert_int_equal(o.counted[1], 3);
	} else {
		assert_int_equal(o.acc[1][0], 1);	/* drained */
		assert_int_equal(o.max_ret[1], 1);
		assert_int_equal(o.counted[1], 2);
	}
	shutdown();
}

/* ---- virtual vs physical eligibility, for both sinks ---- */

#define TGID 42
#define OTHER 43

struct elig {
	unsigned int vacc[9];	/* targets pid 42, pid 43, no pid */
	unsigned int pacc[3];
	uint64_t counted;
};

/* A: pid 42's at R1; B: pid 43's at R0; C: physical at R2. */
static void report_abc(void)
{
	report_one(TGID, R1, PAGE_SIZE);
	report_one(OTHER, R0, PAGE_SIZE);
	report_one(0, R2, PAGE_SIZE);
}

static int elig_task(void *arg)
{
	struct elig *o = arg;
	const unsigned long b[] = { R0, R1, R2, R2 + 0x100000 };
	struct damon_ctx *v = new_ctx(DAMON_OPS_VADDR);
	struct damon_ctx *p = new_ctx(DAMON_OPS_PADDR);

	if (!v || !p || !add_target(v, TGID, b, 3) ||
	    !add_target(v, OTHER, b, 3) || !add_target(v, 0, b, 3) ||
	    !add_target(p, 0, b, 3))
		goto out;
	/* the ring drains at each read: report before each ctx's read */
	report_abc();
	faultsim_check_reported_accesses(v);
	report_abc();
	faultsim_check_reported_accesses(p);
	snap(v, o->vacc, 9);
	snap(p, o->pacc, 3);
	o->counted = faultsim_report_sink_stats()->counted;
out:
	destroy_ctx(v);
	destroy_ctx(p);
	return 0;
}

static void test_eligibility(void **state)
{
	enum faultsim_report_sink_kind kind = (uintptr_t)*state;
	static const unsigned int vexp[9] = {
		0, 1, 0,	/* pid 42: A only */
		1, 0, 0,	/* pid 43: B only */
		0, 0, 0,	/* no pid: nothing, not even C */
	};
	static const unsigned int pexp[3] = { 0, 0, 1 };	/* C only */
	struct elig o = { 0 };
	int i;

	boot(kind);
	run("kdamond", elig_task, &o);
	for (i = 0; i < 9; i++)
		assert_int_equal(o.vacc[i], vexp[i]);
	for (i = 0; i < 3; i++)
		assert_int_equal(o.pacc[i], pexp[i]);
	/* A and B in v; C in p (the array's second A..C add nothing) */
	assert_int_equal(o.counted, 3);
	shutdown();
}

/* ---- a real kdamond reading reports ---- */

#define NR_AGGR 3
#define HOT (BASE + 300 * PAGE_SIZE)

struct e2e {
	int nr_snaps;
	int hot_regions[NR_AGGR + 1];	/* regions with nr_accesses > 0 */
	unsigned int hot_acc[NR_AGGR + 1];
	bool hot_contains[NR_AGGR + 1];
	int err;
	bool stop;
};

static struct e2e *e2e;

static void e2e_init(struct damon_ctx *ctx)
{
	struct damon_target *t;
	struct damon_region *r;

	damon_for_each_target(t, ctx) {
		r = damon_new_region(BASE, BASE + 1024 * PAGE_SIZE);
		if (r)
			damon_add_region(r, t);
	}
}

static int e2e_after_aggregation(struct damon_ctx *ctx)
{
	struct damon_target *t;
	struct damon_region *r;
	int i = e2e->nr_snaps;

	if (i > NR_AGGR)
		return 0;
	e2e->nr_snaps++;
	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t) {
			if (!r->nr_accesses)
				continue;
			e2e->hot_regions[i]++;
			e2e->hot_acc[i] = r->nr_accesses;
			e2e->hot_contains[i] = r->ar.start <= HOT &&
					       HOT < r->ar.end;
		}
	}
	return 0;
}

/* one page of HOT every millisecond from CPU 1, until told to stop */
static int hot_reporter(void *arg)
{
	current->cpu = 1;
	while (!READ_ONCE(e2e->stop)) {
		report_one(0, HOT, PAGE_SIZE);
		usleep_range(1000, 1000);
	}
	return 0;
}

static int e2e_task(void *arg)
{
	struct damon_attrs attrs = {
		.sample_interval = 5000,
		.aggr_interval = 100000,
		.ops_update_interval = 1000000,
		.min_nr_regions = 10,
		.max_nr_regions = 100,
	};
	struct damon_ctx *ctx = damon_new_ctx();

	current->cpu = 0;
	if (!ctx) {
		e2e->err = -ENOMEM;
		goto out;
	}
	e2e->err = damon_set_attrs(ctx, &attrs);
	if (e2e->err)
		goto out;
	ctx->ops = (struct damon_operations){
		.id = DAMON_OPS_PADDR,
		.init = e2e_init,
		.check_accesses = faultsim_check_reported_accesses,
	};
	ctx->callback.after_aggregation = e2e_after_aggregation;
	if (!add_target(ctx, 0, NULL, 0)) {
		e2e->err = -ENOMEM;
		goto out;
	}
	kshim_spawn("reporter", hot_reporter, NULL);
	e2e->err = damon_start(&ctx, 1, true);
	if (e2e->err)
		goto out;
	msleep(NR_AGGR * 100 + 50);
	e2e->err = damon_stop(&ctx, 1);
out:
	WRITE_ONCE(e2e->stop, true);
	destroy_ctx(ctx);
	return 0;
}

/*
 * Every sample sees a fresh report of HOT, so after the first
 * aggregation exactly one region (the one holding HOT) has an access in
 * each of the aggregation's 20 samples, and every other region none.
 */
static void test_kdamond_reads_reports(void **state)
{
	enum faultsim_report_sink_kind kind = (uintptr_t)*state;
	struct e2e o = { 0 };
	int i;

	e2e = &o;
	boot(kind);
	run("test", e2e_task, NULL);
	assert_int_equal(o.err, 0);
	assert_true(o.nr_snaps >= NR_AGGR);
	for (i = 1; i < NR_AGGR; i++) {
		assert_int_equal(o.hot_regions[i], 1);
		assert_true(o.hot_contains[i]);
		assert_int_equal(o.hot_acc[i], 100000 / 5000);
	}
	assert_true(faultsim_report_sink_stats()->counted > 0);
	assert_int_equal(faultsim_report_sink_stats()->dropped_contended, 0);
	e2e = NULL;
	shutdown();
}

/* @fn once per sink, named fn/<sink> */
#define BOTH(fn)                                                           \
	{ #fn "/global-array", fn, NULL, NULL,                              \
	  (void *)(uintptr_t)FAULTSIM_SINK_GLOBAL_ARRAY },                     \
	{ #fn "/percpu-ring", fn, NULL, NULL,                               \
	  (void *)(uintptr_t)FAULTSIM_SINK_PERCPU_RING }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_global_names),
		cmocka_unit_test(test_global_1000_all_hidden),
		cmocka_unit_test(test_global_1001_last_visible),
		cmocka_unit_test(test_global_2500_two_wraps),
		cmocka_unit_test(test_global_wrap_hides_only_unread),
		cmocka_unit_test(test_global_trylock_contention_drops),
		cmocka_unit_test(test_ring_full_drops_per_cpu),
		cmocka_unit_test(test_select_survives_boot),
		cmocka_unit_test(test_window_global),
		cmocka_unit_test(test_window_ring),
		BOTH(test_containment),
		BOTH(test_eligibility),
		BOTH(test_kdamond_reads_reports),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

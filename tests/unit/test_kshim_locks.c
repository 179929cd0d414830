// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mutexes, spinlocks and completions of kshim/src/locks.c on simulated
 * threads: exclusion under a preempt-at-every-point schedule, trylock,
 * the DEBUG_MUTEXES/lockdep WARNs, ABBA deadlock detection, and the
 * completion counting rules of kernel/sched/completion.c.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/err.h>
#include <kshim/kshim.h>
#include "kshim_test_util.h"

/* Tasks that never exit keep their task_struct; referencing them from
 * here keeps LeakSanitizer quiet about it. */
static struct task_struct *stuck_tasks[128];
static int nr_stuck;

static struct task_struct *spawn(const char *name, int (*fn)(void *),
				 void *arg)
{
	struct task_struct *t = kshim_spawn(name, fn, arg);

	assert_false(IS_ERR_OR_NULL(t));
	if (nr_stuck < 128)
		stuck_tasks[nr_stuck++] = t;
	return t;
}

static int setup(void **state)
{
	return kt_boot(1) == SIM_RUN_DONE ? 0 : -1;
}

static int preempt_calls;

static bool preempt_always(enum sim_point_kind kind, const void *obj,
			   void *priv)
{
	preempt_calls++;
	return true;
}

/* ---- exclusion under preempt-at-every-point ---- */

enum lock_kind { USE_MUTEX, USE_SPIN, USE_NONE };

static struct {
	enum lock_kind kind;
	struct mutex m;
	spinlock_t s;
	int inside;		/* threads inside the critical section */
	int max_inside;
	long counter;
	int contended;		/* found the lock held on arrival */
} ex;

#define EX_THREADS 3
#define EX_ITERS 40

static int exclusion_fn(void *arg)
{
	long tmp;
	int i;

	for (i = 0; i < EX_ITERS; i++) {
		if (ex.kind == USE_MUTEX) {
			ex.contended += mutex_is_locked(&ex.m);
			mutex_lock(&ex.m);
		} else if (ex.kind == USE_SPIN) {
			ex.contended += spin_is_locked(&ex.s);
			spin_lock(&ex.s);
		}
		ex.inside++;
		if (ex.inside > ex.max_inside)
			ex.max_inside = ex.inside;
		tmp = ex.counter;
		sim_point(SIM_PT_YIELD, &ex);	/* preempted in here */
		ex.counter = tmp + 1;
		ex.inside--;
		if (ex.kind == USE_MUTEX)
			mutex_unlock(&ex.m);
		else if (ex.kind == USE_SPIN)
			spin_unlock(&ex.s);
	}
	return 0;
}

static void run_exclusion(enum lock_kind kind)
{
	int i;

	memset(&ex, 0, sizeof(ex));
	ex.kind = kind;
	mutex_init(&ex.m);
	spin_lock_init(&ex.s);
	preempt_calls = 0;
	sim_set_preempt(preempt_always, NULL);
	for (i = 0; i < EX_THREADS; i++)
		spawn("worker", exclusion_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	sim_set_preempt(NULL, NULL);
	assert_int_equal(sim_findings_count(), 0);
}

/* The harness itself: without a lock, the preemption does interleave. */
static void test_no_lock_interleaves(void **state)
{
	run_exclusion(USE_NONE);
	assert_true(ex.max_inside > 1);
	assert_true(ex.counter < EX_THREADS * EX_ITERS);
}

static void test_mutex_excludes(void **state)
{
	run_exclusion(USE_MUTEX);
	assert_int_equal(ex.max_inside, 1);
	assert_int_equal(ex.counter, EX_THREADS * EX_ITERS);
	assert_true(ex.contended > 0);
	assert_true(preempt_calls > EX_THREADS * EX_ITERS);
	assert_false(mutex_is_locked(&ex.m));
	assert_null(ex.m.wait.head);
}

static void test_spinlock_excludes(void **state)
{
	run_exclusion(USE_SPIN);
	assert_int_equal(ex.max_inside, 1);
	assert_int_equal(ex.counter, EX_THREADS * EX_ITERS);
	assert_true(ex.contended > 0);
	assert_false(spin_is_locked(&ex.s));
}

/* ---- trylock ---- */

static DEFINE_MUTEX(tl_mutex);
static DEFINE_SPINLOCK(tl_spin);
static struct completion held, probed, released;
static int tl_res[8];

static int holder_fn(void *arg)
{
	mutex_lock(&tl_mutex);
	spin_lock(&tl_spin);
	tl_res[0] = mutex_trylock(&tl_mutex);	/* not recursive */
	tl_res[1] = spin_trylock(&tl_spin);
	complete(&held);
	wait_for_completion(&probed);
	spin_unlock(&tl_spin);
	mutex_unlock(&tl_mutex);
	complete(&released);
	return 0;
}

static int prober_fn(void *arg)
{
	wait_for_completion(&held);
	tl_res[2] = mutex_trylock(&tl_mutex);
	tl_res[3] = spin_trylock(&tl_spin);
	complete(&probed);
	wait_for_completion(&released);
	tl_res[4] = mutex_trylock(&tl_mutex);
	tl_res[5] = spin_trylock(&tl_spin);
	tl_res[6] = mutex_is_locked(&tl_mutex);
	spin_unlock(&tl_spin);
	mutex_unlock(&tl_mutex);
	tl_res[7] = mutex_is_locked(&tl_mutex);
	return 0;
}

static void test_trylock(void **state)
{
	init_completion(&held);
	init_completion(&probed);
	init_completion(&released);
	spawn("holder", holder_fn, NULL);
	spawn("prober", prober_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(tl_res[0], 0);
	assert_int_equal(tl_res[1], 0);
	assert_int_equal(tl_res[2], 0);
	assert_int_equal(tl_res[3], 0);
	assert_int_equal(tl_res[4], 1);
	assert_int_equal(tl_res[5], 1);
	assert_int_equal(tl_res[6], 1);
	assert_int_equal(tl_res[7], 0);
	assert_int_equal(sim_findings_count(), 0);
}

/* ---- WARNs ---- */

static DEFINE_MUTEX(w_mutex);
static struct completion w_locked;

static int owner_fn(void *arg)
{
	mutex_lock(&w_mutex);
	complete(&w_locked);
	return 0;	/* exits holding it */
}

static int thief_fn(void *arg)
{
	wait_for_completion(&w_locked);
	mutex_unlock(&w_mutex);
	return 0;
}

static void test_unlock_not_owner_warns(void **state)
{
	int i;

	mutex_init(&w_mutex);
	init_completion(&w_locked);
	spawn("owner", owner_fn, NULL);
	spawn("thief", thief_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(kt_findings_of(SIM_FINDING_WARN), 1);
	i = kt_find(SIM_FINDING_WARN, "owner");
	assert_true(i >= 0);
	assert_string_equal(sim_finding_get(i)->thread, "thief");
}

static int unlock_unlocked_fn(void *arg)
{
	spin_unlock(&tl_spin);
	return 0;
}

static void test_unlock_unlocked_spin_warns(void **state)
{
	spin_lock_init(&tl_spin);
	spawn("u", unlock_unlocked_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(kt_findings_of(SIM_FINDING_WARN), 1);
}

static int lockdep_fn(void *arg)
{
	lockdep_assert_held(&w_mutex);		/* not held: WARN */
	mutex_lock(&w_mutex);
	lockdep_assert_held(&w_mutex);		/* held: quiet */
	mutex_unlock(&w_mutex);
	return 0;
}

static int lockdep_other_fn(void *arg)
{
	wait_for_completion(&w_locked);
	lockdep_assert_held(&w_mutex);	/* held, but by someone else */
	return 0;
}

static void test_lockdep_assert_held(void **state)
{
	int i;

	mutex_init(&w_mutex);
	spawn("ld", lockdep_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 1);
	assert_int_equal(sim_finding_get(0)->kind, SIM_FINDING_WARN);
	assert_non_null(strstr(sim_finding_get(0)->msg, "held"));

	/* held by another thread is not held by current */
	assert_int_equal(kt_boot(2), SIM_RUN_DONE);
	mutex_init(&w_mutex);
	init_completion(&w_locked);
	spawn("owner", owner_fn, NULL);
	spawn("other", lockdep_other_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	i = kt_find(SIM_FINDING_WARN, NULL);
	assert_true(i >= 0);
	assert_string_equal(sim_finding_get(i)->thread, "other");
}

static void test_mutex_destroy_locked_warns(void **state)
{
	mutex_init(&w_mutex);
	init_completion(&w_locked);
	spawn("owner", owner_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);
	mutex_destroy(&w_mutex);
	assert_int_equal(kt_findings_of(SIM_FINDING_WARN), 1);
}

/* ---- ABBA ---- */

static DEFINE_MUTEX(lock_a);
static DEFINE_MUTEX(lock_b);
static int abba_done;

static int ab_fn(void *arg)
{
	mutex_lock(&lock_a);
	msleep(1);		/* let ba take b */
	mutex_lock(&lock_b);
	abba_done++;
	mutex_unlock(&lock_b);
	mutex_unlock(&lock_a);
	return 0;
}

static int ba_fn(void *arg)
{
	mutex_lock(&lock_b);
	mutex_lock(&lock_a);
	abba_done++;
	mutex_unlock(&lock_a);
	mutex_unlock(&lock_b);
	return 0;
}

static void test_abba_deadlock(void **state)
{
	int i;

	mutex_init(&lock_a);
	mutex_init(&lock_b);
	abba_done = 0;
	spawn("ab", ab_fn, NULL);
	spawn("ba", ba_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DEADLOCK);
	assert_int_equal(abba_done, 0);
	assert_int_equal(kt_findings_of(SIM_FINDING_DEADLOCK), 1);
	i = kt_find(SIM_FINDING_DEADLOCK, "ab waits");
	assert_true(i >= 0);
	assert_non_null(strstr(sim_finding_get(i)->msg, "ba waits"));
}

/* Same order in both threads: no deadlock (control). */
static int ab2_fn(void *arg)
{
	mutex_lock(&lock_a);
	msleep(1);
	mutex_lock(&lock_b);
	abba_done++;
	mutex_unlock(&lock_b);
	mutex_unlock(&lock_a);
	return 0;
}

static void test_same_order_no_deadlock(void **state)
{
	mutex_init(&lock_a);
	mutex_init(&lock_b);
	abba_done = 0;
	spawn("ab", ab_fn, NULL);
	spawn("ab2", ab2_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(abba_done, 2);
	assert_int_equal(sim_findings_count(), 0);
}

/* ---- completions ---- */

static struct completion cmp;
static struct {
	int passed;
	uint64_t passed_at[4];
	uint64_t completed_at;
	int completer_done;
	unsigned int done_after;
	bool try_results[4];
} cr;

static int cmp_waiter_fn(void *arg)
{
	wait_for_completion(&cmp);
	cr.passed_at[cr.passed++] = sim_now_ns();
	return 0;
}

static int cmp_completer_fn(void *arg)
{
	msleep(10);
	cr.completed_at = sim_now_ns();
	if (arg)
		complete_all(&cmp);
	else
		complete(&cmp);
	cr.completer_done = 1;
	return 0;
}

static void test_wait_blocks_until_complete(void **state)
{
	memset(&cr, 0, sizeof(cr));
	init_completion(&cmp);
	spawn("waiter", cmp_waiter_fn, NULL);
	spawn("completer", cmp_completer_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(cr.passed, 1);
	assert_true(cr.completed_at > 0);
	assert_int_equal(cr.passed_at[0], cr.completed_at);
	assert_int_equal(cmp.done, 0);	/* consumed */
}

/* complete() lets one waiter through; the other stays (deadlock). */
static void test_complete_wakes_one(void **state)
{
	memset(&cr, 0, sizeof(cr));
	init_completion(&cmp);
	spawn("w1", cmp_waiter_fn, NULL);
	spawn("w2", cmp_waiter_fn, NULL);
	spawn("completer", cmp_completer_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DEADLOCK);
	assert_int_equal(cr.passed, 1);
	assert_true(kt_find(SIM_FINDING_DEADLOCK, "w2 waits") >= 0);
}

static void test_complete_all(void **state)
{
	int i;

	memset(&cr, 0, sizeof(cr));
	init_completion(&cmp);
	spawn("w1", cmp_waiter_fn, NULL);
	spawn("w2", cmp_waiter_fn, NULL);
	spawn("w3", cmp_waiter_fn, NULL);
	spawn("completer", cmp_completer_fn, (void *)1);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(cr.passed, 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(cr.passed_at[i], cr.completed_at);
	assert_int_equal(cmp.done, UINT_MAX);
	assert_true(completion_done(&cmp));
	/* later waiters pass at once, and done stays UINT_MAX */
	spawn("late", cmp_waiter_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(cr.passed, 4);
	assert_int_equal(cmp.done, UINT_MAX);
	/* and complete() does not overflow it */
	complete(&cmp);
	assert_int_equal(cmp.done, UINT_MAX);
	reinit_completion(&cmp);
	assert_false(completion_done(&cmp));
}

static int counting_fn(void *arg)
{
	complete(&cmp);
	complete(&cmp);
	cr.done_after = cmp.done;
	cr.try_results[0] = try_wait_for_completion(&cmp);
	wait_for_completion(&cmp);	/* the second one: no block */
	cr.try_results[1] = try_wait_for_completion(&cmp);
	cr.passed = 1;
	return 0;
}

static void test_complete_counts(void **state)
{
	memset(&cr, 0, sizeof(cr));
	init_completion(&cmp);
	spawn("counter", counting_fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(cr.done_after, 2);
	assert_true(cr.try_results[0]);
	assert_false(cr.try_results[1]);
	assert_int_equal(cr.passed, 1);
	assert_int_equal(cmp.done, 0);
	assert_int_equal(sim_now_ns(), 0);	/* never slept */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_no_lock_interleaves, setup),
		cmocka_unit_test_setup(test_mutex_excludes, setup),
		cmocka_unit_test_setup(test_spinlock_excludes, setup),
		cmocka_unit_test_setup(test_trylock, setup),
		cmocka_unit_test_setup(test_unlock_not_owner_warns, setup),
		cmocka_unit_test_setup(test_unlock_unlocked_spin_warns, setup),
		cmocka_unit_test_setup(test_lockdep_assert_held, setup),
		cmocka_unit_test_setup(test_mutex_destroy_locked_warns, setup),
		cmocka_unit_test_setup(test_abba_deadlock, setup),
		cmocka_unit_test_setup(test_same_order_no_deadlock, setup),
		cmocka_unit_test_setup(test_wait_blocks_until_complete, setup),
		cmocka_unit_test_setup(test_complete_wakes_one, setup),
		cmocka_unit_test_setup(test_complete_all, setup),
		cmocka_unit_test_setup(test_complete_counts, setup),
	};

	return cmocka_run_group_tests_name("kshim.locks", tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tasks and kthreads (kshim/src/task.c) against kernel/kthread.c's
 * (6.12) contracts: kthread_stop() returns threadfn's result and makes
 * kthread_should_stop() true, reference counting frees the task, a
 * kthread stopped before it ever ran never runs threadfn.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <kshim/kshim.h>
#include "kshim_test_util.h"

static struct {
	int loops;
	bool saw_stop;
	bool ran;
	int stop_ret;
	long live_before, live_after, live_mid;
	char comm[TASK_COMM_LEN];
	unsigned int flags;
	pid_t pid, parent_pid;
	int wake_ret;
	int usage_mid;
	bool is_kthread_parent;
} r;

static int setup(void **state)
{
	memset(&r, 0, sizeof(r));
	return kt_boot(1) == SIM_RUN_DONE ? 0 : -1;
}

static int looping_fn(void *data)
{
	r.ran = true;
	r.flags = current->flags;
	memcpy(r.comm, current->comm, TASK_COMM_LEN);
	r.pid = current->pid;
	while (!kthread_should_stop()) {
		r.loops++;
		schedule_timeout_idle(1);
	}
	r.saw_stop = true;
	return 42;
}

static int stopper_fn(void *arg)
{
	struct task_struct *k;

	r.parent_pid = current->pid;
	r.is_kthread_parent = current->flags & PF_KTHREAD;
	r.live_before = kshim_slab_live_objects();
	k = kthread_run(looping_fn, NULL, "kd%d", 7);
	if (IS_ERR(k))
		return 1;
	msleep(20);
	r.stop_ret = kthread_stop(k);
	r.live_after = kshim_slab_live_objects();
	return 0;
}

static void test_kthread_stop_returns_result(void **state)
{
	assert_int_equal(kt_spawn_run("parent", stopper_fn, NULL, UINT64_MAX),
			 SIM_RUN_DONE);
	assert_true(r.ran);
	assert_true(r.loops >= 5);	/* 24 ms of 1-tick sleeps */
	assert_true(r.saw_stop);
	assert_int_equal(r.stop_ret, 42);
	assert_string_equal(r.comm, "kd7");
	assert_true(r.flags & PF_KTHREAD);
	assert_false(r.is_kthread_parent);	/* kshim_spawn: a user task */
	assert_true(r.pid > r.parent_pid);
	assert_int_equal(r.live_after, r.live_before);
	assert_int_equal(sim_findings_count(), 0);
}

static int quick_fn(void *data)
{
	r.ran = true;
	return 5;	/* exits on its own, never asked to stop */
}

static int stop_put_fn(void *arg)
{
	struct task_struct *k;

	r.live_before = kshim_slab_live_objects();
	k = kthread_run(quick_fn, NULL, "quick");
	if (IS_ERR(k))
		return 1;
	get_task_struct(k);
	msleep(10);	/* it has exited by now; our reference keeps it */
	r.live_mid = kshim_slab_live_objects();
	r.usage_mid = refcount_read(&k->usage);
	memcpy(r.comm, k->comm, TASK_COMM_LEN);
	r.wake_ret = wake_up_process(k);
	r.stop_ret = kthread_stop_put(k);
	r.live_after = kshim_slab_live_objects();
	return 0;
}

static void test_kthread_stop_put_frees(void **state)
{
	assert_int_equal(kt_spawn_run("parent", stop_put_fn, NULL, UINT64_MAX),
			 SIM_RUN_DONE);
	assert_true(r.ran);
	assert_int_equal(r.live_mid, r.live_before + 1);
	assert_int_equal(r.usage_mid, 1);
	assert_string_equal(r.comm, "quick");
	assert_int_equal(r.wake_ret, 0);	/* already exited */
	assert_int_equal(r.stop_ret, 5);
	assert_int_equal(r.live_after, r.live_before);
	assert_int_equal(kshim_slab_live_objects(), 0);
	assert_int_equal(sim_findings_count(), 0);
}

static int never_woken_fn(void *arg)
{
	struct task_struct *k;

	k = kthread_create(quick_fn, NULL, "sleepy");
	if (IS_ERR(k))
		return 1;
	r.stop_ret = kthread_stop(k);
	return 0;
}

/*
 * kernel/kthread.c:kthread(): a kthread stopped before its first
 * wake-up returns -EINTR without calling threadfn.
 */
static void test_kthread_stop_before_wakeup(void **state)
{
	assert_int_equal(kt_spawn_run("parent", never_woken_fn, NULL,
				      UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.stop_ret, -EINTR);
	assert_false(r.ran);
}

/* Never woken, never freed: kept reachable for LeakSanitizer. */
static struct task_struct *limbo;

static int unwoken_parent_fn(void *arg)
{
	limbo = kthread_create(quick_fn, NULL, "limbo");
	return IS_ERR(limbo);
}

/* kthread_create() alone does not run the thread. */
static void test_kthread_create_does_not_run(void **state)
{
	assert_int_equal(kt_spawn_run("parent", unwoken_parent_fn, NULL,
				      UINT64_MAX), SIM_RUN_DEADLOCK);
	assert_false(r.ran);
	assert_true(kt_find(SIM_FINDING_DEADLOCK, "limbo never woken") >= 0);
}

static int current_fn(void *arg)
{
	memcpy(r.comm, current->comm, TASK_COMM_LEN);
	r.pid = task_pid_nr(current);
	r.flags = current->flags;
	return 0;
}

static void test_current(void **state)
{
	/* outside any thread: init_task */
	assert_string_equal(current->comm, "swapper/0");
	assert_int_equal(current->pid, 0);
	assert_int_equal(kt_spawn_run("a-long-task-name-here", current_fn,
				      NULL, UINT64_MAX), SIM_RUN_DONE);
	/* truncated to TASK_COMM_LEN - 1, as the kernel does */
	assert_string_equal(r.comm, "a-long-task-nam");
	assert_int_equal(r.pid, 2);	/* swapper/0 of the boot was 1 */
	assert_false(r.flags & PF_KTHREAD);
	/* a new boot restarts pids */
	assert_int_equal(kt_boot(1), SIM_RUN_DONE);
	assert_int_equal(kt_spawn_run("b", current_fn, NULL, UINT64_MAX),
			 SIM_RUN_DONE);
	assert_int_equal(r.pid, 2);
}

static void test_spawned_task_freed_on_exit(void **state)
{
	long before = kshim_slab_live_objects();

	assert_false(IS_ERR_OR_NULL(kshim_spawn("t", current_fn, NULL)));
	assert_int_equal(kshim_slab_live_objects(), before + 1);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(kshim_slab_live_objects(), before);
}

static void test_spawn_enomem(void **state)
{
	struct task_struct *t;

	kshim_slab_fail_nth(1);
	t = kshim_spawn("t", current_fn, NULL);
	assert_true(IS_ERR(t));
	assert_int_equal(PTR_ERR(t), -ENOMEM);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.pid, 0);	/* never ran */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_kthread_stop_returns_result, setup),
		cmocka_unit_test_setup(test_kthread_stop_put_frees, setup),
		cmocka_unit_test_setup(test_kthread_stop_before_wakeup, setup),
		cmocka_unit_test_setup(test_kthread_create_does_not_run, setup),
		cmocka_unit_test_setup(test_current, setup),
		cmocka_unit_test_setup(test_spawned_task_freed_on_exit, setup),
		cmocka_unit_test_setup(test_spawn_enomem, setup),
	};

	return cmocka_run_group_tests_name("kshim.task", tests, NULL, NULL);
}

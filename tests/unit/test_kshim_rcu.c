// SPDX-License-Identifier: GPL-2.0-only
/*
 * kfree_rcu()'s grace period (kshim/src/rcu.c): an object queued while
 * a reader section is open, in any thread, is freed when the last open
 * section closes, not before; with none open it is freed at once.
 * Another thread's section holds the object across a scheduling point,
 * as kernel/sched/fair.c:task_numa_group() holds a numa group.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/delay.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <kshim/kshim.h>
#include "kshim_test_util.h"

struct obj {
	int v;
	struct rcu_head rcu;
};

static struct {
	long live[8];
	bool reader_done;
} r;

static int setup(void **state)
{
	memset(&r, 0, sizeof(r));
	return kt_boot(1) == SIM_RUN_DONE ? 0 : -1;
}

static int nested_fn(void *arg)
{
	struct obj *o = kmalloc(sizeof(*o), GFP_KERNEL);

	r.live[0] = kshim_slab_live_objects();
	kfree_rcu(o, rcu);		/* no reader: freed at once */
	r.live[1] = kshim_slab_live_objects();
	o = kmalloc(sizeof(*o), GFP_KERNEL);
	rcu_read_lock();
	rcu_read_lock();
	kfree_rcu(o, rcu);
	r.live[2] = kshim_slab_live_objects();
	rcu_read_unlock();		/* still one section open */
	r.live[3] = kshim_slab_live_objects();
	rcu_read_unlock();
	r.live[4] = kshim_slab_live_objects();
	return 0;
}

static void test_nested_sections(void **state)
{
	assert_int_equal(kt_spawn_run("t", nested_fn, NULL, UINT64_MAX),
			 SIM_RUN_DONE);
	assert_int_equal(r.live[1], r.live[0] - 1);
	assert_int_equal(r.live[2], r.live[1] + 1);
	assert_int_equal(r.live[3], r.live[2]);
	assert_int_equal(r.live[4], r.live[3] - 1);
}

static struct obj *shared;

/* holds the object in a section across a sleep (a scheduling point) */
static int reader_fn(void *arg)
{
	struct obj *o;

	rcu_read_lock();
	o = READ_ONCE(shared);
	msleep(10);
	r.live[5] = o->v;		/* still there */
	r.live[6] = kshim_slab_live_objects();
	rcu_read_unlock();
	r.live[7] = kshim_slab_live_objects();
	r.reader_done = true;
	return 0;
}

static int writer_fn(void *arg)
{
	struct obj *o = kmalloc(sizeof(*o), GFP_KERNEL);

	o->v = 42;
	WRITE_ONCE(shared, o);
	kshim_spawn("reader", reader_fn, NULL);
	msleep(5);			/* the reader is in its section */
	WRITE_ONCE(shared, NULL);
	r.live[0] = kshim_slab_live_objects();
	kfree_rcu(o, rcu);
	r.live[1] = kshim_slab_live_objects();
	while (!r.reader_done)
		msleep(5);
	return 0;
}

static void test_other_thread_reader(void **state)
{
	assert_int_equal(kt_spawn_run("w", writer_fn, NULL, UINT64_MAX),
			 SIM_RUN_DONE);
	assert_int_equal(r.live[1], r.live[0]);	/* kept for the reader */
	assert_int_equal(r.live[5], 42);
	/* freed at the reader's unlock, not before */
	assert_int_equal(r.live[6], r.live[1]);
	assert_int_equal(r.live[7], r.live[6] - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_nested_sections, setup),
		cmocka_unit_test_setup(test_other_thread_reader, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * RCU's grace period for kfree_rcu() (kernel/rcu/tree.c, 6.12, as far
 * as what the model needs): an object is freed once no reader section
 * that may have seen it is still open.  Reader sections may hold
 * scheduling points (an atomic, a lock), so another thread can drop the
 * last reference meanwhile: kernel/sched/fair.c:task_numa_group() takes
 * a reference on another task's numa group under rcu_read_lock() while
 * that task may be putting it.  One count of open sections over all
 * threads: an object queued while it is non-zero is freed when it next
 * drops to zero, later than the kernel may but never sooner.
 */
#include <linux/bug.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <kshim/kshim.h>
#include <kshim/sim.h>

static unsigned long readers;
static void **pending;		/* the objects waiting for a grace period */
static unsigned long nr_pending, cap_pending;

void kshim_rcu_reset(void)
{
	/* the previous run's objects went with the slab's reset */
	readers = 0;
	nr_pending = 0;
}

void kshim_rcu_read_lock(void)
{
	readers++;
}

void kshim_rcu_read_unlock(void)
{
	unsigned long i;

	WARN_ON_ONCE(!readers);
	if (!readers || --readers)
		return;
	for (i = 0; i < nr_pending; i++)
		kfree(pending[i]);
	nr_pending = 0;
}

void kshim_kfree_rcu(void *obj)
{
	if (!readers) {
		kfree(obj);
		return;
	}
	if (nr_pending == cap_pending)
		pending = sim_array_grow(pending, &cap_pending,
					 sizeof(*pending), 16,
					 "kfree_rcu()'s queue");
	pending[nr_pending++] = obj;
}

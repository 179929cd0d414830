// SPDX-License-Identifier: GPL-2.0-only
/*
 * The model's entry points into the NUMA-balancing scanner (see
 * numa_scan.h).  The scanner is the kernel's: task_tick_numa(),
 * task_numa_work(), init_numa_balancing() and the scan-period
 * arithmetic, extracted from kernel/sched/fair.c (6.12, the manifest's
 * unit sched_numa); what stands below its cut is mm/sched_numa.c.
 * Here: the task's runtime from the virtual clock, the sysctl writes,
 * and the scenario's forced scan.
 */
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/task_work.h>
#include <kshim/sim.h>
#include <kernel/sched/sched.h>
#include "mm_model/mm/numa_scan.h"

#ifdef CONFIG_NUMA_BALANCING
static unsigned int *const tunables[NR_NUMA_SCAN_TUNABLES] = {
	[NUMA_SCAN_DELAY_MS] = &sysctl_numa_balancing_scan_delay,
	[NUMA_SCAN_PERIOD_MIN_MS] = &sysctl_numa_balancing_scan_period_min,
	[NUMA_SCAN_PERIOD_MAX_MS] = &sysctl_numa_balancing_scan_period_max,
	[NUMA_SCAN_SIZE_MB] = &sysctl_numa_balancing_scan_size,
};
#else
/* no kernel.numa_balancing_scan_*: a write reaches nothing that reads it */
static unsigned int no_tunables[NR_NUMA_SCAN_TUNABLES];
static unsigned int *const tunables[NR_NUMA_SCAN_TUNABLES] = {
	&no_tunables[0], &no_tunables[1], &no_tunables[2], &no_tunables[3],
};
#endif

/*
 * The sysctls back to fair.c's initialisers (a new boot's values): the
 * first call, before any write, keeps them.
 */
void numa_scan_reset(void)
{
	static unsigned int boot[NR_NUMA_SCAN_TUNABLES];
	static bool kept;
	int i;

	for (i = 0; i < NR_NUMA_SCAN_TUNABLES; i++) {
		if (!kept)
			boot[i] = *tunables[i];
		*tunables[i] = boot[i];
	}
	kept = true;
}

/*
 * A write of debugfs sched/numa_balancing/@which (kernel/sched/debug.c:
 * debugfs_create_u32(), so any u32, no bound): one store, which the
 * scan's readers may race with.
 */
void numa_scan_tunable_write(enum numa_scan_tunable which, unsigned int val)
{
	BUG_ON((unsigned int)which >= NR_NUMA_SCAN_TUNABLES);
	sim_point(SIM_PT_WRITE_ONCE, tunables[which]);
	WRITE_ONCE(*tunables[which], val);
}

void numa_scan_force(struct task_struct *p)
{
	if (p->mm)
		WRITE_ONCE(p->mm->numa_next_scan, jiffies);
}

/*
 * kernel/sched/fair.c:update_curr() (6.12), the part the NUMA code
 * reads: the task has run since its runtime base (numa_scan.h).
 */
static void numa_scan_update_curr(struct task_struct *p)
{
	u64 now = sim_now_ns();

	p->se.sum_exec_runtime = now - p->kshim_runtime_base;
	p->se.exec_start = now;
}

void numa_scan_init_task(struct task_struct *p, enum numa_mm_start start)
{
	p->kshim_runtime_base = sim_now_ns();
	p->se.sum_exec_runtime = 0;
	p->se.exec_start = p->kshim_runtime_base;
#ifdef CONFIG_NUMA_BALANCING
	{
		struct mm_struct *mm = p->mm;
		bool thread = mm && atomic_read(&mm->mm_users) > 1;

		/* init_numa_balancing() reads current as the parent */
		WARN_ON_ONCE(thread && current != p && current->mm != mm);
		kfree(p->numa_faults);
		init_numa_balancing(thread ? CLONE_VM : 0, p);
		/* kernel/fork.c:mm_init(): a new mm's scan is not armed */
		if (mm && start == NUMA_MM_EXEC) {
			mm->numa_next_scan = 0;
			mm->numa_scan_seq = 0;
		}
	}
#endif
}

bool numa_scan_tick(struct task_struct *p)
{
#ifdef CONFIG_NUMA_BALANCING
	struct callback_head *queued = p->task_works;

	/* kernel/sched/fair.c:task_tick_fair() (6.12) */
	if (!static_branch_unlikely(&sched_numa_balancing))
		return false;
	numa_scan_update_curr(p);
	task_tick_numa(cpu_rq(task_cpu(p)), p);
	return p->task_works != queued;
#else
	return false;
#endif
}

/*
 * @p, current, runs on its CPU for @ns of virtual time.  The CPU ticks
 * every TICK_NSEC (kernel/time/tick-common.c, HZ of the kconfig) and the
 * tick calls task_tick_numa() on @p (numa_scan_tick()); work it queues
 * runs at the tick's return to user space (numa_scan_run(), as
 * exit_to_user_mode_loop() -> task_work_run()).  A tick changes nothing
 * while @p's runtime is at most node_stamp + numa_scan_period
 * (task_tick_numa()'s first test, on @p's own fields, which only @p
 * writes): the task sleeps over such ticks in one go, so the ticks that
 * matter are the only scheduling points the run adds.  With the
 * sched_numa_balancing key off, task_tick_fair() skips the NUMA tick
 * and node_stamp stands still: every tick is then a point, so that the
 * first one after a write turning the key on is the kernel's.
 */
void numa_scan_run_for(struct task_struct *p, u64 ns)
{
	u64 end = sim_now_ns() + ns;

	if (WARN_ON_ONCE(p != current))
		return;
	for (;;) {
		u64 now = sim_now_ns(), next;

		/* the first tick at which runtime > node_stamp + period */
		next = p->kshim_runtime_base + p->node_stamp +
		       (u64)p->numa_scan_period * NSEC_PER_MSEC + 1;
		next = max(next, now + 1);
		next = roundup(next, (u64)TICK_NSEC);
		if (next > end) {
			sim_sleep_until_ns(end);
			if (sim_now_ns() < end)
				continue;	/* woken early */
			return;
		}
		sim_sleep_until_ns(next);
		if (sim_now_ns() < next)
			continue;
		if (numa_scan_tick(p))
			numa_scan_run(p);
	}
}

void numa_scan_run(struct task_struct *p)
{
#ifdef CONFIG_NUMA_BALANCING
	/* task work is current's (task_numa_work()'s SCHED_WARN_ON) */
	if (WARN_ON_ONCE(p != current))
		return;
	numa_scan_update_curr(p);
	if (p->task_works)
		task_work_run();
	else
		task_numa_work(&p->numa_work);
#endif
}

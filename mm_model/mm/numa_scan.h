/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The NUMA-balancing PTE scanner, kernel/sched/fair.c's (6.12, the
 * manifest's unit sched_numa): the scheduler tick that queues it
 * (task_tick_numa()), the per-task setup at fork (init_numa_balancing())
 * and the task work itself (task_numa_work()), which walks the mm's VMAs
 * from mm->numa_scan_offset and calls the real change_prot_numa(); the
 * scan period adapts in task_numa_placement()/update_task_scan_period()
 * from the fault statistics of task_numa_fault().  These are the
 * model's entry points into it.
 *
 * Time: the model has no CPU accounting.  A task counts as running all
 * the time since numa_scan_init_task(): p->se.sum_exec_runtime is the
 * virtual clock's time since then, brought up to date (as update_curr()
 * would) before each tick and each run of the work.
 *
 * Without CONFIG_NUMA_BALANCING the kernel's tick hook is empty and
 * there is no task work: numa_scan_tick() returns false and the other
 * functions do nothing; the tunables are written to a store nothing
 * reads.
 */
#ifndef FAULTSIM_MM_MODEL_NUMA_SCAN_H
#define FAULTSIM_MM_MODEL_NUMA_SCAN_H

#include <stdbool.h>
#include <linux/types.h>

struct task_struct;

/* kernel/sched/fair.c: kernel.numa_balancing_scan_* (ms, ms, ms, MB) */
extern unsigned int sysctl_numa_balancing_scan_delay;		/* 1000 */
extern unsigned int sysctl_numa_balancing_scan_period_min;	/* 1000 */
extern unsigned int sysctl_numa_balancing_scan_period_max;	/* 60000 */
extern unsigned int sysctl_numa_balancing_scan_size;		/* 256 */

/* how the task's mm came to be */
enum numa_mm_start {
	NUMA_MM_FORK,	/* fork(): init_numa_balancing() arms the scan */
	NUMA_MM_EXEC,	/* execve(): mm_init()'s numa_next_scan == 0 */
};

/* debugfs sched/numa_balancing/'s files, as a scenario writes them */
enum numa_scan_tunable {
	NUMA_SCAN_DELAY_MS,
	NUMA_SCAN_PERIOD_MIN_MS,
	NUMA_SCAN_PERIOD_MAX_MS,
	NUMA_SCAN_SIZE_MB,
	NR_NUMA_SCAN_TUNABLES,
};
void numa_scan_tunable_write(enum numa_scan_tunable which, unsigned int val);

/* The sysctls back to the kernel defaults (machine_init()). */
void numa_scan_reset(void);

/*
 * kernel/sched/fair.c:init_numa_balancing() for a task @p whose mm is
 * set: with mm_users == 1 (a new process) the mm's numa_next_scan is
 * now + scan_delay and its numa_scan_seq 0; the task's period is
 * scan_delay, node_stamp 0, no preferred node.  With mm_users > 1 (a
 * new thread, CLONE_VM) the mm is left alone, the preferred node kept
 * and node_stamp staggered, from current as the parent: call it from
 * @p itself or from a task of the same mm.  NUMA_MM_EXEC then gives the
 * mm what a fresh exec'd mm has (kernel/fork.c:mm_init()):
 * numa_next_scan 0, so that the first task_numa_work() only arms it.
 * Also starts @p's runtime clock (see above).
 */
void numa_scan_init_task(struct task_struct *p, enum numa_mm_start start);

/*
 * One scheduler tick of running task @p: kernel/sched/fair.c:
 * task_tick_fair()'s static-key check and task_tick_numa().  Returns
 * true when it queues task_numa_work (task_work_add(TWA_RESUME)); the
 * work stays queued, and further ticks do nothing, until
 * numa_scan_run() runs it.
 */
bool numa_scan_tick(struct task_struct *p);

/*
 * Runs task_numa_work() for @p, which must be current (task work runs
 * in the task itself, on return to user space), whether or not a tick
 * queued it.  Like the kernel's, it checks neither the static key nor
 * kernel.numa_balancing; its own rate limit (mm->numa_next_scan)
 * applies.  Must run in a simulated thread.
 */
void numa_scan_run(struct task_struct *p);

/*
 * @p, which must be current, runs on its CPU for @ns of virtual time:
 * the CPU's ticks call numa_scan_tick(), queued work runs at once
 * (numa_scan_run()), as at the return to user space.  Ticks that cannot
 * change anything are slept over.  The scenario "run" step.
 */
void numa_scan_run_for(struct task_struct *p, u64 ns);

/*
 * The scenario "scan" step's "force": mm->numa_next_scan = jiffies, so
 * that the next numa_scan_run() passes the rate limit whatever the
 * time.  Not a kernel operation.
 */
void numa_scan_force(struct task_struct *p);

#endif

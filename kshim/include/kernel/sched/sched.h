/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for kernel/sched/sched.h (6.12): what the NUMA-balancing part
 * of kernel/sched/fair.c (the manifest's unit sched_numa) uses.  The
 * model has no runqueues: a task runs on its simulated CPU (p->cpu) and
 * nothing moves it, so struct rq is the CPU's running task only.
 */
#ifndef _KERNEL_SCHED_SCHED_H
#define _KERNEL_SCHED_SCHED_H

#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/numa_balancing.h>
#include <linux/sched/sysctl.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <linux/topology.h>
#include <linux/mempolicy.h>
#include <linux/memory-tiers.h>
#include <linux/cpumask_api.h>
#include <linux/rcupdate.h>
#include <linux/task_work.h>
#include <linux/jump_label.h>
#include <linux/spinlock.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/ktime.h>
#include <linux/hugetlb.h>
#include <linux/mmap_lock.h>

/* kernel/sched/sched.h: SCHED_WARN_ON() with CONFIG_SCHED_DEBUG */
#define SCHED_WARN_ON(x) WARN_ONCE(x, #x)

/* kernel/sched/sched.h: the runqueue of a simulated CPU, no more */
struct rq {
	int cpu;
	struct task_struct *curr;
	spinlock_t __lock;
};

/* kernel/sched/sched.h: the CPU's runqueue (kshim/src/task.c) */
struct rq *kshim_cpu_rq(int cpu);
#define cpu_rq(cpu) kshim_cpu_rq(cpu)
#define task_rq(p) cpu_rq(task_cpu(p))

static inline spinlock_t *__rq_lockp(struct rq *rq)
{
	return &rq->__lock;
}

/* kernel/sched/sched.h: task_numa_fault()'s buckets */
enum numa_faults_stats {
	NUMA_MEM = 0,
	NUMA_CPU,
	NUMA_MEMBUF,
	NUMA_CPUBUF
};

/* kernel/sched/core.c (6.12), the static key of kernel.numa_balancing */
DECLARE_STATIC_KEY_FALSE(sched_numa_balancing);

/*
 * kernel/sched/core.c:sched_setnuma() (6.12): the model's
 * (mm_model/mm/sched_numa.c), no runqueue to requeue the task on.
 */
void sched_setnuma(struct task_struct *p, int node);

/* kernel/sched/sched-pelt.h (6.12, the 32 ms half-life table) */
#define LOAD_AVG_MAX 47742

/* include/trace/events/sched.h: sched_skip_vma_numa, not emitted */
#define trace_sched_skip_vma_numa(mm, vma, reason) \
	do { (void)(mm); (void)(vma); (void)(reason); } while (0)

/*
 * kernel/sched/fair.c (6.12), exported by the manifest (unit sched_numa):
 * the tick's NUMA part and the task work it queues.
 */
void task_tick_numa(struct rq *rq, struct task_struct *curr);
void task_numa_work(struct callback_head *work);
void init_numa_balancing(unsigned long clone_flags, struct task_struct *p);

#endif

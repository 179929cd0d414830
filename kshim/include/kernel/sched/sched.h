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

/*
 * kernel/sched/sched.h: the CPU's runqueue (mm_model/mm/sched_numa.c),
 * its curr the task running there now: current on current's own CPU,
 * else the CPU's user task (the model's tasks stay on their CPU from
 * their start to the scenario's end), else the CPU's idle task.  A
 * read of another CPU's curr is a READ_ONCE point of that rq's curr.
 */
struct rq *kshim_cpu_rq(int cpu);
#define cpu_rq(cpu) kshim_cpu_rq(cpu)
#define task_rq(p) cpu_rq(task_cpu(p))

static inline spinlock_t *__rq_lockp(struct rq *rq)
{
	return &rq->__lock;
}

/*
 * include/linux/irqflags.h: the model's spin_lock_irq() leaves no
 * interrupts to disable (linux/spinlock.h), so they never are
 */
#define irqs_disabled() 0

/* kernel/sched/sched.h (6.12): both locks, in address order */
static inline void double_lock_irq(spinlock_t *l1, spinlock_t *l2)
{
	if (l1 > l2)
		swap(l1, l2);
	spin_lock_irq(l1);
	spin_lock_nested(l2, SINGLE_DEPTH_NESTING);
}

/*
 * kernel/sched/sched.h (6.12): the NUMA topology.  The model's machines
 * have two distances, local and remote (linux/topology.h), which
 * kernel/sched/topology.c:init_numa_topology_type() calls NUMA_DIRECT.
 */
enum numa_topology_type {
	NUMA_DIRECT,
	NUMA_GLUELESS_MESH,
	NUMA_BACKPLANE,
};

/* kernel/sched/topology.c (6.12), mm_model/mm/sched_numa.c */
extern enum numa_topology_type sched_numa_topology_type;
extern int sched_max_numa_distance;
/* kernel/sched/topology.c:find_numa_distance(): one of the two */
static inline bool find_numa_distance(int distance)
{
	return distance == LOCAL_DISTANCE ||
	       (nr_node_ids > 1 && distance == REMOTE_DISTANCE);
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

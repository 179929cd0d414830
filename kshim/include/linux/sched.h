/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/sched.h (6.12): the task_struct fields the
 * code under test reads, each task backed by one simulated thread.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/refcount.h>
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/sched_yield.h>
#include <linux/pid.h>
#include <kshim/sim.h>

#define TASK_COMM_LEN 16

/* include/uapi/linux/sched.h */
#define CLONE_VM 0x00000100

#define PF_EXITING 0x00000004
#define PF_MEMALLOC 0x00000800
#define PF_KTHREAD 0x00200000

#define TASK_RUNNING 0x00000000
#define TASK_INTERRUPTIBLE 0x00000001
#define TASK_UNINTERRUPTIBLE 0x00000002
#define TASK_NOLOAD 0x00000400
#define TASK_IDLE (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define MAX_SCHEDULE_TIMEOUT LONG_MAX

struct mm_struct;
struct vm_fault;
struct numa_group;

/* include/linux/sched.h: the CFS entity's accounting the NUMA code reads */
struct sched_avg {
	u64 load_sum;
};

struct sched_entity {
	u64 exec_start;
	u64 sum_exec_runtime;
	struct sched_avg avg;
};

struct task_struct {
	pid_t pid;
	pid_t tgid;
	char comm[TASK_COMM_LEN];
	unsigned int flags;
	unsigned long min_flt, maj_flt;	/* mm_account_fault() */
	refcount_t usage;
	struct mm_struct *mm;
	int cpu;			/* task_cpu(): the simulated CPU it runs on */
	struct sim_thread *sim;		/* NULL once the task has exited */
	struct list_head kshim_live;	/* kshim/src/task.c: live tasks */

	/* CONFIG_NUMA_BALANCING (kernel/sched/fair.c) */
	struct mempolicy *mempolicy;	/* NULL: the default policy */
	int numa_scan_seq;
	unsigned int numa_scan_period;
	int numa_preferred_nid;
	unsigned long numa_migrate_retry;
	u64 node_stamp;
	u64 last_task_numa_placement;
	u64 last_sum_exec_runtime;
	struct callback_head numa_work;
	struct numa_group __rcu *numa_group;
	unsigned long *numa_faults;	/* [NUMA_MEM/CPU][node][priv] */
	unsigned long total_numa_faults;
	unsigned long numa_faults_locality[3];	/* remote, local, failed */
	unsigned long numa_pages_migrated;
	unsigned int numa_scan_period_max;
	struct sched_entity se;
	int on_cpu;
	struct callback_head *task_works;	/* linux/task_work.h */
	u64 kshim_runtime_base;	/* model: the clock at runtime 0 */

	/* model: hint ownership (mm_model/mm/hint_events.h), enum hint_owner */
	int hint_installer;		/* whose install runs on this task */

	/* kernel/kthread.c:struct kthread, folded in */
	int (*threadfn)(void *data);
	void *data;
	bool should_stop;
	int result;
	struct completion exited;
};

struct task_struct *get_current(void);
#define current get_current()

static inline struct task_struct *get_task_struct(struct task_struct *t)
{
	refcount_inc(&t->usage);
	return t;
}

void __put_task_struct(struct task_struct *t);

static inline void put_task_struct(struct task_struct *t)
{
	if (refcount_dec_and_test(&t->usage))
		__put_task_struct(t);
}

int wake_up_process(struct task_struct *p);
long schedule_timeout(long timeout);
long schedule_timeout_idle(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
#define set_current_state(s) do { } while (0)
#define __set_current_state(s) do { } while (0)

static inline pid_t task_pid_nr(struct task_struct *t)
{
	return t->pid;
}

#define task_pid_vnr(t) task_pid_nr(t)
/* The CPU the current task runs on (0 for kthreads until placed). */
#define smp_processor_id() (get_current()->cpu)
#define raw_smp_processor_id() smp_processor_id()

/*
 * The live user task (no PF_KTHREAD) on @cpu that started first, or
 * NULL (kshim/src/task.c); what cpu_rq(@cpu)->curr is built from.
 */
struct task_struct *kshim_user_task_on(int cpu);
/*
 * @p moved to @cpu (a scenario's move_task): a WRITE_ONCE point of both
 * rqs' curr (mm_model/mm/sched_numa.c)
 */
void kshim_rq_move_task(struct task_struct *p, int cpu);

static inline unsigned int task_cpu(const struct task_struct *p)
{
	return p->cpu;
}

#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * NUMA groups: kernel/sched/fair.c:task_numa_group() (6.12, extracted)
 * on the model.  Two threads of one mm, on CPUs of different nodes,
 * take turns to hint and touch the same pages; each hint fault on a
 * page the other touched last is a shared fault, and task_numa_group()
 * reads the other CPU's running task from cpu_rq()->curr.  The threads
 * end in one group, and the group goes with its last task.  A thread
 * whose peer has exited finds the peer's CPU idle and joins nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/mm.h>
#include <linux/delay.h>
#include <linux/mmap_lock.h>
#include <linux/slab.h>
#include <linux/sched/numa_balancing.h>
#include <kshim/hooks.h>
#include <kshim/kshim.h>
#include <kernel/sched/sched.h>
#include "sim/sched.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/numa_scan.h"
#include "mm_model/mm/vma.h"
#include "numa_scan_util.h"

#define NR_PAGES 16
#define ROUNDS 4
#define ROUND_MS 20

struct pair {
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	struct task_struct *task[2];
	bool b_waits_for_a_exit;	/* b starts after a has exited */
	bool remote_start;		/* the pages start on node 1 */
	int err;
	/* what each saw at the end of its last round */
	struct numa_group *group[2];
	int nr_tasks[2];
	unsigned int refs[2];
	pid_t gid[2];
	pid_t pid[2];		/* the tasks', kept: they are freed */
	bool a_exited;
};

/*
 * The fields of kernel/sched/fair.c:struct numa_group (6.12) the test
 * reads, in the kernel's order: the struct is private to fair.c.
 */
struct numa_group_head {
	refcount_t refcount;
	spinlock_t lock;
	int nr_tasks;
	pid_t gid;
};

/* hint the whole VMA (task_numa_work()'s change_prot_numa()), touch it */
static int hint_and_touch(struct pair *p)
{
	unsigned long addr;
	int nf;

	mmap_read_lock(p->mm);
	faultsim_hook_change_prot_numa(p->vma, p->vma->vm_start,
				       p->vma->vm_end);
	mmap_read_unlock(p->mm);
	for (addr = p->vma->vm_start; addr < p->vma->vm_end;
	     addr += PAGE_SIZE)
		if (mmu_access(current->cpu, p->mm, addr, false, &nf) !=
		    MMU_OK)
			return -1;
	return 0;
}

static void note_group(struct pair *p, int i)
{
	struct numa_group_head *ng = (void *)current->numa_group;

	p->group[i] = current->numa_group;
	p->pid[i] = current->pid;
	if (!ng)
		return;
	p->nr_tasks[i] = ng->nr_tasks;
	p->refs[i] = refcount_read(&ng->refcount);
	p->gid[i] = ng->gid;
}

/* task 0, on cpu0 (node 0): the mm's first thread */
static int thread_a(void *arg)
{
	struct pair *p = arg;
	int r;

	p->mm = task_mm();
	if (!p->mm)
		return p->err = -1;
	p->vma = anon_vma(p->mm, VA, NR_PAGES * PAGE_SIZE,
			  p->remote_start ? 0 : NR_PAGES,
			  p->remote_start ? NR_PAGES : 0);
	if (!p->vma)
		return p->err = -1;
	atomic_set(&p->mm->mm_users, 2);	/* a second thread */
	numa_scan_init_task(current, NUMA_MM_FORK);
	for (r = 0; r < ROUNDS; r++) {
		if (hint_and_touch(p))
			return p->err = -1;
		msleep(ROUND_MS);
	}
	note_group(p, 0);
	p->a_exited = true;
	current->mm = NULL;
	return 0;
}

/* task 1, on cpu1 (node 1): a thread of the same mm, half a round on */
static int thread_b(void *arg)
{
	struct pair *p = arg;
	int r;

	msleep(ROUND_MS / 2);
	while (p->b_waits_for_a_exit && !p->a_exited)
		msleep(ROUND_MS);
	current->mm = p->mm;
	current->cpu = 1;
	current->numa_preferred_nid = NUMA_NO_NODE;
	numa_scan_init_task(current, NUMA_MM_FORK);
	for (r = 0; r < ROUNDS; r++) {
		if (hint_and_touch(p))
			return p->err = -1;
		msleep(ROUND_MS);
	}
	note_group(p, 1);
	return 0;
}

static void run_pair(struct pair *p)
{
	long live;

	p->task[0] = kshim_spawn("a", thread_a, p);
	p->task[1] = kshim_spawn("b", thread_b, p);
	get_task_struct(p->task[0]);
	get_task_struct(p->task[1]);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(p->err, 0);
	assert_int_equal(sim_findings_count(), 0);
	live = kshim_slab_live_objects();
	/* the last references: __put_task_struct() -> task_numa_free() */
	put_task_struct(p->task[0]);
	put_task_struct(p->task[1]);
	/* tasks, statistics and the group(s) freed */
	assert_true(kshim_slab_live_objects() < live);
	current->mm = p->mm;
	drop_mm(p->mm);
}

/*
 * Each thread's first shared fault gives it a group of its own; the
 * one with the lower address wins the tie (fair.c compares the
 * pointers) and the other thread joins it on its next shared fault:
 * threads of one mm always join (tsk->mm == current->mm).  One group,
 * two tasks, a reference each; its gid is the pid of the thread that
 * made it.
 */
static void test_threads_join_one_group(void **state)
{
	struct pair p = { 0 };

	run_pair(&p);
	assert_non_null(p.group[0]);
	assert_ptr_equal(p.group[0], p.group[1]);
	assert_int_equal(p.nr_tasks[1], 2);
	assert_int_equal(p.refs[1], 2);
	assert_true(p.gid[1] == p.pid[0] || p.gid[1] == p.pid[1]);
}

/*
 * Thread b runs only after a has exited.  The pages start on node 1:
 * a's first hint faults are remote, so should_numa_migrate_memory()
 * stamps them with a's cpupid and they move to node 0 with it (a's
 * later faults are local: the default policy's mpol_misplaced() leaves
 * them and their cpupid alone).  b's faults then name a, a shared
 * fault each, and task_numa_group() reads cpu0's curr: its idle task
 * (pid 0), which cpupid_match_pid() does not take for a.  So b makes a
 * group of its own and joins nothing; a never had one.
 */
static void test_idle_cpu_joins_nothing(void **state)
{
	struct pair p = { .b_waits_for_a_exit = true, .remote_start = true };

	run_pair(&p);
	assert_null(p.group[0]);
	assert_non_null(p.group[1]);
	assert_int_equal(p.nr_tasks[1], 1);
	assert_int_equal(p.refs[1], 1);
	assert_int_equal(p.gid[1], p.pid[1]);
}

struct curr_run {
	struct task_struct *a;
	bool a_done;
	struct task_struct *seen[4];	/* cpu0's, cpu1's, cpu0's, cpu1's */
	pid_t idle_pid;
	char idle_comm[TASK_COMM_LEN];
};

static int curr_a(void *arg)
{
	struct curr_run *r = arg;

	current->cpu = 0;
	msleep(10);
	r->a_done = true;
	return 0;
}

static int curr_b(void *arg)
{
	struct curr_run *r = arg;

	current->cpu = 1;
	msleep(5);
	/* a sleeps between its steps: still on its CPU (the model's rule) */
	r->seen[0] = READ_ONCE(cpu_rq(0)->curr);
	r->seen[1] = READ_ONCE(cpu_rq(1)->curr);
	while (!r->a_done)
		msleep(5);
	msleep(5);	/* a has exited */
	r->seen[2] = READ_ONCE(cpu_rq(0)->curr);
	r->idle_pid = r->seen[2]->pid;
	memcpy(r->idle_comm, r->seen[2]->comm, TASK_COMM_LEN);
	/* a move_task step puts current on cpu0 */
	kshim_rq_move_task(current, 0);
	r->seen[3] = READ_ONCE(cpu_rq(1)->curr);
	return 0;
}

/*
 * cpu_rq()->curr, which task_numa_group() reads: the CPU's user task
 * (sleeping between its steps included), current on current's CPU, the
 * idle task (pid 0, "swapper/N") once the CPU's task has exited or
 * moved away.
 */
static void test_rq_curr(void **state)
{
	struct curr_run r = { 0 };
	struct task_struct *b;

	r.a = kshim_spawn("a", curr_a, &r);
	b = kshim_spawn("b", curr_b, &r);
	get_task_struct(r.a);
	get_task_struct(b);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);
	assert_ptr_equal(r.seen[0], r.a);
	assert_ptr_equal(r.seen[1], b);
	assert_ptr_not_equal(r.seen[2], r.a);
	assert_int_equal(r.idle_pid, 0);
	assert_string_equal(r.idle_comm, "swapper/0");
	assert_int_equal(r.seen[3]->pid, 0);
	assert_string_equal(r.seen[3]->comm, "swapper/1");
	put_task_struct(r.a);
	put_task_struct(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_threads_join_one_group,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_idle_cpu_joins_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rq_curr, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

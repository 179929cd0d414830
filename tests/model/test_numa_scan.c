// SPDX-License-Identifier: GPL-2.0-only
/*
 * The NUMA-balancing scanner (mm_model/mm/numa_scan.c: task_numa_work(),
 * task_tick_numa(), init_numa_balancing() of kernel/sched/fair.c) over
 * the real change_prot_numa() and, for the accesses, the real
 * do_numa_page().  Each simulated task records what it saw; every
 * assertion is made on the main context after the run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/sched/numa_balancing.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <linux/sched/sysctl.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/machine.h"
#include "model_test.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/numa_balancing.h"
#include "mm_model/mm/numa_scan.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/vma.h"
#include "numa_scan_util.h"

/* ------------------------------------------------------------------ */

struct first_run {
	int err;
	unsigned long j0, next0, upd0;
	bool a_state0, b_state0;
	unsigned long j1, next1, upd1, upd2, next2;
	struct vma_numab_state a, b;
	int seq;
	unsigned long offset;
	unsigned int period, period_max;
	u64 stamp1, stamp2;
	unsigned long a_hinted, b_hinted;
};

static int first_run_task(void *arg)
{
	struct first_run *r = arg;
	struct mm_struct *mm = task_mm();
	struct vm_area_struct *a, *b;

	if (!mm)
		return r->err = -1;
	a = anon_vma(mm, VA, 4 * MB, 512, 512);
	b = anon_vma(mm, VA + 8 * MB, 4 * MB, 256, 768);
	if (!a || !b)
		return r->err = -1;
	/* no init_numa_balancing(): numa_next_scan and the period are 0 */
	r->j0 = jiffies;
	numa_scan_run(current);
	r->next0 = mm->numa_next_scan;
	r->upd0 = updates();
	r->a_state0 = a->numab_state;
	r->b_state0 = b->numab_state;

	msleep(1000);
	r->j1 = jiffies;
	numa_scan_run(current);
	r->next1 = mm->numa_next_scan;
	r->upd1 = updates();
	r->a = *a->numab_state;
	r->b = *b->numab_state;
	r->seq = mm->numa_scan_seq;
	r->offset = mm->numa_scan_offset;
	r->period = current->numa_scan_period;
	r->period_max = current->numa_scan_period_max;
	r->stamp1 = current->node_stamp;
	r->a_hinted = nr_protnone(a, a->vm_start, a->vm_end);
	r->b_hinted = nr_protnone(b, b->vm_start, b->vm_end);

	/* the same period again: the rate limit returns at once */
	numa_scan_run(current);
	r->upd2 = updates();
	r->next2 = mm->numa_next_scan;
	r->stamp2 = current->node_stamp;
	drop_mm(mm);
	return 0;
}

/*
 * The first run only arms numa_next_scan (now + scan_delay); after the
 * delay both VMAs get their numab_state as the kernel initialises it,
 * and only the remote pages are hinted (target_node = this node: one
 * user, private).  A second run in the same period does nothing.
 */
static void test_first_run_and_numab_init(void **state)
{
	struct first_run r = { 0 };

	kshim_spawn("main", first_run_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);

	assert_int_equal(r.next0, r.j0 + DELAY_J);
	assert_int_equal(r.upd0, 0);
	assert_false(r.a_state0);
	assert_false(r.b_state0);

	/* period 0 -> task_scan_start(): a small RSS is one window: 1000 ms */
	assert_int_equal(r.period, 1000);
	assert_int_equal(r.period_max, 60000);
	assert_int_equal(r.next1, r.j1 + DELAY_J);
	assert_int_equal(r.stamp1, 2 * TICK_NSEC);

	/* numab_state: start seq, next_scan, pid reset; completed in seq 0 */
	assert_int_equal(r.a.start_scan_seq, 0);
	assert_int_equal(r.a.next_scan, r.j1 + DELAY_J);
	assert_int_equal(r.a.pids_active_reset, r.j1 + DELAY_J + 4 * DELAY_J);
	assert_int_equal(r.a.pids_active[0], 0);
	assert_int_equal(r.a.pids_active[1], 0);
	assert_int_equal(r.a.prev_scan_seq, 0);
	assert_int_equal(r.b.next_scan, r.j1 + DELAY_J);
	assert_int_equal(r.b.prev_scan_seq, 0);

	/* seq 0: no next_scan skip although now < next_scan */
	assert_int_equal(r.upd1, 512 + 768);
	assert_int_equal(r.a_hinted, 512);
	assert_int_equal(r.b_hinted, 768);
	/* the end of the VMA list: the sequence starts over */
	assert_int_equal(r.seq, 1);
	assert_int_equal(r.offset, 0);

	assert_int_equal(r.upd2, r.upd1);
	assert_int_equal(r.next2, r.next1);
	assert_int_equal(r.stamp2, r.stamp1);
}

/* ------------------------------------------------------------------ */

struct budget {
	int err;
	unsigned long start;
	unsigned long off[4], upd[4];
	int seq[4], prev[4];
	unsigned long hinted_6_8_after1, hinted_6_8_after2;
};

static int budget_task(void *arg)
{
	struct budget *r = arg;
	struct mm_struct *mm = task_mm();
	struct vm_area_struct *a;
	int i;

	if (!mm)
		return r->err = -1;
	/* 12 MiB: 4 MiB local, 4 MiB remote, 4 MiB never touched */
	a = anon_vma(mm, VA, 12 * MB, 1024, 1024);
	if (!a)
		return r->err = -1;
	sysctl_numa_balancing_scan_size = 1;	/* 256 pages, 2048 virtual */
	numa_scan_init_task(current, NUMA_MM_FORK);
	for (i = 0; i < 4; i++) {
		msleep(1000);
		numa_scan_run(current);
		r->off[i] = mm->numa_scan_offset;
		r->upd[i] = updates();
		r->seq[i] = mm->numa_scan_seq;
		r->prev[i] = a->numab_state->prev_scan_seq;
		if (i == 0)
			r->hinted_6_8_after1 = nr_protnone(a, VA + 6 * MB,
							   VA + 8 * MB);
		if (i == 1)
			r->hinted_6_8_after2 = nr_protnone(a, VA + 6 * MB,
							   VA + 8 * MB);
	}
	drop_mm(mm);
	return 0;
}

/*
 * scan_size 1 MB: chunks are [start, ALIGN(start + 1M, 2M)).  Two local
 * chunks change nothing and cost only virtpages; the first remote chunk
 * (512 pages) exhausts the page budget: the offset stays inside the
 * VMA.  The next run resumes there.  A run through unpopulated chunks
 * completes the VMA and starts a new sequence; in that sequence four
 * unchanged chunks use up virtpages (2048) and stop mid-VMA.
 */
static void test_budget(void **state)
{
	struct budget r = { 0 };

	kshim_spawn("main", budget_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);

	assert_int_equal(r.off[0], VA + 6 * MB);
	assert_int_equal(r.upd[0], 512);
	assert_int_equal(r.seq[0], 0);
	assert_int_equal(r.prev[0], -1);	/* initial: seq - 1 */
	assert_int_equal(r.hinted_6_8_after1, 0);

	assert_int_equal(r.off[1], VA + 8 * MB);
	assert_int_equal(r.upd[1], 1024);
	assert_int_equal(r.prev[1], -1);
	assert_int_equal(r.hinted_6_8_after2, 512);

	/* [8M, 12M) is empty: VMA complete, list end: new sequence */
	assert_int_equal(r.upd[2], 1024);
	assert_int_equal(r.prev[2], 0);
	assert_int_equal(r.seq[2], 1);
	assert_int_equal(r.off[2], 0);

	/* 4 unchanged chunks = 2048 virtual pages: stop at 8M */
	assert_int_equal(r.upd[3], 1024);
	assert_int_equal(r.seq[3], 1);
	assert_int_equal(r.off[3], VA + 8 * MB);
	assert_int_equal(r.prev[3], 0);
}

/* ------------------------------------------------------------------ */

struct wrap {
	int err;
	unsigned long off[3], upd[3];
	int seq[3];
	enum mmu_result res;
};

static int wrap_task(void *arg)
{
	struct wrap *r = arg;
	struct mm_struct *mm = task_mm();
	struct vm_area_struct *a;
	int i;

	if (!mm)
		return r->err = -1;
	a = anon_vma(mm, VA, 8 * MB, 1024, 1024);
	if (!a)
		return r->err = -1;
	sysctl_numa_balancing_scan_size = 1;
	numa_scan_init_task(current, NUMA_MM_FORK);
	for (i = 0; i < 3; i++) {
		msleep(1000);
		if (i == 2)	/* undo one hint: the wrapped scan redoes it */
			r->res = hint_fault(mm, VA + 7 * MB);
		numa_scan_run(current);
		r->off[i] = mm->numa_scan_offset;
		r->upd[i] = updates();
		r->seq[i] = mm->numa_scan_seq;
	}
	drop_mm(mm);
	return 0;
}

/*
 * A run that stops on the budget exactly at the end of the last VMA
 * leaves the offset there; the next run finds no VMA at the offset,
 * starts a new sequence (seq + 1, offset 0) and scans from the first
 * VMA.
 */
static void test_wrap_on_next_run(void **state)
{
	struct wrap r = { 0 };

	kshim_spawn("main", wrap_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);

	assert_int_equal(r.off[0], VA + 6 * MB);
	assert_int_equal(r.off[1], VA + 8 * MB);	/* == vm_end */
	assert_int_equal(r.seq[1], 0);
	assert_int_equal(r.upd[1], 1024);

	assert_int_equal(r.res, MMU_OK);
	assert_int_equal(r.seq[2], 1);
	assert_int_equal(r.upd[2], 1025);	/* the undone hint, again */
	/* virtpages ran out at the end of the VMA: the offset stays there */
	assert_int_equal(r.off[2], VA + 8 * MB);
}

/* ------------------------------------------------------------------ */

struct race {
	int err;
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	bool fired;
	u64 stamp_before[2], stamp_after[2];
	unsigned long next_after, j_scan;
	unsigned long upd;
};

static bool preempt_at_next_scan(enum sim_point_kind kind, const void *obj,
				 void *priv)
{
	struct race *r = priv;

	if (r->fired || kind != SIM_PT_ATOMIC || obj != &r->mm->numa_next_scan)
		return false;
	r->fired = true;
	return true;
}

static int race_setup_task(void *arg)
{
	struct race *r = arg;

	r->mm = task_mm();
	if (!r->mm)
		return r->err = -1;
	r->vma = anon_vma(r->mm, VA, 4 * MB, 512, 512);
	if (!r->vma)
		return r->err = -1;
	atomic_set(&r->mm->mm_users, 2);	/* two threads */
	r->mm->numa_next_scan = jiffies;	/* due now */
	current->mm = NULL;
	return 0;
}

static int race_scan_task(void *arg)
{
	struct race *r = arg;
	int me = current->comm[4] - '1';

	current->mm = r->mm;
	current->cpu = me;
	/* a thread: the mm is left alone */
	numa_scan_init_task(current, NUMA_MM_FORK);
	r->stamp_before[me] = current->node_stamp;
	r->j_scan = jiffies;
	numa_scan_run(current);
	r->stamp_after[me] = current->node_stamp;
	current->mm = NULL;
	return 0;
}

static int race_drop_task(void *arg)
{
	struct race *r = arg;

	r->upd = updates();
	r->next_after = r->mm->numa_next_scan;
	current->mm = r->mm;
	drop_mm(r->mm);
	return 0;
}

/*
 * Two threads of one mm, both due: the first is preempted just before
 * its cmpxchg of numa_next_scan, the second scans; the first's cmpxchg
 * then fails and it returns without scanning (its node_stamp is not
 * bumped).
 */
static void test_cmpxchg_one_thread_per_period(void **state)
{
	struct race r = { 0 };

	kshim_spawn("setup", race_setup_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	sim_set_preempt(preempt_at_next_scan, &r);
	kshim_spawn("scan1", race_scan_task, &r);
	kshim_spawn("scan2", race_scan_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	sim_set_preempt(NULL, NULL);
	kshim_spawn("drop", race_drop_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);

	assert_true(r.fired);
	/* scan1 lost the cmpxchg, scan2 won it */
	assert_int_equal(r.stamp_after[0], r.stamp_before[0]);
	assert_int_equal(r.stamp_after[1], r.stamp_before[1] + 2 * TICK_NSEC);
	assert_int_equal(r.next_after, r.j_scan + DELAY_J);
	/* two users: target_node is NUMA_NO_NODE, every page is hinted */
	assert_int_equal(r.upd, 1024);
}

/* ------------------------------------------------------------------ */

static const struct vm_operations_struct file_ops;
static struct address_space normal_mapping = { .gfp_mask = 0 };
static struct address_space dma32_mapping = { .gfp_mask = __GFP_DMA32 };
static struct file normal_file = { .f_mapping = &normal_mapping };
static struct file dma32_file = { .f_mapping = &dma32_mapping };

enum { V_CTRL, V_NONE, V_FILE_RO, V_FILE_RW, V_FILE_DMA32, V_IO, V_PFNMAP,
       V_MIXED, V_NOMOF, V_MOF, NR_V };

struct skips {
	int err;
	bool state[NR_V];
	unsigned long upd1, upd2, upd3;
	bool new_state2;
	int new_prev2;
	unsigned long new_hinted2, new_hinted3;
};

static int skips_task(void *arg)
{
	static const vm_flags_t extra[NR_V] = {
		[V_IO] = VM_IO, [V_PFNMAP] = VM_PFNMAP, [V_MIXED] = VM_MIXEDMAP,
	};
	struct skips *r = arg;
	struct mm_struct *mm = task_mm();
	struct vm_area_struct *v[NR_V], *n;
	struct mempolicy *nomof, *mof;
	int i;

	if (!mm)
		return r->err = -1;
	nomof = mpol_new(MPOL_BIND, 0x3, false);
	mof = mpol_new(MPOL_BIND, 0x3, true);
	for (i = 0; i < NR_V; i++) {
		unsigned long start = VA + i * 4 * MB;
		vm_flags_t f = (i == V_NONE) ? 0 :
			       (i == V_FILE_RO) ? VM_READ : VM_READ | VM_WRITE;
		bool file = i == V_FILE_RO || i == V_FILE_RW ||
			    i == V_FILE_DMA32;

		v[i] = vma_create(mm, start, start + 2 * MB, f | extra[i],
				  file ? &file_ops : NULL);
		if (!v[i])
			return r->err = -1;
		if (file)
			v[i]->vm_file = i == V_FILE_DMA32 ? &dma32_file :
							    &normal_file;
	}
	v[V_NOMOF]->vm_policy = nomof;
	v[V_MOF]->vm_policy = mof;
	if (populate_anon(v[V_CTRL], VA, VA + 2 * MB, 1, true))
		return r->err = -1;
	numa_scan_init_task(current, NUMA_MM_FORK);
	msleep(1000);
	numa_scan_run(current);
	for (i = 0; i < NR_V; i++)
		r->state[i] = v[i]->numab_state;
	r->upd1 = updates();

	/* a VMA new in sequence 1 waits for its own scan delay */
	n = anon_vma(mm, VA + 64 * MB, 2 * MB, 0, 512);
	if (!n)
		return r->err = -1;
	msleep(1000);
	numa_scan_run(current);
	r->upd2 = updates();
	r->new_state2 = n->numab_state;
	r->new_prev2 = n->numab_state ? n->numab_state->prev_scan_seq : 99;
	r->new_hinted2 = nr_protnone(n, n->vm_start, n->vm_end);
	msleep(1000);
	numa_scan_run(current);
	r->upd3 = updates();
	r->new_hinted3 = nr_protnone(n, n->vm_start, n->vm_end);

	populate_zap_all(v[V_CTRL]);
	populate_zap_all(n);
	task_numa_free(current, true);
	current->mm = NULL;
	mm_destroy(mm);
	mpol_free(nomof);
	mpol_free(mof);
	return 0;
}

/*
 * The VMA filters: PROT_NONE, read-only file, a file whose mapping
 * allocates below policy_zone, VM_IO, VM_PFNMAP, VM_MIXEDMAP and a
 * policy without MPOL_F_MOF are skipped before numab_state exists; a
 * writable file VMA and a MOF policy are scanned.  A VMA first seen
 * in a later sequence is skipped until its next_scan.
 */
static void test_skip_rules(void **state)
{
	struct skips r = { 0 };

	kshim_spawn("main", skips_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);

	assert_true(r.state[V_CTRL]);
	assert_false(r.state[V_NONE]);
	assert_false(r.state[V_FILE_RO]);
	assert_true(r.state[V_FILE_RW]);
	assert_false(r.state[V_FILE_DMA32]);
	assert_false(r.state[V_IO]);
	assert_false(r.state[V_PFNMAP]);
	assert_false(r.state[V_MIXED]);
	assert_false(r.state[V_NOMOF]);
	assert_true(r.state[V_MOF]);
	assert_int_equal(r.upd1, 512);

	assert_true(r.new_state2);
	assert_int_equal(r.new_prev2, 0);	/* seq 1 - 1: not scanned */
	assert_int_equal(r.new_hinted2, 0);
	assert_int_equal(r.upd2, 512);
	assert_int_equal(r.new_hinted3, 512);
	assert_int_equal(r.upd3, 1024);
}

/* ------------------------------------------------------------------ */

struct accessed {
	int err;
	enum mmu_result res;
	unsigned long bit, a_pids1_after_fault;
	unsigned long upd[8];
	unsigned long off[8];
	int seq[8];
	int prev[8][3];
	unsigned long b_hinted3, c_hinted3, c_hinted4;
	unsigned long a_reset_before7, a_reset7, a_pids7[2], j7;
};

#define A_START VA
#define B_START (VA + 8 * MB)
#define C_START (VA + 16 * MB)

static void accessed_run(struct accessed *r, struct mm_struct *mm,
			 struct vm_area_struct **v, int k)
{
	int i;

	msleep(1000);
	/*
	 * the hint fault's task_numa_placement() -> update_task_scan_period()
	 * moves numa_next_scan out (no local or shared faults yet: slower);
	 * this test is about which VMAs a due scan picks
	 */
	numa_scan_force(current);
	numa_scan_run(current);
	r->upd[k] = updates();
	r->off[k] = mm->numa_scan_offset;
	r->seq[k] = mm->numa_scan_seq;
	for (i = 0; i < 3; i++)
		r->prev[k][i] = v[i]->numab_state->prev_scan_seq;
}

static int accessed_task(void *arg)
{
	struct accessed *r = arg;
	struct mm_struct *mm = task_mm();
	struct vm_area_struct *v[3];
	unsigned long starts[3] = { A_START, B_START, C_START };
	int i;

	if (!mm)
		return r->err = -1;
	/* 4 MiB each: 512 local, 256 remote, 256 untouched for now */
	for (i = 0; i < 3; i++) {
		v[i] = anon_vma(mm, starts[i], 4 * MB, 512, 256);
		if (!v[i])
			return r->err = -1;
	}
	numa_scan_init_task(current, NUMA_MM_FORK);
	r->bit = pid_bit();
	accessed_run(r, mm, v, 0);	/* seq 0 */
	accessed_run(r, mm, v, 1);	/* seq 1: start_scan_seq + 1 */

	/* this task touches A (pid bit); B and C get new remote pages */
	r->res = hint_fault(mm, A_START + 600 * PAGE_SIZE);
	r->a_pids1_after_fault = v[0]->numab_state->pids_active[1];
	if (populate_anon(v[1], B_START + 768 * PAGE_SIZE, B_START + 4 * MB,
			  1, true) ||
	    populate_anon(v[2], C_START + 768 * PAGE_SIZE, C_START + 4 * MB,
			  1, true))
		return r->err = -1;

	accessed_run(r, mm, v, 2);	/* seq 2 */
	r->b_hinted3 = nr_protnone(v[1], B_START + 768 * PAGE_SIZE,
				   B_START + 4 * MB);
	r->c_hinted3 = nr_protnone(v[2], C_START + 768 * PAGE_SIZE,
				   C_START + 4 * MB);
	accessed_run(r, mm, v, 3);	/* seq 2, from B's end */
	r->c_hinted4 = nr_protnone(v[2], C_START + 768 * PAGE_SIZE,
				   C_START + 4 * MB);

	/* (d), set up by hand: C last completed two sequences back */
	v[2]->numab_state->prev_scan_seq = 1;
	accessed_run(r, mm, v, 4);	/* wraps: seq 3 */

	/* (c), set up by hand: a scan stopped inside C in this sequence */
	mm->numa_scan_offset = C_START + 2 * MB;
	v[2]->numab_state->prev_scan_seq = 2;
	accessed_run(r, mm, v, 5);

	/* the pid bits age: [1] moves to [0] after 4 x scan_delay */
	r->a_reset_before7 = v[0]->numab_state->pids_active_reset;
	r->j7 = jiffies + msecs_to_jiffies(1000) + 1;
	accessed_run(r, mm, v, 6);
	r->a_reset7 = v[0]->numab_state->pids_active_reset;
	r->a_pids7[0] = v[0]->numab_state->pids_active[0];
	r->a_pids7[1] = v[0]->numab_state->pids_active[1];
	drop_mm(mm);
	return 0;
}

/*
 * vma_is_accessed() and the forced restart.  After two sequences
 * (start_scan_seq + 2) only A carries this task's pid bit (a hint
 * fault): A is scanned, B and C are skipped, the list ends with
 * skipped VMAs, so the scan restarts forced: A is skipped as done in
 * this sequence (prev_scan_seq == seq), B is scanned and the forced
 * pass stops after that one VMA, leaving C unhinted.  The next run
 * forces C.  By hand: a VMA whose last complete scan is more than
 * nr_threads sequences old, and a VMA the scan is already inside, are
 * accessed (no forced pass: the list ends normally).  Last, the pid
 * bits age.
 */
static void test_vma_is_accessed(void **state)
{
	struct accessed r = { 0 };

	kshim_spawn("main", accessed_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);

	assert_int_equal(r.upd[0], 768);
	assert_int_equal(r.upd[1], 768);
	assert_int_equal(r.seq[1], 2);
	assert_int_equal(r.res, MMU_OK);
	assert_int_equal(r.a_pids1_after_fault, r.bit);

	/* seq 2: A by its pid bit (+1 re-hint), B forced (+256), not C */
	assert_int_equal(r.upd[2], 768 + 1 + 256);
	assert_int_equal(r.b_hinted3, 256);
	assert_int_equal(r.c_hinted3, 0);
	assert_int_equal(r.prev[2][0], 2);
	assert_int_equal(r.prev[2][1], 2);
	assert_int_equal(r.prev[2][2], 1);
	assert_int_equal(r.off[2], B_START + 4 * MB);	/* forced: break */
	assert_int_equal(r.seq[2], 2);

	/* from B's end: C alone, skipped, then forced */
	assert_int_equal(r.c_hinted4, 256);
	assert_int_equal(r.upd[3], 768 + 1 + 256 + 256);
	assert_int_equal(r.off[3], C_START + 4 * MB);
	assert_int_equal(r.prev[3][2], 2);
	assert_int_equal(r.seq[3], 2);

	/* seq 3: C by seq > prev + nr_threads in the first pass */
	assert_int_equal(r.seq[4], 3);
	assert_int_equal(r.prev[4][0], 3);
	assert_int_equal(r.prev[4][1], 3);	/* forced */
	assert_int_equal(r.prev[4][2], 3);
	assert_int_equal(r.off[4], B_START + 4 * MB);

	/* offset inside C: accessed, completed, the list ends: new seq */
	assert_int_equal(r.prev[5][2], 3);
	assert_int_equal(r.seq[5], 4);
	assert_int_equal(r.off[5], 0);

	/* ageing: the bit survives one reset period in pids_active[0] */
	assert_true(r.j7 > r.a_reset_before7);
	assert_int_equal(r.a_pids7[0], r.bit);
	assert_int_equal(r.a_pids7[1], 0);
	assert_int_equal(r.a_reset7, r.a_reset_before7 + 4 * DELAY_J);
	assert_int_equal(r.prev[6][0], 4);	/* still accessed */
	assert_int_equal(r.upd[6], r.upd[3]);
}

/* ------------------------------------------------------------------ */

struct tick {
	int err;
	unsigned long j0, next0, next_thread;
	unsigned int period0, period1, thread_period;
	u64 stamp0, stamp1, stamp2, stamp3, stamp4, thread_stamp;
	int seq0, pref, thread_pref, seq_thread, seq_before_thread;
	bool t[8], queued_after_run;
};

static int tick_task(void *arg)
{
	struct tick *r = arg;
	struct mm_struct *mm = task_mm();
	struct task_struct *th;

	if (!mm || !anon_vma(mm, VA, 4 * MB, 512, 512))
		return r->err = -1;
	current->numa_preferred_nid = 1;
	r->j0 = jiffies;
	numa_scan_init_task(current, NUMA_MM_FORK);
	r->period0 = current->numa_scan_period;
	r->stamp0 = current->node_stamp;
	r->next0 = mm->numa_next_scan;
	r->seq0 = mm->numa_scan_seq;
	r->pref = current->numa_preferred_nid;

	/* 1 MB windows: RSS 1024 pages is 4 of them */
	sysctl_numa_balancing_scan_size = 1;
	r->t[0] = numa_scan_tick(current);	/* no runtime yet */
	msleep(1000);
	r->t[1] = numa_scan_tick(current);	/* queues */
	r->period1 = current->numa_scan_period;
	r->stamp1 = current->node_stamp;
	msleep(300);
	r->t[2] = numa_scan_tick(current);	/* a period on, but queued */
	r->stamp2 = current->node_stamp;
	numa_scan_run(current);		/* next scan in 250 ms */
	r->queued_after_run = current->numa_work.next != &current->numa_work;
	r->t[3] = numa_scan_tick(current);	/* a period on, mm not due */
	r->stamp3 = current->node_stamp;
	msleep(300);
	r->t[4] = numa_scan_tick(current);	/* a period on and due */
	r->stamp4 = current->node_stamp;
	numa_scan_run(current);
	msleep(300);
	current->flags |= PF_EXITING;
	r->t[5] = numa_scan_tick(current);
	current->flags &= ~PF_EXITING;
	current->flags |= PF_KTHREAD;
	r->t[6] = numa_scan_tick(current);
	current->flags &= ~PF_KTHREAD;
	numa_balancing_sysctl_write(0);
	r->t[7] = numa_scan_tick(current);

	/* a new thread of this mm (CLONE_VM): staggered, mm untouched */
	sysctl_numa_balancing_scan_size = 256;
	atomic_set(&mm->mm_users, 2);
	th = kzalloc(sizeof(*th), GFP_KERNEL);
	if (!th)
		return r->err = -1;
	th->mm = mm;
	th->numa_preferred_nid = 1;
	mm->numa_next_scan = 12345;
	r->seq_before_thread = mm->numa_scan_seq;
	numa_scan_init_task(th, NUMA_MM_FORK);
	r->thread_stamp = th->node_stamp;
	r->thread_pref = th->numa_preferred_nid;
	r->thread_period = th->numa_scan_period;
	r->next_thread = mm->numa_next_scan;
	r->seq_thread = mm->numa_scan_seq;
	kfree(th);
	atomic_set(&mm->mm_users, 1);
	drop_mm(mm);
	return 0;
}

static void test_tick_and_init(void **state)
{
	struct tick r = { 0 };

	kshim_spawn("main", tick_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);

	assert_int_equal(r.period0, 1000);
	assert_int_equal(r.stamp0, 0);
	assert_int_equal(r.next0, r.j0 + DELAY_J);
	assert_int_equal(r.seq0, 0);
	assert_int_equal(r.pref, NUMA_NO_NODE);	/* new mm: reset */

	assert_false(r.t[0]);
	assert_true(r.t[1]);
	/* period_min 1000 / 4 windows; floor 1000 / 2560 = 0 */
	assert_int_equal(r.period1, 250);
	assert_int_equal(r.stamp1, 1000 * NSEC_PER_MSEC);
	assert_false(r.t[2]);
	assert_int_equal(r.stamp2, r.stamp1);
	assert_false(r.queued_after_run);
	/* runtime 1308 ms > 1000 + 2 ticks (the scan) + 250 */
	assert_false(r.t[3]);
	assert_int_equal(r.stamp3, (1000 + 8 + 250) * NSEC_PER_MSEC);
	assert_true(r.t[4]);
	assert_int_equal(r.stamp4, (1000 + 8 + 500) * NSEC_PER_MSEC);
	assert_false(r.t[5]);
	assert_false(r.t[6]);
	assert_false(r.t[7]);

	/* sic: min(task_scan_max() in ms, period * users in ns) */
	assert_int_equal(r.thread_stamp, 60000 + 2 * TICK_NSEC);
	assert_int_equal(r.thread_pref, 1);
	assert_int_equal(r.thread_period, 1000);
	assert_int_equal(r.next_thread, 12345);
	assert_int_equal(r.seq_thread, r.seq_before_thread);
}

/* ------------------------------------------------------------------ */

struct early {
	int err;
	unsigned long next_exiting, j1, next_size0, j2, next_locked;
	u64 stamp_size0, stamp_locked;
	bool state_size0, state_locked, state_end;
};

static int early_task(void *arg)
{
	struct early *r = arg;
	struct mm_struct *mm = task_mm();
	struct vm_area_struct *a;

	if (!mm)
		return r->err = -1;
	a = anon_vma(mm, VA, 4 * MB, 512, 512);
	if (!a)
		return r->err = -1;
	numa_scan_init_task(current, NUMA_MM_FORK);
	mm->numa_next_scan = 0;

	/* dying: return before even looking at the mm */
	current->flags |= PF_EXITING;
	numa_scan_run(current);
	current->flags &= ~PF_EXITING;
	r->next_exiting = mm->numa_next_scan;

	/* scan_size 0: the period is taken, nothing scanned */
	numa_scan_force(current);
	sysctl_numa_balancing_scan_size = 0;
	r->j1 = jiffies;
	numa_scan_run(current);
	r->next_size0 = mm->numa_next_scan;
	r->stamp_size0 = current->node_stamp;
	r->state_size0 = a->numab_state;
	sysctl_numa_balancing_scan_size = 256;

	/* mmap_read_trylock() fails (a writer): same */
	msleep(1000);
	mmap_write_lock(mm);
	r->j2 = jiffies;
	numa_scan_run(current);
	mmap_write_unlock(mm);
	r->next_locked = mm->numa_next_scan;
	r->stamp_locked = current->node_stamp;
	r->state_locked = a->numab_state;

	msleep(1000);
	numa_scan_run(current);
	r->state_end = a->numab_state;
	drop_mm(mm);
	return 0;
}

/*
 * task_numa_work()'s early returns: PF_EXITING before the mm is read;
 * after winning the period, a zero scan_size and a failed
 * mmap_read_trylock() scan nothing.
 */
static void test_run_early_returns(void **state)
{
	struct early r = { 0 };

	kshim_spawn("main", early_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);

	assert_int_equal(r.next_exiting, 0);
	assert_int_equal(r.next_size0, r.j1 + DELAY_J);
	assert_int_equal(r.stamp_size0, 2 * TICK_NSEC);
	assert_false(r.state_size0);
	assert_int_equal(r.next_locked, r.j2 + DELAY_J);
	assert_int_equal(r.stamp_locked, 4 * TICK_NSEC);
	assert_false(r.state_locked);
	assert_true(r.state_end);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_run_and_numab_init, setup, teardown),
		cmocka_unit_test_setup_teardown(test_budget, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrap_on_next_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cmpxchg_one_thread_per_period, setup, teardown),
		cmocka_unit_test_setup_teardown(test_skip_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vma_is_accessed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tick_and_init, setup, teardown),
		cmocka_unit_test_setup_teardown(test_run_early_returns, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

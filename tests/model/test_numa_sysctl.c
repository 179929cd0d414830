// SPDX-License-Identifier: GPL-2.0-only
/*
 * The NUMA-balancing scanner against kernel.numa_balancing and its
 * static key (mm_model/mm/numa_scan.c over the real change_prot_numa()):
 * switched off, hints already made stay; switched mid-scan, the scanner
 * reads the mode per entry; reads and writes of both are scheduling
 * points.  Split from test_numa_scan.c, with which it shares
 * numa_scan_util.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
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

struct off {
	int err, wr;
	bool tick_on, tick_off;
	unsigned long upd_scan, hinted_before, hinted_after, hinted_final;
	unsigned long ev0[NR_VM_EVENT_ITEMS], ev1[NR_VM_EVENT_ITEMS];
	bool faults_null, restored;
	unsigned long loc[3];
	enum mmu_result res;
};

static void snapshot(unsigned long *ev)
{
	int i;

	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		ev[i] = kshim_vm_event_read(i);
}

static int off_task(void *arg)
{
	struct off *r = arg;
	struct mm_struct *mm = task_mm();
	struct vm_area_struct *a;
	unsigned long addr = VA + 700 * PAGE_SIZE;
	pte_t pte;

	if (!mm)
		return r->err = -1;
	a = anon_vma(mm, VA, 4 * MB, 512, 512);
	if (!a)
		return r->err = -1;
	numa_scan_init_task(current, NUMA_MM_FORK);
	msleep(1000);
	r->tick_on = numa_scan_tick(current);
	if (r->tick_on)
		numa_scan_run(current);
	r->upd_scan = updates();
	r->hinted_before = nr_protnone(a, VA, VA + 4 * MB);

	r->wr = numa_balancing_sysctl_write(0);
	msleep(2000);
	r->tick_off = numa_scan_tick(current);
	r->hinted_after = nr_protnone(a, VA, VA + 4 * MB);

	snapshot(r->ev0);
	r->res = hint_fault(mm, addr);
	snapshot(r->ev1);
	r->faults_null = !current->numa_faults;
	memcpy(r->loc, current->numa_faults_locality, sizeof(r->loc));
	pte = ptep_get(populate_ptep(a, addr));
	r->restored = pte_present(pte) && !pte_protnone(pte);
	r->hinted_final = nr_protnone(a, VA, VA + 4 * MB);
	drop_mm(mm);
	return 0;
}

/*
 * kernel.numa_balancing = 0: the tick queues nothing any more, the
 * installed hints stay, and an access to one still runs the real
 * do_numa_page() (a hint fault is counted, the entry restored) while
 * task_numa_fault() records nothing.
 */
static void test_balancing_off_keeps_hints(void **state)
{
	struct off r = { 0 };

	kshim_spawn("main", off_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);

	assert_true(r.tick_on);
	assert_int_equal(r.upd_scan, 512);
	assert_int_equal(r.hinted_before, 512);
	assert_int_equal(r.wr, 0);
	assert_false(r.tick_off);
	assert_int_equal(r.hinted_after, 512);

	assert_int_equal(r.res, MMU_OK);
	assert_true(r.restored);
	assert_int_equal(r.hinted_final, 511);
	assert_int_equal(r.ev1[NUMA_HINT_FAULTS] - r.ev0[NUMA_HINT_FAULTS], 1);
	assert_int_equal(r.ev1[NUMA_HINT_FAULTS_LOCAL] -
			 r.ev0[NUMA_HINT_FAULTS_LOCAL], 0);
	assert_int_equal(r.ev1[NUMA_PAGE_MIGRATE] - r.ev0[NUMA_PAGE_MIGRATE], 0);
	assert_true(r.faults_null);
	assert_int_equal(r.loc[0], 0);
	assert_int_equal(r.loc[1], 0);
	assert_int_equal(r.loc[2], 0);
}

/* ------------------------------------------------------------------ */

struct mode0 {
	int err;
	struct completion go;
	bool armed, fired;
	bool tick, key_at_scan, state, key_end;
	int mode_at_scan, mode_end;
	unsigned long j_scan, next_after, upd_after, hinted;
	bool tick2;
	unsigned long next2_before, next2_after, upd2, hinted2;
	int seq2_before, seq2_after;
};

static bool preempt_writer(enum sim_point_kind kind, const void *obj,
			   void *priv)
{
	struct mode0 *r = priv;

	if (!r->armed || kind != SIM_PT_LOCK)
		return false;
	r->armed = false;
	r->fired = true;
	return true;
}

static int mode0_writer(void *arg)
{
	struct mode0 *r = arg;

	msleep(1000);
	complete(&r->go);
	/* preempted between the mode store and the static key */
	r->armed = true;
	numa_balancing_sysctl_write(0);
	return 0;
}

static int mode0_task(void *arg)
{
	struct mode0 *r = arg;
	struct mm_struct *mm = task_mm();
	struct vm_area_struct *a;

	if (!mm)
		return r->err = -1;
	a = anon_vma(mm, VA, 4 * MB, 512, 512);
	if (!a)
		return r->err = -1;
	numa_scan_init_task(current, NUMA_MM_FORK);
	msleep(1000);
	wait_for_completion(&r->go);

	/* the writer stored mode 0 but the key is still on */
	r->tick = numa_scan_tick(current);
	r->mode_at_scan = sysctl_numa_balancing_mode;
	r->key_at_scan = static_key_enabled(&sched_numa_balancing);
	r->j_scan = jiffies;
	if (r->tick)
		numa_scan_run(current);
	r->next_after = mm->numa_next_scan;
	r->upd_after = updates();
	r->state = a->numab_state;
	r->hinted = nr_protnone(a, VA, VA + 4 * MB);

	msleep(10);		/* the writer finishes */
	r->key_end = static_key_enabled(&sched_numa_balancing);
	r->mode_end = sysctl_numa_balancing_mode;

	/* work queued before a disable still runs once, in mode 0 */
	numa_balancing_sysctl_write(1);
	msleep(1000);
	r->tick2 = numa_scan_tick(current);
	numa_balancing_sysctl_write(0);
	r->next2_before = mm->numa_next_scan;
	r->seq2_before = mm->numa_scan_seq;
	numa_scan_run(current);
	r->next2_after = mm->numa_next_scan;
	r->seq2_after = mm->numa_scan_seq;
	r->upd2 = updates();
	r->hinted2 = nr_protnone(a, VA, VA + 4 * MB);
	drop_mm(mm);
	return 0;
}

/*
 * numa_balancing_sysctl_write(0) stores the mode before it turns the
 * key off: a tick in between still queues the scan, which runs with
 * mode 0 and, every node being top tier, hints nothing (change_pte_
 * range()'s !NORMAL && toptier skip).  So does a scan queued before
 * the write and run after it.
 */
static void test_mode0_mid_write(void **state)
{
	struct mode0 r = { 0 };

	init_completion(&r.go);
	sim_set_preempt(preempt_writer, &r);
	kshim_spawn("main", mode0_task, &r);
	kshim_spawn("sysctl", mode0_writer, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	sim_set_preempt(NULL, NULL);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);

	assert_true(r.fired);
	assert_true(r.tick);
	assert_int_equal(r.mode_at_scan, 0);
	assert_true(r.key_at_scan);
	assert_int_equal(r.next_after, r.j_scan + DELAY_J);	/* it ran */
	assert_true(r.state);
	assert_int_equal(r.upd_after, 0);
	assert_int_equal(r.hinted, 0);
	assert_false(r.key_end);
	assert_int_equal(r.mode_end, 0);

	assert_true(r.tick2);
	assert_true(r.next2_after != r.next2_before);	/* it ran */
	assert_int_equal(r.seq2_after, r.seq2_before + 1);
	assert_int_equal(r.upd2, 0);
	assert_int_equal(r.hinted2, 0);
}

/* ------------------------------------------------------------------ */

/*
 * init_numa_balancing() and task_tick_numa(): the first period of
 * runtime sets the period to task_scan_start() (RSS-scaled) and queues
 * the work if the mm is due; each later period moves node_stamp on and
 * queues it again if the mm is due; a queued work, an exiting task, a
 * kthread and a disabled key queue nothing.
 */
/* What the shared-variable points named, in order */
struct shared_points {
	enum sim_point_kind kind[8];
	const void *obj[8];
	int nr;
};

static bool note_shared_point(enum sim_point_kind kind, const void *obj,
			      void *priv)
{
	struct shared_points *sp = priv;

	if ((kind == SIM_PT_READ_ONCE || kind == SIM_PT_WRITE_ONCE) &&
	    sp->nr < 8) {
		sp->kind[sp->nr] = kind;
		sp->obj[sp->nr++] = obj;
	}
	return false;	/* never preempt: only watch */
}

static int shared_reader(void *arg)
{
	int *mode = arg;

	*mode = sysctl_numa_balancing_mode;	/* the kernel's plain read */
	if (static_branch_likely(&sched_numa_balancing))
		numa_balancing_sysctl_write(0);
	return 0;
}

/*
 * kernel.numa_balancing and static keys are shared variables: every read
 * and write is a scheduling point on the variable itself, so that the
 * exploration orders them and its local steps see them shared
 * (kshim/include/linux/sched/sysctl.h, jump_label.h).
 */
static void test_sysctl_and_key_are_points(void **state)
{
	struct shared_points sp = { .nr = 0 };
	int mode = -1;

	numa_balancing_sysctl_write(1);		/* at boot: no thread, no point */
	sim_set_preempt(note_shared_point, &sp);
	kshim_spawn("reader", shared_reader, &mode);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	sim_set_preempt(NULL, NULL);
	assert_int_equal(mode, NUMA_BALANCING_NORMAL);
	/* read mode, read key, write mode, write key */
	assert_int_equal(sp.nr, 4);
	assert_int_equal(sp.kind[0], SIM_PT_READ_ONCE);
	assert_int_equal(sp.kind[1], SIM_PT_READ_ONCE);
	assert_ptr_equal(sp.obj[1], &sched_numa_balancing.key.enabled);
	assert_int_equal(sp.kind[2], SIM_PT_WRITE_ONCE);
	assert_ptr_equal(sp.obj[2], sp.obj[0]);		/* the same variable */
	assert_int_equal(sp.kind[3], SIM_PT_WRITE_ONCE);
	assert_ptr_equal(sp.obj[3], sp.obj[1]);
	assert_false(static_key_enabled(&sched_numa_balancing));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_balancing_off_keeps_hints, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mode0_mid_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sysctl_and_key_are_points, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

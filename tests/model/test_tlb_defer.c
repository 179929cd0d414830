// SPDX-License-Identifier: GPL-2.0-only
/*
 * TLB deferral (docs/kernel-6.12-fault-path.md §3.4, §5.5): the NUMA scan's
 * change_prot_numa() (real kernel code) makes the PTE protnone under the
 * PTL but flushes only in tlb_finish_mmu(); until then a CPU holding the
 * translation accesses unfaulted.  After the flush the access faults.
 * The scanner is preempted at its flush point, the one scheduling point
 * of kind SIM_PT_TLB it makes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/vmstat.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/machine.h"
#include "model_test.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/vma.h"

#define VA 0x7f0000000000UL

static struct mm_struct *mm;
static struct vm_area_struct *vma;
static struct completion scan_started, scan_done;
static struct task_struct *scanner;
static bool preempted_once;

struct obs {
	int faults[3];
	bool protnone_during;
	long updates;
};

static bool preempt_scanner_at_flush(enum sim_point_kind kind,
				     const void *obj, void *priv)
{
	if (kind != SIM_PT_TLB || current != scanner || preempted_once)
		return false;
	preempted_once = true;
	return true;
}

static int accessor(void *arg)
{
	struct obs *o = arg;

	current->mm = mm;
	current->cpu = 0;
	current->mempolicy = mpol_new(MPOL_BIND, 0x1, false);
	mmu_access(0, mm, VA, false, &o->faults[0]);	/* fills the TLB */
	wait_for_completion(&scan_started);
	/* runs while the scanner is stopped at its flush */
	o->protnone_during = pte_protnone(ptep_get(populate_ptep(vma, VA)));
	mmu_access(0, mm, VA, false, &o->faults[1]);
	wait_for_completion(&scan_done);
	mmu_access(0, mm, VA, false, &o->faults[2]);
	mpol_free(current->mempolicy);
	current->mempolicy = NULL;
	current->mm = NULL;
	return 0;
}

static int scan(void *arg)
{
	struct obs *o = arg;

	current->mm = mm;
	current->cpu = 1;
	complete(&scan_started);
	mmap_read_lock(mm);
	o->updates = change_prot_numa(vma, vma->vm_start, vma->vm_end);
	mmap_read_unlock(mm);
	complete(&scan_done);
	current->mm = NULL;
	return 0;
}

static int setup_mm(void *arg)
{
	mm = mm_create();
	atomic_set(&mm->mm_users, 2);	/* two tasks: no target_node skip */
	vma = vma_create(mm, VA, VA + PMD_SIZE, VM_READ | VM_WRITE, NULL);
	return populate_anon(vma, VA, VA + PAGE_SIZE, 0, true);
}

static int teardown_mm(void *arg)
{
	populate_zap_all(vma);
	mm_destroy(mm);
	return 0;
}

static void test_stale_tlb_until_scan_flush(void **state)
{
	struct obs o = { 0 };

	assert_int_equal(model_boot(1, 2, 1024), 0);
	kshim_spawn("setup", setup_mm, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	init_completion(&scan_started);
	init_completion(&scan_done);
	preempted_once = false;
	sim_set_preempt(preempt_scanner_at_flush, NULL);
	kshim_spawn("cpu0", accessor, &o);
	scanner = kshim_spawn("scan", scan, &o);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	sim_set_preempt(NULL, NULL);
	assert_int_equal(sim_findings_count(), 0);
	assert_true(preempted_once);
	assert_int_equal(o.updates, 1);
	assert_int_equal(o.faults[0], 0);
	assert_true(o.protnone_during);
	assert_int_equal(o.faults[1], 0);	/* stale entry: no fault */
	assert_int_equal(o.faults[2], 1);	/* after the flush: a fault */
	kshim_spawn("teardown", teardown_mm, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	machine_destroy();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stale_tlb_until_scan_flush),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The machine-wide oracles (oracles/oracles.h) stay quiet on kernel-
 * made states and fire on deliberately broken ones: a TLB entry more
 * permissive than the table with no flush owed, a mapcount or refcount
 * that does not match the mappings, a leaked folio.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/sched/numa_balancing.h>
#include <linux/mm.h>
#include <kshim/kshim.h>
#include <linux/mmap_lock.h>
#include <linux/delay.h>
#include "sim/sched.h"
#include "mm_model/mm/numa_balancing.h"
#include "oracles/hint_owner.h"
#include "mm_model/mm/machine.h"
#include "mm_model/hw/memmap.h"
#include "mm_model/hw/mmu.h"
#include "oracles/oracles.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/thp.h"
#include "mm_model/mm/vma.h"
#include "model_test.h"

#define VA 0x7f0000000000UL

enum breakage { NONE, STALE_WRITABLE, FLUSH_PENDING, MAPCOUNT, LEAK };

struct run {
	enum breakage what;
	int tlb, conservation;
	char first[200];
};

static int task(void *arg)
{
	struct run *r = arg;
	struct mm_struct *mm = mm_create();
	struct vm_area_struct *vma;
	struct folio *leak = NULL;
	pte_t *ptep;

	current->mm = mm;
	current->cpu = 0;
	vma = vma_create(mm, VA, VA + PMD_SIZE,
			 VM_READ | VM_WRITE | VM_NOHUGEPAGE, NULL);
	populate_anon(vma, VA, VA + 4 * PAGE_SIZE, 0, true);
	mmu_access(0, mm, VA, true, NULL);	/* a writable TLB entry */
	ptep = populate_ptep(vma, VA);
	switch (r->what) {
	case STALE_WRITABLE:	/* a write-protect without the flush */
		set_pte_at(mm, VA, ptep, pte_wrprotect(ptep_get(ptep)));
		break;
	case FLUSH_PENDING:	/* same, but a gather still owes it */
		set_pte_at(mm, VA, ptep, pte_wrprotect(ptep_get(ptep)));
		atomic_inc(&mm->tlb_flush_pending);
		break;
	case MAPCOUNT:
		atomic_inc(&pfn_folio(pte_pfn(ptep_get(ptep)))->_mapcount);
		break;
	case LEAK:
		leak = memmap_alloc_folio(0, 0, true);
		break;
	case NONE:
		break;
	}
	r->tlb = oracle_tlb_coherence();
	r->conservation = oracle_conservation();
	if (sim_findings_count())
		strncpy(r->first, sim_finding_get(0)->msg, sizeof(r->first) - 1);
	/* undo, so the teardown itself is clean */
	if (r->what == FLUSH_PENDING)
		atomic_dec(&mm->tlb_flush_pending);
	if (r->what == MAPCOUNT)
		atomic_dec(&pfn_folio(pte_pfn(ptep_get(ptep)))->_mapcount);
	if (leak)
		folio_put(leak);
	populate_zap_all(vma);
	current->mm = NULL;
	mm_destroy(mm);
	return 0;
}

static struct run check(enum breakage what)
{
	struct run r = { .what = what };

	assert_int_equal(model_boot(1, 1, 1024), 0);
	kshim_spawn("cpu0", task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	machine_destroy();
	return r;
}

static void test_quiet_on_kernel_made_state(void **state)
{
	struct run r = check(NONE);

	assert_int_equal(r.tlb, 0);
	assert_int_equal(r.conservation, 0);
}

static void test_stale_writable_tlb_entry_fires(void **state)
{
	struct run r = check(STALE_WRITABLE);

	assert_int_equal(r.tlb, 1);
	assert_non_null(strstr(r.first, "tlb_coherence: cpu0 caches "
				       "0x7f0000000000 writable"));
}

static void test_pending_flush_is_allowed(void **state)
{
	struct run r = check(FLUSH_PENDING);

	assert_int_equal(r.tlb, 0);	/* tlb_finish_mmu() will flush */
}

static void test_mapcount_mismatch_fires(void **state)
{
	struct run r = check(MAPCOUNT);

	assert_int_equal(r.tlb, 0);
	assert_int_equal(r.conservation, 1);
	assert_non_null(strstr(r.first, "conservation: pfn "));
	assert_non_null(strstr(r.first, "mapcount 2, mapped by 1 PTEs"));
}

static void test_leaked_folio_fires(void **state)
{
	struct run r = check(LEAK);

	assert_int_equal(r.conservation, 1);
	assert_non_null(strstr(r.first, "(leaked)"));
}

/*
 * thp_consistency: quiet on what the kernel makes of a THP (mapped,
 * NUMA-hinted, split to PTEs); fires on a PMD that maps a tail page and
 * on two PTEs of a large folio swapped.
 */
enum thp_breakage { THP_NONE, THP_PMD_TAIL, THP_PTES_SWAPPED };

struct thp_check {
	enum thp_breakage what;
	int found;
	int err;
	char first[200];
};

#define THP_VA 0x40000000UL

static int thp_task(void *arg)
{
	struct thp_check *r = arg;
	struct mm_struct *mm = mm_create();
	struct vm_area_struct *vma;
	enum hint_owner old;
	pmd_t *pmdp;
	pte_t *a, *b, pa;

	current->mm = mm;
	current->cpu = 0;
	vma = vma_create(mm, THP_VA, THP_VA + 2 * PMD_SIZE,
			 VM_READ | VM_WRITE, NULL);
	if (!vma || populate_anon_thp(vma, THP_VA, 0, true) ||
	    populate_anon_large(vma, THP_VA + PMD_SIZE, 0, 4, true))
		return r->err = -1;
	old = hint_install_begin(HINT_OWNER_NUMA);
	change_prot_numa(vma, THP_VA, THP_VA + PMD_SIZE);
	hint_install_end(old);
	pmdp = pmd_off(mm, THP_VA);
	a = populate_ptep(vma, THP_VA + PMD_SIZE);
	b = populate_ptep(vma, THP_VA + PMD_SIZE + PAGE_SIZE);
	pa = ptep_get(a);
	switch (r->what) {
	case THP_PMD_TAIL:
		/* a huge PMD's pfn is 2M-aligned: name the next 2M instead */
		set_pmd_at(mm, THP_VA, pmdp, __pmd(pmd_val(*pmdp) + PMD_SIZE));
		break;
	case THP_PTES_SWAPPED:
		set_pte_at(mm, THP_VA + PMD_SIZE, a, ptep_get(b));
		set_pte_at(mm, THP_VA + PMD_SIZE + PAGE_SIZE, b, pa);
		break;
	case THP_NONE:
		break;
	}
	r->found = oracle_thp_consistency();
	if (sim_findings_count())
		strncpy(r->first, sim_finding_get(0)->msg, sizeof(r->first) - 1);
	/* undo, so the teardown is clean */
	if (r->what == THP_PMD_TAIL)
		set_pmd_at(mm, THP_VA, pmdp, __pmd(pmd_val(*pmdp) - PMD_SIZE));
	if (r->what == THP_PTES_SWAPPED) {
		set_pte_at(mm, THP_VA + PMD_SIZE + PAGE_SIZE, b, ptep_get(a));
		set_pte_at(mm, THP_VA + PMD_SIZE, a, pa);
	}
	if (r->what == THP_NONE) {
		/* and after a split of the hinted THP: still quiet */
		thp_split_pmd_at(vma, THP_VA);
		r->found += oracle_thp_consistency();
	}
	populate_zap_large(vma);
	current->mm = NULL;
	mm_destroy(mm);
	return 0;
}

static struct thp_check thp_check(enum thp_breakage what)
{
	struct thp_check r = { .what = what };

	assert_int_equal(model_boot(1, 1, 4096), 0);
	kshim_spawn("cpu0", thp_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	machine_destroy();
	return r;
}

static void test_thp_quiet_on_kernel_made_state(void **state)
{
	assert_int_equal(thp_check(THP_NONE).found, 0);
}

static void test_thp_pmd_on_tail_fires(void **state)
{
	struct thp_check r = thp_check(THP_PMD_TAIL);

	assert_int_equal(r.found, 1);
	assert_non_null(strstr(r.first, "thp_consistency: the PMD at "
				       "0x40000000 maps pfn "));
	assert_non_null(strstr(r.first, "not the head of a PMD-size folio"));
}

static void test_thp_ptes_out_of_place_fires(void **state)
{
	struct thp_check r = thp_check(THP_PTES_SWAPPED);

	/* page 1 at the folio's first address sets where page 0 "is" */
	assert_true(r.found >= 1);
	assert_non_null(strstr(r.first, "thp_consistency: 0x40201000 maps "
				       "page 0 of folio "));
	assert_non_null(strstr(r.first, "out of place"));
}

/*
 * A deadlock is a finding with every thread's kernel stack: 'holder'
 * takes the PTE lock of a hinted page and waits for nothing; 'fault'
 * takes the hint fault and blocks on that lock inside do_numa_page().
 */
struct dl {
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	struct sim_waitq never;
	bool fault_done;
};

static int dl_fault(void *arg)
{
	struct dl *d = arg;

	current->mm = d->mm;
	current->cpu = 0;
	mmu_access(0, d->mm, VA + 300 * PAGE_SIZE, false, NULL);
	current->mm = NULL;
	d->fault_done = true;
	return 0;
}

static int dl_holder(void *arg)
{
	struct dl *d = arg;
	unsigned long addr = VA + 300 * PAGE_SIZE;
	enum hint_owner old;
	spinlock_t *ptl;
	pte_t *pte;

	d->vma = model_half_remote_task(VA, 512, &d->mm);
	if (!d->vma)
		return -1;
	old = hint_install_begin(HINT_OWNER_NUMA);
	change_prot_numa(d->vma, VA, VA + 512 * PAGE_SIZE);
	hint_install_end(old);
	pte = pte_offset_map_lock(d->mm, pmd_off(d->mm, addr), addr, &ptl);
	kshim_spawn("fault", dl_fault, d);
	sim_wait(&d->never, d);		/* the test wakes it after the finding */
	pte_unmap_unlock(pte, ptl);
	while (!d->fault_done)
		msleep(1);
	populate_zap_all(d->vma);
	task_numa_free(current, true);
	current->mm = NULL;
	mm_destroy(d->mm);
	return 0;
}

static void test_deadlock_has_kernel_stacks(void **state)
{
	struct dl d = { 0 };
	const struct sim_finding *f;

	assert_int_equal(model_boot(1, 2, 4096), 0);
	kshim_spawn("holder", dl_holder, &d);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DEADLOCK);
	assert_int_equal(sim_findings_count(), 1);
	f = sim_finding_get(0);
	assert_int_equal(f->kind, SIM_FINDING_DEADLOCK);
	assert_non_null(strstr(f->msg, "no thread can run: "));
	assert_non_null(strstr(f->detail, "holder: (no kernel function)"));
	assert_non_null(strstr(f->detail, "fault: handle_mm_fault > "
					  "__handle_mm_fault > "
					  "handle_pte_fault > do_numa_page"));
	/* let it go: the holder unlocks, the fault completes */
	sim_wake_all(&d.never);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_true(d.fault_done);
	machine_destroy();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quiet_on_kernel_made_state),
		cmocka_unit_test(test_stale_writable_tlb_entry_fires),
		cmocka_unit_test(test_pending_flush_is_allowed),
		cmocka_unit_test(test_mapcount_mismatch_fires),
		cmocka_unit_test(test_leaked_folio_fires),
		cmocka_unit_test(test_deadlock_has_kernel_stacks),
		cmocka_unit_test(test_thp_quiet_on_kernel_made_state),
		cmocka_unit_test(test_thp_pmd_on_tail_fires),
		cmocka_unit_test(test_thp_ptes_out_of_place_fires),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

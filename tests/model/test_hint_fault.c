// SPDX-License-Identifier: GPL-2.0-only
/*
 * NUMA hinting end to end on the real kernel code: the real
 * change_prot_numa() (mm/mempolicy.c -> mm/mprotect.c) installs hints,
 * a simulated CPU's access faults through do_user_addr_fault() into the
 * real handle_mm_fault() -> handle_pte_fault() -> do_numa_page(), which
 * restores the entry.  Each test is one of issue #3's "done when" items.
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
#include <linux/vmstat.h>
#include <asm/tlb.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/machine.h"
#include "model_test.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/numa_balancing.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/vma.h"

#define VA 0x7f0000000000UL	/* where mmap() puts things: all four levels */
#define NR_PAGES 1024UL		/* 4 MiB: two PTE tables */

struct run {
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	long updates[2];
	unsigned long ev_updates;
	int nr_remote_hinted, nr_local_hinted;
	enum mmu_result res[4];
	int faults[4];
	pte_t pte[4];
	unsigned long ev[NR_VM_EVENT_ITEMS];
	unsigned long locality[3];
	int err;
};

static int setup(void **state)
{
	return model_boot(1, 2, 4096);
}

static int teardown(void **state)
{
	machine_destroy();
	return 0;
}

/* a task on cpu0 (node 0) with a 4 MiB private RW anon VMA, half remote */
static int make_task_mm(struct run *r)
{
	r->vma = model_half_remote_task(VA, NR_PAGES, &r->mm);
	return r->vma ? 0 : -1;
}

static void drop_task_mm(struct run *r)
{
	populate_zap_all(r->vma);
	task_numa_free(current, true);
	current->mm = NULL;
	mm_destroy(r->mm);
}

static long scan_once(struct run *r)
{
	long n;

	/* task_numa_work() holds the mmap read lock around the walk */
	mmap_read_lock(r->mm);
	n = change_prot_numa(r->vma, r->vma->vm_start, r->vma->vm_end);
	mmap_read_unlock(r->mm);
	return n;
}

static int scan_task(void *arg)
{
	struct run *r = arg;
	unsigned long i;

	if (make_task_mm(r))
		return r->err = -1;
	r->updates[0] = scan_once(r);
	r->ev_updates = kshim_vm_event_read(NUMA_PTE_UPDATES);
	r->updates[1] = scan_once(r);
	for (i = 0; i < NR_PAGES; i++) {
		pte_t pte = ptep_get(populate_ptep(r->vma, VA + i * PAGE_SIZE));

		if (!pte_protnone(pte))
			continue;
		if (i < NR_PAGES / 2)
			r->nr_local_hinted++;
		else
			r->nr_remote_hinted++;
	}
	drop_task_mm(r);
	return 0;
}

/* Hinting a VMA half on the local node changes exactly the remote half. */
static void test_scan_hints_remote_half_only(void **state)
{
	struct run r = { 0 };

	kshim_spawn("scan", scan_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(r.updates[0], NR_PAGES / 2);
	assert_int_equal(r.ev_updates, NR_PAGES / 2);	/* numa_pte_updates */
	assert_int_equal(r.nr_remote_hinted, NR_PAGES / 2);
	assert_int_equal(r.nr_local_hinted, 0);
	assert_int_equal(r.updates[1], 0);	/* already protnone: skipped */
}

static void snapshot_events(struct run *r)
{
	int i;

	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		r->ev[i] = kshim_vm_event_read(i);
}

static int fault_task(void *arg)
{
	struct run *r = arg;
	unsigned long remote = VA + (NR_PAGES - 1) * PAGE_SIZE;
	unsigned long local = VA + 3 * PAGE_SIZE, cow = VA + 7 * PAGE_SIZE;
	pte_t *lp = NULL, *cp = NULL;

	if (make_task_mm(r))
		return r->err = -1;
	/* no migrate-on-fault: a bound policy without NUMA_BALANCING */
	current->mempolicy = mpol_new(MPOL_BIND, 0x3, false);
	scan_once(r);
	/* local pages are never hinted by the scanner: hint two directly */
	lp = populate_ptep(r->vma, local);
	share_cow_page(r->vma, cow);
	cp = populate_ptep(r->vma, cow);
	set_pte_at(r->mm, local, lp, pte_modify(ptep_get(lp), PAGE_NONE));
	set_pte_at(r->mm, cow, cp, pte_modify(ptep_get(cp), PAGE_NONE));

	r->res[0] = mmu_access(0, r->mm, remote, false, &r->faults[0]);
	r->pte[0] = ptep_get(populate_ptep(r->vma, remote));
	r->res[1] = mmu_access(0, r->mm, local, true, &r->faults[1]);
	r->pte[1] = ptep_get(lp);
	r->res[2] = mmu_access(0, r->mm, cow, false, &r->faults[2]);
	r->pte[2] = ptep_get(cp);
	snapshot_events(r);
	memcpy(r->locality, current->numa_faults_locality,
	       sizeof(r->locality));
	mpol_free(current->mempolicy);
	current->mempolicy = NULL;
	/* the COW page's second mapping belongs to no one here */
	atomic_dec(&pfn_folio(pte_pfn(r->pte[2]))->_mapcount);
	folio_put(pfn_folio(pte_pfn(r->pte[2])));
	drop_task_mm(r);
	return 0;
}

/*
 * A read fault on a hint restores a present, young entry with the
 * protection the kernel gives it; on a private writable anonymous
 * exclusive page the rebuild makes it writable; on a COW-shared page
 * it stays read-only.
 */
static void test_hint_faults_restore(void **state)
{
	struct run r = { 0 };

	kshim_spawn("cpu0", fault_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);

	/* remote, read: one fault; anon-exclusive in a VM_WRITE VMA */
	assert_int_equal(r.res[0], MMU_OK);
	assert_int_equal(r.faults[0], 1);
	assert_true(pte_present(r.pte[0]) && !pte_protnone(r.pte[0]));
	assert_true(pte_val(r.pte[0]) & _PAGE_PRESENT);
	assert_true(pte_young(r.pte[0]));
	assert_true(pte_write(r.pte[0]));	/* can_change_pte_writable() */
	assert_true(pte_dirty(r.pte[0]));	/* populated by a write */

	/* local, write: the rebuilt entry is writable, no second fault */
	assert_int_equal(r.res[1], MMU_OK);
	assert_int_equal(r.faults[1], 1);
	assert_true(pte_write(r.pte[1]) && pte_dirty(r.pte[1]));

	/* COW-shared, read: present again, but read-only */
	assert_int_equal(r.res[2], MMU_OK);
	assert_int_equal(r.faults[2], 1);
	assert_true(pte_val(r.pte[2]) & _PAGE_PRESENT);
	assert_false(pte_write(r.pte[2]));

	/* counters: three hint faults, two on local folios */
	assert_int_equal(r.ev[PGFAULT], 3);
	assert_int_equal(r.ev[NUMA_HINT_FAULTS], 3);
	assert_int_equal(r.ev[NUMA_HINT_FAULTS_LOCAL], 2);
	assert_int_equal(r.ev[NUMA_PTE_UPDATES], NR_PAGES / 2);
	/* task_numa_fault(): one remote, two local */
	assert_int_equal(r.locality[0], 1);
	assert_int_equal(r.locality[1], 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scan_hints_remote_half_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hint_faults_restore, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The anonymous fault paths below the cut (mm_model/mm/anon_fault.c),
 * reached from the real handle_pte_fault(): a first read maps the zero
 * page, a first write a new exclusive folio; a write to a read-only
 * entry reuses an exclusive folio in place or copies a shared one (and
 * the zero page).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/machine.h"
#include "model_test.h"
#include "mm_model/hw/memmap.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/thp.h"
#include "mm_model/mm/vma.h"

#define VA 0x7f0000000000UL

struct run {
	int faults[4];
	pte_t pte[4];
	unsigned long pgfault, pgreuse;
	int old_mapcount, old_refcount, new_node;
	unsigned long old_pfn;
};

static struct mm_struct *mm;
static struct vm_area_struct *vma;

static void start(void)
{
	mm = mm_create();
	current->mm = mm;
	current->cpu = 1;	/* node 1: new folios come from there */
	/* MADV_NOHUGEPAGE: these tests are about 4 KiB first touches */
	vma = vma_create(mm, VA, VA + PMD_SIZE,
			 VM_READ | VM_WRITE | VM_NOHUGEPAGE, NULL);
}

static void finish(void)
{
	populate_zap_all(vma);
	current->mm = NULL;
	mm_destroy(mm);
}

static pte_t pte_at(unsigned long addr)
{
	return ptep_get(populate_ptep(vma, addr));
}

static int zero_then_write(void *arg)
{
	struct run *r = arg;

	start();
	mmu_access(1, mm, VA, false, &r->faults[0]);
	r->pte[0] = pte_at(VA);
	mmu_access(1, mm, VA, true, &r->faults[1]);
	r->pte[1] = pte_at(VA);
	r->new_node = folio_nid(pfn_folio(pte_pfn(r->pte[1])));
	mmu_access(1, mm, VA + PAGE_SIZE, true, &r->faults[2]);
	r->pte[2] = pte_at(VA + PAGE_SIZE);
	r->pgfault = kshim_vm_event_read(PGFAULT);
	finish();
	return 0;
}

static int cow_and_reuse(void *arg)
{
	struct run *r = arg;
	struct folio *old;
	pte_t *ptep;

	start();
	populate_anon(vma, VA, VA + 2 * PAGE_SIZE, 0, true);
	/* page 0: COW-shared with a (silent) child -> copied */
	share_cow_page(vma, VA);
	r->old_pfn = pte_pfn(pte_at(VA));
	old = pfn_folio(r->old_pfn);
	mmu_access(1, mm, VA, true, &r->faults[0]);
	r->pte[0] = pte_at(VA);
	r->old_mapcount = folio_mapcount(old);
	r->old_refcount = folio_ref_count(old);
	/* the child's mapping goes away */
	atomic_dec(&old->_mapcount);
	folio_put(old);
	/* page 1: exclusive but write-protected -> reused in place */
	ptep = populate_ptep(vma, VA + PAGE_SIZE);
	set_pte_at(mm, VA + PAGE_SIZE, ptep, pte_wrprotect(ptep_get(ptep)));
	r->pte[2] = pte_at(VA + PAGE_SIZE);
	mmu_access(1, mm, VA + PAGE_SIZE, true, &r->faults[1]);
	r->pte[1] = pte_at(VA + PAGE_SIZE);
	r->pgfault = kshim_vm_event_read(PGFAULT);
	r->pgreuse = kshim_vm_event_read(PGREUSE);
	finish();
	return 0;
}

static int thp_first_write(void *arg)
{
	struct run *r = arg;
	pmd_t *pmdp;

	mm = mm_create();
	current->mm = mm;
	current->cpu = 1;
	/* THP "always": a 2 MiB-aligned anonymous VMA gets a THP */
	vma = vma_create(mm, VA, VA + PMD_SIZE, VM_READ | VM_WRITE, NULL);
	mmu_access(1, mm, VA + 0x1234, true, &r->faults[0]);
	pmdp = pmd_off(mm, VA);
	r->pte[0] = __pte(pmd_val(pmdp_get(pmdp)));
	r->new_node = folio_nid(pfn_folio(pmd_pfn(pmdp_get(pmdp))));
	r->pgfault = kshim_vm_event_read(PGFAULT);
	populate_zap_large(vma);
	current->mm = NULL;
	mm_destroy(mm);
	return 0;
}

static void boot(void)
{
	assert_int_equal(model_boot(1, 2, 1024), 0);
}

static void test_zero_page_then_copy(void **state)
{
	struct run r = { 0 };
	unsigned long free1;

	boot();
	free1 = memmap_free_pages(1);
	kshim_spawn("cpu1", zero_then_write, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);
	/* read: the shared zero page, special and read-only */
	assert_int_equal(r.faults[0], 1);
	assert_true(is_zero_pfn(pte_pfn(r.pte[0])));
	assert_true(pte_special(r.pte[0]));
	assert_false(pte_write(r.pte[0]));
	/* write: do_wp_page() copies the zero page into a new folio */
	assert_int_equal(r.faults[1], 1);
	assert_false(is_zero_pfn(pte_pfn(r.pte[1])));
	assert_true(pte_write(r.pte[1]) && pte_dirty(r.pte[1]));
	assert_int_equal(r.new_node, 1);	/* the local node */
	/* a first write: one fault, a new writable folio */
	assert_int_equal(r.faults[2], 1);
	assert_true(pte_write(r.pte[2]) && pte_dirty(r.pte[2]));
	assert_int_equal(r.pgfault, 3);
	/* everything was freed by the teardown */
	assert_int_equal(memmap_free_pages(1), free1);
	machine_destroy();
}

static void test_cow_copy_and_exclusive_reuse(void **state)
{
	struct run r = { 0 };

	boot();
	kshim_spawn("cpu1", cow_and_reuse, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);
	/* COW: a new folio; the old one keeps only the child's mapping */
	assert_int_equal(r.faults[0], 1);
	assert_true(pte_pfn(r.pte[0]) != r.old_pfn);
	assert_true(pte_write(r.pte[0]));
	assert_int_equal(r.old_mapcount, 1);
	assert_int_equal(r.old_refcount, 1);
	/* exclusive: reused in place, PGREUSE counted */
	assert_false(pte_write(r.pte[2]));
	assert_int_equal(r.faults[1], 1);
	assert_int_equal(pte_pfn(r.pte[1]), pte_pfn(r.pte[2]));
	assert_true(pte_write(r.pte[1]));
	assert_int_equal(r.pgreuse, 1);
	assert_int_equal(r.pgfault, 2);
	machine_destroy();
}

/* create_huge_pmd(): a first write maps a whole THP with one fault */
static void test_thp_first_write(void **state)
{
	struct run r = { 0 };
	pmd_t pmd;

	boot();
	kshim_spawn("cpu1", thp_first_write, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(r.faults[0], 1);
	pmd = __pmd(pte_val(r.pte[0]));
	assert_true(pmd_trans_huge(pmd));
	assert_true(pmd_write(pmd) && pmd_dirty(pmd));
	assert_int_equal(r.new_node, 1);
	assert_int_equal(r.pgfault, 1);
	assert_int_equal(memmap_free_pages(1), 1024);
	machine_destroy();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thp_first_write),
		cmocka_unit_test(test_zero_page_then_copy),
		cmocka_unit_test(test_cow_copy_and_exclusive_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

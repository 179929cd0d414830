// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MMU and TLBs (mm_model/hw/mmu.c, tlb.c): x86's Accessed/Dirty
 * updates, faults on protnone and on permission failures, TLB entries
 * that outlive a PTE change until a flush, and the fault-loop bound.
 * The fault handler here is a test double; the real one is the
 * kernel's __handle_mm_fault().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <linux/mm.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/fault.h"
#include "mm_model/hw/memmap.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/hw/tlb.h"
#include "mm_model/mm/vma.h"

#define VA 0x200000UL

static const unsigned long node_pages[1] = { 8192 };
static struct mm_struct *mm;
static struct vm_area_struct *vma;
static pte_t *ptep;
static pmd_t *pmdp;

enum handler_mode { MAKE_WRITABLE, DO_NOTHING, MAKE_PRESENT };
static enum handler_mode mode;
static int handler_calls;

static unsigned long last_error_code;

static vm_fault_t test_handler(int cpu, struct mm_struct *fmm,
			       unsigned long addr, unsigned long error_code)
{
	bool write = error_code & X86_PF_WRITE;
	pte_t pte = ptep_get(ptep);

	last_error_code = error_code;

	handler_calls++;
	if (mode == MAKE_WRITABLE && write)
		set_pte_at(fmm, addr, ptep, pte_mkwrite(pte_mkdirty(pte), vma));
	else if (mode == MAKE_PRESENT)
		set_pte_at(fmm, addr, ptep,
			   pte_mkyoung(pte_modify(pte, vma->vm_page_prot)));
	return 0;
}

struct scenario {
	int (*body)(void *);
	enum mmu_result res[4];
	int faults[4];
	unsigned long pte_after[4];
	int tlb_entries;
};

static int map_one(unsigned long pfn)
{
	pmdp = pgtable_pmd_alloc(mm, VA);
	if (!pmdp || pte_alloc(mm, pmdp))
		return -1;
	ptep = pte_offset_map(pmdp, VA);
	set_pte_at(mm, VA, ptep, pfn_pte(pfn, vma->vm_page_prot));
	return 0;
}

static int setup(void **state)
{
	struct folio *folio;

	sim_reset(1);
	if (kshim_boot() || sim_run(UINT64_MAX) != SIM_RUN_DONE)
		return -1;
	if (memmap_init(1, node_pages, NULL))
		return -1;
	tlb_reset(2);
	mm = mm_create();
	vma = vma_create(mm, VA, VA + PMD_SIZE, VM_READ | VM_WRITE, NULL);
	folio = memmap_alloc_folio(0, 0, true);
	handler_calls = 0;
	mmu_set_fault_handler(test_handler);
	return map_one(folio_pfn(folio));
}

static int teardown(void **state)
{
	mm_destroy(mm);
	memmap_destroy();
	return 0;
}

static void run(struct scenario *s)
{
	kshim_spawn("cpu", s->body, s);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
}

static int read_then_write(void *arg)
{
	struct scenario *s = arg;

	mode = MAKE_WRITABLE;
	s->res[0] = mmu_access(0, mm, VA + 8, false, &s->faults[0]);
	s->pte_after[0] = pte_val(ptep_get(ptep));
	s->res[1] = mmu_access(0, mm, VA + 8, true, &s->faults[1]);
	s->pte_after[1] = pte_val(ptep_get(ptep));
	s->tlb_entries = tlb_count(0, mm);
	return 0;
}

/* A read sets A, fills the TLB; a write to PAGE_COPY faults once. */
static void test_read_sets_accessed_write_faults(void **state)
{
	struct scenario s = { .body = read_then_write };

	run(&s);
	assert_int_equal(s.res[0], MMU_OK);
	assert_int_equal(s.faults[0], 0);
	assert_true(s.pte_after[0] & _PAGE_ACCESSED);
	assert_false(s.pte_after[0] & _PAGE_DIRTY);
	assert_int_equal(s.res[1], MMU_OK);
	assert_int_equal(s.faults[1], 1);	/* RW=0: a protection fault */
	assert_int_equal(last_error_code, X86_PF_USER | X86_PF_WRITE | X86_PF_PROT);
	assert_true(s.pte_after[1] & _PAGE_RW);
	assert_true(s.pte_after[1] & _PAGE_DIRTY);
	assert_int_equal(s.tlb_entries, 1);
	assert_int_equal(handler_calls, 1);
}

static int stale_tlb(void *arg)
{
	struct scenario *s = arg;
	pte_t pte;

	mode = MAKE_PRESENT;
	s->res[0] = mmu_access(1, mm, VA, false, &s->faults[0]);
	/* the NUMA scanner's change, before its tlb_finish_mmu() flush */
	pte = ptep_get(ptep);
	set_pte_at(mm, VA, ptep, pte_modify(pte, PAGE_NONE));
	s->res[1] = mmu_access(1, mm, VA, false, &s->faults[1]);
	s->pte_after[1] = pte_val(ptep_get(ptep));
	tlb_flush_range_all(mm, VA, VA + PAGE_SIZE);
	s->res[2] = mmu_access(1, mm, VA, false, &s->faults[2]);
	s->pte_after[2] = pte_val(ptep_get(ptep));
	return 0;
}

/* docs/kernel-6.12-fault-path.md §5.5: stale entries hide the hint. */
static void test_stale_tlb_entry_until_flush(void **state)
{
	struct scenario s = { .body = stale_tlb };

	run(&s);
	assert_int_equal(s.faults[0], 0);
	assert_int_equal(s.res[1], MMU_OK);
	assert_int_equal(s.faults[1], 0);	/* unfaulted: TLB hit */
	assert_true(pte_protnone(__pte(s.pte_after[1])));
	assert_int_equal(s.res[2], MMU_OK);
	assert_int_equal(s.faults[2], 1);	/* after the flush: a fault */
	assert_int_equal(last_error_code, X86_PF_USER);	/* protnone: P=0 */
	assert_false(pte_protnone(__pte(s.pte_after[2])));
}

static int loop_forever(void *arg)
{
	struct scenario *s = arg;

	mode = DO_NOTHING;
	set_pte_at(mm, VA, ptep, pte_modify(ptep_get(ptep), PAGE_NONE));
	s->res[0] = mmu_access(0, mm, VA, false, &s->faults[0]);
	return 0;
}

/* A handler that never resolves the fault is a finding, not a hang. */
static void test_fault_loop_is_a_finding(void **state)
{
	struct scenario s = { .body = loop_forever };

	run(&s);
	assert_int_equal(s.res[0], MMU_FAULT_LOOP);
	assert_int_equal(s.faults[0], MMU_MAX_FAULTS_PER_ACCESS);
	assert_int_equal(sim_findings_count(), 1);
	assert_int_equal(sim_finding_get(0)->kind, SIM_FINDING_ORACLE);
}

static int huge_read(void *arg)
{
	struct scenario *s = arg;
	pmd_t huge;

	/* replace the PTE table's mapping by a 2 MiB leaf */
	huge = pmd_mkhuge(pfn_pmd(memmap_node(0)->start_pfn + 512,
				  vma->vm_page_prot));
	set_pmd_at(mm, VA, pmdp, huge);
	s->res[0] = mmu_access(0, mm, VA + 0x1234, false, &s->faults[0]);
	s->res[1] = mmu_access(0, mm, VA + PMD_SIZE - 1, false,
			       &s->faults[1]);
	s->pte_after[0] = pmd_val(pmdp_get(pmdp));
	s->tlb_entries = tlb_count(0, mm);
	return 0;
}

static void test_huge_pmd_translation(void **state)
{
	struct scenario s = { .body = huge_read };

	run(&s);
	assert_int_equal(s.res[0], MMU_OK);
	assert_int_equal(s.res[1], MMU_OK);
	assert_int_equal(s.faults[0] + s.faults[1], 0);
	assert_true(s.pte_after[0] & _PAGE_ACCESSED);
	assert_int_equal(s.tlb_entries, 1);	/* one entry covers 2 MiB */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_sets_accessed_write_faults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_tlb_entry_until_flush, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fault_loop_is_a_finding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_huge_pmd_translation, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

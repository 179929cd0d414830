// SPDX-License-Identifier: GPL-2.0-only
/*
 * The model's invariants, each broken on purpose in a simulated task:
 * page-table encodings checked at store time (mm_model/hw/pgtable.c), a
 * TLB fill (tlb.c), mapcounts that go below -1 (rmap.c), references
 * and mappings of free pages (memmap.c), the TLB gather count.  A BUG
 * is a finding that ends the task, the bad entry never stored; a WARN
 * is a finding and the task goes on.  Well-formed entries pass.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <kshim/kshim.h>
#include <asm/tlb.h>
#include <asm-generic/memory_model.h>
#include "sim/sched.h"
#include "mm_model/hw/memmap.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/hw/tlb.h"
#include "mm_model/mm/machine.h"
#include "mm_model/mm/rmap.h"
#include "mm_model/mm/vma.h"
#include "model_test.h"

#define VA 0x40000000UL		/* PMD aligned */
#define NODE_PAGES 4096UL	/* pfns 0x100..0x10ff */

static struct mm_struct *mm;
static struct vm_area_struct *vma;
static pmd_t *pmdp;
static pte_t *ptep;

static struct {
	int done;		/* the task got past its bad step */
} r;

static int setup(void **state)
{
	memset(&r, 0, sizeof(r));
	return model_boot(1, 1, NODE_PAGES);
}

static int teardown(void **state)
{
	/* the task died on its BUG: its tables are freed here */
	if (mm)
		mm_destroy(mm);
	mm = NULL;
	machine_destroy();
	return 0;
}

/* An mm with a VMA at VA and an empty PTE table for it */
static int map_tables(void)
{
	mm = mm_create();
	if (!mm)
		return -1;
	vma = vma_create(mm, VA, VA + PMD_SIZE, VM_READ | VM_WRITE, NULL);
	pmdp = pgtable_pmd_alloc(mm, VA);
	if (!vma || !pmdp || pte_alloc(mm, pmdp))
		return -1;
	ptep = pte_offset_map(pmdp, VA);
	return ptep ? 0 : -1;
}

/* Runs @fn as a task; returns the one finding it must have left. */
static const struct sim_finding *run_one(int (*fn)(void *),
					 enum sim_finding_kind kind)
{
	const struct sim_finding *f;

	kshim_spawn("broken", fn, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 1);
	f = sim_finding_get(0);
	assert_int_equal(f->kind, kind);
	assert_string_equal(f->thread, "broken");
	return f;
}

static void assert_where(const struct sim_finding *f, const char *file,
			 const char *func)
{
	assert_non_null(strstr(f->where, file));
	assert_non_null(strstr(f->where, func));
}

/* ---- PTE encodings ---- */

static int pte_past_memmap_fn(void *arg)
{
	if (map_tables())
		return -1;
	/* the last pfn of RAM is fine, and so is a non-present entry */
	set_pte_at(mm, VA, ptep, pfn_pte(kshim_memmap_end_pfn - 1,
					 vma->vm_page_prot));
	set_pte_at(mm, VA, ptep, __pte(~(_PAGE_PRESENT | _PAGE_PROTNONE)));
	pte_clear(mm, VA, ptep);
	set_pte_at(mm, VA, ptep, pfn_pte(kshim_memmap_end_pfn,
					 vma->vm_page_prot));
	r.done = 1;
	return 0;
}

static void test_pte_past_memmap_is_bug(void **state)
{
	const struct sim_finding *f = run_one(pte_past_memmap_fn,
					      SIM_FINDING_BUG);

	assert_string_equal(f->msg, "!pfn_valid(pte_pfn(pte))");
	assert_where(f, "mm_model/hw/pgtable.c:", "check_pte_store");
	assert_int_equal(r.done, 0);
	assert_true(pte_none(*ptep));	/* never stored */
}

/* A NUMA hint keeps its pfn inverted (pgtable-invert.h): still checked */
static int protnone_past_memmap_fn(void *arg)
{
	if (map_tables())
		return -1;
	set_pte_at(mm, VA, ptep,
		   pte_modify(pfn_pte(kshim_memmap_end_pfn + 7,
				      vma->vm_page_prot), PAGE_NONE));
	r.done = 1;
	return 0;
}

static void test_protnone_past_memmap_is_bug(void **state)
{
	const struct sim_finding *f = run_one(protnone_past_memmap_fn,
					      SIM_FINDING_BUG);

	assert_string_equal(f->msg, "!pfn_valid(pte_pfn(pte))");
	assert_int_equal(r.done, 0);
	assert_true(pte_none(*ptep));
}

/* ---- PMD encodings ---- */

static unsigned long first_aligned_pfn(void)
{
	return ALIGN(kshim_memmap_start_pfn, HPAGE_PMD_NR);
}

static int pmd_leaf_misaligned_fn(void *arg)
{
	pmd_t old, huge;

	if (map_tables())
		return -1;
	old = *pmdp;
	/* an aligned 2 MiB leaf in RAM is fine, PAT and hinted too */
	huge = pmd_mkhuge(pfn_pmd(first_aligned_pfn(), vma->vm_page_prot));
	set_pmd_at(mm, VA, pmdp, huge);
	set_pmd_at(mm, VA, pmdp, __pmd(pmd_val(huge) | _PAGE_PAT_LARGE));
	set_pmd_at(mm, VA, pmdp, pmd_modify(huge, PAGE_NONE));
	set_pmd_at(mm, VA, pmdp, old);
	/* pfn_pmd() masks a 4 KiB offset off: only a raw entry has one */
	set_pmd_at(mm, VA, pmdp,
		   __pmd(pmd_val(huge) + (1UL << PAGE_SHIFT) * 2));
	r.done = 1;
	return 0;
}

static void test_pmd_leaf_misaligned_is_bug(void **state)
{
	const struct sim_finding *f = run_one(pmd_leaf_misaligned_fn,
					      SIM_FINDING_BUG);

	assert_string_equal(f->msg, "pmd_val(pmd) & PMD_LEAF_RSVD_MASK");
	assert_where(f, "mm_model/hw/pgtable.c:", "check_pmd_store");
	assert_int_equal(r.done, 0);
	assert_false(pmd_leaf(*pmdp));	/* the table is still there */
}

static int pmd_leaf_past_memmap_fn(void *arg)
{
	if (map_tables())
		return -1;
	/* aligned, but its last 4 KiB page lies past the end of RAM */
	set_pmd_at(mm, VA, pmdp,
		   pmd_mkhuge(pfn_pmd(ALIGN_DOWN(kshim_memmap_end_pfn - 1,
						 HPAGE_PMD_NR),
				      vma->vm_page_prot)));
	r.done = 1;
	return 0;
}

static void test_pmd_leaf_past_memmap_is_bug(void **state)
{
	const struct sim_finding *f = run_one(pmd_leaf_past_memmap_fn,
					      SIM_FINDING_BUG);

	assert_string_equal(f->msg, "!pfn_valid(pfn) || "
				    "!pfn_valid(pfn + HPAGE_PMD_NR - 1)");
	assert_int_equal(r.done, 0);
}

static int pmd_table_bad_flags_fn(void *arg)
{
	if (map_tables())
		return -1;
	/* a table pointer without RW and D: pmd_bad() */
	set_pmd_at(mm, VA, pmdp, __pmd((pmd_val(*pmdp) & PTE_PFN_MASK) |
				       _PAGE_PRESENT | _PAGE_USER));
	r.done = 1;
	return 0;
}

static void test_pmd_table_bad_flags_is_bug(void **state)
{
	const struct sim_finding *f = run_one(pmd_table_bad_flags_fn,
					      SIM_FINDING_BUG);

	assert_string_equal(f->msg,
			    "pmd_bad(pmd) || !kshim_entry_table(pmd_val(pmd))");
	assert_int_equal(r.done, 0);
	assert_false(pmd_bad(*pmdp));
}

/* ---- TLB fills ---- */

static int tlb_fill_past_memmap_fn(void *arg)
{
	if (map_tables())
		return -1;
	tlb_fill(0, mm, VA, kshim_memmap_end_pfn - 1, false, true, true);
	tlb_fill(0, mm, VA, kshim_memmap_end_pfn, false, true, true);
	r.done = 1;
	return 0;
}

static void test_tlb_fill_past_memmap_is_bug(void **state)
{
	const struct sim_finding *f = run_one(tlb_fill_past_memmap_fn,
					      SIM_FINDING_BUG);

	assert_string_equal(f->msg, "!pfn_valid(pfn) || "
				    "(huge && (pfn & (HPAGE_PMD_NR - 1)))");
	assert_where(f, "mm_model/hw/tlb.c:", "tlb_fill");
	assert_int_equal(r.done, 0);
	/* the good fill is in, the bad one never was */
	assert_int_equal(tlb_count(0, mm), 1);
	assert_int_equal(tlb_lookup(0, mm, VA)->pfn, kshim_memmap_end_pfn - 1);
}

static int tlb_fill_huge_misaligned_fn(void *arg)
{
	if (map_tables())
		return -1;
	tlb_fill(0, mm, VA, first_aligned_pfn() + 3, true, true, true);
	r.done = 1;
	return 0;
}

static void test_tlb_fill_huge_misaligned_is_bug(void **state)
{
	run_one(tlb_fill_huge_misaligned_fn, SIM_FINDING_BUG);
	assert_int_equal(r.done, 0);
	assert_int_equal(tlb_count(0, mm), 0);
}

/* ---- references and mappings ---- */

static int unmap_twice_fn(void *arg)
{
	struct folio *folio = memmap_alloc_folio(0, 0, true);

	if (!folio)
		return -1;
	rmap_add_pte(folio, &folio->page);
	rmap_remove_pte(folio, &folio->page);
	rmap_remove_pte(folio, &folio->page);	/* mapcount -2 */
	r.done = 1;
	atomic_set(&folio->_mapcount, -1);
	folio_put(folio);
	return 0;
}

static void test_unmap_twice_is_warn(void **state)
{
	const struct sim_finding *f = run_one(unmap_twice_fn,
					      SIM_FINDING_WARN);

	assert_string_equal(f->msg,
			    "WARN_ON(atomic_dec_return(&folio->_mapcount) < -1)");
	assert_where(f, "mm_model/mm/rmap.c:", "rmap_remove_pte");
	assert_int_equal(r.done, 1);	/* a WARN goes on */
}

static int map_freed_fn(void *arg)
{
	struct folio *folio = memmap_alloc_folio(0, 0, true);

	if (!folio)
		return -1;
	folio_put(folio);			/* freed */
	rmap_add_pte(folio, &folio->page);	/* no reference held */
	rmap_remove_pte(folio, &folio->page);
	r.done = 1;
	return 0;
}

static void test_map_freed_folio_is_warn(void **state)
{
	const struct sim_finding *f = run_one(map_freed_fn, SIM_FINDING_WARN);

	assert_string_equal(f->msg, "WARN_ON(folio_ref_count(folio) <= 0)");
	assert_where(f, "mm_model/mm/rmap.c:", "rmap_add_pte");
	assert_int_equal(r.done, 1);
}

static int free_with_tail_mapped_fn(void *arg)
{
	struct folio *folio = memmap_alloc_folio(0, 2, true);

	if (!folio)
		return -1;
	rmap_add_pte(folio, folio_page(folio, 3));
	folio_put(folio);	/* page 3 still mapped */
	r.done = 1;
	return 0;
}

static void test_free_with_tail_mapped_is_warn(void **state)
{
	const struct sim_finding *f = run_one(free_with_tail_mapped_fn,
					      SIM_FINDING_WARN);

	assert_non_null(strstr(f->msg, "_mapcount) != -1"));
	assert_where(f, "mm_model/hw/memmap.c:", "memmap_free_folio");
	assert_int_equal(r.done, 1);
}

static int put_after_free_fn(void *arg)
{
	struct folio *folio = memmap_alloc_folio(0, 0, true), *again;

	if (!folio)
		return -1;
	folio_put(folio);
	folio_put(folio);	/* refcount -1 on a free page */
	/* the node's one free page: the same one comes back */
	again = memmap_alloc_folio(0, 0, true);
	r.done = again == folio;
	return 0;
}

static int setup_one_free_page(void **state)
{
	memset(&r, 0, sizeof(r));
	return model_boot(1, 1, 2);	/* the zero page and one more */
}

static void test_put_after_free_is_warn_at_alloc(void **state)
{
	const struct sim_finding *f = run_one(put_after_free_fn,
					      SIM_FINDING_WARN);

	assert_where(f, "mm_model/hw/memmap.c:", "prep_folio");
	assert_int_equal(r.done, 1);
}

/* ---- the TLB gather count ---- */

static int gather_unbalanced_fn(void *arg)
{
	struct mmu_gather tlb;

	if (map_tables())
		return -1;
	tlb_gather_mmu(&tlb, mm);
	atomic_set(&mm->tlb_flush_pending, 0);	/* lost the gather's count */
	tlb_finish_mmu(&tlb);
	r.done = 1;
	return 0;
}

static void test_gather_count_below_zero_is_warn(void **state)
{
	const struct sim_finding *f = run_one(gather_unbalanced_fn,
					      SIM_FINDING_WARN);

	assert_where(f, "mm_model/hw/tlb.c:", "tlb_finish_mmu");
	assert_int_equal(r.done, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pte_past_memmap_is_bug,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_protnone_past_memmap_is_bug, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_pmd_leaf_misaligned_is_bug, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_pmd_leaf_past_memmap_is_bug, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_pmd_table_bad_flags_is_bug, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_tlb_fill_past_memmap_is_bug, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_tlb_fill_huge_misaligned_is_bug, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmap_twice_is_warn,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_freed_folio_is_warn,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_free_with_tail_mapped_is_warn, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_put_after_free_is_warn_at_alloc,
			setup_one_free_page, teardown),
		cmocka_unit_test_setup_teardown(
			test_gather_count_below_zero_is_warn, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

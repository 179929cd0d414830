// SPDX-License-Identifier: GPL-2.0-only
/*
 * The machine below the cut (mm_model/): memmap and folios, VMAs and
 * their vm_page_prot, page tables with split locks.  Each test pins a
 * kernel convention the fault path depends on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <linux/mm.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/hw/memmap.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/vma.h"

static const unsigned long node_pages[2] = { 4096, 4096 };

static int setup(void **state)
{
	sim_reset(1);
	if (kshim_boot() || sim_run(UINT64_MAX) != SIM_RUN_DONE)
		return -1;
	return memmap_init(2, node_pages, NULL);
}

static int teardown(void **state)
{
	memmap_destroy();
	return 0;
}

static void test_folio_alloc_on_node(void **state)
{
	unsigned long before = memmap_free_pages(1);
	struct folio *folio = memmap_alloc_folio(1, 0, true);

	assert_non_null(folio);
	assert_int_equal(folio_nid(folio), 1);
	assert_int_equal(folio_ref_count(folio), 1);
	assert_int_equal(folio_mapcount(folio), 0);	/* _mapcount -1 */
	assert_true(folio_test_anon(folio));
	assert_false(folio_test_large(folio));
	assert_false(folio_is_file_lru(folio));		/* swapbacked */
	assert_int_equal(memmap_free_pages(1), before - 1);
	assert_ptr_equal(pfn_folio(folio_pfn(folio)), folio);
	/* mm/page_alloc.c resets the last cpupid: no pid recorded yet */
	assert_true(cpupid_pid_unset(folio_last_cpupid(folio)));
	assert_int_equal(folio_xchg_last_cpupid(folio, cpu_pid_to_cpupid(3, 42)),
			 (int)LAST_CPUPID_MASK);
	assert_int_equal(cpupid_to_pid(folio_last_cpupid(folio)), 42);
	assert_int_equal(cpupid_to_cpu(folio_last_cpupid(folio)), 3);
	folio_put(folio);
	assert_int_equal(memmap_free_pages(1), before);
}

/*
 * rmqueue() and free_one_page() take the zone's lock: which of two
 * racing faults gets which frame depends on their order, so the
 * allocator and the free path are each a scheduling point.
 */
static void test_allocator_is_a_scheduling_point(void **state)
{
	const uint64_t *atomics = &sim_get_stats()->points[SIM_PT_ATOMIC];
	uint64_t before = *atomics;
	struct folio *folio = memmap_alloc_folio(0, 0, true);

	assert_non_null(folio);
	assert_int_equal(*atomics, before + 1);
	atomic_set(&folio->_refcount, 0);	/* not a point */
	before = *atomics;
	memmap_free_folio(folio);
	assert_int_equal(*atomics, before + 1);
	/* a refused allocation takes no lock */
	before = *atomics;
	assert_null(memmap_alloc_folio(7, 0, true));
	assert_int_equal(*atomics, before);
}

static void test_large_folio_layout(void **state)
{
	struct folio *folio = memmap_alloc_folio(0, 9, true);
	unsigned long pfn;

	assert_non_null(folio);
	pfn = folio_pfn(folio);
	assert_int_equal(pfn % 512, 0);		/* buddy blocks are aligned */
	assert_true(folio_test_large(folio));
	assert_int_equal(folio_order(folio), 9);
	assert_int_equal(folio_nr_pages(folio), 512);
	assert_int_equal(folio_size(folio), 2UL << 20);
	/* a tail page leads back to its head, and to the head's node */
	assert_ptr_equal(page_folio(folio_page(folio, 300)), folio);
	assert_ptr_equal(pfn_folio(pfn + 511), folio);
	assert_int_equal(page_to_nid(folio_page(folio, 511)), 0);
	assert_int_equal(folio_mapcount(folio), 0);
	folio_put(folio);
}

static void test_zero_pfn_is_reserved(void **state)
{
	struct folio *folio;
	int i;

	assert_true(is_zero_pfn(memmap_node(0)->start_pfn));
	/* the allocator never hands out the zero page */
	for (i = 0; i < 64; i++) {
		folio = memmap_alloc_folio(0, 0, true);
		assert_non_null(folio);
		assert_false(is_zero_pfn(folio_pfn(folio)));
	}
}

static void test_node_exhaustion(void **state)
{
	unsigned long n = memmap_free_pages(1), i;

	for (i = 0; i < n; i++)
		assert_non_null(memmap_alloc_folio(1, 0, false));
	assert_null(memmap_alloc_folio(1, 0, false));
	assert_int_equal(memmap_free_pages(1), 0);
}

/* mm/mmap.c + x86 protection_map: what vm_page_prot a VMA gets */
/* memmap_next_used() finds exactly the pages memmap_pfn_free() denies */
static void test_next_used_matches_free_map(void **state)
{
	struct folio *a = memmap_alloc_folio(0, 0, true);
	struct folio *b = memmap_alloc_folio(1, 9, true);
	struct folio *c = memmap_alloc_folio(1, 0, true);
	unsigned long pfn, next = memmap_next_used(kshim_memmap_start_pfn);

	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	for (pfn = kshim_memmap_start_pfn; pfn < kshim_memmap_end_pfn; pfn++) {
		if (memmap_pfn_free(pfn))
			continue;
		assert_int_equal(next, pfn);
		next = memmap_next_used(pfn + 1);
	}
	assert_int_equal(next, kshim_memmap_end_pfn);
	folio_put(a);
	folio_put(b);
	folio_put(c);
}

/*
 * A machine of the same layout is reset where the last one touched it:
 * as fresh as one built page by page, whatever the last one left behind
 * (tests/model/test_oracle_sparse.c compares the two byte for byte).
 */
static void test_rebuilt_memmap_is_pristine(void **state)
{
	unsigned long pfn;
	int nid;

	assert_non_null(memmap_alloc_folio(0, 9, true));	/* left over */
	assert_non_null(memmap_alloc_folio(1, 0, true));
	assert_int_equal(memmap_init(2, node_pages, NULL), 0);
	for (nid = 0; nid < 2; nid++)
		assert_int_equal(memmap_free_pages(nid),
				 node_pages[nid] - (nid == 0));
	assert_int_equal(memmap_next_used(kshim_memmap_start_pfn), zero_pfn);
	assert_int_equal(memmap_next_used(zero_pfn + 1), kshim_memmap_end_pfn);
	for (pfn = kshim_memmap_start_pfn; pfn < kshim_memmap_end_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		assert_int_equal(page_to_nid(page),
				 pfn < memmap_node(1)->start_pfn ? 0 : 1);
		assert_int_equal(atomic_read(&page->_mapcount), -1);
		assert_int_equal(atomic_read(&page->_refcount), pfn == zero_pfn);
		assert_int_equal(test_bit(PG_reserved, &page->flags), pfn == zero_pfn);
		assert_false(PageTail(page) || test_bit(PG_head, &page->flags));
	}
}

static void test_vma_page_prot(void **state)
{
	struct mm_struct *mm = mm_create();
	struct vm_area_struct *priv, *shared, *none;

	assert_non_null(mm);
	priv = vma_create(mm, 0x100000, 0x300000, VM_READ | VM_WRITE, NULL);
	shared = vma_create(mm, 0x400000, 0x500000,
			    VM_READ | VM_WRITE | VM_SHARED, NULL);
	none = vma_create(mm, 0x600000, 0x601000, VM_NONE, NULL);
	assert_non_null(priv);
	assert_non_null(shared);
	assert_non_null(none);
	/* private writable: read-only prot, writes upgraded by hand */
	assert_int_equal(pgprot_val(priv->vm_page_prot), pgprot_val(PAGE_COPY));
	assert_false(pgprot_val(priv->vm_page_prot) & _PAGE_RW);
	assert_true(vma_wants_manual_pte_write_upgrade(priv));
	assert_true(is_cow_mapping(priv->vm_flags));
	/* shared writable: RW in the prot itself */
	assert_int_equal(pgprot_val(shared->vm_page_prot),
			 pgprot_val(PAGE_SHARED));
	assert_false(vma_wants_manual_pte_write_upgrade(shared));
	assert_false(is_cow_mapping(shared->vm_flags));
	/* PROT_NONE: inaccessible, so a protnone PTE there is no hint */
	assert_int_equal(pgprot_val(none->vm_page_prot), pgprot_val(PAGE_NONE));
	assert_false(vma_is_accessible(none));
	assert_true(vma_is_accessible(priv));
	assert_true(vma_is_anonymous(priv));
	/* overlap and misalignment are refused; lookup finds the next VMA */
	assert_null(vma_create(mm, 0x200000, 0x400000, VM_READ, NULL));
	assert_null(vma_create(mm, 0x700001, 0x800000, VM_READ, NULL));
	assert_ptr_equal(find_vma(mm, 0x350000), shared);
	assert_ptr_equal(find_vma(mm, 0x100000), priv);
	assert_null(find_vma(mm, 0x601000));
	mm_destroy(mm);
}

/* Page tables: built and read in a simulated thread (they lock). */
struct pt_result {
	bool pte_none_before;
	bool same_pte;
	bool same_lock;
	bool null_for_huge;
	bool null_for_none;
	unsigned long pfn_after_hint;
	bool protnone, present;
};

static int pt_task(void *arg)
{
	struct pt_result *r = arg;
	struct mm_struct *mm = mm_create();
	unsigned long addr = 0x200000 + 5 * PAGE_SIZE;
	struct folio *folio = memmap_alloc_folio(1, 0, true);
	struct vm_area_struct *vma;
	pmd_t *pmd, *lpmd;
	pte_t *pte, *lpte;
	spinlock_t *ptl;

	vma = vma_create(mm, 0x200000, 0x600000, VM_READ | VM_WRITE, NULL);
	pmd = pgtable_pmd_alloc(mm, addr);
	r->null_for_none = pte_offset_map(pmd, addr) == NULL;
	if (pte_alloc(mm, pmd))
		return -1;
	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	r->pte_none_before = pte_none(ptep_get(pte));
	set_pte_at(mm, addr, pte, pfn_pte(folio_pfn(folio), vma->vm_page_prot));
	pte_unmap_unlock(pte, ptl);

	pgtable_lookup(mm, addr, &lpmd, &lpte);
	r->same_pte = lpte == pte && lpmd == pmd;
	r->same_lock = ptl == pte_lockptr(mm, pmd) && ptl != pmd_lockptr(mm, pmd);

	/* NUMA hinting: pte_modify() to PAGE_NONE keeps the pfn */
	set_pte_at(mm, addr, pte, pte_modify(ptep_get(pte), PAGE_NONE));
	r->protnone = pte_protnone(ptep_get(pte));
	r->present = pte_present(ptep_get(pte));
	r->pfn_after_hint = pte_pfn(ptep_get(pte));

	/* a huge leaf PMD has no PTE table to map */
	pmd = pgtable_pmd_alloc(mm, 0x400000);
	set_pmd_at(mm, 0x400000, pmd,
		   pmd_mkhuge(pfn_pmd(0x1000, vma->vm_page_prot)));
	r->null_for_huge = pte_offset_map(pmd, 0x400000) == NULL;
	set_pmd_at(mm, 0x400000, pmd, __pmd(0));

	pte_clear(mm, addr, pte);
	folio_put(folio);
	mm_destroy(mm);
	return 0;
}

static void test_page_tables(void **state)
{
	struct pt_result r = { 0 };
	struct folio *probe = memmap_alloc_folio(1, 0, true);
	unsigned long expect_pfn = folio_pfn(probe) + 1;

	folio_put(probe);	/* the task's folio comes right after it */
	kshim_spawn("pt", pt_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);
	assert_true(r.null_for_none);
	assert_true(r.pte_none_before);
	assert_true(r.same_pte);
	assert_true(r.same_lock);
	assert_true(r.protnone);
	assert_true(r.present);		/* protnone counts as present */
	assert_int_equal(r.pfn_after_hint, expect_pfn);
	assert_true(r.null_for_huge);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_folio_alloc_on_node, setup, teardown),
		cmocka_unit_test_setup_teardown(test_allocator_is_a_scheduling_point, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_folio_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zero_pfn_is_reserved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_node_exhaustion, setup, teardown),
		cmocka_unit_test_setup_teardown(test_next_used_matches_free_map, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rebuilt_memmap_is_pristine, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vma_page_prot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_tables, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

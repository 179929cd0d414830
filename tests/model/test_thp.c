// SPDX-License-Identifier: GPL-2.0-only
/*
 * Large folios and THPs on the real kernel code (mm_model/mm/thp.c,
 * mm_model/mm/populate_large.c): the real change_prot_numa() hints a
 * PMD-mapped THP through change_huge_pmd() and a CPU access faults into
 * the real do_huge_pmd_numa_page(); splitting a hinted PMD drops the
 * hint; numa_rebuild_large_mapping() rebuilds exactly the protnone
 * entries of the faulting folio inside the VMA and the PMD.  Built
 * twice: with the full kconfig and with the THP-less one, where no PMD
 * leaf can exist and only the PTE-mapped cases run.
 *
 * Every task runs with a non-MOF policy (MPOL_BIND without
 * MPOL_F_NUMA_BALANCING): mpol_misplaced() returns NUMA_NO_NODE, so no
 * migration is attempted.  Folios sit on node 1, the task on cpu0
 * (node 0): change_pte_range() skips folios on the scanning node
 * (target_node), change_huge_pmd() does not look at it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/sched/numa_balancing.h>
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/mmap_lock.h>
#include <linux/vmstat.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/fault.h"
#include "mm_model/mm/machine.h"
#include "model_test.h"
#include "mm_model/hw/memmap.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/numa_balancing.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/migrate.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/rmap.h"
#include "mm_model/mm/thp.h"
#include "mm_model/mm/vma.h"

#define VA 0x40000000UL		/* 1 GiB: PMD aligned */
#define NODE_PAGES 8192UL

static int setup(void **state)
{
	return model_boot(1, 2, NODE_PAGES);
}

static int teardown(void **state)
{
	machine_destroy();
	return 0;
}

static void run_task(const char *name, int (*fn)(void *), void *arg)
{
	kshim_spawn(name, fn, arg);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);
}

static struct mm_struct *task_mm_begin(void)
{
	struct mm_struct *mm = mm_create();

	current->mm = mm;
	current->cpu = 0;
	current->numa_preferred_nid = NUMA_NO_NODE;
	current->mempolicy = mpol_new(MPOL_BIND, 0x3, false);
	return mm;
}

static void task_mm_end(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->kshim_vmas, kshim_node)
		populate_zap_large(vma);
	mpol_free(current->mempolicy);
	current->mempolicy = NULL;
	task_numa_free(current, true);
	current->mm = NULL;
	mm_destroy(mm);
}

static long scan(struct vm_area_struct *vma)
{
	long n;

	mmap_read_lock(vma->vm_mm);
	n = change_prot_numa(vma, vma->vm_start, vma->vm_end);
	mmap_read_unlock(vma->vm_mm);
	return n;
}

static pte_t pte_at(struct vm_area_struct *vma, unsigned long addr)
{
	return ptep_get(populate_ptep(vma, addr));
}

static pmd_t pmd_at(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd;
	pte_t *pte;

	pgtable_lookup(mm, addr, &pmd, &pte);
	return pmdp_get(pmd);
}

/* ---- PTE-mapped large folios (both kconfigs) ---- */

#define ORDER 4
#define FOLIO_NR (1UL << ORDER)
#define FOLIO_SZ (FOLIO_NR * PAGE_SIZE)

struct large_run {
	int err;
	int case_nr;
	unsigned long free_before, free_after;
	/* bookkeeping right after population */
	int refcount, mapcount, nr_pages_mapped, page_mapcount_ok, exclusive_ok;
	long hinted;
	int faults;
	enum mmu_result res;
	unsigned long ev_hint_faults, ev_pgfault, locality_remote;
	/* entries of the faulting folio and around it, after the fault */
	pte_t before[3 * FOLIO_NR], after[3 * FOLIO_NR];
	unsigned long base;	/* address of after[0] */
	unsigned long vma_end;	/* the faulting VMA's end */
};

/* Hint a present entry's protection back by hand (not through a fault). */
static void make_present_by_hand(struct vm_area_struct *vma, unsigned long a)
{
	pte_t *ptep = populate_ptep(vma, a);

	set_pte_at(vma->vm_mm, a, ptep,
		   pte_mkold(pte_modify(ptep_get(ptep), vma->vm_page_prot)));
}

/*
 * case 0: populate bookkeeping only
 * case 1 (a): the whole folio hinted
 * case 2 (b): entries 0-2 and 10 of the folio made present by hand
 * case 3 (c): the folio straddles the VMA end (8 pages in, 8 in the next)
 * case 4 (d): the next folio, adjacent, hinted too
 * The fault is always a read of the folio's 5th page (index 4).
 */
static int large_task(void *arg)
{
	struct large_run *r = arg;
	struct mm_struct *mm = task_mm_begin();
	struct vm_area_struct *vma, *next_vma = NULL;
	unsigned long folio_addr = VA + 4 * FOLIO_SZ, i;
	struct folio *folio;

	r->free_before = memmap_free_pages(1);
	vma = vma_create(mm, VA, VA + PMD_SIZE, VM_READ | VM_WRITE, NULL);
	if (!vma)
		return r->err = -1;
	/* neighbours on both sides, so untouched entries are visible */
	for (i = 0; i < 9; i++)
		if (populate_anon_large(vma, VA + i * FOLIO_SZ, 1, ORDER, true))
			return r->err = -2;
	folio = pfn_folio(pte_pfn(pte_at(vma, folio_addr)));
	r->refcount = folio_ref_count(folio);
	r->mapcount = folio_mapcount(folio);
	r->nr_pages_mapped = atomic_read(&folio->_nr_pages_mapped);
	r->page_mapcount_ok = r->exclusive_ok = 1;
	for (i = 0; i < FOLIO_NR; i++) {
		struct page *p = folio_page(folio, i);

		if (atomic_read(&p->_mapcount) != 0 ||
		    pte_pfn(pte_at(vma, folio_addr + i * PAGE_SIZE)) !=
			    folio_pfn(folio) + i)
			r->page_mapcount_ok = 0;
		if (!PageAnonExclusive(p))
			r->exclusive_ok = 0;
	}
	if (r->case_nr == 0)
		goto out;

	if (r->case_nr == 3) {
		/* what split_vma() leaves: the folio's tail in the next VMA */
		unsigned long split = folio_addr + FOLIO_SZ / 2, end = vma->vm_end;

		vma->vm_end = split;
		next_vma = vma_create(mm, split, end, VM_READ | VM_WRITE, NULL);
		if (!next_vma)
			return r->err = -3;
		next_vma->vm_pgoff = vma->vm_pgoff +
				     ((split - vma->vm_start) >> PAGE_SHIFT);
	}
	r->hinted = scan(vma);
	if (next_vma)
		r->hinted += scan(next_vma);
	if (r->case_nr == 2) {
		make_present_by_hand(vma, folio_addr + 0 * PAGE_SIZE);
		make_present_by_hand(vma, folio_addr + 1 * PAGE_SIZE);
		make_present_by_hand(vma, folio_addr + 2 * PAGE_SIZE);
		make_present_by_hand(vma, folio_addr + 10 * PAGE_SIZE);
	}
	r->base = folio_addr - FOLIO_SZ;
	r->vma_end = vma->vm_end;
	for (i = 0; i < 3 * FOLIO_NR; i++)
		r->before[i] = pte_at(vma, r->base + i * PAGE_SIZE);

	r->res = mmu_access(0, mm, folio_addr + 4 * PAGE_SIZE, false,
			    &r->faults);
	for (i = 0; i < 3 * FOLIO_NR; i++)
		r->after[i] = pte_at(vma, r->base + i * PAGE_SIZE);
	r->ev_hint_faults = kshim_vm_event_read(NUMA_HINT_FAULTS);
	r->ev_pgfault = kshim_vm_event_read(PGFAULT);
	r->locality_remote = current->numa_faults_locality[0];
out:
	task_mm_end(mm);
	r->free_after = memmap_free_pages(1);
	return 0;
}

static void check_populated(struct large_run *r)
{
	assert_int_equal(r->err, 0);
	/* do_anonymous_page(): one reference and one mapping per PTE */
	assert_int_equal(r->refcount, FOLIO_NR);
	assert_int_equal(r->mapcount, FOLIO_NR);
	assert_int_equal(r->nr_pages_mapped, FOLIO_NR);
	assert_true(r->page_mapcount_ok);
	assert_true(r->exclusive_ok);
	/* teardown gave back every page */
	assert_int_equal(r->free_after, r->free_before);
}

static void check_one_hint_fault(struct large_run *r)
{
	assert_int_equal(r->res, MMU_OK);
	assert_int_equal(r->faults, 1);
	assert_int_equal(r->ev_pgfault, 1);
	assert_int_equal(r->ev_hint_faults, 1);
	/* task_numa_fault(..., folio_nr_pages(folio), ...) on a remote folio */
	assert_int_equal(r->locality_remote, FOLIO_NR);
}

/* rebuilt by do_numa_page: present, young, writable (anon-exclusive) */
static void assert_rebuilt(pte_t pte)
{
	assert_true(pte_val(pte) & _PAGE_PRESENT);
	assert_false(pte_protnone(pte));
	assert_true(pte_young(pte));
	assert_true(pte_write(pte) && pte_dirty(pte));
}

static void test_large_populate(void **state)
{
	struct large_run r = { .case_nr = 0 };

	run_task("large0", large_task, &r);
	check_populated(&r);
}

/* (a) the whole folio hinted: all 16 entries rebuilt, neighbours not */
static void test_large_rebuild_whole_folio(void **state)
{
	struct large_run r = { .case_nr = 1 };
	unsigned long i;

	run_task("large1", large_task, &r);
	check_populated(&r);
	assert_int_equal(r.hinted, 9 * FOLIO_NR);
	check_one_hint_fault(&r);
	for (i = 0; i < 3 * FOLIO_NR; i++) {
		if (i >= FOLIO_NR && i < 2 * FOLIO_NR)
			assert_rebuilt(r.after[i]);
		else
			assert_true(pte_protnone(r.after[i]));
	}
}

/* (b) entries not hinted at fault time are left exactly as they were */
static void test_large_rebuild_skips_present(void **state)
{
	struct large_run r = { .case_nr = 2 };
	unsigned long i;

	run_task("large2", large_task, &r);
	check_populated(&r);
	check_one_hint_fault(&r);
	for (i = FOLIO_NR; i < 2 * FOLIO_NR; i++) {
		unsigned long k = i - FOLIO_NR;

		if (k <= 2 || k == 10) {
			assert_false(pte_protnone(r.before[i]));
			assert_int_equal(pte_val(r.after[i]), pte_val(r.before[i]));
			assert_false(pte_young(r.after[i]));	/* untouched */
		} else {
			assert_rebuilt(r.after[i]);
		}
	}
}

/* (c) a folio straddling the VMA end: only the entries inside the VMA */
static void test_large_rebuild_vma_end(void **state)
{
	struct large_run r = { .case_nr = 3 };
	unsigned long i;

	run_task("large3", large_task, &r);
	check_populated(&r);
	assert_int_equal(r.hinted, 9 * FOLIO_NR);
	check_one_hint_fault(&r);
	for (i = FOLIO_NR; i < 2 * FOLIO_NR; i++) {
		unsigned long a = r.base + i * PAGE_SIZE;

		if (a < r.vma_end)
			assert_rebuilt(r.after[i]);
		else	/* same folio, protnone, but in the next VMA */
			assert_true(pte_protnone(r.after[i]));
	}
}

/* (d) the adjacent folio's protnone entries stay protnone */
static void test_large_rebuild_adjacent_folio(void **state)
{
	struct large_run r = { .case_nr = 4 };
	unsigned long i;

	run_task("large4", large_task, &r);
	check_populated(&r);
	check_one_hint_fault(&r);
	for (i = 0; i < FOLIO_NR; i++) {
		assert_true(pte_protnone(r.after[i]));		/* previous */
		assert_rebuilt(r.after[FOLIO_NR + i]);		/* faulting */
		assert_true(pte_protnone(r.after[2 * FOLIO_NR + i]));	/* next */
		assert_int_equal(pte_val(r.after[2 * FOLIO_NR + i]),
				 pte_val(r.before[2 * FOLIO_NR + i]));
	}
}

#ifdef CONFIG_TRANSPARENT_HUGEPAGE

/* ---- PMD-mapped THPs (full kconfig) ---- */

#define THP_VA (VA + PMD_SIZE)

struct thp_run {
	int err;
	unsigned long free_before, free_after, deposited_after;
	pmd_t pmd_new, pmd_hinted, pmd_fixed;
	int refcount, mapcount, entire, nr_pages_mapped, head_excl, tail_excl;
	unsigned long deposited;
	long hinted[2];
	unsigned long ev_pte_updates, ev_huge_updates, ev_hint_faults,
		ev_pgfault, ev_split, locality_remote;
	enum mmu_result res[3];
	int faults[3];
	/* after a split */
	int split_ok, split_refcount, split_mapcount, split_entire,
		split_nr_mapped, split_pages_ok, split_folio_dirty;
	pte_t split_pte0;
	unsigned long split_error_code;
	int split_fault_calls;
};

static unsigned long recorded_error_code;
static int recorded_calls;

/*
 * A fault handler standing in front of the kernel's for the write after
 * a split: that fault reaches handle_pte_fault() -> do_wp_page() (a
 * present, read-only PTE and FAULT_FLAG_WRITE), which the model does
 * not have yet.  Record the fault the CPU raised and stop the access.
 */
static vm_fault_t record_fault(int cpu, struct mm_struct *mm,
			       unsigned long addr, unsigned long error_code)
{
	recorded_error_code = error_code;
	recorded_calls++;
	return VM_FAULT_SIGBUS;
}

static void thp_snapshot_folio(struct thp_run *r, struct folio *folio)
{
	r->refcount = folio_ref_count(folio);
	r->mapcount = folio_mapcount(folio);
	r->entire = folio_entire_mapcount(folio);
	r->nr_pages_mapped = atomic_read(&folio->_nr_pages_mapped);
	r->head_excl = PageAnonExclusive(&folio->page);
	r->tail_excl = PageAnonExclusive(folio_page(folio, 1));
	r->deposited = thp_nr_deposited();
}

/* populate, hint via the real change_huge_pmd(), fault, write */
static int thp_hint_task(void *arg)
{
	struct thp_run *r = arg;
	struct mm_struct *mm = task_mm_begin();
	struct vm_area_struct *vma;

	r->free_before = memmap_free_pages(1);
	vma = vma_create(mm, VA, VA + 2 * PMD_SIZE, VM_READ | VM_WRITE, NULL);
	if (!vma || populate_anon_thp(vma, THP_VA, 1, true))
		return r->err = -1;
	r->pmd_new = pmd_at(mm, THP_VA);
	thp_snapshot_folio(r, pmd_folio(r->pmd_new));

	/* [VA, THP_VA) has no PMD content: pmd_none, skipped */
	r->hinted[0] = scan(vma);
	r->ev_pte_updates = kshim_vm_event_read(NUMA_PTE_UPDATES);
	r->ev_huge_updates = kshim_vm_event_read(NUMA_HUGE_PTE_UPDATES);
	r->hinted[1] = scan(vma);	/* already protnone: 0 */
	r->pmd_hinted = pmd_at(mm, THP_VA);

	r->res[0] = mmu_access(0, mm, THP_VA + 5 * PAGE_SIZE, false,
			       &r->faults[0]);
	r->pmd_fixed = pmd_at(mm, THP_VA);
	r->res[1] = mmu_access(0, mm, THP_VA + 77 * PAGE_SIZE, true,
			       &r->faults[1]);
	r->ev_hint_faults = kshim_vm_event_read(NUMA_HINT_FAULTS);
	r->ev_pgfault = kshim_vm_event_read(PGFAULT);
	r->locality_remote = current->numa_faults_locality[0];
	task_mm_end(mm);
	r->free_after = memmap_free_pages(1);
	r->deposited_after = thp_nr_deposited();
	return 0;
}

/*
 * change_prot_numa() on a THP: change_pmd_range() -> change_huge_pmd()
 * returns HPAGE_PMD_NR, so 512 pages and 1 huge update; a second scan
 * finds the PMD protnone and change_huge_pmd() returns 1 ("handled",
 * nothing counted).  A read then takes one hint fault through
 * __handle_mm_fault() -> do_huge_pmd_numa_page(), which restores the
 * PMD writable (can_change_pmd_writable(): anon-exclusive head page)
 * and young; a write after it hits the TLB entry the read's walk filled
 * (writable, dirty): no fault.
 */
static void test_thp_pmd_hint_fault(void **state)
{
	struct thp_run r = { 0 };

	run_task("thp-hint", thp_hint_task, &r);
	assert_int_equal(r.err, 0);

	/* __do_huge_pmd_anonymous_page() */
	assert_true(pmd_trans_huge(r.pmd_new));
	assert_true(pmd_write(r.pmd_new) && pmd_dirty(r.pmd_new));
	assert_true(pmd_young(r.pmd_new));	/* PAGE_COPY carries A on x86 */
	assert_int_equal(r.refcount, 1);
	assert_int_equal(r.mapcount, 1);
	assert_int_equal(r.entire, 1);
	assert_int_equal(r.nr_pages_mapped, THP_ENTIRELY_MAPPED);
	assert_true(r.head_excl);
	assert_false(r.tail_excl);
	assert_int_equal(r.deposited, 1);

	/* the real change_huge_pmd() and change_prot_numa() accounting */
	assert_int_equal(r.hinted[0], HPAGE_PMD_NR);
	assert_int_equal(r.ev_pte_updates, HPAGE_PMD_NR);
	assert_int_equal(r.ev_huge_updates, 1);
	assert_int_equal(r.hinted[1], 0);
	assert_true(pmd_protnone(r.pmd_hinted) && pmd_trans_huge(r.pmd_hinted));
	assert_int_equal(pmd_pfn(r.pmd_hinted), pmd_pfn(r.pmd_new));

	/* the real do_huge_pmd_numa_page() */
	assert_int_equal(r.res[0], MMU_OK);
	assert_int_equal(r.faults[0], 1);
	assert_true(pmd_val(r.pmd_fixed) & _PAGE_PRESENT);
	assert_false(pmd_protnone(r.pmd_fixed));
	assert_true(pmd_write(r.pmd_fixed) && pmd_young(r.pmd_fixed) &&
		    pmd_dirty(r.pmd_fixed));
	assert_int_equal(pmd_val(r.pmd_fixed), pmd_val(r.pmd_new));
	assert_int_equal(r.res[1], MMU_OK);
	assert_int_equal(r.faults[1], 0);
	assert_int_equal(r.ev_pgfault, 1);
	assert_int_equal(r.ev_hint_faults, 1);
	assert_int_equal(r.locality_remote, HPAGE_PMD_NR);

	/* teardown: zap_huge_pmd() freed the folio and the deposit */
	assert_int_equal(r.free_after, r.free_before);
	assert_int_equal(r.deposited_after, 0);
}

static int thp_split_task(void *arg)
{
	struct thp_run *r = arg;
	struct mm_struct *mm = task_mm_begin();
	struct vm_area_struct *vma;
	unsigned long i, pfn;
	struct folio *folio;
	pmd_t pmd;

	r->free_before = memmap_free_pages(1);
	vma = vma_create(mm, VA, VA + 2 * PMD_SIZE, VM_READ | VM_WRITE, NULL);
	if (!vma || populate_anon_thp(vma, THP_VA, 1, true))
		return r->err = -1;
	r->hinted[0] = scan(vma);
	r->pmd_hinted = pmd_at(mm, THP_VA);
	folio = pmd_folio(r->pmd_hinted);
	pfn = folio_pfn(folio);

	if (thp_split_pmd_at(vma, THP_VA + 7 * PAGE_SIZE))
		return r->err = -2;
	pmd = pmd_at(mm, THP_VA);
	r->split_ok = !pmd_leaf(pmd) && !pmd_none(pmd);
	r->split_refcount = folio_ref_count(folio);
	r->split_mapcount = folio_mapcount(folio);
	r->split_entire = folio_entire_mapcount(folio);
	r->split_nr_mapped = atomic_read(&folio->_nr_pages_mapped);
	r->split_folio_dirty = folio_test_dirty(folio);
	r->split_pages_ok = 1;
	r->split_pte0 = pte_at(vma, THP_VA);
	for (i = 0; i < HPAGE_PMD_NR; i++) {
		pte_t pte = pte_at(vma, THP_VA + i * PAGE_SIZE);
		struct page *p = folio_page(folio, i);

		/* the same value, pfn by pfn */
		if (pte_val(pte_advance_pfn(r->split_pte0, i)) != pte_val(pte) ||
		    pte_pfn(pte) != pfn + i ||
		    atomic_read(&p->_mapcount) != 0 || !PageAnonExclusive(p))
			r->split_pages_ok = 0;
	}
	r->deposited = thp_nr_deposited();
	r->ev_split = kshim_vm_event_read(THP_SPLIT_PMD);

	/* read: present and readable now, no fault at all */
	r->res[0] = mmu_access(0, mm, THP_VA + 7 * PAGE_SIZE, false,
			       &r->faults[0]);
	/* write: a protection fault (see record_fault()) */
	recorded_calls = 0;
	mmu_set_fault_handler(record_fault);
	r->res[1] = mmu_access(0, mm, THP_VA + 7 * PAGE_SIZE, true,
			       &r->faults[1]);
	mmu_set_fault_handler(mmu_kernel_fault);
	r->split_error_code = recorded_error_code;
	r->split_fault_calls = recorded_calls;
	r->ev_hint_faults = kshim_vm_event_read(NUMA_HINT_FAULTS);
	r->ev_pgfault = kshim_vm_event_read(PGFAULT);

	task_mm_end(mm);
	r->refcount = folio_ref_count(folio);
	r->free_after = memmap_free_pages(1);
	r->deposited_after = thp_nr_deposited();
	return 0;
}

/*
 * __split_huge_pmd_locked() on a hinted PMD: 512 PTEs from
 * vm_page_prot (the hint is dropped: present), read-only (pmd_write()
 * is false for a protnone PMD), young (A kept by the hint), dirty (the
 * hint moved D to SAVED_DIRTY, pmd_dirty() counts it, pte_mkdirty() on
 * a read-only entry puts it back in SAVED_DIRTY), the same pfns; the
 * entire mapping became 512 PTE mappings holding 512 references.  A
 * read then needs no fault; a write takes exactly one protection fault
 * (#PF with P|W|U), which the kernel resolves in do_wp_page() by
 * reusing the anon-exclusive page.  No hint fault is ever counted.
 */
static void test_thp_split_drops_hint(void **state)
{
	struct thp_run r = { 0 };

	run_task("thp-split", thp_split_task, &r);
	assert_int_equal(r.err, 0);
	assert_int_equal(r.hinted[0], HPAGE_PMD_NR);
	assert_true(pmd_protnone(r.pmd_hinted));

	assert_true(r.split_ok);
	assert_int_equal(r.ev_split, 1);
	assert_true(pte_val(r.split_pte0) & _PAGE_PRESENT);
	assert_false(pte_protnone(r.split_pte0));
	assert_false(pte_write(r.split_pte0));
	assert_true(pte_young(r.split_pte0));
	assert_true(pte_dirty(r.split_pte0));
	assert_true(pte_val(r.split_pte0) & _PAGE_SAVED_DIRTY);
	assert_int_equal(pte_pfn(r.split_pte0), pmd_pfn(r.pmd_hinted));
	assert_true(r.split_pages_ok);
	assert_true(r.split_folio_dirty);
	assert_int_equal(r.deposited, 0);	/* withdrawn into the PMD */

	/* mapcount transfer: entire -> per page, refs follow */
	assert_int_equal(r.split_refcount, HPAGE_PMD_NR);
	assert_int_equal(r.split_mapcount, HPAGE_PMD_NR);
	assert_int_equal(r.split_entire, 0);
	assert_int_equal(r.split_nr_mapped, HPAGE_PMD_NR);

	assert_int_equal(r.res[0], MMU_OK);
	assert_int_equal(r.faults[0], 0);
	assert_int_equal(r.res[1], MMU_SIGBUS);	/* stopped by record_fault */
	assert_int_equal(r.faults[1], 1);
	assert_int_equal(r.split_fault_calls, 1);
	assert_int_equal(r.split_error_code,
			 X86_PF_USER | X86_PF_WRITE | X86_PF_PROT);
	assert_int_equal(r.ev_pgfault, 0);
	assert_int_equal(r.ev_hint_faults, 0);

	/* teardown of 512 PTE mappings frees the folio */
	assert_int_equal(r.refcount, 0);
	assert_int_equal(r.free_after, r.free_before);
	assert_int_equal(r.deposited_after, 0);
}

static int thp_split_plain_task(void *arg)
{
	struct thp_run *r = arg;
	struct mm_struct *mm = task_mm_begin();
	struct vm_area_struct *vma;

	vma = vma_create(mm, VA, VA + 2 * PMD_SIZE, VM_READ | VM_WRITE, NULL);
	if (!vma || populate_anon_thp(vma, THP_VA, 1, true))
		return r->err = -1;
	/* not THP aligned: -EINVAL; a PMD without a huge leaf: nothing */
	if (populate_anon_thp(vma, VA + PAGE_SIZE, 1, true) != -EINVAL ||
	    thp_split_pmd_at(vma, VA))
		return r->err = -2;
	thp_split_pmd_at(vma, THP_VA);
	r->split_pte0 = pte_at(vma, THP_VA + 300 * PAGE_SIZE);
	r->res[0] = mmu_access(0, mm, THP_VA + 300 * PAGE_SIZE, true,
			       &r->faults[0]);
	task_mm_end(mm);
	return 0;
}

/* An unhinted writable PMD splits into writable, dirty PTEs. */
static void test_thp_split_writable(void **state)
{
	struct thp_run r = { 0 };

	run_task("thp-split2", thp_split_plain_task, &r);
	assert_int_equal(r.err, 0);
	assert_true(pte_write(r.split_pte0) && pte_dirty(r.split_pte0));
	assert_true(pte_val(r.split_pte0) & _PAGE_DIRTY);
	assert_true(pte_young(r.split_pte0));
	assert_int_equal(r.res[0], MMU_OK);
	assert_int_equal(r.faults[0], 0);
}

static int thp_policy_task(void *arg)
{
	struct thp_run *r = arg;
	struct mm_struct *mm = task_mm_begin();
	struct vm_area_struct *vma, *file;
	static const struct vm_operations_struct file_ops;
	unsigned long pf = TVA_IN_PF | TVA_ENFORCE_SYSFS, o = BIT(PMD_ORDER);

	vma = vma_create(mm, VA, VA + 2 * PMD_SIZE, VM_READ | VM_WRITE, NULL);
	file = vma_create(mm, VA + 2 * PMD_SIZE, VA + 4 * PMD_SIZE, VM_READ,
			  &file_ops);
	r->faults[0] = !!thp_vma_allowable_orders(vma, vma->vm_flags, pf, o);
	r->faults[1] = !!thp_vma_allowable_orders(file, file->vm_flags, pf, o);
	thp_set_enabled(THP_ENABLED_MADVISE);
	r->faults[2] = !!thp_vma_allowable_orders(vma, vma->vm_flags, pf, o);
	r->split_ok = !!thp_vma_allowable_orders(vma,
						 vma->vm_flags | VM_HUGEPAGE,
						 pf, o);
	thp_set_enabled(THP_ENABLED_ALWAYS);
	r->split_pages_ok = !!thp_vma_allowable_orders(vma,
						       vma->vm_flags | VM_NOHUGEPAGE,
						       pf, o);
	/* khugepaged-style query (no TVA_IN_PF): no anon_vma yet -> 0 */
	r->split_refcount = !!thp_vma_allowable_orders(vma, vma->vm_flags,
						       TVA_ENFORCE_SYSFS, o);
	/* mTHP orders are "never" at boot: only the PMD size inherits */
	r->split_mapcount = !!thp_vma_allowable_orders(vma, vma->vm_flags, pf,
						       BIT(4));
	task_mm_end(mm);
	return 0;
}

/* The sysfs policy as thp_vma_allowable_orders() applies it at boot. */
static void test_thp_allowable_orders(void **state)
{
	struct thp_run r = { 0 };

	run_task("thp-policy", thp_policy_task, &r);
	assert_int_equal(r.faults[0], 1);	/* "always", anon */
	assert_int_equal(r.faults[1], 0);	/* file: no file THP modelled */
	assert_int_equal(r.faults[2], 0);	/* "madvise", not madvised */
	assert_int_equal(r.split_ok, 1);	/* "madvise", MADV_HUGEPAGE */
	assert_int_equal(r.split_pages_ok, 0);	/* MADV_NOHUGEPAGE */
	assert_int_equal(r.split_refcount, 0);
	assert_int_equal(r.split_mapcount, 0);
}

/* ---- the huge zero page, the PMD zap, PMD migration entries ---- */

struct zero_run {
	int err;
	enum mmu_result res[4];
	int faults[4];
	pmd_t pmd_read, pmd_read2, pmd_other_mm, pmd_after_write;
	pte_t pte0, pte1, pte2;
	int refcount[5];	/* huge_zero_refcount at each stage */
	int zero_folio_ref, zero_folio_entire;
	unsigned long deposited[3];
	unsigned long ev_zero_alloc, ev_split, ev_fault_alloc, ev_pgfault;
	unsigned long free_before, free_after;
};

/*
 * Reads of two PMDs of one mm, then of a second mm, map the huge zero
 * page: one allocation, one huge_zero_refcount reference per mm plus
 * the shrinker's; no folio reference, no mapcount; a deposited table
 * per PMD.  A write then splits one into zero-page PTEs and copies one
 * page; exiting the mms drops their references.
 */
static int zero_task(void *arg)
{
	struct zero_run *r = arg;
	struct mm_struct *mm = task_mm_begin(), *mm2 = mm_create();
	struct vm_area_struct *vma, *vma2;
	struct folio *zero;

	r->free_before = memmap_free_pages(0);
	vma = vma_create(mm, VA, VA + 2 * PMD_SIZE, VM_READ | VM_WRITE, NULL);
	vma2 = mm2 ? vma_create(mm2, VA, VA + PMD_SIZE, VM_READ | VM_WRITE,
				NULL) : NULL;
	if (!vma || !vma2)
		return r->err = -1;
	r->refcount[0] = thp_huge_zero_refcount();
	r->res[0] = mmu_access(0, mm, VA + 3 * PAGE_SIZE, false,
			       &r->faults[0]);
	r->pmd_read = pmd_at(mm, VA);
	r->refcount[1] = thp_huge_zero_refcount();
	r->res[1] = mmu_access(0, mm, VA + PMD_SIZE, false, &r->faults[1]);
	r->pmd_read2 = pmd_at(mm, VA + PMD_SIZE);
	r->refcount[2] = thp_huge_zero_refcount();
	r->deposited[0] = thp_nr_deposited();
	current->mm = mm2;	/* the fault handles current's mm */
	r->res[2] = mmu_access(0, mm2, VA, false, &r->faults[2]);
	current->mm = mm;
	r->pmd_other_mm = pmd_at(mm2, VA);
	r->refcount[3] = thp_huge_zero_refcount();
	zero = pmd_folio(r->pmd_read);
	r->zero_folio_ref = folio_ref_count(zero);
	r->zero_folio_entire = folio_entire_mapcount(zero);
	r->ev_zero_alloc = kshim_vm_event_read(THP_ZERO_PAGE_ALLOC);

	r->res[3] = mmu_access(0, mm, VA + 4 * PAGE_SIZE, true, &r->faults[3]);
	r->pmd_after_write = pmd_at(mm, VA);
	r->pte0 = pte_at(vma, VA);
	r->pte1 = pte_at(vma, VA + 4 * PAGE_SIZE);
	r->pte2 = pte_at(vma, VA + PMD_SIZE - PAGE_SIZE);
	r->deposited[1] = thp_nr_deposited();
	r->ev_split = kshim_vm_event_read(THP_SPLIT_PMD);
	r->ev_fault_alloc = kshim_vm_event_read(THP_FAULT_ALLOC);
	r->ev_pgfault = kshim_vm_event_read(PGFAULT);

	populate_zap_large(vma2);
	mm_destroy(mm2);
	r->refcount[4] = thp_huge_zero_refcount();
	task_mm_end(mm);
	r->deposited[2] = thp_nr_deposited();
	r->free_after = memmap_free_pages(0);
	return 0;
}

static void test_huge_zero_page(void **state)
{
	struct zero_run r = { 0 };

	run_task("huge-zero", zero_task, &r);
	assert_int_equal(r.err, 0);
	/* do_huge_pmd_anonymous_page() -> set_huge_zero_folio() */
	assert_int_equal(r.refcount[0], 0);
	assert_int_equal(r.res[0], MMU_OK);
	assert_int_equal(r.faults[0], 1);
	assert_true(pmd_trans_huge(r.pmd_read) && is_huge_zero_pmd(r.pmd_read));
	assert_false(pmd_write(r.pmd_read));
	assert_false(pmd_dirty(r.pmd_read));
	assert_int_equal(r.refcount[1], 2);	/* the shrinker's + mm's */
	assert_int_equal(pmd_pfn(r.pmd_read2), pmd_pfn(r.pmd_read));
	assert_int_equal(r.refcount[2], 2);	/* MMF_HUGE_ZERO_PAGE: once */
	assert_int_equal(r.deposited[0], 2);
	assert_int_equal(pmd_pfn(r.pmd_other_mm), pmd_pfn(r.pmd_read));
	assert_int_equal(r.refcount[3], 3);
	assert_int_equal(r.zero_folio_ref, 1);	/* entries take none */
	assert_int_equal(r.zero_folio_entire, 0);
	assert_int_equal(r.ev_zero_alloc, 1);

	/* do_huge_pmd_wp_page() falls back: split, then do_wp_page() */
	assert_int_equal(r.res[3], MMU_OK);
	assert_int_equal(r.faults[3], 1);
	assert_false(pmd_leaf(r.pmd_after_write));
	assert_true(is_zero_pfn(pte_pfn(r.pte0)) && pte_special(r.pte0));
	assert_false(pte_write(r.pte0));
	assert_true(is_zero_pfn(pte_pfn(r.pte2)));
	assert_false(is_zero_pfn(pte_pfn(r.pte1)));
	assert_true(pte_write(r.pte1) && pte_dirty(r.pte1));
	assert_int_equal(r.deposited[1], 2);	/* one withdrawn, one new */
	assert_int_equal(r.ev_split, 1);
	assert_int_equal(r.ev_fault_alloc, 0);
	assert_int_equal(r.ev_pgfault, 4);

	/* __mmput() -> mm_put_huge_zero_folio(); the shrinker's stays */
	assert_int_equal(r.refcount[4], 2);
	assert_int_equal(thp_huge_zero_refcount(), 1);
	assert_int_equal(r.deposited[2], 0);
	/* what is left allocated on node 0 is the huge zero folio */
	assert_int_equal(r.free_before - r.free_after, HPAGE_PMD_NR);
}

static int zero_off_task(void *arg)
{
	struct zero_run *r = arg;
	struct mm_struct *mm = task_mm_begin();
	struct vm_area_struct *vma;

	vma = vma_create(mm, VA, VA + PMD_SIZE + 4 * PAGE_SIZE,
			 VM_READ | VM_WRITE, NULL);
	if (!vma)
		return r->err = -1;
	thp_set_use_zero_page(false);
	r->res[0] = mmu_access(0, mm, VA, false, &r->faults[0]);
	r->pmd_read = pmd_at(mm, VA);
	/* the 2 MiB at VA + PMD_SIZE do not fit the VMA: PTEs */
	r->res[1] = mmu_access(0, mm, VA + PMD_SIZE, false, &r->faults[1]);
	r->pmd_read2 = pmd_at(mm, VA + PMD_SIZE);
	r->pte0 = pte_at(vma, VA + PMD_SIZE);
	r->ev_fault_alloc = kshim_vm_event_read(THP_FAULT_ALLOC);
	r->ev_zero_alloc = kshim_vm_event_read(THP_ZERO_PAGE_ALLOC);
	r->refcount[0] = thp_huge_zero_refcount();
	task_mm_end(mm);
	return 0;
}

/*
 * With use_zero_page off a read maps a new THP, writable and dirty as
 * for a write (maybe_pmd_mkwrite(pmd_mkdirty())); a PMD the VMA does
 * not cover falls back to the zero page at the PTE level
 * (thp_vma_suitable_order()).
 */
static void test_huge_zero_off_and_fallback(void **state)
{
	struct zero_run r = { 0 };

	run_task("huge-zero-off", zero_off_task, &r);
	assert_int_equal(r.err, 0);
	assert_int_equal(r.res[0], MMU_OK);
	assert_true(pmd_trans_huge(r.pmd_read) && !is_huge_zero_pmd(r.pmd_read));
	assert_true(pmd_write(r.pmd_read) && pmd_dirty(r.pmd_read));
	assert_int_equal(folio_nid(pmd_folio(r.pmd_read)), 0);
	assert_int_equal(r.res[1], MMU_OK);
	assert_false(pmd_leaf(r.pmd_read2));
	assert_true(is_zero_pfn(pte_pfn(r.pte0)));
	assert_int_equal(r.ev_fault_alloc, 1);
	assert_int_equal(r.ev_zero_alloc, 0);
	assert_int_equal(r.refcount[0], 0);
}

struct pmd_mig_run {
	int err, found, set_rc, restored_found;
	pmd_t before, entry, after;
	bool entry_write, entry_young, entry_dirty, entry_excl;
	int ref_mid, entire_mid, ref_after, entire_after;
	bool excl_mid, excl_after, folio_dirty;
};

static bool pmd_mig_one(struct folio *folio, struct vm_area_struct *vma,
			unsigned long addr, void *arg)
{
	struct pmd_mig_run *r = arg;
	DEFINE_FOLIO_VMA_WALK(w, folio, vma, addr, 0);

	while (page_vma_mapped_walk(&w)) {
		r->found++;
		r->set_rc = set_pmd_migration_entry(&w, &folio->page);
	}
	return true;
}

static bool pmd_restore_one(struct folio *folio, struct vm_area_struct *vma,
			    unsigned long addr, void *arg)
{
	struct pmd_mig_run *r = arg;
	DEFINE_FOLIO_VMA_WALK(w, folio, vma, addr, PVMW_MIGRATION);

	while (page_vma_mapped_walk(&w)) {
		r->restored_found++;
		remove_migration_pmd(&w, &folio->page);
	}
	return true;
}

/*
 * set_pmd_migration_entry() and remove_migration_pmd() on a writable,
 * dirty, young THP (the caller's reference stands for migration's
 * isolation one): a writable migration entry keeping young and dirty,
 * the entire mapping and its reference gone, the head made shared; then
 * back to a writable, dirty, young huge PMD with its entire mapping,
 * reference and exclusivity.
 */
static int pmd_mig_task(void *arg)
{
	struct pmd_mig_run *r = arg;
	struct mm_struct *mm = task_mm_begin();
	struct vm_area_struct *vma;
	struct folio *folio;
	swp_entry_t e;

	vma = vma_create(mm, VA, VA + PMD_SIZE, VM_READ | VM_WRITE, NULL);
	if (!vma || populate_anon_thp(vma, VA, 1, true))
		return r->err = -1;
	r->before = pmd_at(mm, VA);
	folio = pmd_folio(r->before);
	folio_get(folio);
	rmap_walk(folio, &(struct rmap_walk_control){
			.rmap_one = pmd_mig_one, .arg = r });
	r->entry = pmd_at(mm, VA);
	e = pmd_to_swp_entry(r->entry);
	r->entry_write = is_writable_migration_entry(e);
	r->entry_young = is_migration_entry_young(e);
	r->entry_dirty = is_migration_entry_dirty(e);
	r->ref_mid = folio_ref_count(folio);
	r->entire_mid = folio_entire_mapcount(folio);
	r->excl_mid = PageAnonExclusive(&folio->page);
	r->folio_dirty = folio_test_dirty(folio);
	rmap_walk(folio, &(struct rmap_walk_control){
			.rmap_one = pmd_restore_one, .arg = r });
	r->after = pmd_at(mm, VA);
	r->ref_after = folio_ref_count(folio);
	r->entire_after = folio_entire_mapcount(folio);
	r->excl_after = PageAnonExclusive(&folio->page);
	folio_put(folio);
	task_mm_end(mm);
	return 0;
}

static void test_pmd_migration_entry(void **state)
{
	struct pmd_mig_run r = { 0 };

	run_task("pmd-mig", pmd_mig_task, &r);
	assert_int_equal(r.err, 0);
	assert_int_equal(r.found, 1);
	assert_int_equal(r.set_rc, 0);
	assert_true(is_pmd_migration_entry(r.entry));
	assert_int_equal(swp_offset_pfn(pmd_to_swp_entry(r.entry)),
			 pmd_pfn(r.before));
	assert_true(r.entry_write && r.entry_young && r.entry_dirty);
	assert_int_equal(r.ref_mid, 1);		/* only ours */
	assert_int_equal(r.entire_mid, 0);
	assert_false(r.excl_mid);
	assert_true(r.folio_dirty);
	assert_int_equal(r.restored_found, 1);
	assert_true(pmd_trans_huge(r.after));
	assert_true(pmd_write(r.after) && pmd_dirty(r.after) &&
		    pmd_young(r.after));
	assert_int_equal(pmd_pfn(r.after), pmd_pfn(r.before));
	assert_int_equal(r.ref_after, 2);
	assert_int_equal(r.entire_after, 1);
	assert_true(r.excl_after);
}

struct pvmw_run {
	int err;
	int hits, mig_hits, small_hits, small_mig_hits;
	bool second_call, locked_after;
	unsigned long hit_addr, small_addr;
	bool hit_pmd_only;
};

/*
 * mm/page_vma_mapped.c:page_vma_mapped_walk() (6.12) rules the model's
 * walker keeps: a huge PMD is found once, locked, and the next call
 * ends the walk ("the only possible pmd mapping") with the lock
 * dropped; PVMW_MIGRATION finds no present entry; an order-0 folio is
 * looked for only at its own address (vma_address() to
 * vma_address_end()), its PTE found under the PTE lock.
 */
static int pvmw_task(void *arg)
{
	struct pvmw_run *r = arg;
	struct mm_struct *mm = task_mm_begin();
	struct vm_area_struct *vma;
	struct folio *folio, *small;
	unsigned long small_va = VA + PMD_SIZE + 3 * PAGE_SIZE;
	spinlock_t *ptl;
	pte_t *pte;

	vma = vma_create(mm, VA, VA + 2 * PMD_SIZE, VM_READ | VM_WRITE, NULL);
	if (!vma || populate_anon_thp(vma, VA, 1, true) ||
	    populate_anon(vma, small_va, small_va + PAGE_SIZE, 1, true))
		return r->err = -1;
	folio = pmd_folio(pmd_at(mm, VA));
	{
		DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, VA, 0);

		while (page_vma_mapped_walk(&pvmw)) {
			r->hits++;
			r->hit_addr = pvmw.address;
			r->hit_pmd_only = pvmw.pmd && !pvmw.pte;
		}
		r->second_call = true;
		/* the walk dropped the PMD lock: taking it again must work */
		ptl = pmd_lock(mm, pmd_off(mm, VA));
		spin_unlock(ptl);
		r->locked_after = true;
	}
	{
		DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, VA, PVMW_MIGRATION);

		while (page_vma_mapped_walk(&pvmw))
			r->mig_hits++;
	}
	pte = pte_offset_map_lock(mm, pmd_off(mm, small_va), small_va, &ptl);
	small = page_folio(pfn_to_page(pte_pfn(ptep_get(pte))));
	pte_unmap_unlock(pte, ptl);
	{
		DEFINE_FOLIO_VMA_WALK(pvmw, small, vma,
				      VA + PMD_SIZE, 0);	/* below it */

		while (page_vma_mapped_walk(&pvmw))
			r->small_hits++;
	}
	{
		DEFINE_FOLIO_VMA_WALK(pvmw, small, vma, small_va, 0);

		while (page_vma_mapped_walk(&pvmw)) {
			r->small_hits += 10;
			r->small_addr = pvmw.address;
		}
	}
	{
		DEFINE_FOLIO_VMA_WALK(pvmw, small, vma, small_va,
				      PVMW_MIGRATION | PVMW_SYNC);

		while (page_vma_mapped_walk(&pvmw))
			r->small_mig_hits++;
	}
	task_mm_end(mm);
	return 0;
}

static void test_page_vma_mapped_walk(void **state)
{
	struct pvmw_run r = { 0 };

	run_task("pvmw", pvmw_task, &r);
	assert_int_equal(r.err, 0);
	assert_int_equal(r.hits, 1);
	assert_true(r.hit_pmd_only);
	assert_int_equal(r.hit_addr, VA);
	assert_true(r.second_call && r.locked_after);
	assert_int_equal(r.mig_hits, 0);
	/* an order-0 walk covers one page: from below it, nothing */
	assert_int_equal(r.small_hits, 10);
	assert_int_equal(r.small_addr, VA + PMD_SIZE + 3 * PAGE_SIZE);
	assert_int_equal(r.small_mig_hits, 0);
	assert_int_equal(sim_findings_count(), 0);
}

#else /* !CONFIG_TRANSPARENT_HUGEPAGE */

static int no_thp_task(void *arg)
{
	struct thp_run { int err; } *r = arg;
	struct mm_struct *mm = task_mm_begin();
	struct vm_area_struct *vma;

	vma = vma_create(mm, VA, VA + 2 * PMD_SIZE, VM_READ | VM_WRITE, NULL);
	if (!vma || populate_anon_thp(vma, VA + PMD_SIZE, 1, true) != -EINVAL ||
	    thp_split_pmd_at(vma, VA) != -EINVAL)
		r->err = -1;
	task_mm_end(mm);
	return 0;
}

/* A THP-less kernel never creates a PMD leaf. */
static void test_no_thp_no_pmd_leaf(void **state)
{
	struct { int err; } r = { 0 };

	run_task("no-thp", no_thp_task, &r);
	assert_int_equal(r.err, 0);
	assert_int_equal(thp_nr_deposited(), 0);
}

#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_large_populate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_rebuild_whole_folio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_rebuild_skips_present, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_rebuild_vma_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_rebuild_adjacent_folio, setup, teardown),
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
		cmocka_unit_test_setup_teardown(test_thp_pmd_hint_fault, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thp_split_drops_hint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thp_split_writable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thp_allowable_orders, setup, teardown),
		cmocka_unit_test_setup_teardown(test_huge_zero_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_huge_zero_off_and_fallback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pmd_migration_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_vma_mapped_walk, setup, teardown),
#else
		cmocka_unit_test_setup_teardown(test_no_thp_no_pmd_leaf, setup, teardown),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

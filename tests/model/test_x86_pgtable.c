// SPDX-License-Identifier: GPL-2.0-only
/*
 * arch/x86/mm/pgtable.c's entry updates, extracted (units x86_pgtable,
 * x86_pgtable_thp), on the model's tables: each store is one
 * SIM_PT_PT_STORE scheduling point on its entry and reaches the
 * page-table store observer (pt_store_observer_set(), which the
 * hint-ownership oracle uses), the test_and_clear_bit() of the _young
 * functions included (kshim_pte_test_and_clear_bit(), _pmd_); their
 * plain reads of the entry (`*ptep`) are no points, so an update that
 * stores nothing passes none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <linux/mm.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/machine.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/vma.h"
#include "model_test.h"

#define VA 0x7f0000000000UL

/* the points and stores seen while watching, per step */
struct seen {
	int points, stores, others;	/* others: points on other objects */
	uint64_t old, new;
};

static struct {
	const void *slot;
	struct seen *cur;
} watch;

enum step {
	PTE_YOUNG, PTE_OLD, PTE_CLEAN_UPGRADE, PTE_WRITE_UPGRADE,
	PMD_YOUNG, PMD_OLD, PMD_WRITE_UPGRADE, PMD_INVALIDATE, NR_STEPS
};

static struct seen seen[NR_STEPS];
static int ret[NR_STEPS];
static int setup_err;
static uint64_t pmd_returned;

static bool note_point(enum sim_point_kind kind, const void *obj, void *priv)
{
	if (!watch.cur)
		return false;
	if (kind == SIM_PT_PT_STORE && obj == watch.slot)
		watch.cur->points++;
	else
		watch.cur->others++;
	return false;	/* never preempt: only watch */
}

static void note_store(void *slot, uint64_t old, uint64_t new)
{
	if (!watch.cur || slot != watch.slot)
		return;
	watch.cur->stores++;
	watch.cur->old = old;
	watch.cur->new = new;
}

static const struct pt_store_observer observer = {
	.pte_store = note_store,
	.pmd_store = note_store,
};

static void begin(enum step s, const void *slot)
{
	watch.slot = slot;
	watch.cur = &seen[s];
}

static void end(void)
{
	watch.cur = NULL;
}

static int run_task(void *arg)
{
	struct mm_struct *mm = mm_create();
	struct vm_area_struct *vma;
	pte_t *pte;
	pte_t entry;

	current->mm = mm;
	current->cpu = 0;
	current->numa_preferred_nid = NUMA_NO_NODE;
	vma = vma_create(mm, VA, VA + 2 * PMD_SIZE, VM_READ | VM_WRITE, NULL);
	if (!vma || populate_anon(vma, VA, VA + PAGE_SIZE, 0, false)) {
		setup_err = 1;
		return 0;
	}
	pte = populate_ptep(vma, VA);
	/* read-only, young, as a read fault leaves it */
	entry = pte_mkyoung(pte_wrprotect(ptep_get(pte)));
	set_pte_at(mm, VA, pte, entry);

	pt_store_observer_set(&observer);
	begin(PTE_YOUNG, pte);
	ret[PTE_YOUNG] = ptep_test_and_clear_young(vma, VA, pte);
	begin(PTE_OLD, pte);
	ret[PTE_OLD] = ptep_test_and_clear_young(vma, VA, pte);
	end();
	entry = pte_mkyoung(ptep_get(pte));
	begin(PTE_CLEAN_UPGRADE, pte);		/* a read fault's: no store */
	ret[PTE_CLEAN_UPGRADE] = ptep_set_access_flags(vma, VA, pte, entry, 0);
	entry = pte_mkdirty(pte_mkwrite(entry, vma));
	begin(PTE_WRITE_UPGRADE, pte);
	ret[PTE_WRITE_UPGRADE] = ptep_set_access_flags(vma, VA, pte, entry, 1);
	end();

#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	{
		unsigned long haddr = VA + PMD_SIZE;
		pmd_t *pmd = pgtable_pmd_alloc(mm, haddr);
		pmd_t leaf;

		if (!pmd) {
			setup_err = 2;
			goto out;
		}
		/* a read-only, young PMD leaf on pfns the memmap holds */
		leaf = pmd_mkyoung(pmd_mkhuge(pfn_pmd(HPAGE_PMD_NR,
						      PAGE_READONLY)));
		set_pmd_at(mm, haddr, pmd, leaf);
		begin(PMD_YOUNG, pmd);
		ret[PMD_YOUNG] = pmdp_test_and_clear_young(vma, haddr, pmd);
		begin(PMD_OLD, pmd);
		ret[PMD_OLD] = pmdp_test_and_clear_young(vma, haddr, pmd);
		end();
		leaf = pmd_mkdirty(pmd_mkwrite(pmd_mkyoung(pmdp_get(pmd)), vma));
		begin(PMD_WRITE_UPGRADE, pmd);
		ret[PMD_WRITE_UPGRADE] = pmdp_set_access_flags(vma, haddr, pmd,
							       leaf, 1);
		begin(PMD_INVALIDATE, pmd);
		pmd_returned = pmd_val(pmdp_invalidate_ad(vma, haddr, pmd));
		end();
		pt_store_observer_set(NULL);
		set_pmd_at(mm, haddr, pmd, __pmd(0));
	}
out:
#endif
	pt_store_observer_set(NULL);
	populate_zap_all(vma);
	current->mm = NULL;
	mm_destroy(mm);
	return 0;
}

static void assert_one_store(enum step s)
{
	assert_int_equal(seen[s].points, 1);
	assert_int_equal(seen[s].stores, 1);
	assert_int_equal(seen[s].others, 0);
}

static void assert_nothing(enum step s)
{
	assert_int_equal(seen[s].points, 0);
	assert_int_equal(seen[s].stores, 0);
	assert_int_equal(seen[s].others, 0);
}

static void test_x86_pgtable(void **state)
{
	assert_int_equal(model_boot(1, 1, 4096), 0);
	sim_set_preempt(note_point, NULL);
	kshim_spawn("pgtable", run_task, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	sim_set_preempt(NULL, NULL);
	assert_int_equal(setup_err, 0);
	assert_int_equal(sim_findings_count(), 0);
	machine_destroy();

	/* young: the locked bit clear, one store of A cleared */
	assert_int_equal(ret[PTE_YOUNG], 1);
	assert_one_store(PTE_YOUNG);
	assert_true(seen[PTE_YOUNG].old & _PAGE_ACCESSED);
	assert_int_equal(seen[PTE_YOUNG].new,
			 seen[PTE_YOUNG].old & ~_PAGE_ACCESSED);
	/* old: the plain read alone */
	assert_int_equal(ret[PTE_OLD], 0);
	assert_nothing(PTE_OLD);
	/* changed but no write: x86 leaves A to the hardware */
	assert_int_equal(ret[PTE_CLEAN_UPGRADE], 1);
	assert_nothing(PTE_CLEAN_UPGRADE);
	/* a write upgrade: set_pte() */
	assert_int_equal(ret[PTE_WRITE_UPGRADE], 1);
	assert_one_store(PTE_WRITE_UPGRADE);
	assert_true(seen[PTE_WRITE_UPGRADE].new & _PAGE_RW);

#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	assert_int_equal(ret[PMD_YOUNG], 1);
	assert_one_store(PMD_YOUNG);
	assert_int_equal(seen[PMD_YOUNG].new,
			 seen[PMD_YOUNG].old & ~_PAGE_ACCESSED);
	assert_int_equal(ret[PMD_OLD], 0);
	assert_nothing(PMD_OLD);
	assert_int_equal(ret[PMD_WRITE_UPGRADE], 1);
	assert_one_store(PMD_WRITE_UPGRADE);
	/* pmdp_establish()'s xchg: the old entry back, an invalid one in */
	assert_one_store(PMD_INVALIDATE);
	assert_int_equal(pmd_returned, seen[PMD_INVALIDATE].old);
	assert_false(seen[PMD_INVALIDATE].new & _PAGE_PRESENT);
	assert_true(seen[PMD_INVALIDATE].new & _PAGE_PSE);
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_x86_pgtable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

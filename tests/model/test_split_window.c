// SPDX-License-Identifier: GPL-2.0-only
/*
 * The plant hook in the THP split (mm_model/mm/thp.h:
 * thp_set_split_window()): __split_huge_pmd_locked() calls it once per
 * split of a present or hinted huge PMD, with the PMD lock held, right
 * after pmdp_invalidate(): the PMD is then an invalidated leaf, and the
 * entry passed is the one pmdp_invalidate() returned.  The states a
 * split goes through (PMD leaf or hint, invalidated leaf, PTE table) are
 * distinct page-table classes (pt_class_of()), so each step of the
 * split is a transition feature of its own for the fuzzer
 * (docs/fuzzing.md).  With no hook the split runs as before, and
 * faultsim_plant() installs and clears it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/mmap_lock.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "designs/planted.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/machine.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/thp.h"
#include "mm_model/mm/vma.h"
#include "model_test.h"

#define VA 0x40000000UL		/* 1 GiB: PMD aligned */
#define KIND(c) ((c) & 7)

/* per split: 0 a present THP, 1 a hinted one (both hooked), 2 no hook */
static struct split_seen {
	int calls, locked, same_pfn;
	unsigned long haddr;
	unsigned int cur_class, old_class, after_class;
	unsigned int trans[4][2];	/* PMD stores, in order */
	int nr_trans;
} seen[3];
static struct split_seen *now;
static int setup_err;

static void note(unsigned int old_class, unsigned int new_class)
{
	if (!now || !(new_class & PT_CLASS_PMD) || now->nr_trans == 4)
		return;
	now->trans[now->nr_trans][0] = old_class;
	now->trans[now->nr_trans][1] = new_class;
	now->nr_trans++;
}

static bool window(struct vm_area_struct *vma, pmd_t *pmd,
		   unsigned long haddr, pmd_t old_pmd)
{
	pmd_t cur = pmdp_get(pmd);

	now->calls++;
	now->locked = spin_is_locked(pmd_lockptr(vma->vm_mm, pmd));
	now->haddr = haddr;
	now->cur_class = pt_class_of(pmd_val(cur), true);
	now->old_class = pt_class_of(pmd_val(old_pmd), true);
	now->same_pfn = pmd_pfn(cur) == pmd_pfn(old_pmd);
	return true;
}

static unsigned int pmd_class(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd;
	pte_t *pte;

	if (!pgtable_lookup(mm, addr, &pmd, &pte) || !pmd)
		return ~0U;
	return pt_class_of(pmd_val(pmdp_get(pmd)), true);
}

/* splits the THP at @addr (not aligned) watching its PMD stores */
static void split(struct vm_area_struct *vma, unsigned long addr, int i)
{
	now = &seen[i];
	if (thp_split_pmd_at(vma, addr))
		setup_err = 1;
	now = NULL;
	seen[i].after_class = pmd_class(vma->vm_mm, addr);
}

static int run_task(void *arg)
{
	struct mm_struct *mm = mm_create();
	struct vm_area_struct *vma;
	int i;

	current->mm = mm;
	current->cpu = 0;
	current->numa_preferred_nid = NUMA_NO_NODE;
	vma = vma_create(mm, VA, VA + 3 * PMD_SIZE, VM_READ | VM_WRITE, NULL);
	for (i = 0; vma && i < 3; i++)
		if (populate_anon_thp(vma, VA + i * PMD_SIZE, 1, true))
			vma = NULL;
	if (!vma) {
		setup_err = 2;
		return 0;
	}
	pt_transition_watch(note);
	thp_set_split_window(window);
	split(vma, VA + 5 * PAGE_SIZE, 0);
	/* change_huge_pmd()'s NUMA hint (PAGE_NONE) on the second */
	mmap_read_lock(mm);
	change_prot_numa(vma, VA + PMD_SIZE, VA + 2 * PMD_SIZE);
	mmap_read_unlock(mm);
	split(vma, VA + PMD_SIZE + 9 * PAGE_SIZE, 1);
	thp_set_split_window(NULL);
	split(vma, VA + 2 * PMD_SIZE, 2);
	pt_transition_watch(NULL);
	populate_zap_large(vma);
	current->mm = NULL;
	mm_destroy(mm);
	return 0;
}

static void test_hook_in_window(void **state)
{
	static const unsigned int kinds[] = {
		PT_CLASS_LEAF, PT_CLASS_PROTNONE, PT_CLASS_INVALID,
		PT_CLASS_PRESENT,
	};
	int i, j;

	assert_int_equal(model_boot(1, 2, 8192), 0);
	kshim_spawn("split-window", run_task, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);
	machine_destroy();
	assert_int_equal(setup_err, 0);

	for (i = 0; i < 2; i++) {
		struct split_seen *s = &seen[i];

		/* once, under the PMD lock, at the PMD-aligned address */
		assert_int_equal(s->calls, 1);
		assert_true(s->locked);
		assert_int_equal(s->haddr, VA + i * PMD_SIZE);
		/* the PMD invalidated; the entry before it, same pfn */
		assert_true(s->same_pfn);
		assert_true(s->cur_class & PT_CLASS_PMD);
		assert_int_equal(KIND(s->cur_class), PT_CLASS_INVALID);
		assert_int_equal(KIND(s->old_class),
				 i ? PT_CLASS_PROTNONE : PT_CLASS_LEAF);
		/* two PMD stores: the invalidation, then the PTE table */
		assert_int_equal(s->nr_trans, 2);
		assert_int_equal(s->trans[0][0], s->old_class);
		assert_int_equal(s->trans[0][1], s->cur_class);
		assert_int_equal(s->trans[1][0], s->cur_class);
		assert_int_equal(s->trans[1][1], PT_CLASS_PMD | PT_CLASS_PRESENT);
		assert_int_equal(s->after_class, PT_CLASS_PMD | PT_CLASS_PRESENT);
	}
	/* no hook: the same split, nothing called */
	assert_int_equal(seen[2].calls, 0);
	assert_int_equal(seen[2].nr_trans, 2);
	assert_int_equal(KIND(seen[2].trans[0][1]), PT_CLASS_INVALID);
	assert_int_equal(seen[2].after_class, PT_CLASS_PMD | PT_CLASS_PRESENT);

	/* leaf, hint, invalidated leaf, table: four distinct classes */
	for (i = 0; i < 4; i++)
		for (j = i + 1; j < 4; j++)
			assert_int_not_equal(kinds[i], kinds[j]);
}

/* faultsim_plant() installs the split plant's hook and clears it */
static void test_plant_sets_and_clears(void **state)
{
	assert_null(thp_get_split_window());
	assert_int_equal(faultsim_plant("thp-split-stale"), 0);
	assert_non_null(thp_get_split_window());
	assert_int_equal(faultsim_plant(NULL), 0);
	assert_null(thp_get_split_window());
	assert_int_equal(faultsim_plant("thp-split-stale"), 0);
	/* another plant replaces it */
	assert_int_equal(faultsim_plant("no-pte-same-recheck"), 0);
	assert_null(thp_get_split_window());
	assert_int_equal(faultsim_plant(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hook_in_window),
		cmocka_unit_test(test_plant_sets_and_clears),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

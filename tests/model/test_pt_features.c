// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fuzzer's page-table transition features (docs/fuzzing.md): every
 * PTE/PMD store reaches pt_transition_watch()'s function with the
 * classes of the old and new entry (mm_model/hw/pgtable.c:pt_class_of(),
 * by arch/x86/include/asm/pgtable.h's pte_present()/pte_protnone()),
 * and fuzz_run's extra counters (tests/fuzz/run/fuzz_run_features.c)
 * gain a counter for a transition not seen before, none for a repeat.
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
#include "tests/fuzz/run/fuzz_run_features.h"
#include "model_test.h"

#define VA 0x7f0000000000UL

enum { HINT, RESTORE, HINT_AGAIN, NR_STEPS };

static struct {
	unsigned int old_class, new_class;
	int calls;
} seen[NR_STEPS];
static int step = -1, setup_err;
static size_t nonzero[NR_STEPS + 1];

static void note(unsigned int old_class, unsigned int new_class)
{
	if (step < 0)
		return;
	seen[step].calls++;
	seen[step].old_class = old_class;
	seen[step].new_class = new_class;
	fuzz_run_feature_pt(old_class, new_class);
}

static void store(int s, pte_t *pte, pte_t entry)
{
	step = s;
	set_pte_at(current->mm, VA, pte, entry);
	step = -1;
	nonzero[s + 1] = fuzz_run_features_nonzero();
}

static int run_task(void *arg)
{
	struct mm_struct *mm = mm_create();
	struct vm_area_struct *vma;
	pte_t *pte;
	pte_t present, hinted;

	current->mm = mm;
	current->cpu = 0;
	current->numa_preferred_nid = NUMA_NO_NODE;
	vma = vma_create(mm, VA, VA + PMD_SIZE, VM_READ | VM_WRITE, NULL);
	if (!vma || populate_anon(vma, VA, VA + PAGE_SIZE, 0, false)) {
		setup_err = 1;
		return 0;
	}
	pte = populate_ptep(vma, VA);
	present = pte_mkyoung(ptep_get(pte));
	set_pte_at(mm, VA, pte, present);
	/* change_pte_range()'s NUMA hint: the same pfn, PAGE_NONE */
	hinted = pte_modify(present, PAGE_NONE);

	pt_transition_watch(note);
	fuzz_run_features_begin();
	nonzero[0] = fuzz_run_features_nonzero();
	store(HINT, pte, hinted);
	store(RESTORE, pte, present);
	store(HINT_AGAIN, pte, hinted);
	pt_transition_watch(NULL);
	populate_zap_all(vma);
	current->mm = NULL;
	mm_destroy(mm);
	return 0;
}

static void test_pt_features(void **state)
{
	assert_int_equal(model_boot(1, 1, 4096), 0);
	kshim_spawn("pt-features", run_task, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(setup_err, 0);
	machine_destroy();

	/* present+A -> protnone+A, and back */
	assert_int_equal(seen[HINT].calls, 1);
	assert_int_equal(seen[HINT].old_class & 7, PT_CLASS_PRESENT);
	assert_true(seen[HINT].old_class & PT_CLASS_A);
	assert_int_equal(seen[HINT].new_class & 7, PT_CLASS_PROTNONE);
	assert_false(seen[HINT].new_class & PT_CLASS_PMD);
	assert_int_equal(seen[RESTORE].old_class, seen[HINT].new_class);
	assert_int_equal(seen[RESTORE].new_class, seen[HINT].old_class);
	/* each new transition raises counters; the repeat raises none */
	assert_true(nonzero[HINT + 1] > nonzero[HINT]);
	assert_true(nonzero[RESTORE + 1] > nonzero[RESTORE]);
	assert_int_equal(seen[HINT_AGAIN].calls, 1);
	assert_int_equal(nonzero[HINT_AGAIN + 1], nonzero[HINT_AGAIN]);
	/* the classes of raw entries */
	assert_int_equal(pt_class_of(0, false), PT_CLASS_NONE);
	assert_int_equal(pt_class_of(0, true), PT_CLASS_PMD | PT_CLASS_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pt_features),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

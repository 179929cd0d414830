// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm_model/hw/pgtable_names.c: the names the readable log and the
 * timeline give scheduling points' objects, on a populated mm -- a PTE
 * with its pfn, an empty PTE, the PMD entry, both split locks, the mm's
 * locks, a table entry's flags without the table's host address, and
 * an object of no table (and of another mm) left unnamed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <linux/mm.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/hw/pgtable_names.h"
#include "mm_model/mm/machine.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/vma.h"
#include "model_test.h"

#define VA 0x7f0000000000UL

struct name {
	enum pgtable_obj what;
	char text[64];
	uint64_t val;
};

enum { N_PTE, N_PTE_NONE, N_PMD, N_PTL_PTE, N_PTL_PMD, N_MMAP, N_PTL_MM,
       N_PGD, N_OTHER, N_OTHER_MM, N_NULL, NR_NAMES };

static struct name names[NR_NAMES];
static unsigned long pfn;
static int setup_err;

static void name(int i, struct mm_struct *mm, const void *obj)
{
	names[i].what = pgtable_name_obj(mm, obj, names[i].text,
					 sizeof(names[i].text),
					 &names[i].val);
}

static int run_task(void *arg)
{
	struct mm_struct *mm = mm_create(), *other = mm_create();
	struct vm_area_struct *vma;
	pmd_t *pmd;
	pte_t *pte;
	int local;

	current->mm = mm;
	current->cpu = 0;
	vma = vma_create(mm, VA, VA + PMD_SIZE, VM_READ | VM_WRITE, NULL);
	if (!other || !vma || populate_anon(vma, VA, VA + PAGE_SIZE, 0,
					    false)) {
		setup_err = 1;
		return 0;
	}
	pte = populate_ptep(vma, VA);
	pfn = pte_pfn(ptep_get(pte));
	pgtable_peek(mm, VA, &pmd, &pte);
	name(N_PTE, mm, pte);
	name(N_PTE_NONE, mm, pte + 3);
	name(N_PMD, mm, pmd);
	name(N_PTL_PTE, mm, pte_lockptr(mm, pmd));
	name(N_PTL_PMD, mm, pmd_lockptr(mm, pmd));
	name(N_MMAP, mm, &mm->mmap_lock);
	name(N_PTL_MM, mm, &mm->page_table_lock);
	name(N_PGD, mm, pgd_offset(mm, VA));
	name(N_OTHER, mm, &local);
	name(N_OTHER_MM, other, pte);
	name(N_NULL, NULL, pte);
	populate_zap_all(vma);
	current->mm = NULL;
	mm_destroy(mm);
	mm_destroy(other);
	return 0;
}

static void assert_name(int i, enum pgtable_obj what, const char *text)
{
	assert_int_equal(names[i].what, what);
	assert_string_equal(names[i].text, text);
}

static void test_pgtable_names(void **state)
{
	char want[64];

	assert_int_equal(model_boot(1, 1, 4096), 0);
	kshim_spawn("names", run_task, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(setup_err, 0);
	snprintf(want, sizeof(want), "pte@0x7f0000000000 pfn=0x%lx", pfn);
	assert_name(N_PTE, PGTABLE_OBJ_PTE, want);
	assert_int_equal(names[N_PTE].val >> PAGE_SHIFT & 0xffffffffUL, pfn);
	assert_name(N_PTE_NONE, PGTABLE_OBJ_PTE, "pte@0x7f0000003000");
	assert_int_equal(names[N_PTE_NONE].val, 0);
	assert_name(N_PMD, PGTABLE_OBJ_PMD, "pmd@0x7f0000000000");
	/* a table's entry: flags only, no host address */
	assert_int_equal(names[N_PMD].val & PTE_PFN_MASK, 0);
	assert_int_not_equal(names[N_PMD].val, 0);
	assert_name(N_PTL_PTE, PGTABLE_OBJ_PTL, "ptl(pmd@0x7f0000000000)");
	assert_name(N_PTL_PMD, PGTABLE_OBJ_PTL, "ptl(pud@0x7f0000000000)");
	assert_name(N_MMAP, PGTABLE_OBJ_MM_LOCK, "mmap_lock");
	assert_name(N_PTL_MM, PGTABLE_OBJ_MM_LOCK, "page_table_lock");
	assert_name(N_PGD, PGTABLE_OBJ_UPPER, "pgd@0x7f0000000000");
	assert_int_equal(names[N_PGD].val & PTE_PFN_MASK, 0);
	assert_int_equal(names[N_OTHER].what, PGTABLE_OBJ_NONE);
	assert_int_equal(names[N_OTHER_MM].what, PGTABLE_OBJ_NONE);
	assert_int_equal(names[N_NULL].what, PGTABLE_OBJ_NONE);
	machine_destroy();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pgtable_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel walk APIs the extracted mm/damon/ files call, on the
 * model: the mm's maple tree kept with its VMAs (for_each_vma() sees
 * what the model's list holds, splits included), walk_page_range()
 * (the extracted mm/pagewalk.c: its order of .pmd_entry and .pte_hole
 * calls, per VMA, and .pte_entry under the PTE table's lock),
 * and rmap_walk() with page_vma_mapped_walk() (the entry mapping a
 * folio, found locked, and the rmap_walk_control hooks).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <linux/mm.h>
#include <linux/pagewalk.h>
#include <linux/rmap.h>
#include <mm/internal.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/machine.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/syscalls.h"
#include "mm_model/mm/vma.h"
#include "model_test.h"

#define VA 0x7f0000000000UL

struct obs {
	int setup_err;
	char iter[160], list[160];	/* for_each_vma() vs the model's list */
	char walk[320];			/* the callbacks walk_page_range() made */
	char pte_walk[160];		/* ... with .pte_entry */
	int pte_walk_ret;
	int walk_ret, walk_einval;
	int rmap_vmas, rmap_hits, rmap_vmas_done, rmap_vmas_skip;
	unsigned long hit_addr;
	bool hit_pte, hit_locked, hit_in_first;
	bool raw_mapping;
};

static struct obs obs;
static struct vm_area_struct *first;

static int rec_pmd(pmd_t *pmd, unsigned long addr, unsigned long next,
		   struct mm_walk *walk)
{
	size_t n = strlen(obs.walk);

	snprintf(obs.walk + n, sizeof(obs.walk) - n, "pmd %lx-%lx%s ",
		 addr - VA, next - VA, walk->vma ? "" : " novma");
	return 0;
}

static int rec_hole(unsigned long addr, unsigned long next, int depth,
		    struct mm_walk *walk)
{
	size_t n = strlen(obs.walk);

	snprintf(obs.walk + n, sizeof(obs.walk) - n, "hole %lx-%lx/%d ",
		 addr - VA, next - VA, depth);
	return 0;
}

/* each PTE under its table's split lock (pte_offset_map_lock()) */
static int rec_pte(pte_t *pte, unsigned long addr, unsigned long next,
		   struct mm_walk *walk)
{
	uintptr_t table = (uintptr_t)pte & ~(uintptr_t)(PAGE_SIZE - 1);
	size_t n = strlen(obs.pte_walk);

	snprintf(obs.pte_walk + n, sizeof(obs.pte_walk) - n, "pte %lx%s%s ",
		 addr - VA, pte_none(ptep_get(pte)) ? " none" : "",
		 spin_is_locked(&kshim_table_ptdesc((void *)table)->ptl) ?
		 " locked" : "");
	return 0;
}

static const struct mm_walk_ops pte_ops = {
	.pte_entry = rec_pte,
	.walk_lock = PGWALK_RDLOCK,
};

static const struct mm_walk_ops rec_ops = {
	.pmd_entry = rec_pmd,
	.pte_hole = rec_hole,
	.walk_lock = PGWALK_RDLOCK,
};

static bool rmap_one(struct folio *folio, struct vm_area_struct *vma,
		     unsigned long addr, void *arg)
{
	DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, addr, 0);

	obs.rmap_vmas++;
	while (page_vma_mapped_walk(&pvmw)) {
		obs.rmap_hits++;
		obs.hit_addr = pvmw.address;
		obs.hit_pte = pvmw.pte;
		obs.hit_locked = pvmw.ptl && spin_is_locked(pvmw.ptl);
		obs.hit_in_first = vma == first;
	}
	return true;
}

static bool count_vma(struct folio *folio, struct vm_area_struct *vma,
		      unsigned long addr, void *arg)
{
	(*(int *)arg)++;
	return true;
}

static int done_at_once(struct folio *folio)
{
	return 1;
}

static bool skip_first(struct vm_area_struct *vma, void *arg)
{
	return vma == first;
}

static void render_vmas(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);
	size_t n = 0;

	for_each_vma(vmi, vma)
		n += snprintf(obs.iter + n, sizeof(obs.iter) - n, "%lx-%lx ",
			      vma->vm_start - VA, vma->vm_end - VA);
	n = 0;
	list_for_each_entry(vma, &mm->kshim_vmas, kshim_node)
		n += snprintf(obs.list + n, sizeof(obs.list) - n, "%lx-%lx ",
			      vma->vm_start - VA, vma->vm_end - VA);
}

static int run_task(void *arg)
{
	struct mm_struct *mm = mm_create();
	struct vm_area_struct *second;
	struct rmap_walk_control rwc = { .rmap_one = rmap_one };
	struct folio *folio;
	pte_t *pte;
	int n;

	current->mm = mm;
	current->cpu = 0;
	current->numa_preferred_nid = NUMA_NO_NODE;
	/* [0, 2M) and [4M, 6M), one page each; [0, 1M) read-only: a split */
	first = vma_create(mm, VA, VA + PMD_SIZE, VM_READ | VM_WRITE, NULL);
	second = vma_create(mm, VA + 2 * PMD_SIZE, VA + 3 * PMD_SIZE,
			    VM_READ | VM_WRITE, NULL);
	if (!first || !second)
		obs.setup_err = 1;
	else if (populate_anon(first, VA, VA + PAGE_SIZE, 0, true) ||
		 populate_anon(second, VA + 2 * PMD_SIZE,
			       VA + 2 * PMD_SIZE + PAGE_SIZE, 0, true))
		obs.setup_err = 2;
	else
		obs.setup_err = sys_mprotect(mm, VA, PMD_SIZE / 2,
					     PROT_READ);
	if (obs.setup_err)
		return 0;
	render_vmas(mm);

	mmap_read_lock(mm);
	obs.walk_ret = walk_page_range(mm, VA, VA + 3 * PMD_SIZE, &rec_ops,
				       NULL);
	obs.walk_einval = walk_page_range(mm, VA, VA, &rec_ops, NULL);
	obs.pte_walk_ret = walk_page_range(mm, VA, VA + 2 * PAGE_SIZE,
					   &pte_ops, NULL);
	mmap_read_unlock(mm);

	pte = populate_ptep(first, VA);
	folio = page_folio(pfn_to_page(pte_pfn(ptep_get(pte))));
	obs.raw_mapping = folio_raw_mapping(folio) && folio_test_anon(folio);
	rmap_walk(folio, &rwc);
	n = 0;
	rwc = (struct rmap_walk_control){ .rmap_one = count_vma, .arg = &n,
					  .done = done_at_once };
	rmap_walk(folio, &rwc);
	obs.rmap_vmas_done = n;
	n = 0;
	rwc = (struct rmap_walk_control){ .rmap_one = count_vma, .arg = &n,
					  .invalid_vma = skip_first };
	rmap_walk(folio, &rwc);
	obs.rmap_vmas_skip = n;

	populate_zap_all(first);
	populate_zap_all(second);
	current->mm = NULL;
	mm_destroy(mm);
	return 0;
}

static void test_kernel_walks(void **state)
{
	assert_int_equal(model_boot(1, 1, 4096), 0);
	kshim_spawn("walks", run_task, NULL);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(obs.setup_err, 0);
	assert_int_equal(sim_findings_count(), 0);
	machine_destroy();

	/* the maple tree holds what the list holds, after the split */
	assert_string_equal(obs.list, "0-100000 100000-200000 400000-600000 ");
	assert_string_equal(obs.iter, obs.list);

	/*
	 * walk_page_range(): each VMA's share of a PMD to .pmd_entry, the
	 * gap between VMAs to .pte_hole at depth -1
	 */
	assert_int_equal(obs.walk_ret, 0);
	assert_string_equal(obs.walk, "pmd 0-100000 pmd 100000-200000 "
			    "hole 200000-400000/-1 pmd 400000-600000 ");
	assert_int_equal(obs.walk_einval, -EINVAL);
	/* .pte_entry: each PTE of the range, present or none, locked */
	assert_int_equal(obs.pte_walk_ret, 0);
	assert_string_equal(obs.pte_walk, "pte 0 locked pte 1000 none locked ");

	/* rmap: an anon folio has an anon_vma; its one PTE, found locked */
	assert_true(obs.raw_mapping);
	/*
	 * the VMAs whose pgoff range holds the folio's index, at
	 * vma_address(): the model's anon VMAs are created at pgoff 0, so
	 * the folio's (index 0) is in the first and the third; the split-off
	 * second starts at pgoff 256
	 */
	assert_int_equal(obs.rmap_vmas, 2);
	assert_int_equal(obs.rmap_hits, 1);
	assert_true(obs.hit_pte);
	assert_true(obs.hit_locked);
	assert_true(obs.hit_in_first);
	assert_int_equal(obs.hit_addr, VA);
	assert_int_equal(obs.rmap_vmas_done, 1);	/* ->done stops it */
	assert_int_equal(obs.rmap_vmas_skip, 1);	/* ->invalid_vma skips */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kernel_walks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

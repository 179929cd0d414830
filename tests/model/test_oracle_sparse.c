// SPDX-License-Identifier: GPL-2.0-only
/*
 * The sparse oracles and the memmap's sparse reset against the plain
 * way, on the same states.  conservation and thp_consistency visit only
 * the pages the machine touched, in memory kept across checks; their
 * _full() twins scan every page.  Each state below, kernel-made or with
 * one seeded corruption each oracle must catch, is checked both ways:
 * the same number of findings, the same messages in the same order.
 * The machines are booted again and again in one layout (the memmap
 * reset where the last one touched it) and in a big one (touched pages
 * far apart); a reset memmap equals one built page by page.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <linux/mm.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/machine.h"
#include "mm_model/hw/memmap.h"
#include "mm_model/hw/mmu.h"
#include "oracles/oracles.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/thp.h"
#include "mm_model/mm/vma.h"
#include "model_test.h"

#define VA	0x40000000UL	/* small pages, then a large folio */
#define THP_VA	0x40200000UL	/* one PMD-mapped THP */

enum breakage {
	NONE,
	MAPCOUNT,	/* a small page's mapcount one too many */
	REFCOUNT,	/* a reference nothing accounts for */
	LEAK,		/* a folio nothing maps */
	FREE_MAPPED,	/* a PTE left on a freed page */
	TAIL_MAPCOUNT,	/* a large folio's tail page's mapcount */
	ENTIRE,		/* a THP's entire mapcount */
	PMD_TAIL,	/* a PMD leaf on a block that is no folio's head */
	PTES_SWAPPED,	/* a large folio's pages out of place */
	NR_BREAKAGES,
};

#define MAX_MSGS 32

struct verdict {
	int n;
	int nr_msgs;
	char msg[MAX_MSGS][200];
};

struct run {
	enum breakage what;
	int nid;		/* where the folios go */
	int err;
	struct verdict full[2], sparse[2];	/* conservation, thp */
};

static void take(struct verdict *v, int n, unsigned int from)
{
	unsigned int i;

	v->n = n;
	v->nr_msgs = 0;
	for (i = from; i < sim_findings_count() && v->nr_msgs < MAX_MSGS; i++)
		strncpy(v->msg[v->nr_msgs++], sim_finding_get(i)->msg,
			sizeof(v->msg[0]) - 1);
}

static void check_both(struct run *r)
{
	unsigned int at;

	at = sim_findings_count();
	take(&r->full[0], oracle_conservation_full(), at);
	at = sim_findings_count();
	take(&r->sparse[0], oracle_conservation(), at);
	at = sim_findings_count();
	take(&r->full[1], oracle_thp_consistency_full(), at);
	at = sim_findings_count();
	take(&r->sparse[1], oracle_thp_consistency(), at);
}

static int task(void *arg)
{
	struct run *r = arg;
	struct mm_struct *mm = mm_create();
	struct vm_area_struct *vma;
	struct folio *extra = NULL, *large, *thp;
	pte_t *a, *b, pa = __pte(0);
	pmd_t *pmdp;

	current->mm = mm;
	current->cpu = 0;
	vma = vma_create(mm, VA, VA + 2 * PMD_SIZE, VM_READ | VM_WRITE, NULL);
	if (!vma || populate_anon(vma, VA, VA + 4 * PAGE_SIZE, r->nid, true) ||
	    populate_anon_large(vma, VA + 16 * PAGE_SIZE, r->nid, 4, true) ||
	    populate_anon_thp(vma, THP_VA, r->nid, true))
		return r->err = -1;
	mmu_access(0, mm, VA, true, NULL);
	a = populate_ptep(vma, VA + 16 * PAGE_SIZE);
	b = populate_ptep(vma, VA + 17 * PAGE_SIZE);
	large = pfn_folio(pte_pfn(ptep_get(a)));
	pmdp = pmd_off(mm, THP_VA);
	thp = pfn_folio(pmd_pfn(*pmdp));
	switch (r->what) {
	case MAPCOUNT:
		atomic_inc(&pfn_folio(pte_pfn(ptep_get(populate_ptep(vma,
					VA))))->_mapcount);
		break;
	case REFCOUNT:
		folio_get(large);
		break;
	case LEAK:
		extra = memmap_alloc_folio(r->nid, 0, true);
		break;
	case FREE_MAPPED:
		/* a page allocated and freed: a PTE still names it */
		extra = memmap_alloc_folio(r->nid, 0, true);
		pa = ptep_get(populate_ptep(vma, VA + PAGE_SIZE));
		folio_put(extra);
		set_pte_at(mm, VA + PAGE_SIZE, populate_ptep(vma, VA + PAGE_SIZE),
			   pfn_pte(folio_pfn(extra), vma->vm_page_prot));
		extra = NULL;
		break;
	case TAIL_MAPCOUNT:
		atomic_inc(&folio_page(large, 2)->_mapcount);
		break;
	case ENTIRE:
		atomic_inc(&thp->_entire_mapcount);
		break;
	case PMD_TAIL:
		set_pmd_at(mm, THP_VA, pmdp, __pmd(pmd_val(*pmdp) + PMD_SIZE));
		break;
	case PTES_SWAPPED:
		pa = ptep_get(a);
		set_pte_at(mm, VA + 16 * PAGE_SIZE, a, ptep_get(b));
		set_pte_at(mm, VA + 17 * PAGE_SIZE, b, pa);
		break;
	default:
		break;
	}
	check_both(r);
	/* undo, so the teardown is clean */
	switch (r->what) {
	case MAPCOUNT:
		atomic_dec(&pfn_folio(pte_pfn(ptep_get(populate_ptep(vma,
					VA))))->_mapcount);
		break;
	case REFCOUNT:
		folio_put(large);
		break;
	case FREE_MAPPED:
		set_pte_at(mm, VA + PAGE_SIZE, populate_ptep(vma, VA + PAGE_SIZE),
			   pa);
		break;
	case TAIL_MAPCOUNT:
		atomic_dec(&folio_page(large, 2)->_mapcount);
		break;
	case ENTIRE:
		atomic_dec(&thp->_entire_mapcount);
		break;
	case PMD_TAIL:
		set_pmd_at(mm, THP_VA, pmdp, __pmd(pmd_val(*pmdp) - PMD_SIZE));
		break;
	case PTES_SWAPPED:
		set_pte_at(mm, VA + 17 * PAGE_SIZE, b, ptep_get(a));
		set_pte_at(mm, VA + 16 * PAGE_SIZE, a, pa);
		break;
	default:
		break;
	}
	if (extra)
		folio_put(extra);
	populate_zap_large(vma);
	current->mm = NULL;
	mm_destroy(mm);
	return 0;
}

static void assert_same(const struct verdict *full, const struct verdict *sp)
{
	int i;

	assert_int_equal(sp->n, full->n);
	assert_int_equal(sp->nr_msgs, full->nr_msgs);
	for (i = 0; i < full->nr_msgs; i++)
		assert_string_equal(sp->msg[i], full->msg[i]);
}

static struct run check(enum breakage what, int nr_nodes,
			unsigned long node_pages)
{
	struct run r = { .what = what, .nid = nr_nodes - 1 };

	assert_int_equal(model_boot(1, nr_nodes, node_pages), 0);
	kshim_spawn("cpu0", task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	machine_destroy();
	assert_same(&r.full[0], &r.sparse[0]);
	assert_same(&r.full[1], &r.sparse[1]);
	return r;
}

/* what each corruption must make fire, and the other stays quiet */
static void assert_caught(const struct run *r)
{
	int cons = r->full[0].n, thp = r->full[1].n;

	switch (r->what) {
	case NONE:
		assert_int_equal(cons + thp, 0);
		break;
	case PMD_TAIL:
	case PTES_SWAPPED:
		assert_true(thp >= 1);
		break;
	default:
		assert_true(cons >= 1);
		assert_int_equal(thp, 0);
		break;
	}
}

static void test_same_verdicts_small_machine(void **state)
{
	int what, round;

	/* rounds: the memmap reset where the machine before touched it */
	for (round = 0; round < 2; round++)
		for (what = 0; what < NR_BREAKAGES; what++) {
			struct run r = check(what, 2, 4096);

			assert_caught(&r);
		}
}

static void test_same_verdicts_big_machine(void **state)
{
	int what;

	/* the folios on the last node, far above the zero page */
	for (what = 0; what < NR_BREAKAGES; what++) {
		struct run r = check(what, 4, 64UL << 10);

		assert_caught(&r);
	}
}

/*
 * A machine reset where the last one touched it equals one built page
 * by page: the struct pages and the allocator's free bitmaps.
 */
static void snapshot(struct page **pages, unsigned long **free_maps,
		     int nr_nodes)
{
	unsigned long nr = kshim_memmap_end_pfn - kshim_memmap_start_pfn;
	unsigned long words = 0;
	int nid;

	for (nid = 0; nid < nr_nodes; nid++)
		words += BITS_TO_LONGS(memmap_node(nid)->nr_pages);
	*pages = malloc(nr * sizeof(struct page));
	*free_maps = malloc(words * sizeof(unsigned long));
	assert_non_null(*pages);
	assert_non_null(*free_maps);
	memcpy(*pages, kshim_memmap, nr * sizeof(struct page));
	words = 0;
	for (nid = 0; nid < nr_nodes; nid++) {
		const struct memmap_node *n = memmap_node(nid);
		unsigned long w = BITS_TO_LONGS(n->nr_pages);

		memcpy(*free_maps + words, n->free_map, w * sizeof(long));
		words += w;
	}
}

static void test_reset_equals_build(void **state)
{
	unsigned long nr = 2 * 4096, words = 2 * BITS_TO_LONGS(4096);
	struct page *reset, *built;
	unsigned long *reset_free, *built_free;

	/* a run that leaves folios of every kind behind, then a reset */
	check(ENTIRE, 2, 4096);
	check(LEAK, 2, 4096);
	assert_int_equal(model_boot(1, 2, 4096), 0);
	snapshot(&reset, &reset_free, 2);
	machine_destroy();
	/* another layout in between: the next one is built anew */
	assert_int_equal(model_boot(1, 3, 4096), 0);
	machine_destroy();
	assert_int_equal(model_boot(1, 2, 4096), 0);
	snapshot(&built, &built_free, 2);
	machine_destroy();
	assert_memory_equal(reset, built, nr * sizeof(struct page));
	assert_memory_equal(reset_free, built_free, words * sizeof(long));
	free(reset);
	free(built);
	free(reset_free);
	free(built_free);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_verdicts_small_machine),
		cmocka_unit_test(test_same_verdicts_big_machine),
		cmocka_unit_test(test_reset_equals_build),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

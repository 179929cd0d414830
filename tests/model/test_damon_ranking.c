// SPDX-License-Identifier: GPL-2.0-only
/*
 * DAMON ranks what it sees: scenarios/damon-hot-warm-cold.json, run by
 * the executor with the real kdamond, must come out hot > warm > cold
 * by the access-weighted nr_accesses of each area (the regions
 * overlapping it, each weighted by the bytes it shares with the area),
 * averaged over the aggregations after the first.
 *
 *   vaddr        Accessed bits (6.12), the baseline design: asserted.
 *   vaddr-fault  fault-based sampling with numa_balancing=0: rfc-v2's
 *                physical reports count nothing in a vaddr ctx
 *                (asserted), rfc-v3's damon_report_page_fault() names
 *                the virtual address too: ranked, asserted.
 *   paddr-fault  the same on physical memory (RFC v2 patch 6), the
 *                areas mapped to their pfns mid-run: asserted.
 *   paddr        Accessed bits on physical memory (6.12's
 *                mm/damon/paddr.c, an rmap walk per sample), the
 *                baseline design, the areas mapped to pfns: asserted.
 *
 * The rankings are printed side by side.  SCENARIO comes from
 * tests/model/CMakeLists.txt.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <linux/mm.h>
#include "damon_core/sim_damon.h"
#include "designs/registry.h"
#include "mm_model/hw/pgtable.h"
#include "app/scenario.h"
#include "app/scenario_exec.h"

/* the areas of the VMA "data", as the scenario's description says */
enum { HOT, WARM, COLD, NR_AREAS };
static const char *const area_names[NR_AREAS] = { "hot", "warm", "cold" };
static const unsigned long area_off[NR_AREAS + 1] = { 0, 1UL << 20,
						     2UL << 20, 4UL << 20 };

#define DATA_PAGES (4UL << 20 >> PAGE_SHIFT)

struct ranking {
	bool ran;
	const char *skip;		/* why it is not asserted */
	double avg[NR_AREAS];		/* aggregations 2..n */
	double last[NR_AREAS];		/* the last aggregation */
	unsigned int nr_aggregations;
	unsigned long samples, hinted;
};

static struct ranking rankings[DAMON_SIM_NR_OPS];
static unsigned long data_start;
static unsigned long data_pfn[DATA_PAGES];	/* 0: not mapped */

static bool config_enabled(const char *symbol)
{
	return true;	/* the full kconfig */
}

static int find_vma_idx(const struct scenario *s, const char *name)
{
	int i = scenario_find_vma(s, name);

	assert_true(i >= 0);
	return i;
}

/* after step 0 (damon_start): where each page of "data" lives */
static void record_pfns(int step_no, struct vm_area_struct *const *vmas,
			void *arg)
{
	struct vm_area_struct *vma = vmas[*(int *)arg];
	unsigned long i;

	if (step_no)
		return;
	data_start = vma->vm_start;
	for (i = 0; i < DATA_PAGES; i++) {
		pmd_t *pmd;
		pte_t *pte;

		data_pfn[i] = 0;
		if (pgtable_lookup(vma->vm_mm, data_start + i * PAGE_SIZE,
				   &pmd, &pte) && pte &&
		    pte_present(*pte))
			data_pfn[i] = pte_pfn(*pte);
	}
}

/* Weighted nr_accesses of each area in one aggregation's regions. */
static void weigh(const struct damon_sim_region *r, int nr, bool phys,
		  double out[NR_AREAS])
{
	int a, i;

	for (a = 0; a < NR_AREAS; a++) {
		double sum = 0;
		unsigned long p, first = area_off[a] >> PAGE_SHIFT,
				 end = area_off[a + 1] >> PAGE_SHIFT;

		/* page by page: a region's share is its pages in the area */
		for (p = first; p < end; p++) {
			unsigned long addr = phys ?
				PFN_PHYS(data_pfn[p]) :
				data_start + p * PAGE_SIZE;

			for (i = 0; i < nr; i++)
				if (addr >= r[i].start && addr < r[i].end)
					sum += r[i].nr_accesses;
		}
		out[a] = sum / (end - first);
	}
}

static void run_ops(enum damon_sim_ops ops, const char *design)
{
	struct ranking *rk = &rankings[ops];
	FILE *out = fopen("/dev/null", "w");
	struct scenario *s;
	char err[512];
	unsigned int i, n;
	int d, data_idx, ret;

	assert_non_null(out);
	assert_int_equal(scenario_load_file(SCENARIO, &s, err, sizeof(err)),
			 0);
	data_idx = find_vma_idx(s, "data");
	assert_int_equal(s->vmas[data_idx].size, 4UL << 20);
	for (i = 0; i < s->nr_steps; i++)
		if (s->steps[i].op == SCN_OP_DAMON_START)
			s->steps[i].damon_start.ops = (enum scn_damon_ops)ops;
	/* "pgfault": 0 holds for Accessed bits only: hints fault */
	if (damon_sim_ops_fault(ops) && s->expect)
		s->expect->vmstat_mask = 0;
	d = faultsim_design_find(design);
	assert_true(d >= 0);
	assert_int_equal(faultsim_design_select(d), 0);

	scenario_exec_set_step_hook(record_pfns, &data_idx);
	ret = scenario_run(s, SCENARIO, 1, "full", config_enabled, out);
	scenario_exec_set_step_hook(NULL, NULL);
	assert_int_equal(ret, SCENARIO_OK);

	n = damon_sim_nr_aggregations();
	assert_true(n >= 5);
	rk->ran = true;
	rk->nr_aggregations = n;
	rk->samples = damon_sim_stats()->samples;
	rk->hinted = damon_sim_stats()->hinted;
	for (i = 1; i < n; i++) {
		const struct damon_sim_region *r;
		double w[NR_AREAS];
		int nr = damon_sim_aggregation(i, &r, NULL), a;

		weigh(r, nr, damon_sim_ops_physical(ops), w);
		for (a = 0; a < NR_AREAS; a++) {
			rk->avg[a] += w[a] / (n - 1);
			if (i == n - 1)
				rk->last[a] = w[a];
		}
	}
	scenario_free(s);
	fclose(out);
	/* back to the default for whoever runs next */
	assert_int_equal(faultsim_design_select(
		faultsim_design_find(FAULTSIM_DESIGN_BASELINE)), 0);
}

static void assert_ranked(const struct ranking *rk)
{
	if (!(rk->avg[HOT] > rk->avg[WARM] && rk->avg[WARM] > rk->avg[COLD]))
		fail_msg("not ranked hot > warm > cold: %.2f, %.2f, %.2f",
			 rk->avg[HOT], rk->avg[WARM], rk->avg[COLD]);
	/* and the last aggregation, what the report prints */
	assert_true(rk->last[HOT] > rk->last[WARM]);
	assert_true(rk->last[WARM] > rk->last[COLD]);
}

static void test_vaddr_ranks_hot_warm_cold(void **state)
{
	run_ops(DAMON_SIM_VADDR, FAULTSIM_DESIGN_BASELINE);
	assert_ranked(&rankings[DAMON_SIM_VADDR]);
	/* hot is touched every sample: nearly the maximum (20) */
	assert_true(rankings[DAMON_SIM_VADDR].avg[HOT] >= 15);
	assert_true(rankings[DAMON_SIM_VADDR].avg[COLD] < 0.5);
}

static void test_vaddr_fault_ranks_hot_warm_cold(void **state)
{
	struct ranking *rk = &rankings[DAMON_SIM_VADDR_FAULT];

	/*
	 * rfc-v2 hints and its do_damon_page() reports, but the physical
	 * address only (RFC v2 patch 5), and a pid ctx takes only reports
	 * naming its process's virtual addresses: nothing is counted.
	 */
	run_ops(DAMON_SIM_VADDR_FAULT, "rfc-v2");
	assert_true(rk->hinted > 0);
	assert_true(rk->avg[HOT] == 0 && rk->avg[WARM] == 0);
	memset(rk, 0, sizeof(*rk));

	/* rfc-v3's reports name vmf->address: the vaddr ctx counts them */
	run_ops(DAMON_SIM_VADDR_FAULT, "rfc-v3");
	assert_true(rk->hinted > 0);
	assert_ranked(rk);
}

static void test_paddr_fault_ranks_hot_warm_cold(void **state)
{
	run_ops(DAMON_SIM_PADDR_FAULT, "rfc-v2");
	assert_true(rankings[DAMON_SIM_PADDR_FAULT].hinted > 0);
	assert_ranked(&rankings[DAMON_SIM_PADDR_FAULT]);
}

static void test_paddr_ranks_hot_warm_cold(void **state)
{
	struct ranking *rk = &rankings[DAMON_SIM_PADDR];

	run_ops(DAMON_SIM_PADDR, FAULTSIM_DESIGN_BASELINE);
	assert_int_equal(rk->hinted, 0);	/* Accessed bits: no hints */
	assert_ranked(rk);
}

/* the loader's ops names are the session's, in the same order */
static void test_ops_names_match(void **state)
{
	int o;

	assert_int_equal(SCN_NR_DAMON_OPS, DAMON_SIM_NR_OPS);
	for (o = 0; o < DAMON_SIM_NR_OPS; o++)
		assert_string_equal(scn_damon_ops_names[o],
				    damon_sim_ops_names[o]);
}

/* the numbers side by side, whatever passed */
static int print_rankings(void **state)
{
	int o, a;

	fprintf(stderr, "\naccess-weighted nr_accesses per area "
		"(max 20 per aggregation), average of aggregations 2..n "
		"[last]:\n%-6s", "area");
	for (o = 0; o < DAMON_SIM_NR_OPS; o++)
		fprintf(stderr, " %24s", damon_sim_ops_names[o]);
	fputc('\n', stderr);
	for (a = 0; a < NR_AREAS; a++) {
		fprintf(stderr, "%-6s", area_names[a]);
		for (o = 0; o < DAMON_SIM_NR_OPS; o++) {
			const struct ranking *rk = &rankings[o];

			if (rk->ran)
				fprintf(stderr, "      %8.2f [%8.2f]",
					rk->avg[a], rk->last[a]);
			else
				fprintf(stderr, " %24s", "(not run)");
		}
		fputc('\n', stderr);
	}
	for (o = 0; o < DAMON_SIM_NR_OPS; o++)
		if (rankings[o].ran)
			fprintf(stderr, "%s: %u aggregations, %lu samples, "
				"%lu hinted%s%s\n", damon_sim_ops_names[o],
				rankings[o].nr_aggregations,
				rankings[o].samples, rankings[o].hinted,
				rankings[o].skip ? "; skipped: " : "",
				rankings[o].skip ? rankings[o].skip : "");
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vaddr_ranks_hot_warm_cold),
		cmocka_unit_test(test_vaddr_fault_ranks_hot_warm_cold),
		cmocka_unit_test(test_paddr_fault_ranks_hot_warm_cold),
		cmocka_unit_test(test_paddr_ranks_hot_warm_cold),
		cmocka_unit_test(test_ops_names_match),
	};

	return cmocka_run_group_tests(tests, NULL, print_rankings);
}

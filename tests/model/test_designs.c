// SPDX-License-Identifier: GPL-2.0-only
/*
 * The designs (designs/) on the real fault path, and the oracles that
 * judge them (oracles/hint_owner.c): each test hints pages as NUMA
 * balancing or as DAMON would, touches them from a simulated CPU, and
 * checks which consumers' endpoints fired in the fault that ended each
 * hint and what the oracles said.
 * Also: a design written in one file (the test-only one below) is
 * registered and takes the fault path.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/sched/numa_balancing.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/huge_mm.h>
#include <kshim/kshim.h>
#include <kshim/hooks.h>
#include "sim/sched.h"
#include "designs/damon_hint.h"
#include "designs/design.h"
#include "oracles/hint_owner.h"
#include "mm_model/mm/machine.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/numa_balancing.h"
#include "designs/planted.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/thp.h"
#include "mm_model/mm/vma.h"
#ifdef CONFIG_DAMON
#include "damon_core/report.h"
#endif
#include "model_test.h"

#define VA 0x7f0000000000UL
#define NR_PAGES 1024UL
#define REMOTE (VA + (NR_PAGES - 1) * PAGE_SIZE)	/* on node 1 */
#define LOCAL (VA + 3 * PAGE_SIZE)			/* on node 0 */
#define COW (VA + 7 * PAGE_SIZE)

/* A design in one file: routes every protnone PTE fault to NUMA. */
static int test_only_calls;

static vm_fault_t test_only_pte_protnone(struct vm_fault *vmf)
{
	test_only_calls++;
	return do_numa_page(vmf);
}

static const struct faultsim_design test_only = {
	.name = "test-only-design",
	.rationale = "A design registered by a test file.",
	.claims = "It is listed and its hook runs.",
	.pte_protnone = test_only_pte_protnone,
};
FAULTSIM_DESIGN(test_only);

struct run {
	const char *design;
	const char *plant;
	int numa_balancing;	/* at the fault */
	unsigned long damon_addr;	/* DAMON hints this page, or 0 */
	bool numa_scan;
	bool cow;		/* share COW before hinting */
	bool uffd_wp;		/* VM_UFFD_WP, every page UFFDIO_WRITEPROTECTed */
	long installed;		/* the design's install result */
	enum hint_owner owner;	/* of the faulting entry before the fault */
	unsigned long fault_addr;
	enum mmu_result res;
	int faults;
	pte_t before, after;
	int err;
};

static int setup(void **state)
{
	return model_boot(1, 2, 4096);
}

static int teardown(void **state)
{
	faultsim_plant(NULL);
	faultsim_design_select(faultsim_design_find(FAULTSIM_DESIGN_BASELINE));
	machine_destroy();
	return 0;
}

/* The NUMA scanner's hints, bracketed as task_numa_work() brackets them */
static void numa_scan(struct vm_area_struct *vma)
{
	enum hint_owner old = hint_install_begin(HINT_OWNER_NUMA);

	mmap_read_lock(vma->vm_mm);
	change_prot_numa(vma, vma->vm_start, vma->vm_end);
	mmap_read_unlock(vma->vm_mm);
	hint_install_end(old);
}

static long damon_hint(struct vm_area_struct *vma, unsigned long addr)
{
	long n;

	mmap_read_lock(vma->vm_mm);
	n = faultsim_design_damon_install(vma, addr);
	mmap_read_unlock(vma->vm_mm);
	return n;
}

static int fault_task(void *arg)
{
	struct run *r = arg;
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	pte_t *ptep;

	vma = model_half_remote_task(VA, NR_PAGES, &mm);
	if (!vma)
		return r->err = -1;
	/* no migration on the fault: a bound policy */
	current->mempolicy = mpol_new(MPOL_BIND, 0x3, false);
	if (r->cow && share_cow_page(vma, COW))
		return r->err = -1;
	if (r->uffd_wp) {
		/* as userfaultfd_register() then UFFDIO_WRITEPROTECT */
		vma->__vm_flags |= VM_UFFD_WP;
		if (populate_uffd_wp(vma, vma->vm_start, vma->vm_end) <= 0)
			return r->err = -1;
	}
	numa_balancing_sysctl_write(1);
	if (r->numa_scan)
		numa_scan(vma);
	if (r->damon_addr)
		r->installed = damon_hint(vma, r->damon_addr);
	numa_balancing_sysctl_write(r->numa_balancing);
	ptep = populate_ptep(vma, r->fault_addr);
	r->before = ptep_get(ptep);
	r->owner = hint_owner_of(ptep);
	r->res = mmu_access(0, mm, r->fault_addr, false, &r->faults);
	r->after = ptep_get(ptep);
	populate_zap_all(vma);
	mpol_free(current->mempolicy);
	current->mempolicy = NULL;
	task_numa_free(current, true);
	current->mm = NULL;
	mm_destroy(mm);
	return 0;
}

static void run(struct run *r)
{
	assert_int_equal(faultsim_design_select(faultsim_design_find(r->design)),
			 0);
	assert_int_equal(faultsim_plant(r->plant), 0);
	kshim_spawn("fault", fault_task, r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r->err, 0);
	assert_int_equal(r->res, MMU_OK);
}

/* Findings whose message contains @needle */
static int findings_with(const char *needle)
{
	int i, n = 0;

	for (i = 0; i < sim_findings_count(); i++)
		n += sim_finding_get(i) &&	/* NULL past those kept */
		     strstr(sim_finding_get(i)->msg, needle);
	return n;
}

static bool hinted(pte_t pte)
{
	return (pte_val(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE)) ==
	       _PAGE_PROTNONE;
}

static void test_registry(void **state)
{
	int i = faultsim_design_find("test-only-design");
	unsigned int k;

	assert_true(i >= 0);
	assert_int_equal(faultsim_design_count(), 8);
	for (k = 1; k < faultsim_design_count(); k++)
		assert_true(strcmp(faultsim_design_name(k - 1),
				   faultsim_design_name(k)) < 0);
	assert_true(faultsim_design_find("rfc-v2") >= 0);
	assert_true(faultsim_design_find("tagged-pte") >= 0);
	assert_true(faultsim_design_find("rfc-v3") >= 0);
	assert_true(faultsim_design_find("uffd-rwp-tag") >= 0);
	assert_int_equal(faultsim_design_find("rfc-v4"), -1);
	assert_int_equal(faultsim_design_select(faultsim_design_count()), -1);
	/* by default the baseline, which gives DAMON nothing to install */
	assert_string_equal(faultsim_design()->name, FAULTSIM_DESIGN_BASELINE);
	assert_int_equal(faultsim_design_damon_install(NULL, 0), -EOPNOTSUPP);
}

/* A design in one file takes the fault path once selected. */
static void test_test_only_design_runs(void **state)
{
	struct run r = { .design = "test-only-design", .numa_scan = true,
			 .numa_balancing = 1, .fault_addr = REMOTE };

	test_only_calls = 0;
	run(&r);
	assert_int_equal(test_only_calls, 1);
	assert_int_equal(sim_findings_count(), 0);
}

/* The baseline: a NUMA hint, NUMA's handler, no finding. */
static void test_baseline_numa_hint(void **state)
{
	struct run r = { .design = FAULTSIM_DESIGN_BASELINE, .numa_scan = true,
			 .numa_balancing = 0, .fault_addr = REMOTE };

	run(&r);
	assert_true(hinted(r.before));
	assert_int_equal(r.owner, HINT_OWNER_NUMA);
	assert_false(hinted(r.after));
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(hint_owner_stats()->resolved[HINT_OWNER_NUMA]
						     [HINT_EFFECT_NUMA], 1);
	assert_int_equal(hint_owner_stats()->numa_effects[HINT_OWNER_NUMA], 1);
}

/* rfc-v2, balancing switched off with NUMA hints out: DAMON gets one. */
static void test_rfc_v2_numa_hint_to_damon(void **state)
{
	struct run r = { .design = "rfc-v2", .numa_scan = true,
			 .numa_balancing = 0, .fault_addr = REMOTE };

	run(&r);
	assert_int_equal(r.owner, HINT_OWNER_NUMA);
	assert_false(hinted(r.after));
	/* reported to DAMON instead: misrouted; no report either: lost */
	if (IS_ENABLED(CONFIG_DAMON))
		assert_int_equal(findings_with("routing: misrouted: NUMA hint "
					       "at 0x7f00003ff000 reported to "
					       "DAMON, without NUMA "
					       "balancing's accounting"), 1);
	else
		assert_int_equal(findings_with("routing: lost_report: NUMA "
					       "hint at 0x7f00003ff000 ended "
					       "by a fault without NUMA "
					       "balancing's accounting"), 1);
	assert_int_equal(hint_owner_stats()->resolved[HINT_OWNER_NUMA]
			 [IS_ENABLED(CONFIG_DAMON) ? HINT_EFFECT_DAMON :
						     HINT_EFFECT_NONE], 1);
}

/* rfc-v2, balancing on with a DAMON hint out: NUMA balancing gets it. */
static void test_rfc_v2_damon_hint_to_numa(void **state)
{
	struct run r = { .design = "rfc-v2", .damon_addr = LOCAL,
			 .numa_balancing = 1, .fault_addr = LOCAL };

	run(&r);
	assert_int_equal(r.installed, 1);
	assert_int_equal(r.owner, HINT_OWNER_DAMON);
	/* handled as NUMA balancing's, not reported: misrouted */
	assert_int_equal(findings_with("routing: misrouted: DAMON hint at "
				       "0x7f0000003000 counted by NUMA "
				       "balancing (task_numa_fault), without "
				       "a DAMON report"), 1);
}

/* tagged-pte: each hint to its own handler, whatever the sysctl. */
static void test_tagged_routes_by_tag(void **state)
{
	struct run r = { .design = "tagged-pte", .damon_addr = LOCAL,
			 .numa_scan = true, .numa_balancing = 1,
			 .fault_addr = LOCAL };

	if (!IS_ENABLED(CONFIG_DAMON))
		skip();
	run(&r);
	assert_int_equal(r.installed, 1);
	assert_true(hinted(r.before));
	assert_true(pte_val(r.before) & _PAGE_FAULTSIM_DAMON);
	assert_int_equal(r.owner, HINT_OWNER_DAMON);
	/* the tag leaves with the hint */
	assert_false(hinted(r.after));
	assert_false(pte_val(r.after) & _PAGE_FAULTSIM_DAMON);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(hint_owner_stats()->resolved[HINT_OWNER_DAMON]
						     [HINT_EFFECT_DAMON], 1);
	assert_int_equal(hint_owner_stats()->damon_reports[HINT_OWNER_DAMON],
			 1);
	assert_int_equal(hint_owner_stats()->numa_effects[HINT_OWNER_DAMON],
			 0);
}

static void test_tagged_numa_hint_balancing_off(void **state)
{
	struct run r = { .design = "tagged-pte", .numa_scan = true,
			 .numa_balancing = 0, .fault_addr = REMOTE };

	run(&r);
	assert_false(pte_val(r.before) & _PAGE_FAULTSIM_DAMON);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(hint_owner_stats()->resolved[HINT_OWNER_NUMA]
						     [HINT_EFFECT_NUMA], 1);
}

/*
 * generic-hook: one route, but DAMON hears of NUMA's hints: its
 * statistics see them, stat_pollution, which the design accepts
 * (counted, no finding).
 */
static void test_generic_reports_numa_hints(void **state)
{
	struct run r = { .design = "generic-hook", .numa_scan = true,
			 .numa_balancing = 1, .fault_addr = REMOTE };

	run(&r);
	assert_false(hinted(r.after));
	assert_int_equal(hint_owner_stats()->resolved[HINT_OWNER_NUMA]
			 [IS_ENABLED(CONFIG_DAMON) ? HINT_EFFECT_BOTH :
						     HINT_EFFECT_NUMA], 1);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(hint_owner_stats()->accepted[ROUTING_STAT_POLLUTION],
			 IS_ENABLED(CONFIG_DAMON) ? 1 : 0);
	assert_int_equal(hint_owner_stats()->accepted[ROUTING_MISROUTED], 0);
}

/*
 * rfc-v3: a DAMON hint with balancing off reaches DAMON, whose report
 * names the physical address and vmf->address, with the thread.
 */
static void test_rfc_v3_reports_vaddr(void **state)
{
	struct run r = { .design = "rfc-v3", .damon_addr = LOCAL,
			 .numa_balancing = 0, .fault_addr = LOCAL };
#ifdef CONFIG_DAMON
	struct faultsim_access_report rep[4];
#endif

	run(&r);
	assert_int_equal(r.installed, 1);
	assert_int_equal(r.owner, HINT_OWNER_DAMON);
	assert_false(hinted(r.after));
	assert_int_equal(sim_findings_count(), 0);
	assert_true(faultsim_design_reports_vaddr());
#ifdef CONFIG_DAMON
	assert_int_equal(hint_owner_stats()->resolved[HINT_OWNER_DAMON]
						     [HINT_EFFECT_DAMON], 1);
	assert_int_equal(faultsim_report_sink_peek(rep, 4), 1);
	assert_int_equal(rep[0].tgid, 0);	/* a physical report ... */
	assert_int_equal(rep[0].addr, PFN_PHYS(pte_pfn(r.after)));
	assert_true(rep[0].vtgid > 0);		/* ... naming the vaddr too */
	assert_int_equal(rep[0].vaddr, LOCAL);
	assert_int_equal(rep[0].tid, rep[0].vtgid);
	assert_false(rep[0].is_write);
#endif
}

/* rfc-v3 routes by the sysctl, as RFC v2: a NUMA hint goes to DAMON. */
static void test_rfc_v3_numa_hint_to_damon(void **state)
{
	struct run r = { .design = "rfc-v3", .numa_scan = true,
			 .numa_balancing = 0, .fault_addr = REMOTE };

	if (!IS_ENABLED(CONFIG_DAMON))
		skip();
	run(&r);
	assert_int_equal(r.owner, HINT_OWNER_NUMA);
	assert_int_equal(findings_with("routing: misrouted: NUMA hint at "
				       "0x7f00003ff000 reported to DAMON, "
				       "without NUMA balancing's "
				       "accounting"), 1);
}

/* uffd-rwp-tag: DAMON's hint carries _PAGE_UFFD_WP and is routed by it */
static void test_rwp_routes_by_bit(void **state)
{
	struct run r = { .design = "uffd-rwp-tag", .damon_addr = LOCAL,
			 .numa_scan = true, .numa_balancing = 1,
			 .fault_addr = LOCAL };

	if (!IS_ENABLED(CONFIG_DAMON))
		skip();
	run(&r);
	assert_int_equal(r.installed, 1);
	assert_true(hinted(r.before));
	assert_true(pte_val(r.before) & _PAGE_UFFD_WP);
	assert_int_equal(r.owner, HINT_OWNER_DAMON);
	/* the tag leaves with the hint */
	assert_false(hinted(r.after));
	assert_false(pte_val(r.after) & _PAGE_UFFD_WP);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(hint_owner_stats()->resolved[HINT_OWNER_DAMON]
						     [HINT_EFFECT_DAMON], 1);
	assert_int_equal(hint_owner_stats()->numa_effects[HINT_OWNER_DAMON],
			 0);
}

/* uffd-rwp-tag: an untagged NUMA hint stays NUMA's, balancing off too */
static void test_rwp_numa_hint(void **state)
{
	struct run r = { .design = "uffd-rwp-tag", .numa_scan = true,
			 .numa_balancing = 0, .fault_addr = REMOTE };

	run(&r);
	assert_false(pte_val(r.before) & _PAGE_UFFD_WP);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(hint_owner_stats()->resolved[HINT_OWNER_NUMA]
						     [HINT_EFFECT_NUMA], 1);
}

/*
 * uffd-rwp-tag on a uffd-wp'd page: NUMA balancing's hint keeps the
 * uffd-wp bit (pte_modify() keeps _PAGE_UFFD_WP), so it reads as
 * DAMON's: bit_conflict at the install, then DAMON's handler takes it
 * (misrouted) and clears the bit (restoration: lost uffd-wp).
 */
static void test_rwp_conflicts_with_uffd_wp(void **state)
{
	struct run r = { .design = "uffd-rwp-tag", .uffd_wp = true,
			 .numa_scan = true, .numa_balancing = 1,
			 .fault_addr = REMOTE };

	if (!IS_ENABLED(CONFIG_DAMON))
		skip();
	run(&r);
	assert_int_equal(r.err, 0);
	assert_int_equal(r.owner, HINT_OWNER_NUMA);
	assert_true(pte_val(r.before) & _PAGE_UFFD_WP);
	assert_true(findings_with("bit_conflict: NUMA hint on pfn ") > 0);
	assert_true(findings_with("(_PAGE_UFFD_WP, uffd-wp's write "
				  "protection)") > 0);
	assert_int_equal(findings_with("routing: misrouted: NUMA hint at "
				       "0x7f00003ff000 reported to DAMON"), 1);
	assert_int_equal(findings_with("restoration: NUMA hint at "
				       "0x7f00003ff000 lost uffd-wp"), 1);
	assert_false(pte_val(r.after) & _PAGE_UFFD_WP);
}

/*
 * uffd-rwp-tag without CONFIG_DAMON: the bit test is compiled out, so a
 * uffd-wp'd page's NUMA hint is NUMA balancing's, as in the baseline.
 */
static void test_rwp_no_damon_is_baseline(void **state)
{
	struct run r = { .design = "uffd-rwp-tag", .uffd_wp = true,
			 .numa_scan = true, .numa_balancing = 1,
			 .fault_addr = REMOTE };

	if (IS_ENABLED(CONFIG_DAMON))
		skip();
	run(&r);
	assert_int_equal(r.err, 0);
	assert_true(pte_val(r.before) & _PAGE_UFFD_WP);
	assert_true(pte_val(r.after) & _PAGE_UFFD_WP);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(hint_owner_stats()->resolved[HINT_OWNER_NUMA]
						     [HINT_EFFECT_NUMA], 1);
}

/* tagged-pte on a uffd-wp'd page: both hints routed, uffd-wp kept. */
static void test_tagged_keeps_uffd_wp(void **state)
{
	struct run r = { .design = "tagged-pte", .uffd_wp = true,
			 .damon_addr = LOCAL, .numa_scan = true,
			 .numa_balancing = 1, .fault_addr = LOCAL };

	if (!IS_ENABLED(CONFIG_DAMON))
		skip();
	run(&r);
	assert_int_equal(r.err, 0);
	assert_int_equal(r.owner, HINT_OWNER_DAMON);
	assert_true(pte_val(r.before) & _PAGE_UFFD_WP);
	assert_false(hinted(r.after));
	assert_true(pte_val(r.after) & _PAGE_UFFD_WP);
	assert_false(pte_write(r.after));
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(hint_owner_stats()->resolved[HINT_OWNER_DAMON]
						     [HINT_EFFECT_DAMON], 1);
}

/* The review's skip rules: no DAMON hint on a shared COW page. */
static void test_guarded_skips_cow(void **state)
{
	struct run r = { .design = "rfc-v2-guarded", .cow = true,
			 .damon_addr = COW, .numa_balancing = 1,
			 .fault_addr = COW };

	if (!IS_ENABLED(CONFIG_DAMON))
		skip();
	run(&r);
	assert_int_equal(r.installed, 0);
	assert_false(hinted(r.before));
	assert_int_equal(r.faults, 0);
}

/* rfc-v2 has no skip rules: DAMON takes over a NUMA hint. */
static void test_rfc_v2_takes_over_numa_hint(void **state)
{
	struct run r = { .design = "rfc-v2", .numa_scan = true,
			 .damon_addr = REMOTE, .numa_balancing = 0,
			 .fault_addr = REMOTE };

	run(&r);
	assert_int_equal(r.installed, 1);
	assert_int_equal(r.owner, HINT_OWNER_DAMON);
	assert_int_equal(findings_with("routing"), 0);
}

static void test_guarded_leaves_numa_hint(void **state)
{
	struct run r = { .design = "rfc-v2-guarded", .numa_scan = true,
			 .damon_addr = REMOTE, .numa_balancing = 1,
			 .fault_addr = REMOTE };

	run(&r);
	assert_int_equal(r.installed, IS_ENABLED(CONFIG_DAMON) ? 0 :
			 -EOPNOTSUPP);
	assert_int_equal(r.owner, HINT_OWNER_NUMA);
	assert_int_equal(sim_findings_count(), 0);
}

/*
 * The restoration oracle: a handler that rebuilds a COW-shared page
 * writable (planted) is caught; the baseline keeps it read-only.
 */
static void test_restoration_cow_writable(void **state)
{
	/* the scanner skips shared COW pages: hint it as rfc-v2 does */
	struct run r = { .design = "rfc-v2", .cow = true, .damon_addr = COW,
			 .numa_balancing = 0, .fault_addr = COW };
	struct run bad = r;

	run(&r);
	assert_int_equal(r.installed, 1);
	assert_true(hinted(r.before));
	assert_false(hinted(r.after));
	assert_false(pte_write(r.after));
	assert_int_equal(sim_findings_count(), 0);

	/* the planted handler replaces every design's dispatch */
	bad.plant = "cow-writable-rebuild";
	run(&bad);
	assert_true(pte_write(bad.after));
	assert_int_equal(findings_with("restoration: DAMON hint at "
				       "0x7f0000007000 made writable on a page "
				       "this mm does not own exclusively"), 1);
}

#ifdef CONFIG_TRANSPARENT_HUGEPAGE
#define THP_VA 0x40200000UL	/* PMD aligned */

struct thp_run {
	const char *design;
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	struct mempolicy *policy;
	pmd_t after;
	bool done;
};

/* A NUMA-hinted THP, balancing switched off, a read of it. */
static int thp_task(void *arg)
{
	struct thp_run *r = arg;

	r->mm = mm_create();
	current->mm = r->mm;
	current->cpu = 0;
	current->numa_preferred_nid = NUMA_NO_NODE;
	/* no migration (PMD migration is not modelled): a bound policy */
	current->mempolicy = mpol_new(MPOL_BIND, 0x3, false);
	r->policy = current->mempolicy;
	r->vma = vma_create(r->mm, THP_VA, THP_VA + PMD_SIZE,
			    VM_READ | VM_WRITE, NULL);
	if (!r->vma || populate_anon_thp(r->vma, THP_VA, 1, true))
		return -1;
	numa_balancing_sysctl_write(1);
	numa_scan(r->vma);
	numa_balancing_sysctl_write(0);
	mmu_access(0, r->mm, THP_VA + 5 * PAGE_SIZE, false, NULL);
	r->after = *pmd_off(r->mm, THP_VA);
	r->done = true;
	return 0;
}

/* After the fault's thread ended (maybe by an oops): tear down. */
static int thp_cleanup(void *arg)
{
	struct thp_run *r = arg;

	populate_zap_large(r->vma);
	mm_destroy(r->mm);
	mpol_free(r->policy);
	return 0;
}

static void thp_run(struct thp_run *r)
{
	faultsim_design_select(faultsim_design_find(r->design));
	kshim_spawn("thp", thp_task, r);
	sim_run(UINT64_MAX);
	kshim_spawn("cleanup", thp_cleanup, r);
	sim_run(UINT64_MAX);
}

/*
 * rfc-v2's do_damon_page(vmf, true) runs PTE-level code on a PMD fault,
 * where __handle_mm_fault() set no vmf->ptl: an oops, reported as a BUG
 * finding that ends the faulting task.  rfc-v2-guarded restores the PMD
 * under its lock (and still takes NUMA's hint: routing).
 */
static void test_rfc_v2_pmd_oops(void **state)
{
	struct thp_run r = { .design = "rfc-v2" };

	thp_run(&r);
	assert_false(r.done);
	assert_int_equal(findings_with("NULL pointer dereference"), 1);
}

static void test_guarded_pmd_restores(void **state)
{
	struct thp_run r = { .design = "rfc-v2-guarded" };

	thp_run(&r);
	assert_true(r.done);
	assert_int_equal(findings_with("NULL pointer"), 0);
	assert_true(pmd_val(r.after) & _PAGE_PRESENT);
	assert_false(hinted(__pte(pmd_val(r.after))));
	assert_int_equal(hint_owner_stats()->resolved[HINT_OWNER_NUMA]
			 [IS_ENABLED(CONFIG_DAMON) ? HINT_EFFECT_DAMON :
						     HINT_EFFECT_NUMA], 1);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test_setup_teardown(test_test_only_design_runs,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_baseline_numa_hint, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rfc_v2_numa_hint_to_damon,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rfc_v2_damon_hint_to_numa,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_tagged_routes_by_tag,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_tagged_numa_hint_balancing_off, setup, teardown),
		cmocka_unit_test_setup_teardown(test_generic_reports_numa_hints,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_guarded_skips_cow, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_rfc_v2_takes_over_numa_hint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guarded_leaves_numa_hint,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_restoration_cow_writable,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rfc_v3_reports_vaddr,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rfc_v3_numa_hint_to_damon,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rwp_routes_by_bit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rwp_numa_hint, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_rwp_conflicts_with_uffd_wp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rwp_no_damon_is_baseline,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_tagged_keeps_uffd_wp,
						setup, teardown),
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
		cmocka_unit_test_setup_teardown(test_rfc_v2_pmd_oops, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_guarded_pmd_restores,
						setup, teardown),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

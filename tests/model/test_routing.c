// SPDX-License-Identifier: GPL-2.0-only
/*
 * The routing oracle needs no hook (oracles/hint_owner.h): a hint's
 * owner is known from its install, and each fault is judged by the
 * hints it ended and the consumers' endpoints that fired in it.  Here
 * the protnone PTE fault goes straight to a handler of the test's (the
 * hook's override, as a kernel tree calls its own handler from
 * handle_pte_fault()): nothing tells the oracle which consumer it is.
 *
 * Caught, one finding per hint, of one kind (oracles/hint_owner.h):
 * misrouted - a NUMA hint handled by DAMON's handler, a DAMON hint or a
 * tree's own installer's (a cp_flags bit 6.12 lacks) counted by NUMA
 * balancing and not reported; stat_pollution - a NUMA hint reported to
 * DAMON as well, a DAMON hint counted by task_numa_fault() as well;
 * lost_report - a NUMA hint restored without NUMA balancing's
 * accounting, a DAMON hint without a report; double_report - one DAMON
 * hint reported twice.
 * Not findings: the paths where 6.12's do_numa_page() ends a hint with
 * no effect or ends none (no normal folio, a migration that failed
 * after the unmap, the entry changed under the fault).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/sched/numa_balancing.h>
#include <linux/completion.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <asm/tlb.h>
#include <asm/tlbflush.h>
#include <kshim/kshim.h>
#include <kshim/hooks.h>
#include "sim/sched.h"
#include "designs/damon_hint.h"
#include "designs/design.h"
#include "oracles/hint_owner.h"
#include "mm_model/mm/machine.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/mm/migrate.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/numa_balancing.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/syscalls.h"
#include "mm_model/mm/vma.h"
#include "model_test.h"

#define VA 0x7f0000000000UL
#define NR_PAGES 16UL
#define REMOTE (VA + (NR_PAGES - 1) * PAGE_SIZE)	/* on node 1 */
#define LOCAL (VA + 3 * PAGE_SIZE)			/* on node 0 */
#define FRESH_VA 0x7f1000000000UL	/* never written: the zero page */

enum install {
	NUMA_SCAN,		/* task_numa_work()'s bracket */
	NUMA_SCAN_UNBRACKETED,	/* change_prot_numa() alone: by its flags */
	DAMON_HINT,		/* rfc-v2's install of LOCAL */
	TREE_FLAG,		/* change_protection_range(), a new flag */
	ZERO_PAGE,		/* NUMA's hint on a zero-page PTE */
};

struct run {
	enum install install;
	vm_fault_t (*handler)(struct vm_fault *vmf);	/* NULL: design's */
	bool migrate;		/* default policy: the remote page migrates */
	bool inject_fail;	/* and the migration fails after the unmap */
	bool race;		/* a second task restores the hint first */
	unsigned long addr;
	enum hint_owner owner;	/* of the entry before the fault */
	pte_t after;
	enum mmu_result res;
	int err;
	/* the race */
	struct mm_struct *mm;
	struct completion in_handler, other_done;
};

static struct run *cur;

static int setup(void **state)
{
	return model_boot(1, 2, 4096);
}

static int teardown(void **state)
{
	faultsim_set_pte_protnone_handler(NULL);
	faultsim_design_select(faultsim_design_find(FAULTSIM_DESIGN_BASELINE));
	machine_destroy();
	return 0;
}

/* A misrouting handler, called directly: DAMON's, for every hint. */
static vm_fault_t to_damon(struct vm_fault *vmf)
{
	return design_do_damon_page(vmf);
}

/* do_numa_page()'s restore without its accounting */
static vm_fault_t restore_only(struct vm_fault *vmf)
{
	bool writable;
	pte_t pte;

	if (!design_damon_recheck(vmf, false, &pte, &writable))
		return 0;
	numa_rebuild_single_mapping(vmf, vmf->vma, vmf->address, vmf->pte,
				    writable);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return 0;
}

/* NUMA balancing's handler, then a DAMON report of the same page */
static vm_fault_t numa_then_report(struct vm_fault *vmf)
{
	vm_fault_t ret = do_numa_page(vmf);

	design_damon_report(vmf, pte_pfn(vmf->orig_pte));
	return ret;
}

/* DAMON's handler, and a second report of the same page */
static vm_fault_t damon_twice(struct vm_fault *vmf)
{
	vm_fault_t ret = design_do_damon_page(vmf);

	design_damon_report(vmf, pte_pfn(vmf->orig_pte));
	return ret;
}

/* The first fault waits in the handler until another restores the hint */
static vm_fault_t numa_after_other(struct vm_fault *vmf)
{
	static bool waited;

	if (!waited) {
		waited = true;
		complete(&cur->in_handler);
		wait_for_completion(&cur->other_done);
	}
	return do_numa_page(vmf);
}

static void install(struct run *r, struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	struct mmu_gather tlb;
	enum hint_owner old;
	int faults;

	mmap_read_lock(mm);
	switch (r->install) {
	case NUMA_SCAN:
		old = hint_install_begin(HINT_OWNER_NUMA);
		change_prot_numa(vma, vma->vm_start, vma->vm_end);
		hint_install_end(old);
		break;
	case NUMA_SCAN_UNBRACKETED:
		change_prot_numa(vma, vma->vm_start, vma->vm_end);
		break;
	case DAMON_HINT:
		faultsim_design_damon_install(vma, r->addr);
		break;
	case TREE_FLAG:
		/* a tree's MM_CP_DAMON-like flag, nothing bracketing it */
		tlb_gather_mmu(&tlb, mm);
		change_protection_range(&tlb, vma, r->addr,
					r->addr + PAGE_SIZE, PAGE_NONE,
					FAULTSIM_MM_CP_DAMON);
		tlb_finish_mmu(&tlb);
		break;
	case ZERO_PAGE:
		break;
	}
	mmap_read_unlock(mm);
	if (r->install == ZERO_PAGE) {
		pte_t *ptep;
		spinlock_t *ptl;

		/* a read maps the zero page; NUMA hints it by hand */
		mmu_access(0, mm, r->addr, false, &faults);
		mmap_read_lock(mm);
		ptep = pte_offset_map_lock(mm, pmd_off(mm, r->addr),
					   r->addr, &ptl);
		old = hint_install_begin(HINT_OWNER_NUMA);
		set_pte_at(mm, r->addr, ptep,
			   pte_modify(ptep_get(ptep), PAGE_NONE));
		hint_install_end(old);
		pte_unmap_unlock(ptep, ptl);
		flush_tlb_range(vma, r->addr, r->addr + PAGE_SIZE);
		mmap_read_unlock(mm);
	}
}

static int other_task(void *arg)
{
	struct run *r = arg;
	int faults;

	current->mm = r->mm;
	current->cpu = 1;
	wait_for_completion(&r->in_handler);
	mmu_access(1, r->mm, r->addr, false, &faults);
	complete(&r->other_done);
	current->mm = NULL;
	return 0;
}

static int fault_task(void *arg)
{
	struct run *r = arg;
	struct vm_area_struct *vma, *fresh;
	struct mm_struct *mm;
	int faults;

	vma = model_half_remote_task(VA, NR_PAGES, &mm);
	if (!vma)
		return r->err = -1;
	fresh = vma_create(mm, FRESH_VA, FRESH_VA + PMD_SIZE,
			   VM_READ | VM_WRITE | VM_NOHUGEPAGE, NULL);
	if (!fresh)
		return r->err = -1;
	if (!r->migrate)	/* no migration on the fault */
		current->mempolicy = mpol_new(MPOL_BIND, 0x3, false);
	numa_balancing_sysctl_write(1);
	install(r, r->install == ZERO_PAGE ? fresh : vma);
	r->owner = hint_owner_of(populate_ptep(r->install == ZERO_PAGE ?
					      fresh : vma, r->addr));
	if (r->inject_fail)
		migrate_inject_failure(MIGRATE_FAIL_AFTER_UNMAP, 1);
	if (r->race) {
		r->mm = mm;
		kshim_spawn("other", other_task, r);
	}
	faultsim_set_pte_protnone_handler(r->handler);
	r->res = mmu_access(0, mm, r->addr, false, &faults);
	faultsim_set_pte_protnone_handler(NULL);
	r->after = ptep_get(populate_ptep(r->install == ZERO_PAGE ?
					 fresh : vma, r->addr));
	populate_zap_all(vma);
	/* the zero page is no folio to put: the kernel's zap */
	sys_madvise_dontneed(mm, FRESH_VA, PMD_SIZE);
	mpol_free(current->mempolicy);
	current->mempolicy = NULL;
	task_numa_free(current, true);
	current->mm = NULL;
	mm_destroy(mm);
	return 0;
}

static void run(struct run *r, const char *design)
{
	cur = r;
	init_completion(&r->in_handler);
	init_completion(&r->other_done);
	assert_int_equal(faultsim_design_select(faultsim_design_find(design)),
			 0);
	kshim_spawn("fault", fault_task, r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r->err, 0);
	assert_int_equal(r->res, MMU_OK);
	assert_false(pte_protnone(r->after));
}

static int findings_with(const char *needle)
{
	int i, n = 0;

	for (i = 0; i < sim_findings_count(); i++)
		n += !!strstr(sim_finding_get(i)->msg, needle);
	return n;
}

static uint64_t resolved(enum hint_owner owner, enum hint_effect effect)
{
	return hint_owner_stats()->resolved[owner][effect];
}

/* DAMON's handler, called directly, on NUMA's hint: misrouted, once. */
static void test_direct_misroute(void **state)
{
	struct run r = { .install = NUMA_SCAN, .handler = to_damon,
			 .addr = REMOTE };

	run(&r, FAULTSIM_DESIGN_BASELINE);
	assert_int_equal(r.owner, HINT_OWNER_NUMA);
	assert_int_equal(findings_with("routing: misrouted: NUMA hint at "
				       "0x7f000000f000 reported to DAMON, "
				       "without NUMA balancing's "
				       "accounting"), 1);
	assert_int_equal(sim_findings_count(), 1);
	assert_int_equal(resolved(HINT_OWNER_NUMA, HINT_EFFECT_DAMON), 1);
}

/* A NUMA hint restored with no task_numa_fault(), no numa_hint_faults */
static void test_numa_hint_without_accounting(void **state)
{
	struct run r = { .install = NUMA_SCAN, .handler = restore_only,
			 .addr = REMOTE };

	run(&r, FAULTSIM_DESIGN_BASELINE);
	assert_int_equal(findings_with("routing: lost_report: NUMA hint at "
				       "0x7f000000f000 ended by a fault "
				       "without NUMA balancing's "
				       "accounting"), 1);
	assert_int_equal(sim_findings_count(), 1);
	assert_int_equal(resolved(HINT_OWNER_NUMA, HINT_EFFECT_NONE), 1);
}

/* NUMA balancing's own handler, and a DAMON report of its hint */
static void test_numa_hint_reported_to_damon(void **state)
{
	struct run r = { .install = NUMA_SCAN, .handler = numa_then_report,
			 .addr = REMOTE };

	run(&r, FAULTSIM_DESIGN_BASELINE);
	assert_int_equal(findings_with("routing: stat_pollution: NUMA hint "
				       "at 0x7f000000f000 reported to "
				       "DAMON"), 1);
	assert_int_equal(sim_findings_count(), 1);
	assert_int_equal(resolved(HINT_OWNER_NUMA, HINT_EFFECT_BOTH), 1);
}

/* rfc-v2's DAMON hint, faulted into do_numa_page() called directly */
static void test_damon_hint_counted_by_numa(void **state)
{
	struct run r = { .install = DAMON_HINT, .handler = do_numa_page,
			 .addr = LOCAL };

	run(&r, "rfc-v2");
	assert_int_equal(r.owner, HINT_OWNER_DAMON);
	assert_int_equal(findings_with("routing: misrouted: DAMON hint at "
				       "0x7f0000003000 counted by NUMA "
				       "balancing (task_numa_fault), without "
				       "a DAMON report"), 1);
	assert_int_equal(sim_findings_count(), 1);
}

/*
 * A tree's own installer: change_protection() with a flag 6.12 lacks and
 * no bracket owns its hint by the flag; NUMA balancing must not count it.
 */
static void test_tree_flag_hint(void **state)
{
	struct run r = { .install = TREE_FLAG, .handler = do_numa_page,
			 .addr = LOCAL };

	run(&r, FAULTSIM_DESIGN_BASELINE);
	assert_int_equal(r.owner, HINT_OWNER_FLAGS);
	assert_int_equal(findings_with("routing: misrouted: cp_flags 0x10 "
				       "hint at 0x7f0000003000 counted by "
				       "NUMA balancing (task_numa_fault), "
				       "without a DAMON report"), 1);
}

/*
 * generic-hook's route: do_numa_page()'s accounting and a DAMON report
 * for DAMON's hint.  Reported, so not misrouted: NUMA balancing's
 * statistics saw the hint, stat_pollution.
 */
static void test_damon_hint_pollutes_numa_stats(void **state)
{
	struct run r = { .install = DAMON_HINT, .handler = numa_then_report,
			 .addr = LOCAL };

	run(&r, "rfc-v2");
	assert_int_equal(r.owner, HINT_OWNER_DAMON);
	assert_int_equal(findings_with("routing: stat_pollution: DAMON hint "
				       "at 0x7f0000003000 counted by NUMA "
				       "balancing (task_numa_fault)"), 1);
	assert_int_equal(sim_findings_count(), 1);
	assert_int_equal(resolved(HINT_OWNER_DAMON, HINT_EFFECT_BOTH), 1);
}

/* DAMON's hint restored, nobody told: lost_report */
static void test_damon_hint_lost(void **state)
{
	struct run r = { .install = DAMON_HINT, .handler = restore_only,
			 .addr = LOCAL };

	run(&r, "rfc-v2");
	assert_int_equal(findings_with("routing: lost_report: DAMON hint at "
				       "0x7f0000003000 ended by a fault "
				       "without a DAMON report"), 1);
	assert_int_equal(sim_findings_count(), 1);
}

/* DAMON told twice of one hint: double_report */
static void test_damon_hint_reported_twice(void **state)
{
	struct run r = { .install = DAMON_HINT, .handler = damon_twice,
			 .addr = LOCAL };

	run(&r, "rfc-v2");
	assert_int_equal(findings_with("routing: double_report: DAMON hint "
				       "at 0x7f0000003000 reported to DAMON "
				       "2 times"), 1);
	assert_int_equal(sim_findings_count(), 1);
}

/* change_prot_numa() with nothing bracketing it: NUMA's, by its flag */
static void test_unbracketed_numa_hint(void **state)
{
	struct run r = { .install = NUMA_SCAN_UNBRACKETED, .addr = REMOTE };

	run(&r, FAULTSIM_DESIGN_BASELINE);
	assert_int_equal(r.owner, HINT_OWNER_NUMA);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(resolved(HINT_OWNER_NUMA, HINT_EFFECT_NUMA), 1);
}

/* do_numa_page(): no normal folio (the zero page) -> out_map, no count */
static void test_zero_page_hint_is_no_finding(void **state)
{
	struct run r = { .install = ZERO_PAGE, .addr = FRESH_VA };

	run(&r, FAULTSIM_DESIGN_BASELINE);
	assert_int_equal(r.owner, HINT_OWNER_NUMA);
	assert_true(is_zero_pfn(pte_pfn(r.after)));
	if (sim_findings_count())
		print_message("%s %s\n%s\n", sim_finding_get(0)->msg,
			      sim_finding_get(0)->where,
			      sim_finding_get(0)->detail);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(resolved(HINT_OWNER_NUMA, HINT_EFFECT_NONE), 1);
}

/*
 * do_numa_page(): the migration fails after the unmap, the entry is
 * rebuilt by remove_migration_ptes(), pte_same() fails, no
 * task_numa_fault(): numa_hint_faults still counted the hint.
 */
static void test_failed_migration_is_no_finding(void **state)
{
	struct run r = { .install = NUMA_SCAN_UNBRACKETED, .migrate = true,
			 .inject_fail = true, .addr = REMOTE };

	run(&r, FAULTSIM_DESIGN_BASELINE);
	assert_int_equal(r.owner, HINT_OWNER_NUMA);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(hint_owner_stats()->numa_effects[HINT_OWNER_NUMA], 0);
	assert_int_equal(resolved(HINT_OWNER_NUMA, HINT_EFFECT_NUMA), 1);
}

/*
 * do_numa_page(): another CPU restored the hint while this fault
 * waited, pte_same() fails: this fault ended nothing.
 */
static void test_entry_changed_is_no_finding(void **state)
{
	struct run r = { .install = NUMA_SCAN, .handler = numa_after_other,
			 .race = true, .addr = REMOTE };

	run(&r, FAULTSIM_DESIGN_BASELINE);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(resolved(HINT_OWNER_NUMA, HINT_EFFECT_NUMA), 1);
	assert_int_equal(hint_owner_stats()->numa_effects[HINT_OWNER_NUMA], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_direct_misroute, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_numa_hint_without_accounting, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_numa_hint_reported_to_damon, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_damon_hint_counted_by_numa, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_damon_hint_pollutes_numa_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damon_hint_lost, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_damon_hint_reported_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tree_flag_hint, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unbracketed_numa_hint,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_zero_page_hint_is_no_finding, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_failed_migration_is_no_finding, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_entry_changed_is_no_finding, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

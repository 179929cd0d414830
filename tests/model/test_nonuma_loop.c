// SPDX-License-Identifier: GPL-2.0-only
/*
 * With CONFIG_NUMA_BALANCING=n, pte_protnone() is a stub returning 0
 * (include/linux/pgtable.h), so a PAGE_NONE entry in an accessible VMA —
 * say one a DAMON fault-reporting design installed — never reaches
 * do_numa_page(): handle_pte_fault()'s generic path marks it young and
 * returns, the entry stays non-present to the CPU, and the access
 * refaults for ever (docs/kernel-6.12-fault-path.md §7, hazard 4).  The model
 * must report that as a fault-loop finding, not hang.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/machine.h"
#include "model_test.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/hint_events.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/vma.h"

#define VA 0x7f0000000000UL

struct run {
	bool as_damon;		/* the install bracketed as DAMON's */
	enum mmu_result res;
	int faults;
	unsigned long pgfault;
	bool still_protnone_bits;
};

static int task(void *arg)
{
	struct run *r = arg;
	struct mm_struct *mm = mm_create();
	struct vm_area_struct *vma;
	enum hint_owner old;
	pte_t *ptep;

	current->mm = mm;
	current->cpu = 0;
	vma = vma_create(mm, VA, VA + PMD_SIZE, VM_READ | VM_WRITE, NULL);
	populate_anon(vma, VA, VA + PAGE_SIZE, 0, true);
	ptep = populate_ptep(vma, VA);
	old = hint_install_begin(r->as_damon ? HINT_OWNER_DAMON :
					       HINT_OWNER_NONE);
	set_pte_at(mm, VA, ptep, pte_modify(ptep_get(ptep), PAGE_NONE));
	hint_install_end(old);
	r->res = mmu_access(0, mm, VA, false, &r->faults);
	r->pgfault = kshim_vm_event_read(PGFAULT);
	r->still_protnone_bits = (pte_val(ptep_get(ptep)) &
				  (_PAGE_PRESENT | _PAGE_PROTNONE)) ==
				 _PAGE_PROTNONE;
	populate_zap_all(vma);
	current->mm = NULL;
	mm_destroy(mm);
	return 0;
}

static void test_page_none_without_numa_balancing_loops(void **state)
{
	struct run r = { 0 };

	assert_int_equal(model_boot(1, 1, 1024), 0);
	kshim_spawn("cpu0", task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.res, MMU_FAULT_LOOP);
	assert_int_equal(r.faults, MMU_MAX_FAULTS_PER_ACCESS);
	/* every round trip is one PGFAULT (no NUMA events in this config) */
	assert_int_equal(r.pgfault, MMU_MAX_FAULTS_PER_ACCESS);
	assert_true(r.still_protnone_bits);
	assert_int_equal(sim_findings_count(), 1);
	assert_int_equal(sim_finding_get(0)->kind, SIM_FINDING_ORACLE);
	machine_destroy();
}

/*
 * The same entry installed as DAMON's hint (a design that does not
 * declare CONFIG_NUMA_BALANCING): said at the install as
 * unroutable_hint, before the fault loop it leads to.
 */
static void test_damon_hint_without_numa_balancing_is_unroutable(void **s)
{
	struct run r = { .as_damon = true };

	assert_int_equal(model_boot(1, 1, 1024), 0);
	kshim_spawn("cpu0", task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.res, MMU_FAULT_LOOP);
	assert_int_equal(sim_findings_count(), 2);
	assert_non_null(strstr(sim_finding_get(0)->msg,
			       "unroutable_hint: DAMON hint on pfn "));
	assert_non_null(strstr(sim_finding_get(0)->msg,
			       "installed where pte_protnone() is 0"));
	machine_destroy();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_none_without_numa_balancing_loops),
		cmocka_unit_test(
			test_damon_hint_without_numa_balancing_is_unroutable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

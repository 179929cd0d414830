// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VM event counters (kshim/include/linux/vmstat.h, kshim/src/vmstat.c):
 * count_vm_event(s) add, count_vm_numa_event(s) add only with
 * CONFIG_NUMA_BALANCING (include/linux/vmstat.h makes them no-ops
 * otherwise, and this file is also built against that kconfig), names
 * are /proc/vmstat's, and a boot starts every counter from zero.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/vmstat.h>
#include <kshim/kshim.h>
#include "kshim_test_util.h"

static void test_count_and_read(void **state)
{
	assert_int_equal(kt_boot(1), SIM_RUN_DONE);
	assert_int_equal(kshim_vm_event_read(PGFAULT), 0);
	count_vm_event(PGFAULT);
	__count_vm_event(PGFAULT);
	count_vm_events(PGFAULT, 5);
	__count_vm_events(PGFAULT, 2);
	assert_int_equal(kshim_vm_event_read(PGFAULT), 9);
	assert_int_equal(kshim_vm_event_read(PGMAJFAULT), 0);
#ifdef CONFIG_MIGRATION
	count_vm_events(PGMIGRATE_SUCCESS, 512);
	count_vm_event(PGMIGRATE_FAIL);
	assert_int_equal(kshim_vm_event_read(PGMIGRATE_SUCCESS), 512);
	assert_int_equal(kshim_vm_event_read(PGMIGRATE_FAIL), 1);
#endif
}

static void test_numa_events(void **state)
{
	long n = 3;

	assert_int_equal(kt_boot(1), SIM_RUN_DONE);
	/* the argument is evaluated (and discarded) in both configs */
	count_vm_numa_events(NUMA_PTE_UPDATES, n++);
	count_vm_numa_event(NUMA_HINT_FAULTS);
	assert_int_equal(n, 4);
#ifdef CONFIG_NUMA_BALANCING
	count_vm_numa_events(NUMA_HUGE_PTE_UPDATES, 2);
	count_vm_numa_event(NUMA_HINT_FAULTS_LOCAL);
	count_vm_numa_event(NUMA_PAGE_MIGRATE);
	assert_int_equal(kshim_vm_event_read(NUMA_PTE_UPDATES), 3);
	assert_int_equal(kshim_vm_event_read(NUMA_HUGE_PTE_UPDATES), 2);
	assert_int_equal(kshim_vm_event_read(NUMA_HINT_FAULTS), 1);
	assert_int_equal(kshim_vm_event_read(NUMA_HINT_FAULTS_LOCAL), 1);
	assert_int_equal(kshim_vm_event_read(NUMA_PAGE_MIGRATE), 1);
#endif
	/* nothing else moved */
	assert_int_equal(kshim_vm_event_read(PGFAULT), 0);
}

static void test_boot_resets(void **state)
{
	enum vm_event_item i;

	assert_int_equal(kt_boot(1), SIM_RUN_DONE);
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		count_vm_events(i, 7);
	assert_int_equal(kt_boot(2), SIM_RUN_DONE);
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		assert_int_equal(kshim_vm_event_read(i), 0);
}

static void test_proc_vmstat_names(void **state)
{
	enum vm_event_item i, j;

	assert_string_equal(kshim_vm_event_name(PGFAULT), "pgfault");
	assert_string_equal(kshim_vm_event_name(PGMAJFAULT), "pgmajfault");
#ifdef CONFIG_NUMA_BALANCING
	assert_string_equal(kshim_vm_event_name(NUMA_PTE_UPDATES),
			    "numa_pte_updates");
	assert_string_equal(kshim_vm_event_name(NUMA_HUGE_PTE_UPDATES),
			    "numa_huge_pte_updates");
	assert_string_equal(kshim_vm_event_name(NUMA_HINT_FAULTS),
			    "numa_hint_faults");
	assert_string_equal(kshim_vm_event_name(NUMA_HINT_FAULTS_LOCAL),
			    "numa_hint_faults_local");
	assert_string_equal(kshim_vm_event_name(NUMA_PAGE_MIGRATE),
			    "numa_pages_migrated");
#endif
#ifdef CONFIG_MIGRATION
	assert_string_equal(kshim_vm_event_name(PGMIGRATE_SUCCESS),
			    "pgmigrate_success");
	assert_string_equal(kshim_vm_event_name(PGMIGRATE_FAIL),
			    "pgmigrate_fail");
#endif
	/* every item is named, and no two alike */
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++) {
		assert_non_null(kshim_vm_event_name(i));
		for (j = 0; j < i; j++)
			assert_string_not_equal(kshim_vm_event_name(i),
						kshim_vm_event_name(j));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count_and_read),
		cmocka_unit_test(test_numa_events),
		cmocka_unit_test(test_boot_resets),
		cmocka_unit_test(test_proc_vmstat_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

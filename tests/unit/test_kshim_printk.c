// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated kernel log (kshim/src/printk.c): dmesg-style virtual
 * timestamps, KERN_CONT continuation, the bounded ring, the console
 * level filter, and WARN's log line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <linux/bug.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/err.h>
#include <kshim/kshim.h>
#include "kshim_test_util.h"

static int setup(void **state)
{
	kshim_log_set_console(KSHIM_LOG_WARNING, NULL);
	return kt_boot(1) == SIM_RUN_DONE ? 0 : -1;
}

static void test_timestamp_at_boot(void **state)
{
	int n = kshim_log_lines();

	printk(KERN_INFO "hello %d\n", 5);
	assert_int_equal(kshim_log_lines(), n + 1);
	assert_string_equal(kshim_log_line(0), "[    0.000000] hello 5");
}

static int tick_fn(void *arg)
{
	schedule_timeout(1);
	pr_info("tick\n");
	return 0;
}

static void test_timestamp_virtual_clock(void **state)
{
	assert_int_equal(kt_spawn_run("t", tick_fn, NULL, UINT64_MAX),
			 SIM_RUN_DONE);
	assert_string_equal(kshim_log_line(0), "[    0.004000] tick");
	sim_clock_advance_to(123456789012ULL);
	pr_err("late\n");
	assert_string_equal(kshim_log_line(0), "[  123.456789] late");
	sim_clock_advance_to(123456ULL * 1000000000ULL);
	pr_err("very late\n");
	assert_string_equal(kshim_log_line(0), "[123456.000000] very late");
}

static void test_cont_appends(void **state)
{
	int n = kshim_log_lines();

	pr_info("a=%d", 1);
	pr_cont(" b=%d", 2);
	pr_cont(" c\n");
	assert_int_equal(kshim_log_lines(), n + 1);
	assert_string_equal(kshim_log_line(0), "[    0.000000] a=1 b=2 c");
	printk(KERN_INFO "next\n");
	assert_int_equal(kshim_log_lines(), n + 2);
	assert_string_equal(kshim_log_line(1), "[    0.000000] a=1 b=2 c");
}

/*
 * kernel/printk/printk.c: a continuation joins the previous record only
 * while it is unterminated; after a newline it starts a record of its
 * own.
 */
static void test_cont_after_newline_starts_new_line(void **state)
{
	int n = kshim_log_lines();

	pr_info("done\n");
	pr_cont("orphan\n");
	assert_int_equal(kshim_log_lines(), n + 2);
	assert_string_equal(kshim_log_line(1), "[    0.000000] done");
	assert_string_equal(kshim_log_line(0), "[    0.000000] orphan");
}

static void test_ring_bounded(void **state)
{
	char want[64];
	int i;

	for (i = 0; i < 300; i++)
		printk(KERN_DEBUG "line %d\n", i);
	assert_int_equal(kshim_log_lines(), 256);
	assert_string_equal(kshim_log_line(0), "[    0.000000] line 299");
	snprintf(want, sizeof(want), "[    0.000000] line %d", 299 - 255);
	assert_string_equal(kshim_log_line(255), want);
	assert_null(kshim_log_line(256));
	assert_null(kshim_log_line(-1));
	/* a new boot empties it */
	assert_int_equal(kt_boot(1), SIM_RUN_DONE);
	assert_int_equal(kshim_log_lines(), 0);
	assert_null(kshim_log_line(0));
}

static void test_console_level(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	kshim_log_set_console(KSHIM_LOG_WARNING, f);
	pr_info("quiet\n");
	pr_debug("quieter\n");
	pr_warn("loud\n");
	pr_err("louder\n");
	kshim_log_set_console(KSHIM_LOG_WARNING, NULL);
	fclose(f);
	assert_non_null(strstr(buf, "loud"));
	assert_non_null(strstr(buf, "louder"));
	assert_null(strstr(buf, "quiet"));
	/* everything is in the ring regardless */
	assert_string_equal(kshim_log_line(3), "[    0.000000] quiet");
	assert_string_equal(kshim_log_line(2), "[    0.000000] quieter");
	free(buf);
}

static void test_warn_logs(void **state)
{
	int x = 1;

	assert_true(WARN_ON(x == 1));
	assert_false(WARN_ON(x == 2));
	assert_int_equal(sim_findings_count(), 1);
	assert_non_null(strstr(kshim_log_line(0), "WARNING: at "));
	assert_non_null(strstr(kshim_log_line(0), "test_kshim_printk.c"));
	assert_non_null(strstr(kshim_log_line(0), "WARN_ON(x == 1)"));
	assert_true(WARN(x, "custom %d\n", 7));
	assert_int_equal(kt_find(SIM_FINDING_WARN, "custom 7"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_timestamp_at_boot, setup),
		cmocka_unit_test_setup(test_timestamp_virtual_clock, setup),
		cmocka_unit_test_setup(test_cont_appends, setup),
		cmocka_unit_test_setup(test_cont_after_newline_starts_new_line,
				       setup),
		cmocka_unit_test_setup(test_ring_bounded, setup),
		cmocka_unit_test_setup(test_console_level, setup),
		cmocka_unit_test_setup(test_warn_logs, setup),
	};

	return cmocka_run_group_tests_name("kshim.printk", tests, NULL, NULL);
}

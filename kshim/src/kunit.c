// SPDX-License-Identifier: GPL-2.0-only
/*
 * The KUnit stand-in's runner.  Mirrors lib/kunit/executor.c and
 * lib/kunit/test.c (6.12): one boot, every suite in link order, each
 * case in its own kernel thread (kunit_try_catch), an assertion or
 * kunit_skip() ends the case by unwinding that thread, and the results
 * print as KTAP in the kernel's format and indentation.
 */
#include <fnmatch.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <kunit/test.h>
#include <linux/kthread.h>
#include <kshim/kshim.h>
#include <kshim/kunit_runner.h>
#include <kshim/sim.h>

#define INDENT "    "
#define CASE_TIME_LIMIT_NS (600ULL * NSEC_PER_SEC)

extern struct kunit_suite *const __start_kshim_kunit_suites[];
extern struct kunit_suite *const __stop_kshim_kunit_suites[];

/* A suite-less anchor keeps the section defined when no suite links. */
static struct kunit_suite *const kunit_anchor
	__used __section("kshim_kunit_suites") __aligned(8) = NULL;

struct kunit_resource_node {
	struct list_head list;
	void *ptr;
};

struct try_catch {
	struct kunit *test;
	struct kunit_suite *suite;
	struct kunit_case *test_case;
	jmp_buf env;
};

static FILE *ktap;
static const char *ksrc_prefix;
static struct try_catch *running;

int kshim_kunit_nr_suites(void)
{
	struct kunit_suite *const *s;
	int n = 0;

	for (s = __start_kshim_kunit_suites; s < __stop_kshim_kunit_suites; s++)
		n += *s != NULL;
	return n;
}

static const char *short_path(const char *file)
{
	size_t n = ksrc_prefix ? strlen(ksrc_prefix) : 0;

	if (n && !strncmp(file, ksrc_prefix, n) && file[n] == '/')
		return file + n + 1;
	return file;
}

static void fail_header(struct kunit *test, bool assert, const char *file,
			int line)
{
	test->status = KUNIT_FAILURE;
	fprintf(ktap, INDENT "# %s: %s FAILED at %s:%d\n", test->name,
		assert ? "ASSERTION" : "EXPECTATION", short_path(file), line);
}

_Noreturn void kunit_try_catch_throw(struct kunit *test)
{
	BUG_ON(!running || running->test != test);
	longjmp(running->env, 1);
}

void kunit_fail_binary(struct kunit *test, bool assert, const char *file,
		       int line, const char *left_text, const char *op,
		       const char *right_text, long long left,
		       long long right)
{
	fail_header(test, assert, file, line);
	fprintf(ktap, INDENT "Expected %s %s %s, but\n", left_text, op,
		right_text);
	fprintf(ktap, INDENT "    %s == %lld (0x%llx)\n", left_text, left,
		(unsigned long long)left);
	fprintf(ktap, INDENT "    %s == %lld (0x%llx)\n", right_text, right,
		(unsigned long long)right);
	if (assert)
		kunit_try_catch_throw(test);
}

void kunit_fail_ptr(struct kunit *test, bool assert, const char *file,
		    int line, const char *left_text, const char *op,
		    const char *right_text, const void *left,
		    const void *right)
{
	fail_header(test, assert, file, line);
	fprintf(ktap, INDENT "Expected %s %s %s, but\n", left_text, op,
		right_text);
	fprintf(ktap, INDENT "    %s == %p\n", left_text, left);
	fprintf(ktap, INDENT "    %s == %p\n", right_text, right);
	if (assert)
		kunit_try_catch_throw(test);
}

void kunit_fail_unary(struct kunit *test, bool assert, const char *file,
		      int line, const char *text, bool expected)
{
	fail_header(test, assert, file, line);
	fprintf(ktap, INDENT "Expected %s to be %s, but is %s\n", text,
		expected ? "true" : "false", expected ? "false" : "true");
	if (assert)
		kunit_try_catch_throw(test);
}

void kunit_fail_msg(struct kunit *test, bool assert, const char *file,
		    int line, const char *fmt, ...)
{
	va_list ap;

	fail_header(test, assert, file, line);
	fputs(INDENT, ktap);
	va_start(ap, fmt);
	vfprintf(ktap, fmt, ap);
	va_end(ap);
	fputc('\n', ktap);
	if (assert)
		kunit_try_catch_throw(test);
}

void kunit_mark_skipped_fmt(struct kunit *test, const char *fmt, ...)
{
	va_list ap;

	if (test->status != KUNIT_FAILURE)
		test->status = KUNIT_SKIPPED;
	va_start(ap, fmt);
	vsnprintf(test->status_comment, sizeof(test->status_comment), fmt, ap);
	va_end(ap);
}

void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	struct kunit_resource_node *node = kmalloc(sizeof(*node), gfp);

	if (!node)
		return NULL;
	node->ptr = kmalloc(size, gfp);
	if (!node->ptr) {
		kfree(node);
		return NULL;
	}
	list_add_tail(&node->list, &test->resources);
	return node->ptr;
}

void kunit_kfree(struct kunit *test, const void *ptr)
{
	struct kunit_resource_node *node, *next;

	list_for_each_entry_safe(node, next, &test->resources, list) {
		if (node->ptr != ptr)
			continue;
		list_del(&node->list);
		kfree(node->ptr);
		kfree(node);
		return;
	}
	KUNIT_FAIL(test, "kunit_kfree of a pointer kunit did not allocate");
}

static void free_resources(struct kunit *test)
{
	struct kunit_resource_node *node, *next;

	list_for_each_entry_safe(node, next, &test->resources, list) {
		list_del(&node->list);
		kfree(node->ptr);
		kfree(node);
	}
}

static int try_catch_fn(void *data)
{
	struct try_catch *tc = data;

	running = tc;
	if (!setjmp(tc->env)) {
		if (!tc->suite->init || !tc->suite->init(tc->test))
			tc->test_case->run_case(tc->test);
	}
	if (tc->suite->exit)
		tc->suite->exit(tc->test);
	running = NULL;
	return 0;
}

static bool filter_match(const char *glob, const char *suite,
			 const char *test_case)
{
	char full[512];
	const char *dot;

	if (!glob)
		return true;
	dot = strchr(glob, '.');
	if (!dot)
		return !fnmatch(glob, suite, 0);
	snprintf(full, sizeof(full), "%s.%s", suite, test_case);
	return !fnmatch(glob, full, 0);
}

static enum kunit_status run_case(struct kunit_suite *suite,
				  struct kunit_case *test_case, size_t number)
{
	struct kunit test = { .name = test_case->name };
	struct try_catch tc = { .test = &test, .suite = suite,
				.test_case = test_case };
	struct task_struct *k;
	enum sim_run_result res;
	int findings_before = sim_findings_count();
	int i;

	INIT_LIST_HEAD(&test.resources);
	test.status = KUNIT_SUCCESS;
	k = kthread_run(try_catch_fn, &tc, "kunit_try_catch");
	if (IS_ERR(k)) {
		test.status = KUNIT_FAILURE;
		return test.status;
	}
	res = sim_run(sim_now_ns() + CASE_TIME_LIMIT_NS);
	if (running) {
		/* the case's thread died (BUG/oops) or hung */
		running = NULL;
		test.status = KUNIT_FAILURE;
		fprintf(ktap, INDENT "# %s: try faulted: %s\n", test.name,
			res == SIM_RUN_DONE ? "kernel BUG or oops" :
			res == SIM_RUN_DEADLOCK ? "deadlock" : "timed out");
	}
	for (i = findings_before; i < sim_findings_count(); i++) {
		const struct sim_finding *f = sim_finding_get(i);

		if (f)
			fprintf(ktap, INDENT "# %s: %s in %s: %s\n", test.name,
				sim_finding_kind_name(f->kind), f->where,
				f->msg);
	}
	free_resources(&test);
	test_case->status = test.status;
	fprintf(ktap, INDENT "%s %zd %s%s%s\n",
		test.status == KUNIT_FAILURE ? "not ok" : "ok",
		(ssize_t)number, test.name,
		test.status == KUNIT_SKIPPED ? " # SKIP " : "",
		test.status == KUNIT_SKIPPED ? test.status_comment : "");
	return test.status;
}

static size_t nr_matching_cases(struct kunit_suite *suite, const char *glob)
{
	struct kunit_case *c;
	size_t n = 0;

	for (c = suite->test_cases; c->run_case; c++)
		n += filter_match(glob, suite->name, c->name);
	return n;
}

static kshim_kunit_suite_fn suite_fn;
static void *suite_fn_priv;

void kshim_kunit_set_suite_fn(kshim_kunit_suite_fn fn, void *priv)
{
	suite_fn = fn;
	suite_fn_priv = priv;
}

int kshim_kunit_run(FILE *out, const char *filter_glob, uint64_t seed,
		    const char *prefix)
{
	struct kunit_suite *const *s;
	unsigned long fail = 0;
	size_t nr_suites = 0, suite_no = 0;

	ktap = out;
	ksrc_prefix = prefix;
	sim_reset(seed);
	if (kshim_boot() || sim_run(UINT64_MAX) != SIM_RUN_DONE ||
	    kshim_initcalls_failed())
		return -1;

	for (s = __start_kshim_kunit_suites; s < __stop_kshim_kunit_suites; s++)
		if (*s && nr_matching_cases(*s, filter_glob))
			nr_suites++;
	fprintf(ktap, "KTAP version 1\n1..%zu\n", nr_suites);
	for (s = __start_kshim_kunit_suites; s < __stop_kshim_kunit_suites; s++) {
		struct kunit_suite *suite = *s;
		unsigned long sp = 0, sf = 0, ss = 0;
		struct kunit_case *c;
		size_t n;

		if (!suite)
			continue;
		n = nr_matching_cases(suite, filter_glob);
		if (!n)
			continue;
		fprintf(ktap, INDENT "KTAP version 1\n" INDENT
			"# Subtest: %s\n" INDENT "1..%zu\n", suite->name, n);
		if (suite->suite_init && suite->suite_init(suite)) {
			sf = n;
			fprintf(ktap, INDENT "# %s: suite_init failed\n",
				suite->name);
		} else {
			for (c = suite->test_cases; c->run_case; c++) {
				if (!filter_match(filter_glob, suite->name,
						  c->name))
					continue;
				switch (run_case(suite, c, sp + sf + ss + 1)) {
				case KUNIT_SUCCESS:
					sp++;
					break;
				case KUNIT_FAILURE:
					sf++;
					break;
				case KUNIT_SKIPPED:
					ss++;
					break;
				}
			}
			if (suite->suite_exit)
				suite->suite_exit(suite);
		}
		fprintf(ktap, "# %s: pass:%lu fail:%lu skip:%lu total:%lu\n",
			suite->name, sp, sf, ss, sp + sf + ss);
		fprintf(ktap, "# Totals: pass:%lu fail:%lu skip:%lu total:%lu\n",
			sp, sf, ss, sp + sf + ss);
		/* kunit_suite_has_succeeded(): all skipped counts as skipped */
		fprintf(ktap, "%s %zu %s%s\n", sf ? "not ok" : "ok",
			++suite_no, suite->name,
			!sf && !sp && ss ? " # SKIP" : "");
		fail += sf;
		if (suite_fn)
			suite_fn(suite_fn_priv, suite->name, sp, sf, ss);
	}
	fflush(ktap);
	return (int)fail;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/oops.c: a hardware fault in a simulated thread is an oops finding
 * and ends only that thread -- a NULL dereference, a bus error, a divide
 * error, an invalid opcode, a stack overflow -- while a fault outside
 * any thread, a fault while a thread is being ended and a signal
 * someone sent still kill the process.  Each test in a forked child
 * (Check's CK_FORK): the ones that kill it say with which signal.
 *
 * The faults are made so that UBSan (the asan preset) cannot see them
 * coming: addresses computed as integers, the division in asm.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <check.h>

#include "sim/sched.h"

static int bystander_ran, after_fault;

static int bystander_fn(void *arg)
{
	sim_point(SIM_PT_YIELD, NULL);
	bystander_ran++;
	return 0;
}

/* a struct's field at 0x10 read through a NULL pointer */
static uintptr_t volatile null_base;

static __attribute__((__noinline__)) long read_null_field(void)
{
	return *(volatile long *)(null_base + 0x10);
}

static int null_fn(void *arg)
{
	long v = read_null_field();

	after_fault = 1;	/* never: the thread died */
	return (int)v;
}

static __attribute__((__noinline__)) void divide_by_zero(void)
{
	unsigned int hi = 0, lo = 1, zero = 0;

	/* in asm: UBSan's divide check would abort first */
	__asm__ volatile("divl %2" : "+a"(lo), "+d"(hi) : "r"(zero));
}

static int divide_fn(void *arg)
{
	divide_by_zero();
	after_fault = 1;
	return 0;
}

static __attribute__((__noinline__)) void invalid_opcode(void)
{
	__asm__ volatile("ud2");
}

static int ud2_fn(void *arg)
{
	invalid_opcode();
	after_fault = 1;
	return 0;
}

/* a read of a file mapping past the file's end */
static volatile char *beyond_eof;

static __attribute__((__noinline__)) char read_beyond_eof(void)
{
	return beyond_eof[0];
}

static int bus_fn(void *arg)
{
	read_beyond_eof();
	after_fault = 1;
	return 0;
}

/* deeper than any stack: 1 KiB a frame, a million frames */
static __attribute__((__noinline__)) int recurse(int n)
{
	volatile char frame[1024];

	frame[0] = (char)n;
	if (n == 1 << 20)
		return 0;
	return recurse(n + 1) + frame[0];
}

static int overflow_fn(void *arg)
{
	recurse(0);
	after_fault = 1;
	return 0;
}

/* Runs @fn as "victim" beside a bystander; returns the one finding */
static const struct sim_finding *run_victim(sim_thread_fn fn)
{
	struct sim_thread *v, *b;

	bystander_ran = after_fault = 0;
	sim_reset(1);
	v = sim_thread_create("victim", fn, NULL, NULL);
	b = sim_thread_create("bystander", bystander_fn, NULL, NULL);
	ck_assert_ptr_nonnull(v);
	ck_assert_ptr_nonnull(b);
	sim_start_thread(v);
	sim_start_thread(b);
	ck_assert_int_eq(sim_run(UINT64_MAX), SIM_RUN_DONE);
	/* the victim died where it faulted; the run went on without it */
	ck_assert_int_eq(after_fault, 0);
	ck_assert_int_eq(bystander_ran, 1);
	ck_assert_int_eq(sim_findings_count(), 1);
	ck_assert_int_eq(sim_finding_get(0)->kind, SIM_FINDING_OOPS);
	ck_assert_str_eq(sim_finding_get(0)->thread, "victim");
	return sim_finding_get(0);
}

/* "func+0x.../0x...": the faulting function, as the kernel's RIP line */
static void assert_where(const struct sim_finding *f, const char *func)
{
	size_t n = strlen(func);

	ck_assert_msg(!strncmp(f->where, func, n) && f->where[n] == '+',
		      "where \"%s\" is not in %s", f->where, func);
}

/* the unwound stack, outermost first, ends in the faulting function */
static void assert_stack(const struct sim_finding *f, const char *caller,
			 const char *func)
{
	char tail[128];

	snprintf(tail, sizeof(tail), "%s > %s", caller, func);
	ck_assert_msg(!strncmp(f->detail, "victim: ", 8) &&
		      strstr(f->detail, tail) &&
		      !strcmp(f->detail + strlen(f->detail) - strlen(tail),
			      tail),
		      "stack \"%s\" does not end in %s", f->detail, tail);
}

START_TEST(null_dereference_is_oops)
{
	const struct sim_finding *f = run_victim(null_fn);

	ck_assert_str_eq(f->msg, "kernel NULL pointer dereference, "
				 "address: 0x0000000000000010");
	assert_where(f, "read_null_field");
	assert_stack(f, "null_fn", "read_null_field");
	ck_assert_msg(strstr(f->detail, "thread_entry > null_fn"),
		      "stack \"%s\" does not start at the thread", f->detail);
}
END_TEST

START_TEST(divide_error_is_oops)
{
	const struct sim_finding *f = run_victim(divide_fn);

	ck_assert_str_eq(f->msg, "divide error");
	assert_where(f, "divide_by_zero");
	assert_stack(f, "divide_fn", "divide_by_zero");
}
END_TEST

START_TEST(invalid_opcode_is_oops)
{
	const struct sim_finding *f = run_victim(ud2_fn);

	ck_assert_str_eq(f->msg, "invalid opcode");
	assert_where(f, "invalid_opcode");
	assert_stack(f, "ud2_fn", "invalid_opcode");
}
END_TEST

START_TEST(bus_error_is_oops)
{
	long page = sysconf(_SC_PAGESIZE);
	int fd = memfd_create("oops", 0);
	const struct sim_finding *f;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, page), 0);
	beyond_eof = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, 0);
	ck_assert_ptr_ne((void *)beyond_eof, MAP_FAILED);
	ck_assert_int_eq(ftruncate(fd, 0), 0);	/* the page is gone */
	f = run_victim(bus_fn);
	ck_assert_str_eq(f->msg, "bus error for a host address "
				 "(no such backing)");
	assert_where(f, "read_beyond_eof");
	assert_stack(f, "bus_fn", "read_beyond_eof");
}
END_TEST

START_TEST(stack_overflow_is_oops)
{
	const struct sim_finding *f;
	int i;

	/* twice: the spare stack the first one died on is free again */
	for (i = 0; i < 2; i++) {
		f = run_victim(overflow_fn);
		ck_assert_str_eq(f->msg, "stack guard page was hit (kernel "
					 "stack overflow)");
		assert_where(f, "recurse");
		/* the innermost frames kept, the outermost cut */
		ck_assert_msg(!strncmp(f->detail, "victim: ... > recurse > ",
				       24),
			      "stack \"%s\"", f->detail);
	}
}
END_TEST

/* Same seed and schedule, same finding, word for word */
START_TEST(oops_is_deterministic)
{
	struct sim_finding first;

	first = *run_victim(null_fn);
	ck_assert_str_eq(run_victim(null_fn)->where, first.where);
	ck_assert_str_eq(sim_finding_get(0)->detail, first.detail);
	ck_assert_str_eq(sim_finding_get(0)->msg, first.msg);
	ck_assert_int_eq(sim_finding_get(0)->time_ns, first.time_ns);
}
END_TEST

/* ---- not an oops: the process dies of the signal ---- */

START_TEST(fault_outside_thread_kills)
{
	run_victim(null_fn);	/* the handlers are installed */
	read_null_field();
}
END_TEST

static int raise_fn(void *arg)
{
	raise(SIGSEGV);		/* sent, not a fault of the CPU */
	after_fault = 1;
	return 0;
}

START_TEST(sent_signal_kills)
{
	struct sim_thread *t;

	sim_reset(1);
	t = sim_thread_create("victim", raise_fn, NULL, NULL);
	sim_start_thread(t);
	sim_run(UINT64_MAX);
}
END_TEST

static void dead_faults(void)
{
	read_null_field();
}

START_TEST(fault_while_ending_thread_kills)
{
	struct sim_thread *t;

	sim_set_thread_dead(dead_faults);
	sim_reset(1);
	t = sim_thread_create("victim", null_fn, NULL, NULL);
	sim_start_thread(t);
	sim_run(UINT64_MAX);
}
END_TEST

static Suite *oops_suite(void)
{
	Suite *s = suite_create("sim-oops");
	TCase *tc = tcase_create("oops");

	tcase_add_test(tc, null_dereference_is_oops);
	tcase_add_test(tc, divide_error_is_oops);
	tcase_add_test(tc, invalid_opcode_is_oops);
	tcase_add_test(tc, bus_error_is_oops);
	tcase_add_test(tc, stack_overflow_is_oops);
	tcase_add_test(tc, oops_is_deterministic);
	tcase_add_test_raise_signal(tc, fault_outside_thread_kills, SIGSEGV);
	tcase_add_test_raise_signal(tc, sent_signal_kills, SIGSEGV);
	tcase_add_test_raise_signal(tc, fault_while_ending_thread_kills,
				    SIGSEGV);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(oops_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

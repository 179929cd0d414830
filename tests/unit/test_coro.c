// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for sim/coro.c.
 *
 * cmocka's assert_*() longjmp()s back to the runner on failure. Doing that
 * from a coroutine stack would leave coro_current() pointing at a dead
 * coroutine and poison every later test, so code running inside a
 * coroutine only records what it saw; the checks happen on the main
 * context after control is back.
 */
#define _GNU_SOURCE

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/coro.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

#define STACK_64K	(64 * 1024)

/* ------------------------------------------------------------------ */
/* x86-64 helpers that C cannot express                               */
/* ------------------------------------------------------------------ */

/*
 * test_switch_sentinel(from, to, out[6], seed): load seed+0..5 into rbx,
 * rbp, r12, r13, r14, r15, call coro_switch(from, to), and store what
 * those registers hold after it returns into out[]. The compiler cannot
 * help here: if the switch forgot one register the value would come back
 * as whatever the other context left in it.
 *
 * test_entry_misalign(): returns (rsp at entry + 8) & 15, i.e. the caller's
 * rsp & 15 at its call instruction; the ABI wants 0.
 */
void test_switch_sentinel(struct coro *from, struct coro *to, uint64_t *out,
			  uint64_t seed);
unsigned long test_entry_misalign(void);

__asm__(
	".pushsection .text\n"
	".globl test_switch_sentinel\n"
	".type test_switch_sentinel, @function\n"
	".p2align 4\n"
"test_switch_sentinel:\n"
	"pushq %rbp\n"
	"pushq %rbx\n"
	"pushq %r12\n"
	"pushq %r13\n"
	"pushq %r14\n"
	"pushq %r15\n"
	"pushq %rdx\n"		/* 7 pushes: rsp 16-aligned at the call */
	"movq %rcx, %rbx\n"
	"leaq 1(%rcx), %rbp\n"
	"leaq 2(%rcx), %r12\n"
	"leaq 3(%rcx), %r13\n"
	"leaq 4(%rcx), %r14\n"
	"leaq 5(%rcx), %r15\n"
	"call coro_switch@PLT\n"
	"popq %rdx\n"
	"movq %rbx, 0(%rdx)\n"
	"movq %rbp, 8(%rdx)\n"
	"movq %r12, 16(%rdx)\n"
	"movq %r13, 24(%rdx)\n"
	"movq %r14, 32(%rdx)\n"
	"movq %r15, 40(%rdx)\n"
	"popq %r15\n"
	"popq %r14\n"
	"popq %r13\n"
	"popq %r12\n"
	"popq %rbx\n"
	"popq %rbp\n"
	"ret\n"
	".size test_switch_sentinel, .-test_switch_sentinel\n"
	"\n"
	".globl test_entry_misalign\n"
	".type test_entry_misalign, @function\n"
	".p2align 4\n"
"test_entry_misalign:\n"
	"leaq 8(%rsp), %rax\n"
	"andl $15, %eax\n"
	"ret\n"
	".size test_entry_misalign, .-test_entry_misalign\n"
	".popsection\n");

#define MXCSR_RC_MASK	0x6000u
#define MXCSR_RC_DOWN	0x2000u
#define MXCSR_RC_UP	0x4000u
#define MXCSR_RC_ZERO	0x6000u
#define FPUCW_RC_MASK	0x0c00u
#define FPUCW_RC_UP	0x0800u
#define FPUCW_RC_ZERO	0x0c00u

static uint32_t get_mxcsr(void)
{
	uint32_t v;

	__asm__ volatile("stmxcsr %0" : "=m"(v));
	return v;
}

static void set_mxcsr(uint32_t v)
{
	__asm__ volatile("ldmxcsr %0" : : "m"(v));
}

static uint16_t get_fpucw(void)
{
	uint16_t v;

	__asm__ volatile("fnstcw %0" : "=m"(v));
	return v;
}

static void set_fpucw(uint16_t v)
{
	__asm__ volatile("fldcw %0" : : "m"(v));
}

static int count_maps(void)
{
	char buf[4096];
	ssize_t n;
	int fd, lines = 0;

	fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
	close(fd);
	return lines;
}

/* ------------------------------------------------------------------ */
/* ping-pong                                                          */
/* ------------------------------------------------------------------ */

struct pingpong {
	struct coro *main, *self;
	long counter;
	long bad;
	int rounds;
};

static void pingpong_fn(void *arg)
{
	struct pingpong *p = arg;

	for (int i = 0; i < p->rounds; i++) {
		if (p->counter != 2L * i + 1)
			p->bad++;
		p->counter++;
		coro_switch(p->self, p->main);
	}
}

static void test_ping_pong(void **state)
{
	struct pingpong p = { .rounds = 10000 };
	(void)state;

	p.main = coro_self_main();
	p.self = coro_create(pingpong_fn, &p, STACK_64K);
	assert_non_null(p.self);

	for (int i = 0; i < p.rounds; i++) {
		assert_int_equal(p.counter, 2L * i);
		p.counter++;
		coro_switch(p.main, p.self);
		assert_false(coro_finished(p.self));
	}
	assert_int_equal(p.counter, 2L * p.rounds);
	assert_int_equal(p.bad, 0);

	/* One more resume lets the loop end and fn return. */
	coro_switch(p.main, p.self);
	assert_true(coro_finished(p.self));
	assert_int_equal(p.counter, 2L * p.rounds);
	coro_destroy(p.self);
}

/* ------------------------------------------------------------------ */
/* round robin                                                        */
/* ------------------------------------------------------------------ */

#define RR_N		3
#define RR_LAPS		4
#define RR_DONE		10

struct rr {
	struct coro *main;
	struct coro *co[RR_N];
	int order[RR_N * RR_LAPS + RR_N];
	int len;
};

struct rr_arg {
	struct rr *rr;
	int id;
};

static void rr_record(struct rr *rr, int v)
{
	if (rr->len < (int)(sizeof(rr->order) / sizeof(rr->order[0])))
		rr->order[rr->len] = v;
	rr->len++;
}

static void rr_fn(void *arg)
{
	struct rr_arg *a = arg;
	struct rr *rr = a->rr;

	for (int lap = 0; lap < RR_LAPS; lap++) {
		struct coro *next;

		rr_record(rr, a->id);
		if (a->id == RR_N - 1 && lap == RR_LAPS - 1)
			next = rr->main;
		else
			next = rr->co[(a->id + 1) % RR_N];
		coro_switch(rr->co[a->id], next);
	}
	rr_record(rr, RR_DONE + a->id);
}

static void test_round_robin(void **state)
{
	static const int want[] = {
		0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2,
		RR_DONE + 0, RR_DONE + 1, RR_DONE + 2,
	};
	struct rr rr = { 0 };
	struct rr_arg args[RR_N];
	(void)state;

	rr.main = coro_self_main();
	for (int i = 0; i < RR_N; i++) {
		args[i] = (struct rr_arg){ .rr = &rr, .id = i };
		rr.co[i] = coro_create(rr_fn, &args[i], STACK_64K);
		assert_non_null(rr.co[i]);
	}

	coro_switch(rr.main, rr.co[0]);
	assert_int_equal(rr.len, RR_N * RR_LAPS);
	for (int i = 0; i < RR_N; i++) {
		assert_false(coro_finished(rr.co[i]));
		coro_switch(rr.main, rr.co[i]);
		assert_true(coro_finished(rr.co[i]));
	}

	assert_int_equal(rr.len, (int)(sizeof(want) / sizeof(want[0])));
	assert_memory_equal(rr.order, want, sizeof(want));
	for (int i = 0; i < RR_N; i++)
		coro_destroy(rr.co[i]);
}

/* ------------------------------------------------------------------ */
/* finish and resumer                                                 */
/* ------------------------------------------------------------------ */

struct fin {
	struct coro *main, *a, *b;
	int log[8];
	int len;
	int a_finished_seen_by_b;
	struct coro *current_in_b_after;
};

static void fin_simple_fn(void *arg)
{
	struct fin *f = arg;

	f->log[f->len++] = 1;
}

static void test_finish_returns_to_resumer(void **state)
{
	struct fin f = { 0 };
	(void)state;

	f.main = coro_self_main();
	f.a = coro_create(fin_simple_fn, &f, STACK_64K);
	assert_non_null(f.a);
	assert_false(coro_finished(f.a));

	coro_switch(f.main, f.a);
	assert_int_equal(f.len, 1);
	assert_true(coro_finished(f.a));
	assert_ptr_equal(coro_current(), f.main);
	coro_destroy(f.a);
}

static void fin_a_fn(void *arg)
{
	struct fin *f = arg;

	f->log[f->len++] = 2;	/* and return: must land in b, not main */
}

static void fin_b_fn(void *arg)
{
	struct fin *f = arg;

	f->log[f->len++] = 1;
	coro_switch(f->b, f->a);
	f->log[f->len++] = 3;
	f->a_finished_seen_by_b = coro_finished(f->a);
	f->current_in_b_after = coro_current();
}

/* The resumer is whoever switched in last, not whoever created it. */
static void test_finish_nested_resumer(void **state)
{
	static const int want[] = { 1, 2, 3, 4 };
	struct fin f = { 0 };
	(void)state;

	f.main = coro_self_main();
	f.a = coro_create(fin_a_fn, &f, STACK_64K);
	f.b = coro_create(fin_b_fn, &f, STACK_64K);
	assert_non_null(f.a);
	assert_non_null(f.b);

	coro_switch(f.main, f.b);
	f.log[f.len++] = 4;

	assert_int_equal(f.len, 4);
	assert_memory_equal(f.log, want, sizeof(want));
	assert_true(f.a_finished_seen_by_b);
	assert_ptr_equal(f.current_in_b_after, f.b);
	assert_true(coro_finished(f.a));
	assert_true(coro_finished(f.b));
	assert_ptr_equal(coro_current(), f.main);
	coro_destroy(f.a);
	coro_destroy(f.b);
}

static void fin_nop_fn(void *arg)
{
	(void)arg;
}

/* Resuming a finished coroutine must stop the program, NDEBUG or not. */
static void test_switch_into_finished_aborts(void **state)
{
	struct coro *main_c = coro_self_main();
	struct coro *c;
	int status;
	pid_t pid;
	(void)state;

	c = coro_create(fin_nop_fn, NULL, STACK_64K);
	assert_non_null(c);
	coro_switch(main_c, c);
	assert_true(coro_finished(c));

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, STDERR_FILENO);
		coro_switch(main_c, c);
		_exit(0);	/* must not get here */
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
	coro_destroy(c);
}

/* ------------------------------------------------------------------ */
/* register and FP state                                              */
/* ------------------------------------------------------------------ */

#define SEED_MAIN1	0x1111000000000000ull
#define SEED_MAIN2	0x2222000000000000ull
#define SEED_CO1	0xc0c0000000000000ull
#define SEED_CO2	0xd0d0000000000000ull

struct regs {
	struct coro *main, *self;
	uint64_t co_out1[6], co_out2[6];
};

static void regs_fn(void *arg)
{
	struct regs *r = arg;

	test_switch_sentinel(r->self, r->main, r->co_out1, SEED_CO1);
	test_switch_sentinel(r->self, r->main, r->co_out2, SEED_CO2);
}

static void check_sentinels(const uint64_t *out, uint64_t seed)
{
	for (int i = 0; i < 6; i++)
		assert_int_equal(out[i], seed + (uint64_t)i);
}

static void test_callee_saved_registers(void **state)
{
	struct regs r = { 0 };
	uint64_t out[6];
	(void)state;

	r.main = coro_self_main();
	r.self = coro_create(regs_fn, &r, STACK_64K);
	assert_non_null(r.self);

	test_switch_sentinel(r.main, r.self, out, SEED_MAIN1);
	check_sentinels(out, SEED_MAIN1);
	test_switch_sentinel(r.main, r.self, out, SEED_MAIN2);
	check_sentinels(out, SEED_MAIN2);
	check_sentinels(r.co_out1, SEED_CO1);

	coro_switch(r.main, r.self);
	assert_true(coro_finished(r.self));
	check_sentinels(r.co_out2, SEED_CO2);
	coro_destroy(r.self);
}

struct fpctl {
	struct coro *main, *self;
	uint32_t inherited_mxcsr;
	uint16_t inherited_fpucw;
	uint32_t mxcsr_after;
	uint16_t fpucw_after;
	double third_up;
};

static void fpctl_fn(void *arg)
{
	struct fpctl *f = arg;
	volatile double one = 1.0, three = 3.0;

	f->inherited_mxcsr = get_mxcsr();
	f->inherited_fpucw = get_fpucw();

	set_mxcsr((get_mxcsr() & ~MXCSR_RC_MASK) | MXCSR_RC_UP);
	set_fpucw((get_fpucw() & ~FPUCW_RC_MASK) | FPUCW_RC_UP);
	coro_switch(f->self, f->main);

	f->mxcsr_after = get_mxcsr();
	f->fpucw_after = get_fpucw();
	f->third_up = one / three;	/* SSE divide, rounded per MXCSR */
}

/*
 * MXCSR and the x87 CW are per-context: a coroutine that switches the
 * rounding mode must neither leak it to others nor lose it across a switch.
 */
static void test_fp_control_state(void **state)
{
	const uint32_t mxcsr0 = get_mxcsr();
	const uint16_t fpucw0 = get_fpucw();
	volatile double one = 1.0, three = 3.0;
	double third_near;
	struct fpctl f = { 0 };
	(void)state;

	f.main = coro_self_main();
	third_near = one / three;

	/* A new coroutine inherits the creator's modes, like a new thread. */
	set_mxcsr((mxcsr0 & ~MXCSR_RC_MASK) | MXCSR_RC_ZERO);
	set_fpucw((fpucw0 & ~FPUCW_RC_MASK) | FPUCW_RC_ZERO);
	f.self = coro_create(fpctl_fn, &f, STACK_64K);
	set_mxcsr(mxcsr0);
	set_fpucw(fpucw0);
	assert_non_null(f.self);

	coro_switch(f.main, f.self);
	assert_int_equal(f.inherited_mxcsr & MXCSR_RC_MASK, MXCSR_RC_ZERO);
	assert_int_equal(f.inherited_fpucw & FPUCW_RC_MASK, FPUCW_RC_ZERO);
	/* The coroutine left round-up behind; we must see our own modes. */
	assert_int_equal(get_mxcsr() & MXCSR_RC_MASK, mxcsr0 & MXCSR_RC_MASK);
	assert_int_equal(get_fpucw(), fpucw0);

	set_mxcsr((mxcsr0 & ~MXCSR_RC_MASK) | MXCSR_RC_DOWN);
	coro_switch(f.main, f.self);
	assert_true(coro_finished(f.self));
	assert_int_equal(get_mxcsr() & MXCSR_RC_MASK, MXCSR_RC_DOWN);
	set_mxcsr(mxcsr0);

	assert_int_equal(f.mxcsr_after & MXCSR_RC_MASK, MXCSR_RC_UP);
	assert_int_equal(f.fpucw_after & FPUCW_RC_MASK, FPUCW_RC_UP);
	/* Valgrind's SSE emulation always rounds to nearest. */
	if (!RUNNING_ON_VALGRIND)
		assert_true(f.third_up > third_near);
	coro_destroy(f.self);
}

/*
 * Compiler-managed state across switches: doubles and integers live in a
 * deep recursion that switches out at several depths, while the other side
 * churns through its own FP work. Run once without switching for the
 * reference result; both must agree bit for bit.
 */
struct fpwork {
	struct coro *main, *self;
	bool do_switch;
	int switches;
	double result;
	unsigned long iresult;
};

#define FP_DEPTH	200

static double __attribute__((noinline))
fp_recurse(struct fpwork *w, int depth, double x, unsigned long *acc)
{
	register long k = (long)depth * 2654435761L + 12345;
	volatile double local = x * 1.000001 + depth * 0.25;
	double r;

	if (depth == 0) {
		if (w->do_switch) {
			w->switches++;
			coro_switch(w->self, w->main);
		}
		r = local;
	} else {
		r = fp_recurse(w, depth - 1, local / 1.0000003, acc);
		r = r * 0.999 + local * 0.5 - (double)depth / 7.0;
	}
	if (depth % 16 == 0 && w->do_switch) {
		w->switches++;
		coro_switch(w->self, w->main);
	}
	*acc = *acc * 31 +
	       ((unsigned long)k ^ (unsigned long)(long)(r * 1000.0));
	return r;
}

static void fpwork_fn(void *arg)
{
	struct fpwork *w = arg;
	unsigned long acc = 7;

	w->result = fp_recurse(w, FP_DEPTH, 1.5, &acc);
	w->iresult = acc;
}

static void test_fp_and_registers_across_switches(void **state)
{
	struct fpwork ref = { 0 }, w = { 0 };
	volatile double noise = 0.1;
	int rounds = 0;
	(void)state;

	/* Reference: same code, same arithmetic, no switches. */
	fpwork_fn(&ref);

	w.main = coro_self_main();
	w.do_switch = true;
	w.self = coro_create(fpwork_fn, &w, STACK_64K);
	assert_non_null(w.self);
	while (!coro_finished(w.self)) {
		double z = noise;

		for (int i = 0; i < 50; i++)
			z = z * 1.7 - (double)i / (z + 3.0);
		noise = z;
		coro_switch(w.main, w.self);
		rounds++;
	}
	assert_true(w.switches > FP_DEPTH / 16);
	assert_int_equal(rounds, w.switches + 1);
	assert_memory_equal(&w.result, &ref.result, sizeof(double));
	assert_int_equal(w.iresult, ref.iresult);
	coro_destroy(w.self);
}

/* ------------------------------------------------------------------ */
/* stacks                                                             */
/* ------------------------------------------------------------------ */

#define DEEP_FRAME	4096
#define DEEP_LEVELS	12	/* 48 KiB of arrays on a 64 KiB stack */

struct deep {
	struct coro *main, *self;
	long bad;
	int deepest;
	uintptr_t top, bottom;
};

static void __attribute__((noinline)) deep_recurse(struct deep *d, int level)
{
	volatile unsigned char buf[DEEP_FRAME];

	for (int i = 0; i < DEEP_FRAME; i++)
		buf[i] = (unsigned char)(level * 31 + i);
	if (level + 1 < DEEP_LEVELS) {
		deep_recurse(d, level + 1);
	} else {
		d->deepest = level;
		d->bottom = (uintptr_t)&buf[0];
		/* Let the other side run while this stack is at its deepest. */
		coro_switch(d->self, d->main);
	}
	for (int i = 0; i < DEEP_FRAME; i++)
		if (buf[i] != (unsigned char)(level * 31 + i))
			d->bad++;
}

static void deep_fn(void *arg)
{
	struct deep *d = arg;

	d->top = (uintptr_t)__builtin_frame_address(0);
	deep_recurse(d, 0);
}

static void test_deep_stack(void **state)
{
	struct deep d = { 0 };
	volatile unsigned char scribble[DEEP_FRAME];
	(void)state;

	d.main = coro_self_main();
	d.self = coro_create(deep_fn, &d, STACK_64K);
	assert_non_null(d.self);

	coro_switch(d.main, d.self);
	assert_int_equal(d.deepest, DEEP_LEVELS - 1);
	/* Main uses its own stack meanwhile; it must not alias the coro's. */
	memset((void *)scribble, 0xa5, sizeof(scribble));
	coro_switch(d.main, d.self);
	assert_true(coro_finished(d.self));
	assert_int_equal(d.bad, 0);
	assert_true(d.top - d.bottom >= (uintptr_t)(DEEP_LEVELS - 1) *
					 DEEP_FRAME);
	assert_true(d.top - d.bottom < STACK_64K);
	coro_destroy(d.self);
}

#define GUARD_STACK	(16 * 1024)

static volatile uintptr_t guard_top;
static volatile uintptr_t guard_lo_bound, guard_hi_bound;

static void guard_segv(int sig, siginfo_t *si, void *uc)
{
	uintptr_t a = (uintptr_t)si->si_addr;

	(void)sig;
	(void)uc;
	if (a >= guard_lo_bound && a < guard_hi_bound)
		_exit(42);
	fprintf(stderr, "guard: fault at %#lx, want [%#lx, %#lx) top %#lx\n",
		(unsigned long)a, (unsigned long)guard_lo_bound,
		(unsigned long)guard_hi_bound, (unsigned long)guard_top);
	_exit(43);
}

/* Volatile bound: keeps the compiler from proving infinite recursion. */
static volatile int guard_limit = 1 << 30;

static unsigned long __attribute__((noinline)) guard_recurse(int n)
{
	volatile unsigned char buf[512];

	buf[0] = (unsigned char)n;
	buf[sizeof(buf) - 1] = (unsigned char)n;
	if (n >= guard_limit)
		return 0;
	return guard_recurse(n + 1) + buf[0] + buf[sizeof(buf) - 1];
}

static void guard_fn(void *arg)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	(void)arg;
	guard_top = (uintptr_t)__builtin_frame_address(0);
	/*
	 * The mapping's top is within a page above our frame, so its lowest
	 * usable byte lo is in (top - size, top - size + page] and the guard
	 * page [lo - page, lo) lies inside [top - size - page,
	 * top - size + page).
	 */
	guard_lo_bound = guard_top - GUARD_STACK - page;
	guard_hi_bound = guard_top - GUARD_STACK + page;
	guard_recurse(0);
}

/* Overflowing a coroutine stack must hit the guard page, not a neighbour. */
static void test_guard_page(void **state)
{
	int status;
	pid_t pid;
	(void)state;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		static char altstack[64 * 1024];
		stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
		struct sigaction sa = { 0 };
		struct coro *c;

		sigaltstack(&ss, NULL);
		sa.sa_sigaction = guard_segv;
		sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGSEGV, &sa, NULL);

		c = coro_create(guard_fn, NULL, GUARD_STACK);
		if (!c)
			_exit(44);
		coro_switch(coro_self_main(), c);
		_exit(45);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 42);
}

/*
 * longjmp() inside a coroutine skips frames whose ASan redzones are still
 * poisoned. ASan cleans them up in __asan_handle_no_return() only if it
 * knows the bounds of the stack it is on, which is what the fiber
 * annotations in coro.c tell it; without them the next deep call reusing
 * that stack reports a bogus stack-buffer-overflow. Without ASan this is
 * just a setjmp/longjmp sanity check on a coroutine stack.
 */
struct jmp {
	struct coro *main, *self;
	jmp_buf env;
	long sum;
};

static void __attribute__((noinline)) jmp_thrower(struct jmp *j, int depth)
{
	volatile char pad[64];

	/* Never taken: gcc's -Winfinite-recursion does not see the longjmp. */
	if (depth < 0)
		return;
	pad[0] = (char)depth;
	if (depth > 0)
		jmp_thrower(j, depth - 1);
	else
		longjmp(j->env, 1);
	j->sum += pad[0];
}

static void __attribute__((noinline)) jmp_stack_user(struct jmp *j)
{
	volatile char big[2048];

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)i;
	for (size_t i = 0; i < sizeof(big); i++)
		j->sum += big[i];
}

static void jmp_fn(void *arg)
{
	struct jmp *j = arg;

	if (!setjmp(j->env))
		jmp_thrower(j, 8);
	coro_switch(j->self, j->main);
	jmp_stack_user(j);
}

static void test_longjmp_in_coroutine(void **state)
{
	struct jmp j = { 0 };
	long want = 0;
	(void)state;

	for (int i = 0; i < 2048; i++)
		want += (char)i;

	j.main = coro_self_main();
	j.self = coro_create(jmp_fn, &j, STACK_64K);
	assert_non_null(j.self);
	coro_switch(j.main, j.self);
	assert_false(coro_finished(j.self));
	coro_switch(j.main, j.self);
	assert_true(coro_finished(j.self));
	assert_int_equal(j.sum, want);
	coro_destroy(j.self);
}

/* ------------------------------------------------------------------ */
/* alignment                                                          */
/* ------------------------------------------------------------------ */

struct align {
	uintptr_t frame_mod16;
	unsigned long call_misalign;
	uintptr_t vec_mod16;
	double vec_out[2];
};

static void align_fn(void *arg)
{
	struct align *a = arg;
	_Alignas(16) double v[2] = { 1.25, -2.5 };

	a->frame_mod16 = (uintptr_t)__builtin_frame_address(0) & 15;
	a->call_misalign = test_entry_misalign();
	a->vec_mod16 = (uintptr_t)v & 15;
	/* movapd faults (#GP) on a misaligned operand. */
	__asm__ volatile("movapd %0, %%xmm0\n\t"
			 "addpd %%xmm0, %%xmm0\n\t"
			 "movapd %%xmm0, %0"
			 : "+m"(v) : : "xmm0");
	a->vec_out[0] = v[0];
	a->vec_out[1] = v[1];
}

static void test_stack_alignment(void **state)
{
	struct align a = { .frame_mod16 = 99, .call_misalign = 99,
			   .vec_mod16 = 99 };
	struct coro *c;
	(void)state;

	c = coro_create(align_fn, &a, STACK_64K);
	assert_non_null(c);
	coro_switch(coro_self_main(), c);
	assert_true(coro_finished(c));
	/*
	 * fn is entered with rsp % 16 == 8 (return address just pushed), so
	 * after `push %rbp` the frame address is 16-byte aligned.
	 */
	assert_int_equal(a.frame_mod16, 0);
	assert_int_equal(a.call_misalign, 0);
	assert_int_equal(a.vec_mod16, 0);
	assert_true(a.vec_out[0] == 2.5 && a.vec_out[1] == -5.0);
	coro_destroy(c);
}

/* ------------------------------------------------------------------ */
/* many coroutines, no leaked mappings                                */
/* ------------------------------------------------------------------ */

#define MANY		1000

static void many_fn(void *arg)
{
	int *slot = arg;

	*slot += 1;
}

/* Returns the number of maps lines seen while all were alive. */
static int many_round(struct coro **cs, int *hits)
{
	struct coro *main_c = coro_self_main();
	int alive_maps;

	for (int i = 0; i < MANY; i++) {
		cs[i] = coro_create(many_fn, &hits[i], 16 * 1024);
		if (!cs[i])
			return -1;
	}
	alive_maps = count_maps();
	for (int i = 0; i < MANY; i++)
		coro_switch(main_c, cs[i]);
	for (int i = 0; i < MANY; i++) {
		if (!coro_finished(cs[i]))
			return -1;
		coro_destroy(cs[i]);
	}
	return alive_maps;
}

static void test_many_coroutines(void **state)
{
	static struct coro *cs[MANY];
	static int hits[MANY];
	int before, alive, after;
	(void)state;

	/* Warm-up so allocator/sanitizer mappings settle before counting. */
	assert_true(many_round(cs, hits) > 0);

	before = count_maps();
	alive = many_round(cs, hits);
	after = count_maps();

	assert_true(before > 0);
	/* Each stack is at least one mapping: proves the count can move. */
	assert_true(alive >= before + MANY);
	assert_int_equal(after, before);
	for (int i = 0; i < MANY; i++)
		assert_int_equal(hits[i], 2);
}

/* ------------------------------------------------------------------ */
/* coro_current                                                       */
/* ------------------------------------------------------------------ */

struct cur {
	struct coro *main, *a, *b;
	struct coro *seen[5];
};

static void cur_b_fn(void *arg)
{
	struct cur *c = arg;

	c->seen[1] = coro_current();
	coro_switch(c->b, c->main);
}

static void cur_a_fn(void *arg)
{
	struct cur *c = arg;

	c->seen[0] = coro_current();
	coro_switch(c->a, c->b);
	c->seen[3] = coro_current();
}

static void test_coro_current(void **state)
{
	struct cur c = { 0 };
	(void)state;

	c.main = coro_self_main();
	assert_ptr_equal(coro_current(), c.main);
	c.a = coro_create(cur_a_fn, &c, STACK_64K);
	c.b = coro_create(cur_b_fn, &c, STACK_64K);
	assert_non_null(c.a);
	assert_non_null(c.b);

	/* main -> a -> b -> main -> a -> (a returns) main */
	coro_switch(c.main, c.a);
	c.seen[2] = coro_current();
	coro_switch(c.main, c.a);
	c.seen[4] = coro_current();

	assert_ptr_equal(c.seen[0], c.a);
	assert_ptr_equal(c.seen[1], c.b);
	assert_ptr_equal(c.seen[2], c.main);
	assert_ptr_equal(c.seen[3], c.a);
	assert_ptr_equal(c.seen[4], c.main);
	assert_true(coro_finished(c.a));
	assert_false(coro_finished(c.b));	/* suspended in its switch */
	assert_false(coro_finished(c.main));

	/* Destroying a suspended (never finished) coroutine is allowed. */
	coro_destroy(c.b);
	coro_destroy(c.a);
}

/* coro_reset(): a finished and a suspended coroutine run anew */
static struct coro *reset_main;
static int reset_log[8];
static int reset_n;

static void reset_fn_a(void *arg)
{
	reset_log[reset_n++] = 10 + (int)(intptr_t)arg;
}

static void reset_fn_parked(void *arg)
{
	reset_log[reset_n++] = 20;
	coro_switch(coro_current(), reset_main);	/* parked for ever */
	reset_log[reset_n++] = 99;			/* never */
}

static void test_reset_reuses_the_stack(void **state)
{
	struct coro *c;
	void *stack;

	reset_main = coro_self_main();
	reset_n = 0;
	c = coro_create(reset_fn_a, (void *)1, 64 * 1024);
	assert_non_null(c);
	coro_switch(reset_main, c);
	assert_true(coro_finished(c));
	stack = (void *)c;
	assert_int_equal(coro_reset(c, reset_fn_parked, NULL), 0);
	assert_false(coro_finished(c));
	coro_switch(reset_main, c);		/* parks itself */
	assert_false(coro_finished(c));
	/* a suspended coroutine may be reset too: its old life is dropped */
	assert_int_equal(coro_reset(c, reset_fn_a, (void *)2), 0);
	coro_switch(reset_main, c);
	assert_true(coro_finished(c));
	assert_ptr_equal((void *)c, stack);
	assert_int_equal(reset_n, 3);
	assert_int_equal(reset_log[0], 11);
	assert_int_equal(reset_log[1], 20);
	assert_int_equal(reset_log[2], 12);	/* never 99 */
	assert_int_equal(coro_reset(reset_main, reset_fn_a, NULL), -1);
	assert_int_equal(coro_reset(c, NULL, NULL), -1);
	coro_destroy(c);
}

static void test_create_errors(void **state)
{
	(void)state;

	errno = 0;
	assert_null(coro_create(fin_nop_fn, NULL, 0));
	assert_int_equal(errno, EINVAL);
	errno = 0;
	assert_null(coro_create(NULL, NULL, STACK_64K));
	assert_int_equal(errno, EINVAL);
	errno = 0;
	assert_null(coro_create(fin_nop_fn, NULL, SIZE_MAX));
	assert_int_equal(errno, EINVAL);
	coro_destroy(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ping_pong),
		cmocka_unit_test(test_round_robin),
		cmocka_unit_test(test_finish_returns_to_resumer),
		cmocka_unit_test(test_finish_nested_resumer),
		cmocka_unit_test(test_switch_into_finished_aborts),
		cmocka_unit_test(test_callee_saved_registers),
		cmocka_unit_test(test_fp_control_state),
		cmocka_unit_test(test_fp_and_registers_across_switches),
		cmocka_unit_test(test_deep_stack),
		cmocka_unit_test(test_guard_page),
		cmocka_unit_test(test_longjmp_in_coroutine),
		cmocka_unit_test(test_stack_alignment),
		cmocka_unit_test(test_many_coroutines),
		cmocka_unit_test(test_coro_current),
		cmocka_unit_test(test_create_errors),
		cmocka_unit_test(test_reset_reuses_the_stack),
	};

	return cmocka_run_group_tests_name("coro", tests, NULL, NULL);
}

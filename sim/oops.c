// SPDX-License-Identifier: GPL-2.0-only
/*
 * Oopses: a SIGSEGV, SIGBUS, SIGFPE or SIGILL that the CPU raises while
 * a simulated thread runs kernel or model code is a finding of the run,
 * as the kernel makes one of a fault in kernel mode (page_fault_oops()
 * in arch/x86/mm/fault.c, the traps of arch/x86/kernel/traps.c), and
 * that thread dies while the others run on: a crash of the code under
 * test is no crash of the tool.
 *
 * The handler runs on its own stack (a coroutine's may be what
 * overflowed), notes the fault and the unwound stack (backtrace() steps
 * through the signal frame) and returns -- sigreturn restores the
 * signal mask -- into oops_entry() on the thread's own stack below the
 * faulting frames, which are left as they are, as an oops leaves them.
 * oops_entry() records the finding and ends the thread as SIM_BUG_ON()
 * does (sim_thread_die()).  A fault anywhere else -- the scheduler, the
 * tool, a thread already being ended -- and a signal someone sent get
 * the disposition they had before: by default the process dies of it.
 *
 * The finding says only what is the same in every run of the same
 * binary (the report is hashed, docs/traces.md): the function and the
 * offset of the faulting instruction, a NULL-page address; a host
 * address (ASLR) goes to stderr only, a line per oops.
 */
#define _GNU_SOURCE
#include <execinfo.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include "sim/coro.h"
#include "sim/ksyms.h"
#include "sim/sched.h"

#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#define OOPS_ASAN 1
#endif

static const int oops_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL };
#define NR_OOPS_SIGNALS (sizeof(oops_signals) / sizeof(oops_signals[0]))

static struct sigaction old_action[NR_OOPS_SIGNALS];
static bool installed;

/* The handler's stack: sanitizers' handlers need room too */
static char altstack[128 * 1024] __attribute__((aligned(64)));

/*
 * oops_entry() runs under the faulting frames, past the red zone, when
 * at least OOPS_MIN_STACK is left there; else (an overflow) on the
 * spare stack, once per run: a second overflow before sim_reset() is
 * the tool's fault.  How far below its stack a thread's sp may be and
 * still be that thread's (a frame larger than the guard page).
 */
#define OOPS_RED_ZONE	128
#define OOPS_MIN_STACK	(64 * 1024)
#define OOPS_OVERRUN	(64 * 1024)
static char spare_stack[128 * 1024] __attribute__((aligned(64)));
static bool spare_busy;

#define OOPS_MAX_FRAMES 128

/* What the handler saw, for oops_entry() (nothing runs in between) */
static struct oops {
	int sig, code;
	uintptr_t addr, pc;
	uintptr_t stack_lo, guard;
	int nr_frames;
	void *frames[OOPS_MAX_FRAMES];
} pending;

/* "func+0x1c/0x80", as the kernel prints a RIP; "?" if unknown */
static void format_pc(char *buf, size_t len, uintptr_t pc)
{
	unsigned long off, size;
	const char *name = sim_ksym_lookup((void *)pc, &off, &size);

	if (!name)
		snprintf(buf, len, "?");
	else if (size)
		snprintf(buf, len, "%s+%#lx/%#lx", name, off, size);
	else
		snprintf(buf, len, "%s+%#lx", name, off);
}

/* The kernel's words for the fault, address-free but for the NULL page */
static void describe(const struct oops *o, char *buf, size_t len)
{
	switch (o->sig) {
	case SIGSEGV:
		if (o->addr < o->stack_lo &&
		    o->addr >= o->stack_lo - o->guard - OOPS_OVERRUN)
			snprintf(buf, len, "stack guard page was hit "
				 "(kernel stack overflow)");
		else if (o->code == SI_KERNEL)
			snprintf(buf, len, "general protection fault");
		else if (o->addr < 4096)
			snprintf(buf, len, "kernel NULL pointer dereference, "
				 "address: 0x%016lx", (unsigned long)o->addr);
		else
			snprintf(buf, len, "unable to handle page fault for "
				 "a host address (%s)",
				 o->code == SEGV_ACCERR ? "permissions" :
							  "not mapped");
		break;
	case SIGBUS:
		snprintf(buf, len, "bus error for a host address (%s)",
			 o->code == BUS_ADRALN ? "misaligned" :
			 o->code == BUS_ADRERR ? "no such backing" :
						 "hardware error");
		break;
	case SIGFPE:
		if (o->code == FPE_INTDIV || o->code == FPE_INTOVF)
			snprintf(buf, len, "divide error");
		else
			snprintf(buf, len, "floating-point exception");
		break;
	default:
		snprintf(buf, len, "invalid opcode");
		break;
	}
}

/*
 * "f > g > h", outermost first, from the unwound frames: the faulting
 * pc, then return addresses (looked up one byte back, inside the call).
 * Innermost frames first when it is too long.  False when the unwinder
 * did not get through the signal frame.
 */
static bool format_stack(const struct oops *o, char *buf, size_t len)
{
	const char *names[OOPS_MAX_FRAMES];
	size_t need = 0, used;
	int first, i, n = 0, from;

	for (first = 0; first < o->nr_frames; first++)
		if ((uintptr_t)o->frames[first] == o->pc)
			break;
	if (first == o->nr_frames)
		return false;
	for (i = first; i < o->nr_frames; i++) {
		unsigned long off, size;
		uintptr_t a = (uintptr_t)o->frames[i] - (i > first);
		const char *name = sim_ksym_lookup((void *)a, &off, &size);

		/* the coroutine's own start: no function of the thread */
		if (name && !strncmp(name, "faultsim_coro_", 14))
			break;
		names[n++] = name ? name : "?";
	}
	/* the innermost that fit, with "... > " for the rest */
	for (from = 0; from < n; from++) {
		size_t add = strlen(names[from]) + 3;

		if (need + add + 8 > len)
			break;
		need += add;
	}
	/* cut here, or by the unwinder's limit */
	used = snprintf(buf, len, "%s", from < n ||
			o->nr_frames == OOPS_MAX_FRAMES ? "... > " : "");
	for (i = from - 1; i >= 0 && used < len; i--)
		used += snprintf(buf + used, len - used, "%s%s", names[i],
				 i ? " > " : "");
	return n > 0;
}

/* Where the faulting thread goes on: it records the oops and dies. */
static _Noreturn __attribute__((__used__)) void oops_entry(void)
{
	/* off the stack; read only before anything can switch away */
	static struct oops o;
	char where[128], msg[128], stack[SIM_FINDING_DETAIL - 64];
	char detail[SIM_FINDING_DETAIL];
	struct sim_thread *t = sim_current();

	o = pending;
	format_pc(where, sizeof(where), o.pc);
	describe(&o, msg, sizeof(msg));
	/* the one thing the finding cannot say: which host address */
	if ((o.sig == SIGSEGV || o.sig == SIGBUS) && strstr(msg, "host"))
		fprintf(stderr, "faultsim: oops in thread %s at %s: host "
			"address %#lx\n", sim_thread_name(t), where,
			(unsigned long)o.addr);
	sim_finding(SIM_FINDING_OOPS, NULL, 0, NULL, "%s", msg);
	sim_finding_set_where(where);
	/* else the kernel functions' shadow stack sim_finding() took */
	if (format_stack(&o, stack, sizeof(stack))) {
		snprintf(detail, sizeof(detail), "%s: %s", sim_thread_name(t),
			 stack);
		sim_finding_set_detail(detail);
	}
	sim_thread_die();
}

/* The signal is not ours: back to what it was, and again under that */
static void give_back(int sig, const siginfo_t *si)
{
	size_t i;

	for (i = 0; i < NR_OOPS_SIGNALS; i++)
		sigaction(oops_signals[i], &old_action[i], NULL);
	installed = false;
	/* a fault comes back as the instruction runs again; a sent one not */
	if (si->si_code <= 0)
		raise(sig);
}

static void oops_handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *gr = uc->uc_mcontext.gregs;
	uintptr_t sp = (uintptr_t)gr[REG_RSP], lo, hi, new_sp;
	/* only what the CPU raised (si_code > 0): not a kill(), raise() */
	struct coro *c = si->si_code > 0 ? sim_oops_coro() : NULL;
	size_t len, guard;
	void *stack_lo;

	if (!c || !coro_stack(c, &stack_lo, &len, &guard))
		goto not_ours;
	lo = (uintptr_t)stack_lo;
	hi = lo + len;
	/* on the thread's stack (or just past its end: an overflow) */
	if (sp > hi || sp < lo - guard - OOPS_OVERRUN)
		goto not_ours;
	if (sp < lo + OOPS_MIN_STACK && spare_busy)
		goto not_ours;
	sim_oops_mark();
	pending.sig = sig;
	pending.code = si->si_code;
	pending.addr = (uintptr_t)si->si_addr;
	pending.pc = (uintptr_t)gr[REG_RIP];
	pending.stack_lo = lo;
	pending.guard = guard;
	pending.nr_frames = backtrace(pending.frames, OOPS_MAX_FRAMES);
	if (sp < lo + OOPS_MIN_STACK) {
		spare_busy = true;
		new_sp = (uintptr_t)spare_stack + sizeof(spare_stack);
#ifdef OOPS_ASAN
		/* frames that never returned may have left redzones */
		__asan_unpoison_memory_region(spare_stack,
					      sizeof(spare_stack));
#endif
	} else {
		new_sp = sp - OOPS_RED_ZONE;
	}
	/* as if called: rsp + 8 aligned, a zero return address ends unwinds */
	new_sp = (new_sp & ~(uintptr_t)15) - 8;
	*(uint64_t *)new_sp = 0;
	gr[REG_RSP] = (greg_t)new_sp;
	gr[REG_RIP] = (greg_t)(uintptr_t)oops_entry;
	gr[REG_RBP] = 0;
	gr[REG_EFL] &= ~(greg_t)0x400;	/* DF: clear at any call (SysV) */
	if (uc->uc_mcontext.fpregs) {
		/* an empty x87 stack, no exception pending, as at a call */
		uc->uc_mcontext.fpregs->swd = 0;
		uc->uc_mcontext.fpregs->ftw = 0;
	}
	return;
not_ours:
	give_back(sig, si);
}

void sim_oops_reset(void)
{
	spare_busy = false;	/* no thread of a past run dies on it */
}

void sim_oops_install(void)
{
	struct sigaction sa;
	stack_t ss, old;
	void *warm[1];
	size_t i;

	if (installed)
		return;
	/*
	 * Not in the handler: backtrace() loads libgcc's unwinder on its
	 * first call, and the symbol table is read with malloc(), which a
	 * thread may have died inside.
	 */
	backtrace(warm, 1);
	sim_ksym_name((void *)sim_oops_install);
	if (!sigaltstack(NULL, &old) && !(old.ss_flags & SS_ONSTACK) &&
	    ((old.ss_flags & SS_DISABLE) || old.ss_size < sizeof(altstack))) {
		ss = (stack_t){ .ss_sp = altstack,
				.ss_size = sizeof(altstack) };
		sigaltstack(&ss, NULL);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = oops_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NR_OOPS_SIGNALS; i++)
		sigaction(oops_signals[i], &sa, &old_action[i]);
	installed = true;
}

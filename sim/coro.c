// SPDX-License-Identifier: GPL-2.0
/*
 * Cooperative coroutines with a hand-written x86-64 context switch.
 *
 * A suspended coroutine is nothing but a saved stack pointer: the switch
 * pushes the callee-saved registers plus MXCSR/x87 CW onto the old stack,
 * stores rsp, loads the other rsp and pops the same layout back off. A new
 * coroutine gets a hand-built frame in exactly that layout whose "return
 * address" is the entry trampoline.
 *
 * The switch is written as top-level asm in this file rather than a .S so
 * that the build needs no ASM language support and the object gets the
 * compiler's usual .note.GNU-stack (non-executable stack) marking.
 */
#define _GNU_SOURCE

#include "sim/coro.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#if !defined(__x86_64__)
#error "sim/coro.c implements the context switch for x86-64 (SysV ABI) only"
#endif

#ifndef __has_feature
#define __has_feature(x) 0
#endif

#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define CORO_ASAN 1
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

/*
 * The coroutine layer's invariants, on in every build (no assert()).  A
 * broken one always aborts, inside a simulated thread or not: it is
 * caught in the middle of a switch, with no consistent context left to
 * end a thread from (sim/sched.h's SIM_BUG_ON() sits above this layer).
 */
#define CORO_BUG_ON(cond)                                               \
	do {                                                            \
		if (__builtin_expect(!!(cond), 0))                      \
			coro_bug(__LINE__, __func__, #cond);            \
	} while (0)

static _Noreturn __attribute__((__noinline__, __cold__)) void
coro_bug(int line, const char *func, const char *cond)
{
	fprintf(stderr, "faultsim: coro invariant broken at sim/coro.c:%d "
			"%s: %s\n", line, func, cond);
	abort();
}

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#define CORO_VALGRIND 1
#include <valgrind/valgrind.h>
#endif
#endif

struct coro {
	/* Saved rsp while suspended; points at the layout described below. */
	void *sp;
	/* Who most recently switched into us: where we go when fn returns. */
	struct coro *resumer;
	coro_fn_t fn;
	void *arg;
	/* Whole mapping, guard page included, for munmap(). */
	void *map;
	size_t map_len;
	/* Usable stack, i.e. the mapping minus the guard page. */
	void *stack_lo;
	size_t stack_len;
	bool finished;
	bool is_main;
#ifdef CORO_VALGRIND
	unsigned int vg_stack_id;
#endif
#ifdef CORO_ASAN
	/*
	 * ASan's per-fiber state: the fake stack (for use-after-return
	 * detection) parked while we are suspended, and our stack bounds,
	 * which ASan needs when something switches *to* us. For the main
	 * context the bounds are unknown until ASan tells us about them on
	 * the first switch away from it.
	 */
	void *asan_fake_stack;
	const void *asan_bottom;
	size_t asan_size;
#endif
};

/*
 * Saved frame, lowest address first (what the saved sp points at):
 *
 *	sp+0	MXCSR (32 bits), x87 control word (16 bits), 16 bits free
 *	sp+8	r15
 *	sp+16	r14
 *	sp+24	r13
 *	sp+32	r12
 *	sp+40	rbx
 *	sp+48	rbp
 *	sp+56	return address
 *
 * Because both sides of a switch have the same layout, the CFI below stays
 * true after rsp is swapped: it then describes the resumed context.
 */
enum {
	FRAME_CSR,
	FRAME_R15,
	FRAME_R14,
	FRAME_R13,
	FRAME_R12,
	FRAME_RBX,
	FRAME_RBP,
	FRAME_RET,
	/* Only in a new coroutine's initial frame: */
	FRAME_NULL_RET,	/* trampoline's absent caller: ends backtraces */
	FRAME_PAD,	/* keeps rsp 16-byte aligned at the trampoline */
	FRAME_WORDS,
};

void faultsim_coro_swap(void **save_sp, void *load_sp)
	__attribute__((visibility("hidden")));
void faultsim_coro_trampoline(void) __attribute__((visibility("hidden")));
void faultsim_coro_entry(struct coro *self)
	__attribute__((visibility("hidden"), used, noreturn));

/*
 * faultsim_coro_swap(save_sp = rdi, load_sp = rsi)
 *
 * Everything not saved here is caller-saved in the SysV ABI, so the
 * compiler has already spilled whatever it needs. MXCSR and the x87 CW are
 * callee-saved too ("control bits"), which is why a coroutine that changes
 * the rounding mode does not leak it into the others.
 *
 * faultsim_coro_trampoline is reached by the swap's `ret` on a new
 * coroutine's first run, with r12 = struct coro * and rsp 16-byte aligned
 * so the `call` leaves the callee with the ABI's entry alignment. rip is
 * marked undefined so debuggers and unwinders stop there instead of walking
 * into garbage; rbp is 0 for frame-pointer walkers.
 */
__asm__(
	".pushsection .text\n"
	".globl faultsim_coro_swap\n"
	".hidden faultsim_coro_swap\n"
	".type faultsim_coro_swap, @function\n"
	".p2align 4\n"
"faultsim_coro_swap:\n"
	".cfi_startproc\n"
	"pushq %rbp\n"
	".cfi_adjust_cfa_offset 8\n"
	".cfi_rel_offset %rbp, 0\n"
	"pushq %rbx\n"
	".cfi_adjust_cfa_offset 8\n"
	".cfi_rel_offset %rbx, 0\n"
	"pushq %r12\n"
	".cfi_adjust_cfa_offset 8\n"
	".cfi_rel_offset %r12, 0\n"
	"pushq %r13\n"
	".cfi_adjust_cfa_offset 8\n"
	".cfi_rel_offset %r13, 0\n"
	"pushq %r14\n"
	".cfi_adjust_cfa_offset 8\n"
	".cfi_rel_offset %r14, 0\n"
	"pushq %r15\n"
	".cfi_adjust_cfa_offset 8\n"
	".cfi_rel_offset %r15, 0\n"
	"subq $8, %rsp\n"
	".cfi_adjust_cfa_offset 8\n"
	"stmxcsr (%rsp)\n"
	"fnstcw 4(%rsp)\n"
	"movq %rsp, (%rdi)\n"
	"movq %rsi, %rsp\n"
	"ldmxcsr (%rsp)\n"
	"fldcw 4(%rsp)\n"
	"addq $8, %rsp\n"
	".cfi_adjust_cfa_offset -8\n"
	"popq %r15\n"
	".cfi_adjust_cfa_offset -8\n"
	".cfi_restore %r15\n"
	"popq %r14\n"
	".cfi_adjust_cfa_offset -8\n"
	".cfi_restore %r14\n"
	"popq %r13\n"
	".cfi_adjust_cfa_offset -8\n"
	".cfi_restore %r13\n"
	"popq %r12\n"
	".cfi_adjust_cfa_offset -8\n"
	".cfi_restore %r12\n"
	"popq %rbx\n"
	".cfi_adjust_cfa_offset -8\n"
	".cfi_restore %rbx\n"
	"popq %rbp\n"
	".cfi_adjust_cfa_offset -8\n"
	".cfi_restore %rbp\n"
	"ret\n"
	".cfi_endproc\n"
	".size faultsim_coro_swap, .-faultsim_coro_swap\n"
	"\n"
	".globl faultsim_coro_trampoline\n"
	".hidden faultsim_coro_trampoline\n"
	".type faultsim_coro_trampoline, @function\n"
	".p2align 4\n"
"faultsim_coro_trampoline:\n"
	".cfi_startproc\n"
	".cfi_undefined %rip\n"
	"movq %r12, %rdi\n"
	"call faultsim_coro_entry\n"
	"ud2\n"
	".cfi_endproc\n"
	".size faultsim_coro_trampoline, .-faultsim_coro_trampoline\n"
	".popsection\n");

/*
 * Coroutines are bound to one OS thread, so "current" is per OS thread.
 * The main context needs no stack of its own (it runs on the thread's), so
 * it lives in static TLS rather than on the heap.
 */
static _Thread_local struct coro main_coro;
static _Thread_local struct coro *cur;

#ifdef CORO_ASAN
/* The context being switched away from, for the far side's finish call. */
static _Thread_local struct coro *asan_prev;

static void asan_start(void **fake_stack_save, struct coro *from,
		       struct coro *to)
{
	asan_prev = from;
	__sanitizer_start_switch_fiber(fake_stack_save, to->asan_bottom,
				       to->asan_size);
}

static void asan_finish(void *fake_stack_save)
{
	struct coro *prev = asan_prev;

	/*
	 * ASan reports the bounds of the stack we just left. For a coroutine
	 * we knew them already; for the main context this is the only way to
	 * learn them, and we need them before anything can switch back.
	 */
	__sanitizer_finish_switch_fiber(fake_stack_save, &prev->asan_bottom,
					&prev->asan_size);
}
#endif

struct coro *coro_self_main(void)
{
	if (!cur) {
		main_coro.is_main = true;
		cur = &main_coro;
	}
	return &main_coro;
}

struct coro *coro_current(void)
{
	if (!cur)
		return coro_self_main();
	return cur;
}

bool coro_finished(const struct coro *c)
{
	return c->finished;
}

bool coro_stack(const struct coro *c, void **lo, size_t *len,
		size_t *guard)
{
	if (c->is_main)
		return false;
	*lo = c->stack_lo;
	*len = c->stack_len;
	*guard = c->map_len - c->stack_len;
	return true;
}

void faultsim_coro_entry(struct coro *self)
{
	struct coro *to;

	/* First run: there is no parked fake stack to restore. */
#ifdef CORO_ASAN
	asan_finish(NULL);
#endif
	self->fn(self->arg);

	self->finished = true;
	to = self->resumer;
	CORO_BUG_ON(!to || to->finished || to == self);
	/*
	 * Deliberately not to->resumer = self: a finished coroutine can never
	 * be returned to, so `to` keeps the resumer it already had.
	 */
	cur = to;
#ifdef CORO_ASAN
	/* NULL save: we never come back, so ASan may drop our fake stack. */
	asan_start(NULL, self, to);
#endif
	faultsim_coro_swap(&self->sp, to->sp);

	/*
	 * Only reachable if someone switched into us after we finished,
	 * which coro_switch() refuses: stop here rather than run off the
	 * end of the trampoline.
	 */
	fprintf(stderr, "coro: switched into finished coroutine %p\n",
		(void *)self);
	abort();
}

void coro_switch(struct coro *from, struct coro *to)
{
	/*
	 * Only what would go on silently, at two loads a switch: a NULL
	 * faults at once, and a switch to oneself is a no-op but for the
	 * resumer, which faultsim_coro_entry() checks.
	 */
	CORO_BUG_ON(from != cur);
	CORO_BUG_ON(to->finished);

	to->resumer = from;
	cur = to;
#ifdef CORO_ASAN
	asan_start(&from->asan_fake_stack, from, to);
#endif
	faultsim_coro_swap(&from->sp, to->sp);
	/* Somebody switched back to us; `from` is us again. */
#ifdef CORO_ASAN
	asan_finish(from->asan_fake_stack);
#endif
}

static uint64_t read_fp_control(void)
{
	uint32_t mxcsr;
	uint16_t fpucw;

	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	__asm__ volatile("fnstcw %0" : "=m"(fpucw));
	return (uint64_t)mxcsr | (uint64_t)fpucw << 32;
}

/*
 * Lays out the first frame on @c's stack so that the next switch into it
 * starts fn(arg) in the trampoline.
 */
static void init_frame(struct coro *c)
{
	uint64_t *frame;

	/*
	 * The top of the mapping is page aligned, hence 16-byte aligned, and
	 * the frame is FRAME_WORDS (even) words long, so the trampoline runs
	 * with rsp % 16 == 0 as a `call` site requires.
	 */
	frame = (uint64_t *)((char *)c->stack_lo + c->stack_len) - FRAME_WORDS;
	frame[FRAME_PAD] = 0;
	frame[FRAME_NULL_RET] = 0;
	frame[FRAME_RET] = (uint64_t)(uintptr_t)faultsim_coro_trampoline;
	frame[FRAME_RBP] = 0;
	frame[FRAME_RBX] = 0;
	frame[FRAME_R12] = (uint64_t)(uintptr_t)c;
	frame[FRAME_R13] = 0;
	frame[FRAME_R14] = 0;
	frame[FRAME_R15] = 0;
	/* Like a new thread, inherit the creator's rounding/exception modes. */
	frame[FRAME_CSR] = read_fp_control();
	c->sp = frame;
}

struct coro *coro_create(coro_fn_t fn, void *arg, size_t stack_bytes)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	struct coro *c;
	int err;

	if (!fn || stack_bytes == 0 || stack_bytes > SIZE_MAX / 4) {
		errno = EINVAL;
		return NULL;
	}

	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;	/* errno = ENOMEM from calloc */

	c->fn = fn;
	c->arg = arg;
	c->stack_len = (stack_bytes + page - 1) & ~(page - 1);
	c->map_len = c->stack_len + page;
	c->map = mmap(NULL, c->map_len, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (c->map == MAP_FAILED)
		goto err_free;
	/* Stacks grow down, so the guard goes at the bottom. */
	if (mprotect(c->map, page, PROT_NONE))
		goto err_unmap;
	c->stack_lo = (char *)c->map + page;

	init_frame(c);

#ifdef CORO_VALGRIND
	c->vg_stack_id = VALGRIND_STACK_REGISTER(c->stack_lo,
				(char *)c->stack_lo + c->stack_len);
#endif
#ifdef CORO_ASAN
	c->asan_bottom = c->stack_lo;
	c->asan_size = c->stack_len;
#endif
	return c;

err_unmap:
	err = errno;
	munmap(c->map, c->map_len);
	errno = err;
err_free:
	err = errno;
	free(c);
	errno = err;
	return NULL;
}

int coro_reset(struct coro *c, coro_fn_t fn, void *arg)
{
	if (!c || !fn || c->is_main || c == cur) {
		errno = EINVAL;
		return -1;
	}
#ifdef CORO_ASAN
	/* frames of the old run may have left poisoned redzones */
	__asan_unpoison_memory_region(c->stack_lo, c->stack_len);
	c->asan_fake_stack = NULL;
#endif
	c->fn = fn;
	c->arg = arg;
	c->resumer = NULL;
	c->finished = false;
	init_frame(c);
	return 0;
}

void coro_destroy(struct coro *c)
{
	if (!c)
		return;
	CORO_BUG_ON(c->is_main);
	CORO_BUG_ON(c == cur);

#ifdef CORO_VALGRIND
	VALGRIND_STACK_DEREGISTER(c->vg_stack_id);
#endif
#ifdef CORO_ASAN
	/*
	 * A coroutine destroyed while suspended leaves its frames' redzones
	 * poisoned; a later mmap that reuses the range would then trip over
	 * stale shadow.
	 */
	__asan_unpoison_memory_region(c->stack_lo, c->stack_len);
#endif
	munmap(c->map, c->map_len);
	free(c);
}

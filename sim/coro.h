/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cooperative coroutines for the faultsim scheduler.
 *
 * Every simulated CPU and kernel thread is a coroutine; all of them run on
 * the one OS thread that owns them, and only switch when they explicitly
 * call coro_switch(). That makes the simulation deterministic: there is no
 * preemption and no OS scheduler in the loop.
 *
 * The switch is a few dozen instructions of hand-written x86-64 (no
 * syscall, unlike swapcontext() which calls sigprocmask()). It saves the
 * SysV callee-saved state only: rbx, rbp, r12-r15, rsp, MXCSR and the x87
 * control word. Everything else is caller-saved, and the compiler already
 * treats coro_switch() as an ordinary function call.
 *
 * Coroutines are bound to the OS thread that created them; do not switch
 * into a coroutine from another OS thread.
 */
#ifndef FAULTSIM_SIM_CORO_H
#define FAULTSIM_SIM_CORO_H

#include <stdbool.h>
#include <stddef.h>

struct coro;

typedef void (*coro_fn_t)(void *arg);

/*
 * The calling OS thread's own context (the one running main() or the
 * thread's start routine). Created lazily on first use; never freed and
 * never passed to coro_destroy().
 */
struct coro *coro_self_main(void);

/*
 * Create a suspended coroutine that will run fn(arg) on its first
 * coro_switch() into it. Its stack is stack_bytes rounded up to whole pages,
 * mmap'd, with one PROT_NONE guard page below it so an overflow faults
 * instead of silently corrupting a neighbour.
 *
 * Returns NULL with errno set on failure (EINVAL for stack_bytes == 0 or
 * absurdly large, ENOMEM otherwise).
 */
struct coro *coro_create(coro_fn_t fn, void *arg, size_t stack_bytes);

/*
 * Reuse @c's stack for a new coroutine running fn(arg), as if freshly
 * created: @c must be finished or suspended (never resumed again in its
 * old life), not running.  Saves the mmap/munmap of a new stack.
 * Returns 0, or -1 with errno EINVAL.
 */
int coro_reset(struct coro *c, coro_fn_t fn, void *arg);

/*
 * Free a coroutine and munmap its stack. It may be finished or suspended,
 * but must not be the running coroutine. NULL is a no-op.
 */
void coro_destroy(struct coro *c);

/*
 * Save the running context into `from` (which must be coro_current()) and
 * resume `to`. Returns when something later switches back into `from`.
 *
 * `from` becomes `to`'s resumer. When a coroutine's fn returns, the
 * coroutine is marked finished and control goes to its resumer, i.e.
 * whoever most recently switched into it.
 *
 * Switching into a finished coroutine, or into the running one, is a bug
 * and aborts.
 */
void coro_switch(struct coro *from, struct coro *to);

/* The running coroutine (coro_self_main() if none was ever switched to). */
struct coro *coro_current(void);

/* True once c's fn has returned. Always false for a thread's main context. */
bool coro_finished(const struct coro *c);

/*
 * @c's usable stack, [*lo, *lo + *len), and the size of the guard page
 * below it; false for a thread's main context (its stack is not ours).
 * Async-signal-safe: a fault handler asks it (sim/oops.c).
 */
bool coro_stack(const struct coro *c, void **lo, size_t *len,
		size_t *guard);

#endif /* FAULTSIM_SIM_CORO_H */

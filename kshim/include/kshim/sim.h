/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The services kshim asks of sim/: the one interface by which kernel
 * code (and mm_model) hands control to the simulator.  Every lock,
 * atomic read-modify-write and page-table access calls sim_point(); a
 * thread that must wait calls sim_wait(); time and randomness come only
 * from here, so a run is a pure function of (scenario, seed, schedule).
 */
#ifndef _KSHIM_SIM_H
#define _KSHIM_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sim_point_kind {
	SIM_PT_LOCK,		/* lock acquire */
	SIM_PT_UNLOCK,		/* lock release */
	SIM_PT_ATOMIC,		/* atomic read-modify-write */
	SIM_PT_PT_LOAD,		/* page-table load */
	SIM_PT_PT_STORE,	/* page-table store */
	SIM_PT_HW_AD,		/* hardware Accessed/Dirty update */
	SIM_PT_TLB,		/* TLB fill or flush */
	SIM_PT_YIELD,		/* cond_resched() and friends */
	SIM_PT_READ_ONCE,	/* a shared variable's plain load (a sysctl) */
	SIM_PT_WRITE_ONCE,	/* ... and its plain store */
	NR_SIM_POINT_KINDS,
};

/* A place where simulated threads wait; zero-initialised is empty. */
struct sim_waitq {
	struct sim_thread *head;
	struct sim_thread *tail;
};

struct sim_thread;
typedef int (*sim_thread_fn)(void *arg);

/* May switch to another simulated thread (policy of the strategy). */
void sim_point(enum sim_point_kind kind, const void *obj);
/* Blocks the current thread on @wq until sim_wake_*() wakes it. */
void sim_wait(struct sim_waitq *wq, const void *obj);
/* Wakes the first / every waiter; returns how many were woken. */
int sim_wake_one(struct sim_waitq *wq);
int sim_wake_all(struct sim_waitq *wq);
/* Wakes @t if it sleeps on the clock (wake_up_process()). */
void sim_wake_thread(struct sim_thread *t);
/* Sleeps until the virtual clock reaches @deadline_ns, or a wake-up. */
void sim_sleep_until_ns(uint64_t deadline_ns);

/* The virtual clock, in nanoseconds since simulated boot. */
uint64_t sim_now_ns(void);

/*
 * An injected failure at a site where the kernel can fail (an
 * allocation, an isolation, a trylock): true if the run fails it here.
 * A choice of the strategy like any other (sim/inject.c), made only when
 * kind @kind (0..31, kshim/inject.h) is armed and has not failed yet in
 * this run; @name names the injector thread ("inject:<name>").
 */
bool sim_inject(unsigned int kind, const char *name);
/* The kinds that failed in this run so far (bit per kind). */
uint32_t sim_inject_failed(void);

/* The running thread's stream of the run's seeded PRNG. */
uint64_t sim_random_u64(void);

/*
 * Threads.  @task is the kernel-side object (struct task_struct).  Never
 * NULL: out of host memory ends the process (sim_out_of_memory()).
 */
struct sim_thread *sim_thread_create(const char *name, sim_thread_fn fn,
				     void *arg, void *task);
struct sim_thread *sim_current(void);
void *sim_thread_task(struct sim_thread *t);
bool sim_in_thread(void);
/* Ends the current thread now, as do_exit() does; never returns. */
_Noreturn void sim_thread_exit(int code);

/*
 * Findings: a kernel WARN/BUG, a deadlock, an oracle violation, an oops
 * (a hardware fault -- SIGSEGV, SIGBUS, SIGFPE, SIGILL -- in a simulated
 * thread, sim/oops.c).
 */
enum sim_finding_kind {
	SIM_FINDING_WARN,
	SIM_FINDING_BUG,
	SIM_FINDING_DEADLOCK,
	SIM_FINDING_ORACLE,
	SIM_FINDING_OOPS,
};
void sim_finding(enum sim_finding_kind kind, const char *file, int line,
		 const char *func, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/*
 * Run control, for a runner on the kernel side (kshim/src/kunit.c runs
 * each KUnit case as a simulated thread): the engine's drivers in app/
 * use the same calls through sim/sched.h.
 */
enum sim_run_result {
	SIM_RUN_DONE,		/* every thread finished */
	SIM_RUN_DEADLOCK,	/* threads left, none runnable or sleeping */
	SIM_RUN_TIME_LIMIT,	/* the next wake-up lies past the limit */
};

/* Forgets every thread, resets the clock and reseeds the PRNG. */
void sim_reset(uint64_t seed);
/* Runs until done, deadlock, or a wake-up later than @limit_ns. */
enum sim_run_result sim_run(uint64_t limit_ns);

#define SIM_FINDING_DETAIL 2048
struct sim_finding {
	enum sim_finding_kind kind;
	char where[160];	/* file:line func */
	char thread[32];
	uint64_t time_ns;
	char msg[256];
	/* kernel stacks: the thread's; for a deadlock, every thread's */
	char detail[SIM_FINDING_DETAIL];
};
int sim_findings_count(void);
const struct sim_finding *sim_finding_get(int i);
const char *sim_finding_kind_name(enum sim_finding_kind kind);

/*
 * The host is out of memory: an allocation outside the simulated slab
 * failed (the slab's own failures are the kernel code's to handle, as
 * -ENOMEM).  One line, "faultsim: out of memory (<what>)", and exit
 * status 2, as for an input too big to run: never a finding, an abort
 * or a pass.  Nothing else is flushed: the run's partial report would
 * be no report.
 */
_Noreturn void sim_out_of_memory(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/*
 * A host array that grows: @arr (NULL at first) of *@cap elements of
 * @size bytes, full, doubled (or @first elements for the first); the
 * new array is returned, *@cap updated.  Out of host memory is
 * sim_out_of_memory() naming @what and the size asked for.
 */
void *sim_array_grow(void *arr, unsigned long *cap, size_t size,
		     unsigned long first, const char *what);

/*
 * How a simulated thread dies when one of the engine's own invariants
 * (sim/sched.h: SIM_BUG_ON()) breaks inside it: after the BUG finding,
 * @fn ends the current thread the way the kernel side ends a task in an
 * oops (kshim: make_task_dead(), which wakes a kthread_stop() waiter);
 * it must not return.  NULL (the default): sim_thread_exit(-1).
 * Survives sim_reset().
 */
void sim_set_thread_dead(void (*fn)(void));

#endif /* _KSHIM_SIM_H */

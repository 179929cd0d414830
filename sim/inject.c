// SPDX-License-Identifier: GPL-2.0-only
/*
 * Injected failures as scheduling choices (kshim/sim.h: sim_inject()).
 *
 * At an armed site the running thread T starts a short-lived injector
 * thread I and both race on one object, the site's record x:
 *
 *	T: sim_point(ATOMIC, x); x->closed = true; return x->fired;
 *	I: sim_point(ATOMIC, x); x->fired = !x->closed;
 *
 * If the strategy lets I's access of x come first, the call fails.  So
 * "this allocation fails" is an ordinary choice between two threads
 * touching one object: random, PCT, exhaustive (its sleep sets and DPOR
 * see a race on x and try both orders), replay and shrink take it with
 * no special case, and the trace's schedule (the tids) records it.
 * Without a strategy (an in-order run) T goes on first: nothing fails.
 *
 * When T goes on first, it then waits for I to make its access (it
 * has nothing left to decide): every run has both accesses, so the
 * search learns the race on x (exhaustive's local steps, DPOR), and I
 * is gone before T's next choice.
 *
 * Only inside the window the driver opens (sim_inject_window(): the
 * scenario's steps, not its setup, checks and teardown, whose own
 * allocations are the harness's).
 *
 * Each armed kind fails at most once a run (the budget): once it failed,
 * its later sites make no choice.  A site's thread is made only while
 * the kind still has its failure, so a run visits at most
 * SIM_INJECT_SITES sites; past that, nothing more is injected.
 */
#include <stdio.h>
#include <string.h>
#include "sim/sched.h"

#define SIM_INJECT_SITES 256

struct inject_site {
	bool closed, fired, done;
	struct sim_waitq wq;		/* T, waiting for I to be done */
};

static struct {
	uint32_t armed;			/* survives sim_reset() */
	bool open;			/* sites may fail (the steps run) */
	uint32_t failed;		/* kinds that failed in this run */
	uint32_t nr_sites;
	uint64_t choices;		/* sites that made a choice */
	struct inject_site sites[SIM_INJECT_SITES];
} inj;

void sim_inject_arm(uint32_t mask)
{
	inj.armed = mask;
}

uint32_t sim_inject_armed(void)
{
	return inj.armed;
}

uint32_t sim_inject_failed(void)
{
	return inj.failed;
}

uint64_t sim_inject_choices(void)
{
	return inj.choices;
}

void sim_inject_window(bool open)
{
	inj.open = open;
}

void sim_inject_reset(void)
{
	inj.open = false;
	inj.failed = 0;
	inj.nr_sites = 0;
	inj.choices = 0;
}

static int injector(void *arg)
{
	struct inject_site *x = arg;

	sim_point(SIM_PT_ATOMIC, x);
	x->fired = !x->closed;
	x->done = true;
	sim_wake_all(&x->wq);
	return 0;
}

bool sim_inject(unsigned int kind, const char *name)
{
	uint32_t bit = kind < 32 ? 1U << kind : 0;
	struct inject_site *x;
	char tname[32];

	if (!inj.open || !(inj.armed & bit) || (inj.failed & bit) ||
	    !sim_in_thread() ||
	    inj.nr_sites == SIM_INJECT_SITES)
		return false;
	x = &inj.sites[inj.nr_sites++];
	*x = (struct inject_site){ 0 };
	inj.choices++;
	snprintf(tname, sizeof(tname), "inject:%s", name);
	sim_start_thread(sim_thread_create(tname, injector, x, NULL));
	sim_point(SIM_PT_ATOMIC, x);
	x->closed = true;
	if (!x->done)
		sim_wait(&x->wq, x);
	if (!x->fired)
		return false;
	inj.failed |= bit;
	return true;
}

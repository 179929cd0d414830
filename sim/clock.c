// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one virtual clock of a run.  Only the scheduler moves it, to the
 * next sleeper's wake-up time, and never back; jiffies follows it tick
 * by tick, starting from INITIAL_JIFFIES as in kernel/time/timer.c, and
 * nothing else writes it (checked at every move, in every build).
 */
#include "sim/sched.h"
#include <kshim/clock.h>

#define SIM_TICK_NSEC (1000000000ULL / SIM_HZ)

volatile unsigned long jiffies = INITIAL_JIFFIES;
static uint64_t now_ns;

uint64_t sim_now_ns(void)
{
	return now_ns;
}

void sim_clock_reset(void)
{
	now_ns = 0;
	jiffies = INITIAL_JIFFIES;
}

static inline unsigned long jiffies_at(uint64_t ns)
{
	return INITIAL_JIFFIES + (unsigned long)(ns / SIM_TICK_NSEC);
}

void sim_clock_advance_to(uint64_t ns)
{
	SIM_BUG_ON(ns < now_ns);	/* time never goes back */
	SIM_BUG_ON(jiffies != jiffies_at(now_ns));	/* only we move it */
	now_ns = ns;
	jiffies = jiffies_at(ns);
}

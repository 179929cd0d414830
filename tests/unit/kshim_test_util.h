/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared helpers of the kshim unit tests.  Nothing here asserts: the
 * helpers return what they saw, and the tests assert on the main
 * context (a cmocka failure longjmps, which must never leave a
 * simulated thread's stack).
 */
#ifndef KSHIM_TEST_UTIL_H
#define KSHIM_TEST_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include "sim/sched.h"

/* sim_reset(seed), kshim_boot() and run the boot to completion;
 * returns the sim_run() result of the boot (SIM_RUN_DONE expected),
 * or -1 if kshim_boot() failed. */
int kt_boot(uint64_t seed);

/* How many findings of @kind the run has recorded. */
int kt_findings_of(enum sim_finding_kind kind);

/* Index of the first finding of @kind whose message contains @needle
 * (NULL: any), or -1. */
int kt_find(enum sim_finding_kind kind, const char *needle);

/* Spawns a task running @fn(@arg) and runs the simulator until @limit;
 * returns the sim_run() result, or -1 if the spawn failed. */
int kt_spawn_run(const char *name, int (*fn)(void *), void *arg,
		 uint64_t limit);

#endif

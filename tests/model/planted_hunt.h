/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The planted-bug tests' search loop (test_planted_bug.c,
 * test_planted_split.c): a scenario run under a strategy, kconfig full,
 * until a finding or the strategy is done.
 */
#ifndef FAULTSIM_TESTS_PLANTED_HUNT_H
#define FAULTSIM_TESTS_PLANTED_HUNT_H

#include <stdbool.h>
#include <stdint.h>
#include "sim/strategy.h"

struct scenario;

struct hunt {
	uint64_t runs;
	bool found;
	bool conservation;		/* a conservation finding among them */
	uint64_t hash;			/* its event hash, if hashing is on */
	struct sim_schedule schedule;	/* the failing run's */
};

/* Runs @s under @strat, at most @max_runs runs, until a finding. */
struct hunt hunt(const struct scenario *s, struct sim_strategy *strat,
		 uint64_t max_runs);
/* Loads the scenario file @path; asserts it loads. */
struct scenario *load_scenario(const char *path);

#endif /* FAULTSIM_TESTS_PLANTED_HUNT_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/* Runs a loaded scenario on the simulated machine (app/scenario_exec.c). */
#ifndef FAULTSIM_SIM_SCENARIO_EXEC_H
#define FAULTSIM_SIM_SCENARIO_EXEC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct scenario;

enum {
	SCENARIO_OK = 0,
	SCENARIO_FINDING = 1,	/* a finding or a failed expectation */
	SCENARIO_BAD_INPUT = 2,	/* the scenario asks for what cannot run */
};

/*
 * Runs @s (loaded from @path) with @seed; @config_enabled tells whether
 * this build's kconfig has a CONFIG_ symbol (for "requires").  Prints
 * the vmstat deltas, findings and failed expectations to @out.
 */
int scenario_run(const struct scenario *s, const char *path, uint64_t seed,
		 const char *kconfig, bool (*config_enabled)(const char *),
		 FILE *out);

struct sim_strategy;
/*
 * The strategy that schedules the next scenario_run()s (installed after
 * boot, when the scenario's threads exist); NULL: each thread runs
 * until it blocks, in order.
 */
void scenario_exec_set_strategy(struct sim_strategy *s);
/*
 * A run that cannot go on (SCENARIO_BAD_INPUT) prints one line to
 * stderr; with @verbose its report up to there to @out too.
 */
void scenario_exec_set_verbose(bool verbose);
/* Whether the last run was skipped for a CONFIG_ it requires. */
bool scenario_exec_skipped(void);
/*
 * The "state" digest the last run printed (every page-table entry and
 * vmstat counter at its end) into @digest; false if it printed none.
 */
bool scenario_exec_state(uint64_t *digest);

/*
 * Where the sample steps' rows go (docs/scenarios.md, "sample"): @f
 * (NULL: nowhere; the report has them anyway) in @fmt.  Each
 * scenario_run() writes a whole file: header, rows, end.
 */
enum scenario_samples_format {
	SCENARIO_SAMPLES_CSV,
	SCENARIO_SAMPLES_JSON,
};
void scenario_exec_set_samples(FILE *f, enum scenario_samples_format fmt);

struct vm_area_struct;
struct mm_struct;
/*
 * The running scenario's address spaces (its mms and their forked
 * children) into @out, at most @max; their number.  0 outside a run and
 * once teardown has begun: for observers that name page-table objects
 * (the replay's log and timeline).
 */
unsigned int scenario_exec_mms(struct mm_struct **out, unsigned int max);

/*
 * Calls @hook in the scenario's driver after each top-level step, with
 * the step's index and the scenario's VMAs (scenario order), for tests
 * that look at the address spaces mid-run; NULL: none.
 */
void scenario_exec_set_step_hook(void (*hook)(int step_no,
					      struct vm_area_struct *const *vmas,
					      void *arg),
				 void *arg);

#endif

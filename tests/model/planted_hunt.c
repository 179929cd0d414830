// SPDX-License-Identifier: GPL-2.0-only
/* The planted-bug tests' search loop (planted_hunt.h) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "sim/sched.h"
#include "app/scenario.h"
#include "app/scenario_exec.h"
#include "tests/model/planted_hunt.h"

static bool config_enabled(const char *symbol)
{
	return true;
}

struct hunt hunt(const struct scenario *s, struct sim_strategy *strat,
		 uint64_t max_runs)
{
	FILE *out = fopen("/dev/null", "w");
	struct hunt h = { 0 };
	int i;

	assert_non_null(out);
	sim_schedule_init(&h.schedule);
	scenario_exec_set_strategy(strat);
	do {
		int ret = scenario_run(s, "race", 1, "full", config_enabled,
				       out);

		h.runs++;
		assert_true(ret == SCENARIO_OK || ret == SCENARIO_FINDING);
		if (ret == SCENARIO_FINDING) {
			h.found = true;
			h.hash = sim_event_hash();
			/* counted past the ones kept: those are NULL */
			for (i = 0; i < sim_findings_count(); i++) {
				const struct sim_finding *f =
					sim_finding_get(i);

				if (f && !strncmp(f->msg, "conservation:", 13))
					h.conservation = true;
			}
			sim_schedule_copy(&h.schedule,
					  sim_strategy_schedule(strat));
			break;
		}
	} while (h.runs < max_runs && sim_strategy_next_run(strat));
	scenario_exec_set_strategy(NULL);
	fclose(out);
	return h;
}

struct scenario *load_scenario(const char *path)
{
	struct scenario *s;
	char err[512];

	assert_int_equal(scenario_load_file(path, &s, err, sizeof(err)), 0);
	return s;
}

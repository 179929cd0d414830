// SPDX-License-Identifier: GPL-2.0-only
/*
 * What makes a run new to the fuzzer besides its lines: libFuzzer's extra
 * counters (a section it reads as more coverage after every input).
 *  - the interleaving: each real choice as (the last three choices'
 *    point kinds and whether each switched threads), so a preemption at
 *    a new place of the hint path is a new feature;
 *  - the page-table states: each (old class -> new class) of a store
 *    (mm_model/hw/pgtable.c:pt_class_of(): none, present, protnone,
 *    swap, PMD leaf or invalidated, x A/D/W), and the same after the
 *    last choice's point kind, so reaching a new state change of the
 *    hint path or the THP split, or reaching it at a new preemption,
 *    is new even where no new line runs;
 *  - the outcome: each line of the report but the findings (the vmstat
 *    deltas: how many hint faults, migrations, DAMON reports...), so an
 *    end state one counter away from a finding (a near-miss) is kept.
 */
#include <stdint.h>
#include <string.h>
#include "tests/fuzz/run/fuzz_run_features.h"

#define NR_COUNTERS 8192

__attribute__((section("__libfuzzer_extra_counters")))
static uint8_t counters[NR_COUNTERS];

static uint32_t window;		/* the last choices, a byte each */

static void bump(uint32_t key)
{
	key *= 0x9e3779b1U;
	key ^= key >> 16;
	if (counters[key % NR_COUNTERS] < 255)
		counters[key % NR_COUNTERS]++;
}

void fuzz_run_features_begin(void)
{
	window = 0;
}

void fuzz_run_feature_choice(void *priv, enum sim_point_kind kind, int nr,
			     int current, int pick)
{
	uint32_t c = ((uint32_t)kind & 0x3f) << 1 |
		     (current >= 0 && pick != current);

	window = (window << 8 | c) & 0xffffff;
	bump(window);
}

void fuzz_run_feature_pt(unsigned int old_class, unsigned int new_class)
{
	uint32_t t = (old_class & 0x7f) << 7 | (new_class & 0x7f);

	bump(0x40000000U | t);
	bump(0x20000000U | t << 8 | (window & 0xff));
}

size_t fuzz_run_features_nonzero(void)
{
	size_t i, n = 0;

	for (i = 0; i < NR_COUNTERS; i++)
		n += counters[i] != 0;
	return n;
}

void fuzz_run_feature_report(const char *report)
{
	const char *p = report ? report : "";

	while (*p) {
		size_t n = strcspn(p, "\n");
		uint32_t h = 2166136261U;
		size_t i;

		/* a finding aborts the run anyway; addresses would flood */
		if (strncmp(p, "finding ", 8)) {
			for (i = 0; i < n; i++)
				h = (h ^ (uint8_t)p[i]) * 16777619U;
			bump(h ^ 0x80000000U);
		}
		p += n + (p[n] == '\n');
	}
}

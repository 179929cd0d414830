// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_run: coverage-guided fuzzing of runs (docs/fuzzing.md).  One
 * input is one run of a scenario: its bytes pick every scheduling choice
 * (the bytes strategy, sim/strategy_bytes.c; past their end a seeded
 * stream), the kernel units, the model, the designs and the engine are
 * instrumented, and the interleaving the bytes made is a feature of its
 * own (extra counters), so a new order of the hint path counts, not
 * only a new line.  A run with a finding is kept: with
 * FAULTSIM_FUZZ_FINDINGS its input goes to that directory, once per
 * kind of finding (this process), and the fuzzing goes on; without it
 * the run aborts and the fuzzer keeps the input as a crash.  `faultsim
 * fuzz` (or `faultsim run --fuzz-input`) re-runs it in the regular
 * binary, which writes the trace.  The same file builds for AFL++
 * (scripts/fuzz.sh --build-afl), whose driver calls the same entry.
 *
 * Set by the environment (libFuzzer owns the command line):
 *   FAULTSIM_FUZZ_SCENARIO  the scenario file (required)
 *   FAULTSIM_FUZZ_DESIGN    the design (default the baseline)
 *   FAULTSIM_FUZZ_PLANT     a planted bug (default none)
 *   FAULTSIM_FUZZ_SEED      the scenario's seed (default 1)
 *   FAULTSIM_FUZZ_FINDINGS  where findings go (default: abort)
 *   FAULTSIM_FUZZ_SWARM     "1": the input's first bytes pick the
 *                           parameters the scenario's "swarm" block
 *                           ranges over and the armed injections among
 *                           its "injections", as run --fuzz-input F
 *                           --swarm reads them (docs/fuzzing.md)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "designs/registry.h"
#include "app/scenario.h"
#include "app/scenario_exec.h"
#include "mm_model/hw/pgtable.h"
#include "sim/sched.h"
#include "sim/strategy.h"
#include "tests/fuzz/run/fuzz_run_features.h"

static struct scenario *scn;
static const char *scn_path;
static uint64_t seed = 1;
static struct sim_strategy *strat;
static const char *findings_dir;
static bool swarm;

/* the kinds of finding this process kept: "routing: misrouted", ... */
#define MAX_KINDS 64
static char kinds[MAX_KINDS][64];
static int nr_kinds;

static bool config_enabled(const char *symbol)
{
	static const char syms[] = FAULTSIM_KCONFIG_SYMBOLS;
	size_t n = strlen(symbol);
	const char *p = syms;

	while ((p = strstr(p, symbol))) {
		bool start = p == syms || p[-1] == ' ';

		if (start && (p[n] == ' ' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

static _Noreturn void die(const char *what, const char *err)
{
	fprintf(stderr, "fuzz_run: %s: %s\n", what, err);
	exit(2);
}

/* "oracle" or "routing: kind", as faultsim shrink keys a finding */
static void finding_key(const char *f, char *key, size_t len)
{
	size_t n = strcspn(f, ":\n");

	if (n == 7 && !strncmp(f, "routing: ", 9))
		n = 9 + strcspn(f + 9, ":\n");
	snprintf(key, len, "%.*s", (int)n, f);
}

static bool new_kind(const char *key)
{
	int i;

	for (i = 0; i < nr_kinds; i++)
		if (!strcmp(kinds[i], key))
			return false;
	if (nr_kinds < MAX_KINDS)
		snprintf(kinds[nr_kinds++], sizeof(kinds[0]), "%s", key);
	return true;
}

/* FNV-1a of the input, for the finding's file name */
static uint64_t input_hash(const uint8_t *data, size_t size)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (size--)
		h = (h ^ *data++) * 0x100000001b3ULL;
	return h;
}

static void keep_finding(const char *finding, const uint8_t *data,
			 size_t size)
{
	char key[64], path[4096];
	FILE *f;

	finding_key(finding, key, sizeof(key));
	if (!new_kind(key))
		return;
	fprintf(stderr, "fuzz_run: finding %.*s\n",
		(int)strcspn(finding, "\n"), finding);
	if (!findings_dir)
		abort();	/* the fuzzer keeps the input */
	snprintf(path, sizeof(path), "%s/finding-%d-%016llx", findings_dir,
		 (int)getpid(), (unsigned long long)input_hash(data, size));
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		die(path, "cannot write the finding");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct faultsim_selection sel = { .design = FAULTSIM_DESIGN_BASELINE };
	const char *v;
	char err[512];

	scn_path = getenv("FAULTSIM_FUZZ_SCENARIO");
	if (!scn_path)
		die("FAULTSIM_FUZZ_SCENARIO", "not set (the scenario file)");
	if (scenario_load_file(scn_path, &scn, err, sizeof(err)))
		die("scenario", err);
	v = getenv("FAULTSIM_FUZZ_DESIGN");
	if (v && *v)
		sel.design = v;
	sel.plant = getenv("FAULTSIM_FUZZ_PLANT");
	if (faultsim_select(&sel, err, sizeof(err)))
		die("design", err);
	v = getenv("FAULTSIM_FUZZ_SEED");
	if (v && *v)
		seed = strtoull(v, NULL, 0);
	findings_dir = getenv("FAULTSIM_FUZZ_FINDINGS");
	v = getenv("FAULTSIM_FUZZ_SWARM");
	swarm = v && !strcmp(v, "1");
	strat = sim_strategy_bytes_create(seed, NULL, 0);
	sim_strategy_bytes_set_observer(strat, fuzz_run_feature_choice, NULL);
	scenario_exec_set_strategy(strat);
	pt_transition_watch(fuzz_run_feature_pt);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *report = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&report, &len);
	size_t skip = 0;	/* the swarm's and injections' bytes */
	int ret;

	if (!out)
		die("report", "out of memory");
	fuzz_run_features_begin();
	if (swarm) {
		/* the scenario again, its parameters from the input */
		size_t pos;
		char err[512];

		scenario_free(scn);
		scenario_param_overrides_clear();
		scenario_swarm_enable_bytes(data, size);
		/* a range's value the scenario refuses: not a run */
		if (scenario_load_file(scn_path, &scn, err, sizeof(err))) {
			fclose(out);
			free(report);
			scn = NULL;
			return 0;
		}
		pos = scenario_swarm_bytes_used();
		sim_inject_arm(scenario_fuzz_injections(scn->injections, data,
							size, &pos));
		skip = pos < size ? pos : size;
	}
	sim_strategy_bytes_set_input(strat, data + skip, size - skip);
	ret = scenario_run(scn, scn_path, seed, FAULTSIM_KCONFIG,
			   config_enabled, out);
	fclose(out);
	fuzz_run_feature_report(report);
	if (ret == SCENARIO_FINDING) {
		const char *f = strstr(report, "\nfinding ");

		/* a failed expectation has no finding line */
		keep_finding(f ? f + 9 : "expect failed", data, size);
	}
	if (ret == SCENARIO_BAD_INPUT)
		die("scenario", "cannot run (see the line above)");
	free(report);
	return 0;
}

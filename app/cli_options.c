// SPDX-License-Identifier: GPL-2.0-only
/*
 * The option tables of faultsim and its commands.  An option added here
 * is parsed, shown by --help, documented in faultsim.1 and completed by
 * bash; its command's handler gives it a meaning.
 */
#include <stddef.h>
#include <string.h>
#include "app/cli_options.h"

#define STR(x) #x
#define XSTR(x) STR(x)

#define OPT_END { NULL, 0, NULL, NULL, NULL, NULL, 0 }

#define OPTION_HELP { "help", OPT_HELP, NULL, NULL, NULL, \
		      "print this help and exit", 0 }

#define OPTION_KCONFIG(what) { "kconfig", OPT_KCONFIG, "K", \
			       FAULTSIM_KCONFIGS, \
			       "a name (one of: " FAULTSIM_KCONFIGS ")", what, 0 }

#define OPTION_SEED { "seed", OPT_SEED, "S", NULL, \
		      "an unsigned 64-bit number", \
		      "the seed of the run (default 1): the same seed, the " \
		      "same run", 0 }

#define OPTION_ITERATIONS(what) { "iterations", OPT_ITERATIONS, "N", NULL, \
				  "a number >= 1", what, 0 }

#define OPTION_JOBS(what) { "jobs", OPT_JOBS, "N", NULL, \
			   "a number in 1..1024", what, 0 }

#define OPTION_ARCH(what) { "arch", OPT_ARCH, NULL, "x86_64 arm64", NULL, \
			   what, 0 }

#define OPTION_QUIET(what) { "quiet", OPT_QUIET, NULL, NULL, NULL, what, 0 }

static const struct cli_option main_opts[] = {
	OPTION_HELP,
	{ "version", OPT_VERSION, NULL, NULL, NULL,
	  "print the version, the kernel and the kconfig built against", 0 },
	OPTION_KCONFIG("run the command in the binary built for kernel "
		       "config K, as the command's own --kconfig does"),
	{ "dump-options", OPT_DUMP_OPTIONS, "FORMAT", "man bash", NULL,
	  "print the man page or the bash completion, made from these "
	  "tables (the build does)", CLI_OPT_HIDDEN },
	OPT_END
};

static const struct cli_option demo_opts[] = {
	OPTION_KCONFIG("run under kernel config K (it needs CONFIG_DAMON)"),
	OPTION_SEED,
	{ "aggregations", OPT_AGGREGATIONS, "N", NULL,
	  "a number in 1.." XSTR(CLI_DEMO_MAX_AGGREGATIONS),
	  "how many aggregation intervals to run and print (default 5)", 0 },
	{ "damo-record", OPT_DAMO_RECORD, "FILE", "@file", "a file name",
	  "also write the snapshots as damo record does, for damo report "
	  "access|heatmap|wss --input FILE: zlib-compressed JSON, plain "
	  "JSON if FILE ends in .json (docs/outputs.md)", 0 },
	{ "heatmap", OPT_HEATMAP, "FILE", "@file", "a file name",
	  "also write an SVG picture: DAMON's regions beside the ground "
	  "truth (time x address, colour = accesses), and DAMON's accuracy "
	  "per aggregation (docs/outputs.md)", 0 },
	OPTION_ARCH("the page-table encoding the machine runs: x86_64 "
		    "(default) or arm64 (docs/designs.md, arm64)"),
	OPTION_HELP,
	OPT_END
};

static const struct cli_option run_opts[] = {
	OPTION_KCONFIG("run under kernel config K"),
	OPTION_SEED,
	{ "strategy", OPT_STRATEGY, NULL, "fifo random pct exhaustive", NULL,
	  "fifo runs once in order and prints the report; random, pct and "
	  "exhaustive explore schedules until a finding", 0 },
	OPTION_ITERATIONS("at most N schedules (default 1000 for random "
			  "and pct; exhaustive: the whole space)"),
	{ "fuzz-input", OPT_FUZZ_INPUT, "FILE", "@file", "a file name",
	  "one run whose scheduling choices the bytes of FILE pick (a "
	  "fuzz_run input; then the seed's stream), as faultsim fuzz "
	  "re-runs a finding: its trace replays in this binary "
	  "(docs/fuzzing.md)", 0 },
	{ "pct-depth", OPT_PCT_DEPTH, "D", NULL, "a number in 1..64",
	  "the bug depth PCT aims at (default 3)", 0 },
	{ "preemption-bound", OPT_BOUND, "B|none", NULL,
	  "a number in 0..64, or none",
	  "exhaustive: at most B preemptions a schedule (default 2); none "
	  "for no bound", 0 },
	{ "out", OPT_OUT, "DIR", "@dir", "a directory",
	  "write the trace of the failing schedule (or of the last one) to "
	  "DIR, for faultsim replay", 0 },
	{ "design", OPT_DESIGN, "D", "@designs", NULL,
	  "the DAMON fault-routing design (default: the 6.12 baseline; "
	  "faultsim list designs says what each does)", 0 },
	{ "sink", OPT_SINK, NULL, "global-array percpu-ring", NULL,
	  "DAMON's report sink (default: the RFC's global array)", 0 },
	OPTION_ARCH("the page-table encoding the machine runs: x86_64 "
		    "(default) or arm64, recorded in the trace; scenarios "
		    "with PMD-mapped THPs need x86_64 (docs/designs.md, "
		    "arm64)"),
	{ "granularity", OPT_GRANULARITY, NULL, "locks+pt locks",
	  "locks or locks+pt",
	  "where a schedule may switch: at locks, atomics and yields, and "
	  "at page-table accesses (default), or at locks only", 0 },
	{ "reduction", OPT_REDUCTION, NULL, "none sleep dpor optimal", NULL,
	  "the reduction of exhaustive: sleep sets within a bound "
	  "(default); dpor: DPOR on them (bounded POR within a bound); "
	  "optimal: Optimal DPOR with wakeup trees, the default without a "
	  "bound (--preemption-bound none), bounded POR within one", 0 },
	{ "count-traces", OPT_COUNT_TRACES, NULL, NULL, NULL,
	  "exhaustive: also count the Mazurkiewicz traces the schedules "
	  "fall in (equal up to swapping adjacent independent steps)", 0 },
	{ "param", OPT_PARAM, "NAME=VALUE", NULL, "NAME=VALUE (at most 16)",
	  "override a scenario parameter (docs/scenarios.md); repeatable",
	  0 },
	{ "plant", OPT_PLANT, "BUG", "@plants", NULL,
	  "install a known bug in the baseline, to show a scenario catches "
	  "it", 0 },
	{ "inject", OPT_INJECT, "LIST", "@injections", "a list of injections",
	  "arm these injected failures, comma-separated (faultsim list "
	  "injections; the scenario's \"injections\" must allow each): at "
	  "each of their sites the strategy chooses whether the kernel "
	  "fails there, once a kind a run", CLI_OPT_LIST },
	{ "swarm", OPT_SWARM, NULL, NULL, NULL,
	  "derive the parameters the scenario's \"swarm\" block ranges "
	  "over from --seed (an explicit --param wins); printed in one "
	  "line, recorded in the trace's params; with --fuzz-input, from "
	  "the input's first bytes, which also arm injections (the "
	  "scenario's \"injections\", or --inject's)", 0 },
	OPTION_JOBS("random and pct: split the schedules over N worker "
		    "processes (default: the cores online); the output does "
		    "not depend on N.  exhaustive: one process unless given; "
		    "N > 1 hands subtrees below a frontier of at least 256 "
		    "prefixes (64 without a bound) to N workers: the same "
		    "end states as one process, the first finding by "
		    "subtree then run, the "
		    "same for any N (the runs may differ from one process "
		    "under a reduction; docs/scale-out.md)"),
	{ "shard", OPT_SHARD, "K/N", NULL, "K/N with 1 <= K <= N",
	  "run only shard K of N (random and pct: schedule indexes i with "
	  "i mod N = K-1; exhaustive: the frontier's prefixes i with "
	  "i mod N = K-1) and write it to --result FILE, not the report "
	  "(docs/scale-out.md)", 0 },
	{ "result", OPT_RESULT, "FILE", "@file", "a file name",
	  "write the result as JSON (docs/results-schema.md), for "
	  "faultsim merge", 0 },
	{ "json", OPT_JSON, "FILE", "@file", "a file name",
	  "the same as --result FILE", 0 },
	{ "damo-record", OPT_DAMO_RECORD, "FILE", "@file", "a file name",
	  "fifo: write the DAMON session's aggregations as damo record "
	  "does (docs/outputs.md)", 0 },
	{ "heatmap", OPT_HEATMAP, "FILE", "@file", "a file name",
	  "fifo: an SVG of the DAMON session: its regions beside the pages "
	  "the MMU saw accessed, the sample verdicts per aggregation "
	  "(docs/outputs.md)", 0 },
	OPTION_QUIET("no progress line (it goes to a terminal's stderr only)"),
	{ "verbose", OPT_VERBOSE, NULL, NULL, NULL,
	  "when the scenario cannot go on (exit 2), also print its report "
	  "up to there, not only the one-line error", 0 },
	{ "samples", OPT_SAMPLES, "FILE", "@file", "a file name",
	  "write the rows of the scenario's sample steps to FILE, CSV or "
	  "JSON by its extension (.csv, .json); one run (fifo) only", 0 },
	{ "samples-format", OPT_SAMPLES_FORMAT, NULL, "csv json", NULL,
	  "the format of --samples whatever the file's name", 0 },
	OPTION_HELP,
	OPT_END
};

static const struct cli_option replay_opts[] = {
	{ "log", OPT_LOG, "FILE", "@file", "a file name",
	  "write the scheduling points (CPU, virtual time, kernel function, "
	  "object named) and findings in ftrace's layout", 0 },
	{ "timeline", OPT_TIMELINE, "FILE", "@file", "a file name",
	  "draw the schedule as SVG: a lane per thread, each point's "
	  "function and object, NUMA-hint stores, the finding", 0 },
	{ "perfetto", OPT_PERFETTO, "FILE", "@file", "a file name",
	  "write the schedule as Chrome/Perfetto trace-event JSON "
	  "(ui.perfetto.dev, chrome://tracing)", 0 },
	{ "json", OPT_JSON, "FILE", "@file", "a file name",
	  "also write the outcome as JSON (docs/results-schema.md)", 0 },
	OPTION_ARCH("refuse the trace unless it was recorded on this "
		    "page-table encoding (the trace's own is always used)"),
	OPTION_HELP,
	OPT_END
};

static const struct cli_option shrink_opts[] = {
	{ "out", OPT_OUTPUT, "OUT", "@file", "a file name",
	  "write the shrunk trace to OUT", CLI_OPT_REQUIRED },
	{ "max-runs", OPT_MAX_RUNS, "N", NULL, "a number >= 1",
	  "at most N replays (default 100000)", 0 },
	{ "hint", OPT_HINT, "TRACE", "@file", "a file name",
	  "first try TRACE's schedule (a shrunk trace of the same scenario "
	  "and design, say under another kconfig): if it fails the same way "
	  "here, shrink from it", 0 },
	{ "json", OPT_JSON, "FILE", "@file", "a file name",
	  "also write the outcome as JSON (docs/results-schema.md)", 0 },
	OPTION_ARCH("refuse the trace unless it was recorded on this "
		    "page-table encoding (the trace's own is always used)"),
	OPTION_HELP,
	OPT_END
};

static const struct cli_option kunit_opts[] = {
	OPTION_KCONFIG("run the KUnit build of kernel config K"),
	OPTION_SEED,
	{ "json", OPT_JSON, "FILE", "@file", "a file name",
	  "also write a summary as JSON: each suite's pass, fail and skip "
	  "counts (docs/results-schema.md)", 0 },
	OPTION_HELP,
	OPT_END
};

static const struct cli_option matrix_opts[] = {
	{ "out", OPT_OUT, "DIR", "@dir", "a directory",
	  "write DIR/matrix.md, DIR/matrix.html and the traces (default "
	  "faultsim-matrix)", 0 },
	{ "strategy", OPT_STRATEGY, NULL, "random pct exhaustive", NULL,
	  "how each cell explores schedules (default random)", 0 },
	OPTION_ITERATIONS("at most N schedules a cell (default 100)"),
	OPTION_SEED,
	{ "preemption-bound", OPT_BOUND, "B", NULL, "a number in 0..64",
	  "exhaustive: at most B preemptions a schedule (default 2)", 0 },
	{ "designs", OPT_DESIGNS, "LIST", "@designs", "a list of designs",
	  "the designs, comma-separated (default: all)", CLI_OPT_LIST },
	{ "kconfigs", OPT_KCONFIGS, "LIST", FAULTSIM_KCONFIGS,
	  "a list of kconfigs",
	  "the kernel configs, comma-separated (default: all)",
	  CLI_OPT_LIST },
	{ "arch", OPT_ARCH, "LIST", "x86_64 arm64", "a list of arches",
	  "the page-table encodings, comma-separated (default x86_64): "
	  "each kconfig runs once per arch, as KCONFIG@arm64 for arm64, "
	  "whose THP families are n/a (needs x86_64); with arm64 the "
	  "reports add the tag-bit budget", CLI_OPT_LIST },
	{ "scenarios", OPT_SCENARIOS, "DIR", "@dir", "a directory",
	  "the scenario families (default: the built-in scenarios/matrix)",
	  0 },
	OPTION_JOBS("run N cells at once, each its own processes (default: "
		    "the machine's online cores); the reports do not "
		    "depend on N"),
	{ "shard", OPT_SHARD, "K/N", NULL, "K/N with 1 <= K <= N",
	  "run only shard K of N of the cells (cell i with i mod N = K-1) "
	  "and write them to --result FILE, for faultsim merge", 0 },
	{ "result", OPT_RESULT, "FILE", "@file", "a file name",
	  "write the cells as JSON (docs/results-schema.md), for faultsim "
	  "merge", 0 },
	{ "json", OPT_JSON, "FILE", "@file", "a file name",
	  "the same as --result FILE", 0 },
	{ "inject", OPT_INJECT, "LIST", "@injections", "a list of injections",
	  "arm these injected failures in each family whose "
	  "\"injections\" allows them (faultsim list injections; run "
	  "--inject)", CLI_OPT_LIST },
	OPTION_QUIET("no cell counter (it goes to a terminal's stderr only)"),
	OPTION_HELP,
	OPT_END
};

static const struct cli_option merge_opts[] = {
	{ "out", OPT_OUT, "DIR", "@dir", "a directory",
	  "matrix results: write DIR/matrix.md and DIR/matrix.html (default: "
	  "the --out the shards had)", 0 },
	OPTION_HELP,
	OPT_END
};

static const struct cli_option fuzz_opts[] = {
	OPTION_KCONFIG("fuzz kernel config K (fuzz_run is built for the "
		       "default one)"),
	{ "design", OPT_DESIGN, "D", "@designs", NULL,
	  "the DAMON fault-routing design (default: the 6.12 baseline)", 0 },
	{ "plant", OPT_PLANT, "BUG", "@plants", NULL,
	  "install a known bug in the baseline", 0 },
	{ "family", OPT_FAMILY, "F", NULL, "a scenario family "
	  "(scenarios/matrix/F.json) or a scenario file",
	  "the scenario family to fuzz (required)", CLI_OPT_REQUIRED },
	{ "time", OPT_TIME, "T", NULL, "a duration: N, Ns, Nm (1s..24h)",
	  "the time budget (default 30s)", 0 },
	OPTION_JOBS("fuzz in N processes (libFuzzer -fork=N, AFL++ one -M "
		    "and N-1 -S; default 1)"),
	{ "engine", OPT_ENGINE, NULL, "libfuzzer afl", NULL,
	  "the fuzzer (default libfuzzer; afl: AFL++, its build made by "
	  "scripts/fuzz.sh --build-afl)", 0 },
	{ "out", OPT_OUT, "DIR", "@dir", "a directory",
	  "the corpus, the fuzzer's findings and their traces (default "
	  "faultsim-fuzz)", 0 },
	{ "seed", OPT_SEED, "S", NULL, "a number in 0..4294967295",
	  "the fuzzer's seed (default 0; libFuzzer -seed=S+1, AFL++ -s); "
	  "the scenario runs with seed 1", 0 },
	{ "swarm", OPT_SWARM, NULL, NULL, NULL,
	  "the input's first bytes also pick the parameters the family's "
	  "\"swarm\" block ranges over and which of its \"injections\" "
	  "are armed (run --fuzz-input F --swarm replays one)", 0 },
	OPTION_HELP,
	OPT_END
};

static const struct cli_option list_opts[] = {
	{ "json", OPT_JSON, "FILE", "@file", "a file name",
	  "also write the list as JSON (docs/results-schema.md)", 0 },
	OPTION_HELP,
	OPT_END
};

const struct cli_command cli_main_command = {
	.name = "faultsim",
	.operand = "COMMAND [OPTIONS]",
	.summary = "A kernel-matching simulator of the Linux page-fault "
		   "access-reporting pipeline: real kernel code (Linux "
		   FAULTSIM_KVERSION ") on a model of the machine, on one "
		   "virtual clock, reproducible from a seed.",
	.example = "faultsim run zap-races-hint-fault --strategy exhaustive",
	.opts = main_opts,
};

const struct cli_command cli_commands[] = {
	{ "demo", NULL, NULL,
	  "run the real kdamond (mm/damon/core.c) on a synthetic address "
	  "space and print its regions at each aggregation; also as a damo "
	  "record and an SVG heatmap (docs/outputs.md)",
	  "faultsim demo --seed 7 --aggregations 10", demo_opts },
	{ "run", "SCENARIO", "@scenarios @file",
	  "run a scenario (docs/scenarios.md; a file, or the name of a "
	  "built-in one: faultsim list scenarios) on the real kernel code: "
	  "in order (fifo), or under a strategy until a finding; print "
	  "vmstat deltas, findings, failed expectations",
	  "faultsim run zap-races-hint-fault --strategy random "
	  "--plant no-pte-same-recheck --out traces", run_opts },
	{ "replay", "TRACE", "@file",
	  "re-run a recorded schedule (docs/traces.md), bit for bit",
	  "faultsim replay traces/zap-races-hint-fault-plant-*-seed1-*.trace.json",
	  replay_opts },
	{ "shrink", "TRACE", "@file",
	  "minimise a failing trace (fewest preemptions, then fewest "
	  "choices) while the same oracle still fires; write it to OUT",
	  "faultsim shrink traces/zap-races-hint-fault-plant-*-seed1-*.trace.json "
	  "-o small.trace.json", shrink_opts },
	{ "kunit", "[GLOB]", NULL,
	  "run the upstream KUnit suites (GLOB: suite[.case], as kunit.py's "
	  "filter_glob); KTAP on stdout",
	  "faultsim kunit --kconfig no-thp 'damon.*merge*'", kunit_opts },
	{ "matrix", NULL, NULL,
	  "every design under every kconfig on every scenario family: "
	  "pass, fail (the oracle, a shrunk trace) or n/a; config "
	  "neutrality against the baseline; a table, DIR/matrix.md and "
	  "DIR/matrix.html",
	  "faultsim matrix --kconfigs full,no-damon --iterations 20 --out m",
	  matrix_opts },
	{ "merge", "FILE...", "@file",
	  "combine the result files of the shards of one run or one matrix "
	  "(--shard K/N --result FILE) into the report a single process "
	  "prints (docs/scale-out.md)",
	  "faultsim merge shard-1.json shard-2.json shard-3.json",
	  merge_opts },
	{ "fuzz", NULL, NULL,
	  "coverage-guided fuzzing of runs (fuzz_run, libFuzzer): the "
	  "fuzzer's bytes pick every scheduling choice; progress, the "
	  "findings, and a trace of each under --out (docs/fuzzing.md)",
	  "faultsim fuzz --design rfc-v2 --family toggle-on-damon-hints "
	  "--time 30s", fuzz_opts },
	{ "list", "kconfigs|scenarios|designs|oracles|injections",
	  "kconfigs scenarios designs oracles injections",
	  "the kernel configs this build has, the built-in scenarios, the "
	  "designs a trace may name, what fails a schedule, the failures "
	  "run --inject can inject",
	  "faultsim list scenarios", list_opts },
	{ NULL }
};

const struct cli_command *cli_command_find(const char *name)
{
	const struct cli_command *c;

	for (c = cli_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

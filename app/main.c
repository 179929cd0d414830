// SPDX-License-Identifier: GPL-2.0-only
/*
 * faultsim: the command line.  One binary per kernel config; the plain
 * `faultsim` is built against FAULTSIM_DEFAULT_KCONFIG and hands a
 * command for another kconfig to its sibling faultsim-<kconfig> (or, for
 * KUnit, faultsim-kunit-<kconfig>), since each config is its own copy of
 * the kernel code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "app/cli_args.h"
#include "app/cli_commands.h"

static const char usage[] =
	"usage: faultsim [--help] [--version] <command> [options]\n"
	"\n"
	"A kernel-matching simulator of the Linux page-fault access-reporting\n"
	"pipeline: real kernel code (Linux " FAULTSIM_KVERSION ") on a model of\n"
	"the machine, on one virtual clock, reproducible from a seed.\n"
	"\n"
	"commands:\n"
	"  demo [--seed S] [--aggregations N] [--kconfig K]\n"
	"        run the real kdamond (mm/damon/core.c) on a synthetic address\n"
	"        space and print its regions at each aggregation\n"
	"  run SCENARIO [--kconfig K] [--seed S] [--strategy fifo|random|pct|\n"
	"      exhaustive] [--iterations N] [--pct-depth D] [--preemption-bound B|none]\n"
	"      [--out DIR] [--design D] [--sink global-array|percpu-ring]\n"
	"      [--granularity locks|locks+pt] [--reduction none|sleep|dpor]\n"
	"      [--param NAME=VALUE]... [--plant BUG]\n"
	"      [--quiet]\n"
	"        run a scenario (docs/scenarios.md) on the real kernel code: in\n"
	"        order (fifo), or under a strategy until a finding; print vmstat\n"
	"        deltas, findings, failed expectations; --out writes the trace;\n"
	"        --design picks the DAMON fault-routing design (list designs);\n"
	"        --sink DAMON's report sink (default: the RFC's global array);\n"
	"        --granularity locks: switch only at locks, atomics, yields;\n"
	"        --param overrides a scenario parameter (docs/scenarios.md);\n"
	"        --reduction of exhaustive: default sleep sets within a bound,\n"
	"        DPOR on top without one (--preemption-bound none)\n"
	"        --plant installs a known bug (no-pte-same-recheck) to show a\n"
	"        scenario catches it\n"
	"  replay TRACE [--log FILE]\n"
	"        re-run a recorded failing schedule, bit for bit; --log writes\n"
	"        its scheduling points and findings in ftrace's layout\n"
	"  shrink TRACE -o OUT [--max-runs N]\n"
	"        minimise a failing trace (fewest preemptions, then fewest\n"
	"        choices) while the same oracle still fires, in at most N\n"
	"        replays (default 100000); write it to OUT\n"
	"  kunit [--kconfig K] [--seed S] [GLOB]\n"
	"        run the upstream KUnit suites (GLOB: suite[.case], as\n"
	"        kunit.py's filter_glob); KTAP on stdout\n"
	"  matrix [--out DIR] [--strategy random|pct|exhaustive] [--iterations N]\n"
	"      [--seed S] [--preemption-bound B] [--designs A,B] [--kconfigs A,B]\n"
	"      [--scenarios DIR] [--quiet]\n"
	"        every design under every kconfig on every scenario family\n"
	"        (scenarios/matrix): pass, fail (oracle, shrunk trace) or n/a;\n"
	"        config neutrality against the baseline; DIR/matrix.md and\n"
	"        DIR/matrix.html (default DIR: faultsim-matrix)\n"
	"  list kconfigs|scenarios|designs|oracles\n"
	"        the kernel configs this build has, the built-in scenarios,\n"
	"        the designs a trace may name, what fails a schedule\n"
	"\n"
	"exit status: 0 success, 1 a finding or failed test, 2 bad usage/input\n";

static void print_version(void)
{
	printf("faultsim %s\nkernel %s (%s)\nkconfig %s\n", FAULTSIM_VERSION,
	       FAULTSIM_KVERSION, FAULTSIM_KSRC_DIR, FAULTSIM_KCONFIG);
}

/* Finds --kconfig in argv; NULL if absent. Validates it is known. */
static int pick_kconfig(int argc, char **argv, const char **kconfig)
{
	int i;

	*kconfig = FAULTSIM_KCONFIG;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--kconfig"))
			continue;
		if (i + 1 >= argc)
			return cli_usage_error("--kconfig needs a name (one of: %s)",
					       FAULTSIM_KCONFIGS);
		*kconfig = argv[i + 1];
		if (!cli_kconfig_known(*kconfig))
			return cli_usage_error("unknown kconfig '%s' (one of: %s)",
					       *kconfig, FAULTSIM_KCONFIGS);
	}
	return EXIT_OK;
}

/* Re-runs this command in the binary built for @kconfig. */
static int exec_sibling(const char *prefix, const char *kconfig, char **argv)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s%s", cli_self_dir(), prefix,
		 kconfig);
	argv[0] = path;
	execv(path, argv);
	return cli_usage_error("cannot run %s: %m", path);
}

int main(int argc, char **argv)
{
	const char *cmd, *kconfig;
	int ret;

	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") ||
	    !strcmp(cmd, "help")) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (!strcmp(cmd, "--version")) {
		print_version();
		return EXIT_OK;
	}
	ret = pick_kconfig(argc, argv, &kconfig);
	if (ret)
		return ret;
	if (!strcmp(cmd, "kunit"))
		return cli_kunit(argc - 1, argv + 1, kconfig, exec_sibling);
	if (strcmp(kconfig, FAULTSIM_KCONFIG))
		return exec_sibling("faultsim-", kconfig, argv);
	if (!strcmp(cmd, "demo"))
		return cli_demo(argc - 1, argv + 1);
	if (!strcmp(cmd, "run"))
		return cli_run(argc - 1, argv + 1);
	if (!strcmp(cmd, "replay"))
		return cli_replay(argc - 1, argv + 1);
	if (!strcmp(cmd, "shrink"))
		return cli_shrink(argc - 1, argv + 1);
	if (!strcmp(cmd, "list"))
		return cli_list(argc - 1, argv + 1);
	if (!strcmp(cmd, "matrix"))
		return cli_matrix(argc - 1, argv + 1);
	return cli_usage_error("unknown command '%s' (see faultsim --help)",
			       cmd);
}

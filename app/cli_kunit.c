// SPDX-License-Identifier: GPL-2.0-only
/*
 * faultsim kunit: the options here, shared with faultsim-kunit-<kconfig>
 * (app/kunit_main.c), which runs the suites; faultsim hands the command
 * to it.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_options.h"
#include <kshim/kunit_runner.h>

static int kunit_opt(void *ctx, const struct cli_option *opt,
		     const char *val)
{
	struct cli_kunit_args *a = ctx;

	if (!opt) {
		if (a->glob)
			return cli_usage_error("kunit: one filter glob only");
		a->glob = val;
		return EXIT_OK;
	}
	if (opt->id == OPT_SEED)
		return cli_opt_u64(opt, val, 0, UINT64_MAX, &a->seed);
	return EXIT_OK;	/* --kconfig: the binary is that kconfig's */
}

/*
 * A kconfig without CONFIG_DAMON builds no KUnit suite: the kernel's
 * executor would print an empty plan ("1..0"), which kunit.py parse
 * reports as "0 tests run" and fails.  So the DAMON suites a DAMON
 * kconfig runs are listed as skipped, and one case of ours checks what
 * makes them skip: this binary's kconfig sets no CONFIG_DAMON* and no
 * KUnit suite is linked into it.  kunit.py parse accepts that (a pass
 * and skips) and exits 0.
 */
static const char *const damon_suites[][2] = {
	{ "damon", "CONFIG_DAMON is off" },			/* core-kunit.h */
	{ "damon-operations", "CONFIG_DAMON_VADDR is off" },	/* vaddr-kunit.h */
};

static bool suite_wanted(const struct cli_kunit_args *a, const char *suite)
{
	char glob[256];
	char *dot;

	if (!a->glob)
		return true;
	/* "suite.case" globs filter by their suite part here */
	snprintf(glob, sizeof(glob), "%s", a->glob);
	dot = strchr(glob, '.');
	if (dot)
		*dot = '\0';
	return !fnmatch(glob, suite, 0);
}

static int kunit_without_damon(const struct cli_kunit_args *a)
{
	static const char own[] = "faultsim-kconfig";
	const char *syms = " " FAULTSIM_KCONFIG_SYMBOLS " ";
	bool want_own = suite_wanted(a, own);
	int nr = want_own, i, n = 0, suites;
	bool ok;

	for (i = 0; i < (int)(sizeof(damon_suites) / sizeof(damon_suites[0])); i++)
		nr += suite_wanted(a, damon_suites[i][0]);
	printf("KTAP version 1\n# kconfig %s builds no DAMON KUnit suite "
	       "(CONFIG_DAMON is off)\n1..%d\n", FAULTSIM_KCONFIG, nr);
	for (i = 0; i < (int)(sizeof(damon_suites) / sizeof(damon_suites[0])); i++)
		if (suite_wanted(a, damon_suites[i][0]))
			printf("ok %d %s # SKIP %s\n", ++n,
			       damon_suites[i][0], damon_suites[i][1]);
	if (!want_own)
		return EXIT_OK;
	suites = kshim_kunit_nr_suites();
	ok = !strstr(syms, " CONFIG_DAMON") && !suites;
	printf("    KTAP version 1\n    # Subtest: %s\n    1..1\n", own);
	if (strstr(syms, " CONFIG_DAMON"))
		printf("    # damon_off: the kconfig sets a CONFIG_DAMON "
		       "symbol: %s\n", FAULTSIM_KCONFIG_SYMBOLS);
	if (suites)
		printf("    # damon_off: %d KUnit suite(s) linked\n", suites);
	printf("    %s 1 damon_off\n", ok ? "ok" : "not ok");
	printf("# %s: pass:%d fail:%d skip:0 total:1\n", own, ok, !ok);
	printf("# Totals: pass:%d fail:%d skip:0 total:1\n", ok, !ok);
	printf("%s %d %s\n", ok ? "ok" : "not ok", ++n, own);
	return ok ? EXIT_OK : EXIT_FINDING;
}

int cli_kunit_parse(int argc, char **argv, struct cli_kunit_args *a)
{
	*a = (struct cli_kunit_args){ .seed = 1 };
	return cli_parse(cli_command_find("kunit"), argc, argv, kunit_opt, a);
}

int cli_kunit(int argc, char **argv, const char *kconfig,
	      cli_exec_fn exec_sibling)
{
	struct cli_kunit_args a;
	int ret = cli_kunit_parse(argc, argv, &a);

	if (ret)
		return ret;
	if (cli_word_in(kconfig, FAULTSIM_DAMON_KCONFIGS))
		return exec_sibling("faultsim-kunit-", kconfig, argv);
	/* the check below is of that kconfig's own binary */
	if (strcmp(kconfig, FAULTSIM_KCONFIG)) {
		/* `faultsim-K kunit ARGS...`: argv[0] is "kunit" here */
		char **line = calloc(argc + 2, sizeof(*line));
		int i;

		if (!line)
			return cli_usage_error("kunit: out of memory");
		for (i = 0; i < argc; i++)
			line[i + 1] = argv[i];
		return exec_sibling("faultsim-", kconfig, line);
	}
	return kunit_without_damon(&a);
}

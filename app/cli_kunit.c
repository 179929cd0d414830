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
#include "app/cli_results.h"
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
	if (opt->id == OPT_JSON)
		return cli_opt_str(opt, val, &a->json);
	return EXIT_OK;	/* --kconfig: the binary is that kconfig's */
}

void cli_kunit_suite_done(void *priv, const char *suite, unsigned long pass,
			  unsigned long fail, unsigned long skip)
{
	struct cli_kunit_args *a = priv;
	json_object *o;

	a->pass += pass;
	a->fail += fail;
	a->skip += skip;
	if (!a->suites)
		return;
	o = json_object_new_object();
	if (!o || results_add(o, "name", json_object_new_string(suite)) ||
	    results_add(o, "pass", json_object_new_uint64(pass)) ||
	    results_add(o, "fail", json_object_new_uint64(fail)) ||
	    results_add(o, "skip", json_object_new_uint64(skip)) ||
	    results_add(o, "total",
			json_object_new_uint64(pass + fail + skip)) ||
	    /* as KTAP's "# SKIP": no case passed or failed */
	    results_add(o, "skipped", json_object_new_boolean(!pass && !fail)) ||
	    json_object_array_add(a->suites, o)) {
		json_object_put(o);
		json_object_put(a->suites);
		a->suites = NULL;	/* cli_kunit_json() says it */
	}
}

int cli_kunit_json(struct cli_kunit_args *a, bool booted, int ret)
{
	json_object *opts, *res;
	int bad;

	if (!a->json)
		return ret;
	opts = json_object_new_object();
	res = json_object_new_object();
	bad = !opts || !res || !a->suites;
	if (!bad) {
		bad |= results_add(opts, "kconfig",
				   json_object_new_string(FAULTSIM_KCONFIG));
		bad |= results_add(opts, "seed", json_object_new_uint64(a->seed));
		bad |= a->glob ? results_add(opts, "glob",
					     json_object_new_string(a->glob)) :
				 json_object_object_add(opts, "glob", NULL);
		bad |= results_add(res, "booted",
				   json_object_new_boolean(booted));
		bad |= results_add(res, "suites", a->suites);
		a->suites = NULL;
		bad |= results_add(res, "pass", json_object_new_uint64(a->pass));
		bad |= results_add(res, "fail", json_object_new_uint64(a->fail));
		bad |= results_add(res, "skip", json_object_new_uint64(a->skip));
		bad |= results_add(res, "total", json_object_new_uint64(
				a->pass + a->fail + a->skip));
	}
	json_object_put(a->suites);
	a->suites = NULL;
	if (bad) {
		json_object_put(opts);
		json_object_put(res);
		return cli_usage_error("--json %s: out of memory", a->json);
	}
	if (results_write_whole("kunit", opts, res, a->json))
		return EXIT_USAGE;
	return ret;
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

static int kunit_without_damon(struct cli_kunit_args *a)
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
		if (suite_wanted(a, damon_suites[i][0])) {
			printf("ok %d %s # SKIP %s\n", ++n,
			       damon_suites[i][0], damon_suites[i][1]);
			cli_kunit_suite_done(a, damon_suites[i][0], 0, 0, 0);
		}
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
	cli_kunit_suite_done(a, own, ok, !ok, 0);
	return ok ? EXIT_OK : EXIT_FINDING;
}

int cli_kunit_parse(int argc, char **argv, struct cli_kunit_args *a)
{
	int ret;

	*a = (struct cli_kunit_args){ .seed = 1 };
	ret = cli_parse(cli_command_find("kunit"), argc, argv, kunit_opt, a);
	if (ret || !a->json)
		return ret;
	results_option_name("--json");
	if (results_check_output(a->json))
		return EXIT_USAGE;
	a->suites = json_object_new_array();
	return a->suites ? EXIT_OK : cli_usage_error("--json %s: out of memory",
						      a->json);
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
	return cli_kunit_json(&a, true, kunit_without_damon(&a));
}

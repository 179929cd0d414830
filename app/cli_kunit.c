// SPDX-License-Identifier: GPL-2.0-only
/*
 * faultsim kunit: the options here, shared with faultsim-kunit-<kconfig>
 * (app/kunit_main.c), which runs the suites; faultsim hands the command
 * to it.
 */
#include <stdio.h>
#include <stdlib.h>
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_options.h"

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
	/* lib/kunit/executor.c prints an empty plan when nothing is built */
	printf("KTAP version 1\n1..0\n# kconfig %s builds no KUnit suite "
	       "(CONFIG_DAMON is off)\n", kconfig);
	return EXIT_OK;
}

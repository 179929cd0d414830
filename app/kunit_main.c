// SPDX-License-Identifier: GPL-2.0-only
/*
 * faultsim-kunit-<kconfig>: the KUnit build of one kconfig (kunit.config
 * merged in, as kunit.py merges .kunitconfig).  Takes what `faultsim
 * kunit` takes; prints KTAP; exits 0 iff every case passed or skipped.
 */
#include <stdio.h>
#include <string.h>
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_options.h"
#include "app/cli_results.h"
#include <kshim/kshim.h>
#include <kshim/kunit_runner.h>
#include "sim/sched.h"

int main(int argc, char **argv)
{
	struct cli_kunit_args a;
	int failed;

	sim_check_memory_at_start();
	/* `faultsim-kunit-K kunit ...` as well as `faultsim-kunit-K ...` */
	if (argc > 1 && !strcmp(argv[1], "kunit")) {
		argc--;
		argv++;
	}
	failed = cli_kunit_parse(argc, argv, &a);
	if (failed)
		return failed == CLI_HELP_SHOWN ? EXIT_OK : failed;
	kshim_log_set_console(KSHIM_LOG_ERR, stderr);
	kshim_kunit_set_suite_fn(cli_kunit_suite_done, &a);
	/* the source tree only shortens the file names KTAP prints */
	failed = kshim_kunit_run(stdout, a.glob, a.seed, FAULTSIM_KSRC_DIR);
	if (failed < 0) {
		fprintf(stderr, "faultsim: simulated boot failed\n");
		return cli_kunit_json(&a, false, EXIT_FINDING);
	}
	return cli_kunit_json(&a, true, failed ? EXIT_FINDING : EXIT_OK);
}

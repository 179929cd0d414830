// SPDX-License-Identifier: GPL-2.0-only
/*
 * faultsim-kunit-<kconfig>: the KUnit build of one kconfig (kunit.config
 * merged in, as kunit.py merges .kunitconfig).  Takes what `faultsim
 * kunit` takes; prints KTAP; exits 0 iff every case passed or skipped.
 */
#include <stdio.h>
#include <string.h>
#include "app/cli_args.h"
#include <kshim/kshim.h>
#include <kshim/kunit_runner.h>

int main(int argc, char **argv)
{
	const char *glob = NULL;
	uint64_t seed = 1;
	int i, failed;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "kunit") && i == 1)
			continue;
		if (!strcmp(argv[i], "--kconfig")) {
			i++;	/* this binary is that kconfig */
		} else if (!strcmp(argv[i], "--seed")) {
			if (!cli_parse_u64(i + 1 < argc ? argv[i + 1] : NULL,
					   0, UINT64_MAX, &seed))
				return cli_usage_error("--seed needs an unsigned 64-bit number");
			i++;
		} else if (argv[i][0] == '-') {
			return cli_usage_error("kunit: unknown option '%s' (see faultsim --help)",
					       argv[i]);
		} else if (!glob) {
			glob = argv[i];
		} else {
			return cli_usage_error("kunit: one filter glob only");
		}
	}
	kshim_log_set_console(KSHIM_LOG_ERR, stderr);
	failed = kshim_kunit_run(stdout, glob, seed, FAULTSIM_KSRC_DIR);
	if (failed < 0) {
		fprintf(stderr, "faultsim: simulated boot failed\n");
		return EXIT_FINDING;
	}
	return failed ? EXIT_FINDING : EXIT_OK;
}

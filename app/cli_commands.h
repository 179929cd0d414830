/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef FAULTSIM_SIM_CLI_COMMANDS_H
#define FAULTSIM_SIM_CLI_COMMANDS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef int (*cli_exec_fn)(const char *prefix, const char *kconfig,
			   char **argv);

bool cli_kconfig_known(const char *name);
/* The binary built for @kconfig: faultsim, or its sibling faultsim-<K> */
void cli_kconfig_binary(const char *kconfig, char *path, size_t len);
/*
 * The command @argv (@argv[0] its name) in @kconfig's binary: returns
 * only if that cannot run, with one line and EXIT_USAGE.
 */
int cli_exec_kconfig(const char *kconfig, int argc, char **argv);
int cli_list(int argc, char **argv);
int cli_demo(int argc, char **argv);
int cli_run(int argc, char **argv);
int cli_replay(int argc, char **argv);
int cli_shrink(int argc, char **argv);
int cli_matrix(int argc, char **argv);
int cli_merge(int argc, char **argv);
int cli_fuzz(int argc, char **argv);
/* faultsim --dump-options man|bash: the man page or the bash completion */
int cli_dump_options(const char *format, FILE *f);
/* "@designs", "@plants", "@scenarios": this build's, as "a b c" */
const char *cli_resolve_values(const char *name);
/* Whether this build's kconfig sets @symbol (CONFIG_...). */
bool cli_config_enabled(const char *symbol);
/*
 * @argv[0] is "kunit"; a kconfig with DAMON hands @argv to its
 * faultsim-kunit-<kconfig>.
 */
int cli_kunit(int argc, char **argv, const char *kconfig,
	      cli_exec_fn exec_sibling);

struct cli_kunit_args {
	uint64_t seed;
	const char *glob;	/* suite[.case], as kunit.py's filter_glob */
	const char *json;	/* --json FILE: the summary */
	/* the summary so far: [{name, pass, fail, skip, total}] */
	struct json_object *suites;
	unsigned long pass, fail, skip;
};

/* faultsim kunit's options, for faultsim and faultsim-kunit-<kconfig> */
int cli_kunit_parse(int argc, char **argv, struct cli_kunit_args *a);
/* A suite's counts into the summary (a kshim_kunit_suite_fn) */
void cli_kunit_suite_done(void *a, const char *suite, unsigned long pass,
			  unsigned long fail, unsigned long skip);
/*
 * --json: the summary written (docs/results-schema.md), @booted false if
 * the simulated boot failed; @ret, or EXIT_USAGE if it cannot be written
 */
int cli_kunit_json(struct cli_kunit_args *a, bool booted, int ret);

#endif

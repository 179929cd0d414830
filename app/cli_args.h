/* SPDX-License-Identifier: GPL-2.0-only */
/* Strict parsing of CLI values: bad input is one line and exit 2. */
#ifndef FAULTSIM_SIM_CLI_ARGS_H
#define FAULTSIM_SIM_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	EXIT_OK = 0,
	EXIT_FINDING = 1,	/* a finding, a failed test */
	EXIT_USAGE = 2,		/* bad usage or bad input */
};

/* Parses a whole decimal (or 0x hex) u64 in [min, max]; false if bad. */
bool cli_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out);
/* Prints "faultsim: <msg>" to stderr and returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* @word is one of the space-separated words of @list */
bool cli_word_in(const char *word, const char *list);
/* The directory of the running binary, for sibling per-kconfig binaries. */
const char *cli_self_dir(void);
/* --jobs by default: the cores online, at least 1 */
uint64_t cli_online_cores(void);
/*
 * The built-in scenarios: installed, ../share/faultsim/scenarios beside
 * the binary's directory; in the build tree, the source tree's.
 */
const char *cli_scenario_dir(void);
/*
 * The scenario file @arg names: itself if it is a file or looks like a
 * path (a '/' or ".json" in it), else the built-in scenario (or matrix
 * family) of that name, in @buf; NULL if there is none.
 */
const char *cli_scenario_path(const char *arg, char *buf, size_t len);
/*
 * --out @dir, ready before a run: made if missing (not its parents),
 * else a directory, and a file can be made in it (tried, then removed),
 * so a run never ends to find it cannot keep what it found; at most
 * @max_len bytes, so the names made in it fit.  EXIT_OK, or one line
 * "faultsim: --out DIR: <why>" and EXIT_USAGE.
 */
int cli_out_dir(const char *dir, size_t max_len);

#endif

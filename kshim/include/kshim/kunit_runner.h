/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _KSHIM_KUNIT_RUNNER_H
#define _KSHIM_KUNIT_RUNNER_H

#include <stdint.h>
#include <stdio.h>

/*
 * Boots a simulated kernel (seeded with @seed) and runs every linked
 * KUnit suite whose "suite[.case]" matches @filter_glob (NULL: all), as
 * lib/kunit/executor.c does, printing KTAP to @out.  File names under
 * @ksrc_prefix are printed relative to it, as the kernel prints them.
 * Returns the number of failed cases, or -1 if boot failed.
 */
int kshim_kunit_run(FILE *out, const char *filter_glob, uint64_t seed,
		    const char *ksrc_prefix);
/*
 * Called after each suite with its counts (faultsim kunit --json); NULL:
 * nothing is called.
 */
typedef void (*kshim_kunit_suite_fn)(void *priv, const char *suite,
				     unsigned long pass, unsigned long fail,
				     unsigned long skip);
void kshim_kunit_set_suite_fn(kshim_kunit_suite_fn fn, void *priv);
/* Linked suites, for `faultsim kunit --list`-style callers. */
int kshim_kunit_nr_suites(void);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small valid scenarios from a seed (app/scenario_gen.c), for the
 * differential exploration test and for fuzzing the executor: 2 or 3
 * tasks, 1 to 3 small VMAs, a few steps and one `concurrently` step that
 * races accesses and scans against a syscall, a sysctl write or a THP
 * split.  Same seed, same text.
 */
#ifndef FAULTSIM_SCENARIO_GEN_H
#define FAULTSIM_SCENARIO_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct scenario_gen_opts {
	bool thp;		/* may use THP (2 MiB) VMAs and split_thp */
	bool numa_balancing;	/* may write the sysctl and scan */
};

/*
 * The JSON text of scenario number @seed, NUL-terminated, malloc'd
 * (the caller frees it); NULL when out of memory.
 */
char *scenario_gen(uint64_t seed, const struct scenario_gen_opts *o);

/*
 * The same, with every random choice read from @data (a fuzzer's
 * input): one byte per choice, 0 once @len bytes are used up.
 */
char *scenario_gen_bytes(const uint8_t *data, size_t len,
			 const struct scenario_gen_opts *o);

#endif

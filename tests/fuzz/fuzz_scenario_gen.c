// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the scenario generator (app/scenario_gen.c) reads
 * its every choice from the input, and the loader must accept what it
 * writes.  This holds the generator to the loader's rules over shapes
 * the seeded tests never draw.  (Running each scenario on the kernel
 * code under fuzzing, with coverage of the kernel lines, needs the
 * kernel side built with the fuzzer's instrumentation: #16.)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/scenario.h"
#include "app/scenario_gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const struct scenario_gen_opts o = { .thp = len && (data[0] & 1),
					     .numa_balancing =
						len && (data[0] & 2) };
	struct scenario *s = NULL;
	char err[512];
	char *text = scenario_gen_bytes(len ? data + 1 : data,
					len ? len - 1 : 0, &o);

	if (!text)
		abort();
	if (scenario_load_string(text, strlen(text), "generated", &s, err,
				 sizeof(err))) {
		fprintf(stderr, "refused: %s\n%s\n", err, text);
		abort();
	}
	scenario_free(s);
	free(text);
	return 0;
}

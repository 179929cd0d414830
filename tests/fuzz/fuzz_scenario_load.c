// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the scenario loader (app/scenario_load.c and its
 * sections) on any bytes.  It must load or refuse with one line; a
 * crash, a leak, undefined behaviour or an empty error is a bug.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "app/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct scenario *s = NULL;
	char err[512];

	if (scenario_load_string((const char *)data, len, "fuzz", &s, err,
				 sizeof(err))) {
		if (!err[0] || s)
			abort();	/* a refusal names its problem */
		return 0;
	}
	if (!s)
		abort();
	scenario_free(s);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>
#include "kshim_test_util.h"
#include <linux/err.h>
#include <kshim/kshim.h>

int kt_boot(uint64_t seed)
{
	sim_reset(seed);
	if (kshim_boot())
		return -1;
	return sim_run(UINT64_MAX);
}

int kt_findings_of(enum sim_finding_kind kind)
{
	int i, n = 0;

	for (i = 0; i < sim_findings_count(); i++) {
		const struct sim_finding *f = sim_finding_get(i);

		if (f && f->kind == kind)
			n++;
	}
	return n;
}

int kt_find(enum sim_finding_kind kind, const char *needle)
{
	int i;

	for (i = 0; i < sim_findings_count(); i++) {
		const struct sim_finding *f = sim_finding_get(i);

		if (f && f->kind == kind && (!needle || strstr(f->msg, needle)))
			return i;
	}
	return -1;
}

int kt_spawn_run(const char *name, int (*fn)(void *), void *arg,
		 uint64_t limit)
{
	if (IS_ERR_OR_NULL(kshim_spawn(name, fn, arg)))
		return -1;
	return sim_run(limit);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Ground truth of accesses: a stamp per pfn, allocated only while a
 * DAMON session wants it (8 bytes a page), so ordinary runs and the
 * memory figures of benchmarks/ do not pay for it.
 */
#include <errno.h>
#include <stdlib.h>
#include "mm_model/hw/access_truth.h"

static uint64_t *stamps;
static unsigned long nr;
static uint64_t seq;

int access_truth_enable(unsigned long nr_pfns)
{
	access_truth_disable();
	stamps = calloc(nr_pfns ? nr_pfns : 1, sizeof(*stamps));
	if (!stamps)
		return -ENOMEM;
	nr = nr_pfns;
	return 0;
}

void access_truth_disable(void)
{
	free(stamps);
	stamps = NULL;
	nr = 0;
	seq = 0;
}

bool access_truth_enabled(void)
{
	return stamps;
}

void access_truth_record(unsigned long pfn)
{
	if (stamps && pfn < nr)
		stamps[pfn] = ++seq;
}

uint64_t access_truth_now(void)
{
	return seq;
}

uint64_t access_truth_last(unsigned long pfn)
{
	return stamps && pfn < nr ? stamps[pfn] : 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Ground truth of accesses: a stamp per pfn, allocated only once a
 * DAMON session wants it (8 bytes a page), so ordinary runs and the
 * memory figures of benchmarks/ do not pay for it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include "mm_model/hw/access_truth.h"

/*
 * The stamps are kept across sessions (an exploration starts thousands
 * of them) and never cleared: a session counts from the stamp the last
 * one ended at (base), and a stamp at or below base reads as 0, never
 * accessed.  Grown, zeroed, only for a larger machine.
 */
static uint64_t *stamps;
static unsigned long nr, cap;
static uint64_t seq, base;
static bool enabled;

int access_truth_enable(unsigned long nr_pfns)
{
	access_truth_disable();
	if (nr_pfns > cap || !stamps) {
		free(stamps);
		stamps = calloc(nr_pfns ? nr_pfns : 1, sizeof(*stamps));
		cap = stamps ? nr_pfns : 0;
		if (!stamps)
			return -ENOMEM;
	}
	nr = nr_pfns;
	base = seq;
	enabled = true;
	return 0;
}

void access_truth_disable(void)
{
	enabled = false;
	nr = 0;
}

bool access_truth_enabled(void)
{
	return enabled;
}

void access_truth_record(unsigned long pfn)
{
	if (enabled && pfn < nr)
		stamps[pfn] = ++seq;
}

uint64_t access_truth_now(void)
{
	return enabled ? seq - base : 0;
}

uint64_t access_truth_last(unsigned long pfn)
{
	return enabled && pfn < nr && stamps[pfn] > base ?
	       stamps[pfn] - base : 0;
}

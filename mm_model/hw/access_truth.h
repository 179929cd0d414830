/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ground truth of accesses (mm_model/hw/access_truth.c): while enabled, the
 * MMU stamps each 4 KiB page an access completes on with a global
 * sequence number, so DAMON's verdict for a sample ("was the sampled
 * page accessed?") can be compared with what really happened.
 */
#ifndef FAULTSIM_MM_MODEL_ACCESS_TRUTH_H
#define FAULTSIM_MM_MODEL_ACCESS_TRUTH_H

#include <stdbool.h>
#include <stdint.h>

/* Starts recording over pfns [0, @nr_pfns); 0, or -ENOMEM. */
int access_truth_enable(unsigned long nr_pfns);
void access_truth_disable(void);
bool access_truth_enabled(void);
/* mmu_access(): an access completed on @pfn */
void access_truth_record(unsigned long pfn);
/* The sequence number now: accesses after it get larger ones. */
uint64_t access_truth_now(void);
/* The stamp of @pfn's last access (0: none while enabled). */
uint64_t access_truth_last(unsigned long pfn);

#endif

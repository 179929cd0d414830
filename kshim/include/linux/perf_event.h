/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/perf_event.h (6.12): software events are
 * counted nowhere (no perf sessions are simulated).
 */
#ifndef _LINUX_PERF_EVENT_H
#define _LINUX_PERF_EVENT_H

#include <linux/types.h>

struct pt_regs;

enum perf_sw_ids {
	PERF_COUNT_SW_PAGE_FAULTS = 2,
	PERF_COUNT_SW_PAGE_FAULTS_MIN = 5,
	PERF_COUNT_SW_PAGE_FAULTS_MAJ = 6,
};

static inline void perf_sw_event(u32 event_id, u64 nr, struct pt_regs *regs,
				 u64 addr)
{
}

#endif

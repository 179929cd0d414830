/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/trace/events/damon.h (6.12): the tracepoints as
 * typed calls (the kernel's TP_PROTO), so arguments keep their types and
 * the simulator can record them (e.g. damo-compatible region snapshots).
 * A consumer sets the hooks; unset, a tracepoint costs one test.
 */
#ifndef _TRACE_DAMON_H
#define _TRACE_DAMON_H

#include <linux/types.h>

struct damon_region;

struct kshim_damon_trace_hooks {
	void (*damon_aggregated)(unsigned int target_id,
				 struct damon_region *r,
				 unsigned int nr_regions);
	void (*damos_before_apply)(unsigned int context_idx,
				   unsigned int scheme_idx,
				   unsigned int target_idx,
				   struct damon_region *r,
				   unsigned int nr_regions);
};
extern struct kshim_damon_trace_hooks kshim_damon_trace;

static inline void trace_damon_aggregated(unsigned int target_id,
					  struct damon_region *r,
					  unsigned int nr_regions)
{
	if (kshim_damon_trace.damon_aggregated)
		kshim_damon_trace.damon_aggregated(target_id, r, nr_regions);
}

static inline bool trace_damos_before_apply_enabled(void)
{
	return kshim_damon_trace.damos_before_apply != NULL;
}

/* TRACE_EVENT_CONDITION(..., TP_CONDITION(do_trace)) */
static inline void trace_damos_before_apply(unsigned int context_idx,
					    unsigned int scheme_idx,
					    unsigned int target_idx,
					    struct damon_region *r,
					    unsigned int nr_regions,
					    bool do_trace)
{
	if (do_trace && kshim_damon_trace.damos_before_apply)
		kshim_damon_trace.damos_before_apply(context_idx, scheme_idx,
						     target_idx, r,
						     nr_regions);
}

#endif

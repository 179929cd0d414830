// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DAMON regions oracle (architecture.md invariant 8; damon_regions.h),
 * attached to the DAMON session driver (damon_core/sim_damon.c) when
 * linked, so that damon_core names no oracle.
 */
#include <linux/mm.h>
#include <linux/damon.h>
#include <kshim/sim.h>
#include "damon_core/sim_damon.h"
#include "oracles/damon_regions.h"

#ifdef CONFIG_DAMON
static int region_finding(const char *what, struct damon_region *r)
{
	sim_finding(SIM_FINDING_ORACLE, __FILE__, __LINE__, "oracle",
		    "damon_regions: region [%#lx, %#lx) %s", r->ar.start,
		    r->ar.end, what);
	return 1;
}

int oracle_damon_regions(struct damon_ctx *ctx, unsigned long lo,
			 unsigned long hi)
{
	unsigned int max = damon_max_nr_accesses(&ctx->attrs);
	struct damon_target *t;
	struct damon_region *r, *prev;
	int n = 0;

	damon_for_each_target(t, ctx) {
		prev = NULL;
		damon_for_each_region(r, t) {
			if (r->ar.start >= r->ar.end)
				n += region_finding("is empty or inverted", r);
			else if ((r->ar.start | r->ar.end) &
				 (DAMON_MIN_REGION - 1))
				n += region_finding("is not DAMON_MIN_REGION "
						    "aligned", r);
			if (prev && prev->ar.end > r->ar.start)
				n += region_finding(prev->ar.start <
							    r->ar.start ?
						    "overlaps the one before" :
						    "is out of order", r);
			if (hi > lo && (r->ar.start < lo || r->ar.end > hi))
				n += region_finding("is outside the target", r);
			if (r->nr_accesses > max)
				n += region_finding("counts more accesses than "
						    "an aggregation has "
						    "samples", r);
			prev = r;
		}
	}
	return n;
}

__attribute__((constructor)) static void damon_regions_attach(void)
{
	damon_sim_set_regions_check(oracle_damon_regions);
}
#endif

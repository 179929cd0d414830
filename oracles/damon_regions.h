/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef FAULTSIM_ORACLES_DAMON_REGIONS_H
#define FAULTSIM_ORACLES_DAMON_REGIONS_H

struct damon_ctx;
/*
 * The DAMON oracle (architecture.md invariant 8), run after every
 * sample and aggregation of a session: each target's regions are
 * non-empty, sorted, disjoint, DAMON_MIN_REGION aligned, inside
 * [@lo, @hi) when @hi > @lo (a physical target's RAM), and no region
 * counts more accesses than an aggregation has samples.  Each violation
 * is a "damon_regions: ..." finding; returns how many.
 */
int oracle_damon_regions(struct damon_ctx *ctx, unsigned long lo,
			 unsigned long hi);

#endif

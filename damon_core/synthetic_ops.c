// SPDX-License-Identifier: GPL-2.0-only
/*
 * The synthetic operations set (see synthetic_ops.h) and a driver that
 * runs a real kdamond with it: damon_new_ctx(), damon_set_attrs(),
 * damon_start(), sleep, damon_stop(), damon_destroy_ctx(), as a kernel
 * module using DAMON would.
 */
#include <linux/damon.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "damon_core/synthetic_ops.h"

static struct synth_params params;
static struct synth_record *record;

/*
 * As mm/damon/vaddr.c:__damon_va_init_regions(): the range starts as
 * min_nr_regions equal, DAMON_MIN_REGION-aligned pieces.
 */
static void synth_init(struct damon_ctx *ctx)
{
	unsigned long nr = ctx->attrs.min_nr_regions;
	unsigned long sz = ALIGN_DOWN((params.end - params.start) / nr,
				      DAMON_MIN_REGION);
	struct damon_target *t;
	unsigned long start;
	struct damon_region *r;

	damon_for_each_target(t, ctx) {
		for (start = params.start; start < params.end; start += sz) {
			/* the last piece takes the remainder */
			if (params.end - start < 2 * sz)
				sz = params.end - start;
			r = damon_new_region(start, start + sz);
			if (!r)
				return;
			damon_add_region(r, t);
		}
	}
}

/* As damon_va_prepare_access_checks(): one random address per region. */
static void synth_prepare_access_checks(struct damon_ctx *ctx)
{
	struct damon_target *t;
	struct damon_region *r;

	damon_for_each_target(t, ctx)
		damon_for_each_region(r, t)
			r->sampling_addr = damon_rand(r->ar.start, r->ar.end);
}

static unsigned int synth_check_accesses(struct damon_ctx *ctx)
{
	struct damon_target *t;
	struct damon_region *r;
	unsigned int max_nr_accesses = 0;

	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t) {
			bool accessed = r->sampling_addr >= params.hot_start &&
					r->sampling_addr < params.hot_end;

			damon_update_region_access_rate(r, accessed,
							&ctx->attrs);
			max_nr_accesses = max(r->nr_accesses, max_nr_accesses);
		}
	}
	return max_nr_accesses;
}

static int synth_after_aggregation(struct damon_ctx *ctx)
{
	struct synth_snapshot *s;
	struct damon_target *t;
	struct damon_region *r;

	if (!record || record->nr_snapshots >= record->max_snapshots)
		return 0;
	s = &record->snapshots[record->nr_snapshots++];
	s->time_ns = ktime_get_ns();
	s->nr_regions = 0;
	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t) {
			if (s->nr_regions >= record->max_regions)
				break;
			s->regions[s->nr_regions++] = (struct synth_region){
				.start = r->ar.start,
				.end = r->ar.end,
				.nr_accesses = r->nr_accesses,
				.age = r->age,
			};
		}
	}
	return 0;
}

void synth_default_params(struct synth_params *p)
{
	*p = (struct synth_params){
		.start = 4UL << 30,
		.end = 5UL << 30,
		.hot_start = (4UL << 30) + (64UL << 20),
		.hot_end = (4UL << 30) + (128UL << 20),
		.sample_us = 5000,
		.aggr_us = 100000,
		.ops_update_us = 1000000,
		.min_nr_regions = 10,
		.max_nr_regions = 1000,
	};
}

int synth_run_kdamond(const struct synth_params *p, int nr_aggregations,
		      struct synth_record *rec)
{
	struct damon_attrs attrs = {
		.sample_interval = p->sample_us,
		.aggr_interval = p->aggr_us,
		.ops_update_interval = p->ops_update_us,
		.min_nr_regions = p->min_nr_regions,
		.max_nr_regions = p->max_nr_regions,
	};
	struct damon_ctx *ctx;
	struct damon_target *t;
	int err;

	params = *p;
	record = rec;
	ctx = damon_new_ctx();
	if (!ctx)
		return -ENOMEM;
	err = damon_set_attrs(ctx, &attrs);
	if (err)
		goto out;
	ctx->ops = (struct damon_operations){
		.id = DAMON_OPS_PADDR,
		.init = synth_init,
		.prepare_access_checks = synth_prepare_access_checks,
		.check_accesses = synth_check_accesses,
	};
	ctx->callback.after_aggregation = synth_after_aggregation;
	t = damon_new_target();
	if (!t) {
		err = -ENOMEM;
		goto out;
	}
	damon_add_target(ctx, t);

	err = damon_start(&ctx, 1, true);
	if (err)
		goto out;
	/* half an interval more, so the last aggregation is not a race */
	msleep((unsigned int)(p->aggr_us * nr_aggregations / 1000 +
			      p->aggr_us / 2000));
	err = damon_stop(&ctx, 1);
out:
	damon_destroy_ctx(ctx);
	record = NULL;
	return err;
}

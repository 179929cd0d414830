// SPDX-License-Identifier: GPL-2.0-only
/*
 * kdamond's side of the access reports (report.h): each sample, the
 * reports in the selected sink become region access counts, as RFC v2
 * patch 4's kdamond_check_reported_accesses() and
 * kdamond_apply_zero_access_report() do in place of an operations set's
 * check_accesses.
 *
 * Patch 4 adds a bool access_reported to struct damon_region; 6.12's
 * region has none and include/linux/damon.h is used verbatim, so the
 * flag is a bitmap local to one call, bit i for the i-th region in
 * damon_for_each_target()/damon_for_each_region() order.  The flag lives
 * one sample only (the zero pass clears it in the RFC), and regions do
 * not change within a call, so their position is a stable key.
 */
#include <linux/bitops.h>
#include <linux/damon.h>
#include <linux/jiffies.h>
#include <linux/minmax.h>
#include <linux/pid.h>
#include <linux/slab.h>
#include "damon_core/report.h"

struct report_check {
	struct damon_ctx *ctx;
	unsigned long *reported;	/* access_reported, by position */
	unsigned long oldest;		/* stamp of the oldest fresh one */
};

/*
 * RFC v2 patch 3's vaddr eligible_report() compares struct pid pointers
 * (report->pid == t->pid).  Our report carries the tgid instead, so a
 * virtual target matches by number: pid_nr(t->pid) == report->tgid.
 * DAMON users name a process by its pid, which is its thread-group
 * leader's, so t->pid's number is the tgid of every thread of the
 * monitored process (kshim: task->tgid == task->pid for every task).
 * A target without a pid (pid_nr() == 0) matches no report: 0 means a
 * physical report.  Physical targets take every physical report (paddr
 * has no eligible_report()).
 */
static bool report_eligible(struct damon_ctx *ctx, pid_t tgid,
			    struct damon_target *t)
{
	if (!damon_target_has_pid(ctx))
		return true;
	return pid_nr(t->pid) == tgid;
}

/*
 * One report against every region, as patch 4's per-report loop: fresh
 * (not older than one sample interval), of the ctx's address space
 * (pid reports only for pid ctxs and the reverse), eligible for the
 * target, and [addr, addr + size) wholly inside the region.  A region
 * rises at most once per call however many reports it contains.  An
 * empty or wrapping range is inside no region.  Returns whether this
 * report raised one.
 */
static bool report_apply(const struct faultsim_access_report *report,
			 void *arg)
{
	struct report_check *c = arg;
	struct damon_ctx *ctx = c->ctx;
	unsigned long addr = report->addr, end;
	pid_t tgid = report->tgid;
	struct damon_target *t;
	struct damon_region *r;
	unsigned long i = 0;
	bool raised = false;

	if (time_before(report->report_jiffies, c->oldest))
		return false;
	/*
	 * RFC v3's kdamond_apply_access_report() keys on the vaddr or the
	 * paddr of a report by damon_target_has_pid(): a report naming
	 * both serves either kind of ctx.
	 */
	if (damon_target_has_pid(ctx) && !tgid && report->vtgid) {
		addr = report->vaddr;
		tgid = report->vtgid;
	}
	if (damon_target_has_pid(ctx) != (tgid != 0))
		return false;
	end = addr + report->size;
	if (end <= addr)
		return false;
	damon_for_each_target(t, ctx) {
		bool eligible = report_eligible(ctx, tgid, t);

		damon_for_each_region(r, t) {
			if (eligible && r->ar.start <= addr &&
			    end <= r->ar.end && !test_bit(i, c->reported)) {
				__set_bit(i, c->reported);
				damon_update_region_access_rate(r, true,
								&ctx->attrs);
				raised = true;
			}
			i++;
		}
	}
	return raised;
}

/*
 * RFC v2 patch 4: kdamond_apply_zero_access_report(): every region no
 * report raised this sample gets a sample without access.
 */
static unsigned int apply_zero_access_report(struct damon_ctx *ctx,
					     const unsigned long *reported)
{
	unsigned int max_nr_accesses = 0;
	struct damon_target *t;
	struct damon_region *r;
	unsigned long i = 0;

	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t) {
			if (!reported || !test_bit(i, reported))
				damon_update_region_access_rate(r, false,
								&ctx->attrs);
			i++;
			max_nr_accesses = max(r->nr_accesses, max_nr_accesses);
		}
	}
	return max_nr_accesses;
}

/*
 * RFC v2 patch 4: kdamond_check_reported_accesses() then
 * kdamond_apply_zero_access_report().  The global array is read in
 * place (a report counts in every sample whose window holds it); the
 * per-CPU ring is drained, and a drained report that is stale,
 * ineligible or in no region is gone for every ctx.
 */
unsigned int faultsim_check_reported_accesses(struct damon_ctx *ctx)
{
	struct report_check c = { .ctx = ctx };
	struct damon_target *t;
	struct damon_region *r;
	unsigned long nr_regions = 0;
	unsigned int max_nr_accesses;

	damon_for_each_target(t, ctx)
		damon_for_each_region(r, t)
			nr_regions++;
	/* before the sink's mutex: no allocation under it */
	c.reported = kcalloc(max(BITS_TO_LONGS(nr_regions), 1UL),
			     sizeof(unsigned long), GFP_KERNEL);
	/* no flags: the reports stay unread, the sample counts as idle */
	if (c.reported) {
		c.oldest = jiffies -
			usecs_to_jiffies(ctx->attrs.sample_interval);
		faultsim_report_sink_read(report_apply, &c);
	}
	max_nr_accesses = apply_zero_access_report(ctx, c.reported);
	kfree(c.reported);
	return max_nr_accesses;
}

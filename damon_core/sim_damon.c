// SPDX-License-Identifier: GPL-2.0-only
/*
 * A DAMON session of a scenario run (sim_damon.h): the real kdamond of
 * mm/damon/core.c, started and stopped as a kernel user of DAMON would
 * (damon_new_ctx(), damon_set_attrs(), damon_select_ops() or our fault
 * ops, damon_start(), damon_stop(), damon_destroy_ctx()), and a record
 * of every aggregation's regions from the after_aggregation callback.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <linux/completion.h>
#include <linux/damon.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <kshim/kshim.h>
#include <kshim/sim.h>
#include "damon_core/ops_common.h"
#include "damon_core/sim_damon.h"
#include "mm_model/hw/access_truth.h"
#include "mm_model/hw/memmap.h"
#include "mm_model/hw/pgtable.h"

const char *const damon_sim_ops_names[DAMON_SIM_NR_OPS] = {
	[DAMON_SIM_VADDR] = "vaddr",
	[DAMON_SIM_VADDR_FAULT] = "vaddr-fault",
	[DAMON_SIM_PADDR_FAULT] = "paddr-fault",
	[DAMON_SIM_PADDR] = "paddr",
};

struct damon_sim_snapshot {
	uint64_t time_ns;
	int nr;
	struct damon_sim_region *regions;
	struct damon_sim_stats stats;	/* the session's, at this aggregation */
	int nr_truth;			/* -1: not recorded */
	struct damon_sim_truth *truth;
};

static struct {
	struct damon_ctx *ctx;		/* NULL: not running */
	struct pid *pid;		/* the target's, our reference */
	enum damon_sim_ops ops;
	struct completion first_sample;
	bool sampled;
	bool not_applicable;
	/* the ops' own callbacks, wrapped to judge each sample */
	void (*prepare)(struct damon_ctx *ctx);
	unsigned int (*check)(struct damon_ctx *ctx);
	struct mm_struct *mm;		/* vaddr*: the target's */
	uint64_t sample_seq;		/* access_truth_now() at prepare */
	uint64_t aggr_seq;		/* access_truth_now() at aggregation */
	struct damon_sim_attrs attrs;	/* the session's */
	unsigned long lo, hi;		/* paddr*: the target's RAM range */
	struct damon_sim_stats stats;
	struct damon_sim_snapshot *snaps;
	unsigned int nr_snaps, cap_snaps;
} sess;

struct damon_sim_stats *damon_sim_stats_mut(void)
{
	return &sess.stats;
}

const struct damon_sim_stats *damon_sim_stats(void)
{
	return &sess.stats;
}

void damon_sim_not_applicable(void)
{
	sess.not_applicable = true;
}

bool damon_sim_running(void)
{
	return sess.ctx;
}

const struct damon_sim_attrs *damon_sim_last_attrs(void)
{
	return &sess.attrs;
}

enum damon_sim_ops damon_sim_last_ops(void)
{
	return sess.ops;
}

static void free_snapshots(void)
{
	unsigned int i;

	for (i = 0; i < sess.nr_snaps; i++) {
		free(sess.snaps[i].regions);
		free(sess.snaps[i].truth);
	}
	free(sess.snaps);
	sess.snaps = NULL;
	sess.nr_snaps = sess.cap_snaps = 0;
}

void damon_sim_reset(void)
{
	/* a run that died left its ctx to the next boot's slab reset */
	sess.ctx = NULL;
	sess.pid = NULL;
	damon_sim_forget_pids(false);
	free_snapshots();
	memset(&sess.stats, 0, sizeof(sess.stats));
}

/*
 * The DAMON regions oracle (oracles/damon_regions.c attaches it), run
 * after every sample and aggregation of a session.  Kept across boots.
 */
static damon_sim_regions_check_fn regions_check __survives_boot;

void damon_sim_set_regions_check(damon_sim_regions_check_fn fn)
{
	regions_check = fn;
}

static void check_session_regions(struct damon_ctx *ctx)
{
	if (regions_check)
		regions_check(ctx, sess.lo, sess.hi);
}

static void damon_sim_prepare(struct damon_ctx *ctx)
{
	sess.stats.samples++;
	sess.sample_seq = access_truth_now();
	if (sess.prepare)
		sess.prepare(ctx);
}

/* The pfn a region's sampling address names now (0: none) */
static unsigned long sample_pfn(unsigned long addr)
{
	pmd_t *pmd;
	pte_t *pte;

	if (damon_sim_ops_physical(sess.ops))
		return PHYS_PFN(addr);
	if (!sess.mm || !pgtable_peek(sess.mm, addr, &pmd, &pte))
		return 0;
	if (pte)
		return pte_present(*pte) || pte_protnone(*pte) ?
			pte_pfn(*pte) : 0;
	return pmd_pfn(*pmd) + ((addr & ~PMD_MASK) >> PAGE_SHIFT);
}

/*
 * check_accesses, judged: which regions' sampled pages were really
 * accessed this sample, then the ops' own check, then which regions it
 * counted (nr_accesses went up).
 */
static unsigned int damon_sim_check(struct damon_ctx *ctx)
{
	struct damon_sim_stats *st = &sess.stats;
	struct damon_target *t;
	struct damon_region *r;
	unsigned int n = 0, i, max = 0;
	unsigned int *before;
	bool *accessed;

	damon_for_each_target(t, ctx)
		n += damon_nr_regions(t);
	before = kcalloc(n ? n : 1, sizeof(*before), GFP_KERNEL);
	accessed = kcalloc(n ? n : 1, sizeof(*accessed), GFP_KERNEL);
	if (!before || !accessed) {
		kfree(before);
		kfree(accessed);
		return sess.check ? sess.check(ctx) : 0;
	}
	i = 0;
	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t) {
			unsigned long pfn = sample_pfn(r->sampling_addr);

			before[i] = r->nr_accesses;
			accessed[i++] = pfn && access_truth_last(pfn) >
						       sess.sample_seq;
		}
	}
	if (sess.check)
		max = sess.check(ctx);
	check_session_regions(ctx);
	i = 0;
	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t) {
			bool counted = r->nr_accesses > before[i];

			if (accessed[i])
				counted ? st->truth_counted++ :
					  st->truth_missed++;
			else
				counted ? st->false_counted++ :
					  st->truth_idle++;
			i++;
		}
	}
	kfree(before);
	kfree(accessed);
	return max;
}

/* after_sampling: the first sample tells damon_sim_start() how it went */
static int damon_sim_after_sampling(struct damon_ctx *ctx)
{
	if (!sess.sampled) {
		sess.sampled = true;
		complete_all(&sess.first_sample);
	}
	/* a nonzero return ends kdamond (kdamond_fn() breaks out) */
	return sess.not_applicable ? -EOPNOTSUPP : 0;
}

/* damon_sim_record_truth(): off unless asked; kept across boots */
static bool record_truth __survives_boot;

void damon_sim_record_truth(bool on)
{
	record_truth = on;
}

/* the most pages a snapshot's ground truth walks */
#define TRUTH_MAX_PAGES (1UL << 20)

/*
 * Which pages of @s's regions were accessed since the last aggregation
 * (the MMU's record, mm_model/hw/access_truth.c), as runs of pages of
 * one kind; none (-1) past TRUTH_MAX_PAGES.
 */
static void snapshot_truth(struct damon_sim_snapshot *s)
{
	unsigned long pages = 0, addr;
	int i, n = 0, cap = 0;

	s->nr_truth = -1;
	s->truth = NULL;
	for (i = 0; i < s->nr; i++)
		pages += (s->regions[i].end - s->regions[i].start) >> PAGE_SHIFT;
	if (pages > TRUTH_MAX_PAGES)
		return;
	for (i = 0; i < s->nr; i++) {
		const struct damon_sim_region *r = &s->regions[i];

		for (addr = r->start; addr < r->end; addr += PAGE_SIZE) {
			unsigned long pfn = sample_pfn(addr);
			bool acc = pfn && access_truth_last(pfn) > sess.aggr_seq;
			struct damon_sim_truth *last = n ? &s->truth[n - 1] : NULL;

			if (last && last->accessed == acc && last->end == addr) {
				last->end = addr + PAGE_SIZE;
				continue;
			}
			if (n == cap) {
				void *p;

				cap = cap ? 2 * cap : 16;
				p = realloc(s->truth, cap * sizeof(*s->truth));
				if (!p)
					sim_out_of_memory("DAMON's ground truth");
				s->truth = p;
			}
			s->truth[n++] = (struct damon_sim_truth){
				addr, addr + PAGE_SIZE, acc };
		}
	}
	s->nr_truth = n;
}

static int damon_sim_after_aggregation(struct damon_ctx *ctx)
{
	struct damon_sim_snapshot *s;
	struct damon_target *t;
	struct damon_region *r;
	int n = 0;

	if (sess.nr_snaps == sess.cap_snaps) {
		unsigned int cap = sess.cap_snaps ? 2 * sess.cap_snaps : 16;
		void *p = realloc(sess.snaps, cap * sizeof(*sess.snaps));

		if (!p)
			sim_out_of_memory("DAMON's region snapshots");
		sess.snaps = p;
		sess.cap_snaps = cap;
	}
	check_session_regions(ctx);
	damon_for_each_target(t, ctx)
		n += damon_nr_regions(t);
	s = &sess.snaps[sess.nr_snaps];
	s->regions = calloc(n ? n : 1, sizeof(*s->regions));
	if (!s->regions)
		sim_out_of_memory("a snapshot of %d DAMON regions", n);
	s->time_ns = ktime_get_ns();
	s->nr = 0;
	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t)
			s->regions[s->nr++] = (struct damon_sim_region){
				.start = r->ar.start,
				.end = r->ar.end,
				.nr_accesses = r->nr_accesses,
				.age = r->age,
			};
	}
	s->stats = sess.stats;
	s->nr_truth = -1;
	s->truth = NULL;
	if (record_truth)
		snapshot_truth(s);
	sess.aggr_seq = access_truth_now();
	sess.nr_snaps++;
	return 0;
}

static void damon_sim_before_terminate(struct damon_ctx *ctx)
{
	/* ended before any sample: do not leave the starter waiting */
	complete_all(&sess.first_sample);
}

/* damon_destroy_ctx() and our references; kdamond must be gone */
static void damon_sim_end(void)
{
	damon_destroy_ctx(sess.ctx);
	sess.ctx = NULL;
	put_pid(sess.pid);
	sess.pid = NULL;
	damon_sim_forget_pids(true);
}

/*
 * The paddr target's region, as DAMON_RECLAIM and DAMON_LRU_SORT set it
 * with damon_set_region_biggest_system_ram_default(): the biggest System
 * RAM range.  The kshim's resource map (walk_system_ram_res()) is still
 * its boot default, not the machine's memmap, so the range comes from
 * the memmap: its nodes lie back to back, one range.
 */
static int damon_sim_set_ram_region(struct damon_target *t)
{
	const struct memmap_node *first = memmap_node(0);
	const struct memmap_node *last;
	struct damon_addr_range range;

	if (memmap_nr_nodes() < 1 || !first)
		return -EINVAL;
	last = memmap_node(memmap_nr_nodes() - 1);
	range.start = PFN_PHYS(first->start_pfn);
	range.end = PFN_PHYS(last->start_pfn + last->nr_pages);
	sess.lo = range.start;
	sess.hi = range.end;
	return damon_set_regions(t, &range, 1);
}

int damon_sim_start(const struct damon_sim_attrs *a, char *err,
		    size_t err_len)
{
	struct damon_attrs attrs = {
		.sample_interval = a->sample_us,
		.aggr_interval = a->aggr_us,
		/* DAMON sysfs' default: update the regions every second */
		.ops_update_interval = DAMON_SIM_OPS_UPDATE_US,
		.min_nr_regions = a->min_nr_regions,
		.max_nr_regions = a->max_nr_regions,
	};
	const char *name = damon_sim_ops_names[a->ops];
	struct damon_target *t;
	struct damon_ctx *ctx;
	int ret;

	if (sess.ctx) {
		snprintf(err, err_len, "DAMON is already running");
		return -EBUSY;
	}
	free_snapshots();
	memset(&sess.stats, 0, sizeof(sess.stats));
	sess.ops = a->ops;
	sess.lo = sess.hi = 0;
	sess.sampled = false;
	sess.not_applicable = false;
	init_completion(&sess.first_sample);

	ctx = damon_new_ctx();
	if (!ctx) {
		snprintf(err, err_len, "damon_new_ctx(): out of memory");
		return -ENOMEM;
	}
	ret = damon_set_attrs(ctx, &attrs);
	if (ret) {
		snprintf(err, err_len, "damon_set_attrs(): %d", ret);
		goto out_ctx;
	}
	/* the kernel's set of the address space; a fault-based one on it */
	if (damon_sim_ops_physical(a->ops)) {
		ret = damon_select_ops(ctx, DAMON_OPS_PADDR);
		if (ret) {
			snprintf(err, err_len, "damon_select_ops(paddr): %d "
				 "(CONFIG_DAMON_PADDR?)", ret);
			goto out_ctx;
		}
	} else {
		ret = damon_select_ops(ctx, DAMON_OPS_VADDR);
		if (ret) {
			snprintf(err, err_len, "damon_select_ops(vaddr): %d "
				 "(CONFIG_DAMON_VADDR?)", ret);
			goto out_ctx;
		}
	}
	damon_sim_fault_ops(&ctx->ops, a->ops);
	/* judge every sample against the ground truth of accesses */
	if (access_truth_enable(kshim_memmap_end_pfn))
		sim_out_of_memory("the access ground truth of %lu pages",
				  kshim_memmap_end_pfn);
	sess.mm = a->task ? a->task->mm : NULL;
	sess.aggr_seq = access_truth_now();
	sess.attrs = *a;
	sess.prepare = ctx->ops.prepare_access_checks;
	sess.check = ctx->ops.check_accesses;
	ctx->ops.prepare_access_checks = damon_sim_prepare;
	ctx->ops.check_accesses = damon_sim_check;
	ctx->callback.after_sampling = damon_sim_after_sampling;
	ctx->callback.after_aggregation = damon_sim_after_aggregation;
	ctx->callback.before_terminate = damon_sim_before_terminate;

	t = damon_new_target();
	if (!t) {
		ret = -ENOMEM;
		snprintf(err, err_len, "damon_new_target(): out of memory");
		goto out_ctx;
	}
	damon_add_target(ctx, t);
	if (damon_sim_ops_physical(a->ops)) {
		ret = damon_sim_set_ram_region(t);
		if (ret) {
			snprintf(err, err_len, "%s: no RAM region (%d)", name,
				 ret);
			goto out_ctx;
		}
	} else {
		sess.pid = damon_sim_task_pid(a->task);
		if (!sess.pid) {
			ret = -ENOMEM;
			snprintf(err, err_len, "%s: no pid for the target",
				 name);
			goto out_ctx;
		}
		t->pid = sess.pid;
	}

	sess.ctx = ctx;
	ret = damon_start(&sess.ctx, 1, true);
	if (ret) {
		snprintf(err, err_len, "damon_start(): %d", ret);
		goto out_sess;
	}
	wait_for_completion(&sess.first_sample);
	if (sess.not_applicable) {
		/* kdamond ends itself after this sample (-EPERM: gone) */
		damon_stop(&sess.ctx, 1);
		damon_sim_end();
		snprintf(err, err_len, "%s: the run's design gives DAMON no "
			 "hints (its DAMON install: "
			 "-EOPNOTSUPP): fault-based sampling is not "
			 "applicable", name);
		return -EOPNOTSUPP;
	}
	return 0;

out_sess:
	damon_sim_end();
	return ret;
out_ctx:
	damon_destroy_ctx(ctx);
	put_pid(sess.pid);
	sess.pid = NULL;
	damon_sim_forget_pids(true);
	return ret;
}

int damon_sim_stop(void)
{
	int ret;

	if (!sess.ctx)
		return 0;
	ret = damon_stop(&sess.ctx, 1);
	if (ret == -EPERM)
		ret = 0;	/* kdamond had ended by itself */
	damon_sim_end();
	return ret;
}

unsigned int damon_sim_nr_aggregations(void)
{
	return sess.nr_snaps;
}

int damon_sim_aggregation(unsigned int i, const struct damon_sim_region **out,
			  uint64_t *time_ns)
{
	if (i >= sess.nr_snaps)
		return -1;
	*out = sess.snaps[i].regions;
	if (time_ns)
		*time_ns = sess.snaps[i].time_ns;
	return sess.snaps[i].nr;
}

int damon_sim_aggregation_truth(unsigned int i,
				const struct damon_sim_truth **out,
				const struct damon_sim_stats **stats)
{
	if (i >= sess.nr_snaps)
		return -1;
	*out = sess.snaps[i].truth;
	*stats = &sess.snaps[i].stats;
	return sess.snaps[i].nr_truth;
}

int damon_sim_last_regions(const struct damon_sim_region **out)
{
	if (!sess.nr_snaps)
		return -1;
	return damon_sim_aggregation(sess.nr_snaps - 1, out, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Where faultsim_damon_report_access() (the RFC's damon_report_access())
 * puts a report until a kdamond reads it
 * (report.h).  Two sinks, one selected per run:
 *
 *  - the global array of RFC v2 patch 1: 1000 slots, a mutex taken by
 *    trylock (contended: the report is dropped), a length that wraps to
 *    0 when the array fills, so everything older becomes invisible;
 *  - a per-CPU ring of 256 slots after the Micron RFC (May 2026): one
 *    producer per CPU, kdamond the one consumer that drains it; full:
 *    the report is dropped.
 *
 * Every simulated boot restores the kernel objects' data (kshim/src/
 * kdata.c), so the lengths, ring indices, lock and stats start empty on
 * each boot.  That section is copied byte by byte on every boot, so the
 * slots themselves (~700 KiB) live on the host heap instead, allocated
 * once: a slot is only ever read below the length or between tail and
 * head, so stale slots from an earlier run are never seen.  The
 * selected sink must survive boots too ("select, then boot").
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <kshim/kshim.h>
#include <kshim/inject.h>
#include <kshim/sim.h>
#include "damon_core/report.h"
#include "mm_model/mm/hint_events.h"


/* RFC v2 patch 1's DAMON_ACCESS_REPORTS_CAP */
#define SINK_ARRAY_CAP 1000
/* The Micron RFC's DAMON_REPORT_RING_SIZE */
#define SINK_RING_SIZE 256
_Static_assert((SINK_RING_SIZE & (SINK_RING_SIZE - 1)) == 0,
	       "free-running ring indices need a power of two");

const char *const faultsim_report_sink_names[FAULTSIM_NR_SINKS] =
	FAULTSIM_REPORT_SINK_NAMES;

static enum faultsim_report_sink_kind sink_kind __survives_boot;
static struct faultsim_access_report *reports_slots __survives_boot;
static struct faultsim_access_report *ring_slots __survives_boot;

/* global array: damon_access_reports{,_len,_lock} of the RFC */
static int damon_access_reports_len;
static DEFINE_MUTEX(damon_access_reports_lock);
/*
 * Slots written since the last read (or the last wrap), all of them at
 * [len - nr_unread, len) or, the moment len wraps, [CAP - nr_unread,
 * CAP): what a wrap hides before any kdamond has read it.
 */
static int nr_unread;

/*
 * per-CPU ring indices, free-running: head - tail entries are queued.
 * The Micron ring keeps head and tail on separate cache lines; the
 * simulator has no caches, so they share one to keep the boot copy
 * small.
 */
struct ring_idx {
	unsigned int head;	/* written by the producer (the CPU) */
	unsigned int tail;	/* written by the consumer (kdamond) */
};
static struct ring_idx ring_idx[CONFIG_NR_CPUS];

static struct faultsim_report_stats stats;

static void *slots_alloc(size_t n)
{
	void *p = calloc(n, sizeof(struct faultsim_access_report));

	if (!p)
		sim_out_of_memory("the report sink's %zu slots", n);
	return p;
}

/* Allocated on first use, from any context: host memory, never freed. */
static struct faultsim_access_report *global_slots(void)
{
	if (!reports_slots)
		reports_slots = slots_alloc(SINK_ARRAY_CAP);
	return reports_slots;
}

static struct faultsim_access_report *cpu_ring(int cpu)
{
	if (!ring_slots)
		ring_slots = slots_alloc((size_t)CONFIG_NR_CPUS *
					 SINK_RING_SIZE);
	return ring_slots + (size_t)cpu * SINK_RING_SIZE;
}

void faultsim_report_sink_reset(void)
{
	/* between runs: no task can hold the lock or be mid-report */
	damon_access_reports_len = 0;
	nr_unread = 0;
	memset(ring_idx, 0, sizeof(ring_idx));
	memset(&stats, 0, sizeof(stats));
}

void faultsim_report_sink_select(enum faultsim_report_sink_kind kind)
{
	if (WARN_ON_ONCE(kind < 0 || kind >= FAULTSIM_NR_SINKS))
		return;
	sink_kind = kind;
	faultsim_report_sink_reset();
}

const struct faultsim_report_stats *faultsim_report_sink_stats(void)
{
	return &stats;
}

struct mutex *faultsim_report_sink_lock(void)
{
	return &damon_access_reports_lock;
}

/*
 * RFC v2 patch 1's damon_report_access() body: trylock or drop, store
 * at len, wrap len to 0 when the array is full, stamp the jiffies.
 *
 * hidden_by_wrap counts, at each wrap, the slots written since the last
 * faultsim_report_sink_read() of the array (the slot just written, which
 * becomes invisible at once, included): reports no kdamond ever saw.
 * Slots a read already covered are not counted, though the wrap also
 * ends their time window early.
 */
static void global_array_report(const struct faultsim_access_report *report)
{
	struct faultsim_access_report *dst;

	/* contended, or the "sink_trylock" injection (kshim/inject.h) */
	if (kshim_inject(KSHIM_INJECT_SINK_TRYLOCK) ||
	    !mutex_trylock(&damon_access_reports_lock)) {
		stats.dropped_contended++;
		return;
	}
	dst = &global_slots()[damon_access_reports_len++];
	if (damon_access_reports_len == SINK_ARRAY_CAP)
		damon_access_reports_len = 0;
	*dst = *report;
	dst->report_jiffies = jiffies;
	stats.stored++;
	nr_unread++;
	if (!damon_access_reports_len) {
		stats.hidden_by_wrap += nr_unread;
		nr_unread = 0;
	}
	mutex_unlock(&damon_access_reports_lock);
}

/*
 * The Micron RFC's producer: no lock and no sleep, so usable from any
 * context (IRQ, NMI).  One producer per CPU, as the kernel's runs with
 * preemption off; here it has no scheduling point, so no other task
 * interleaves.  (The RFC's busy counter for NMI-nested reports has
 * nothing to model: simulated CPUs take no NMIs.)
 */
static void percpu_ring_report(const struct faultsim_access_report *report)
{
	int cpu = smp_processor_id();
	struct faultsim_access_report *dst;
	struct ring_idx *idx;
	unsigned int head;

	if (WARN_ON_ONCE(cpu < 0 || cpu >= CONFIG_NR_CPUS))
		return;
	idx = &ring_idx[cpu];
	head = idx->head;
	if (head - smp_load_acquire(&idx->tail) >= SINK_RING_SIZE) {
		/* the RFC also emits trace_damon_perf_ring_overflow(cpu) */
		stats.dropped_full++;
		return;
	}
	dst = &cpu_ring(cpu)[head % SINK_RING_SIZE];
	*dst = *report;
	dst->report_jiffies = jiffies;
	/* publish the slot before the index that exposes it */
	smp_store_release(&idx->head, head + 1);
	stats.stored++;
}

/* Mirrors RFC v2 patch 1's damon_report_access(), into the selected sink */
void faultsim_damon_report_access(struct faultsim_access_report *report)
{
	stats.reported++;
	/* the report itself is the DAMON side's endpoint, kept or not */
	if (report->tgid)
		hint_event_damon_report(HINT_REPORT_NO_ADDR, report->addr,
					report->size);
	else
		hint_event_damon_report(report->addr,
					report->vtgid ? report->vaddr :
							HINT_REPORT_NO_ADDR,
					report->size);
	if (sink_kind == FAULTSIM_SINK_PERCPU_RING)
		percpu_ring_report(report);
	else
		global_array_report(report);
}

/*
 * The reading half of RFC v2 patch 4's kdamond_check_reported_accesses():
 * under the mutex, every slot in [0, len), none consumed.
 */
static unsigned int global_array_read(bool (*fn)(
		const struct faultsim_access_report *, void *), void *arg)
{
	struct faultsim_access_report *slots = global_slots();
	int i;

	mutex_lock(&damon_access_reports_lock);
	for (i = 0; i < damon_access_reports_len; i++)
		if (fn(&slots[i], arg))
			stats.counted++;
	nr_unread = 0;
	mutex_unlock(&damon_access_reports_lock);
	return i;
}

/* The Micron RFC's consumer: drains each CPU's ring, oldest first. */
static unsigned int percpu_ring_read(bool (*fn)(
		const struct faultsim_access_report *, void *), void *arg)
{
	unsigned int nr = 0, tail, head;
	int cpu;

	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		tail = ring_idx[cpu].tail;
		head = smp_load_acquire(&ring_idx[cpu].head);
		for (; tail != head; tail++, nr++)
			if (fn(&cpu_ring(cpu)[tail % SINK_RING_SIZE],
			       arg))
				stats.counted++;
		/* the slots are free for the producer again */
		smp_store_release(&ring_idx[cpu].tail, tail);
	}
	return nr;
}

unsigned int faultsim_report_sink_read(bool (*fn)(
		const struct faultsim_access_report *report, void *arg),
		void *arg)
{
	if (sink_kind == FAULTSIM_SINK_PERCPU_RING)
		return percpu_ring_read(fn, arg);
	return global_array_read(fn, arg);
}

unsigned int faultsim_report_sink_peek(struct faultsim_access_report *buf,
				       unsigned int max)
{
	unsigned int nr = 0, tail;
	int cpu, i;

	if (sink_kind != FAULTSIM_SINK_PERCPU_RING) {
		for (i = 0; i < damon_access_reports_len; i++, nr++)
			if (nr < max)
				buf[nr] = global_slots()[i];
		return nr;
	}
	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		for (tail = ring_idx[cpu].tail; tail != ring_idx[cpu].head;
		     tail++, nr++)
			if (nr < max)
				buf[nr] = cpu_ring(cpu)[tail %
						SINK_RING_SIZE];
	return nr;
}

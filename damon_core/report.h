/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DAMON access reports, as the RFC series adds them to mm/damon/core.c
 * (RFC v2 patches 1 and 4; see docs/damon-fault-reporting.md),
 * in our code since 6.12's core.c has none: faultsim_damon_report_access()
 * (the RFC's damon_report_access()) into a selectable sink, and the
 * kdamond side that turns reports into region access counts (an
 * operations set's check_accesses).
 *
 * Every name here is faultsim's own (faultsim_, FAULTSIM_): a kernel
 * tree with the RFC applied defines damon_report_access() and struct
 * damon_access_report itself, and both must build and link side by side
 * (tests/names/).
 */
#ifndef FAULTSIM_DAMON_REPORT_H
#define FAULTSIM_DAMON_REPORT_H

#include <linux/types.h>

struct damon_ctx;

/* Mirrors RFC v2 patch 1's struct damon_access_report (tgid for pid) */
struct faultsim_access_report {
	pid_t tgid;		/* 0: a physical address report */
	unsigned long addr;	/* physical or virtual, page base */
	unsigned long size;
	unsigned int cpu;	/* v3: the CPU the access came from */
	bool is_write;		/* v3: a write fault */
	/*
	 * RFC v3's damon_report_page_fault(): a physical report (tgid 0)
	 * that names the faulting virtual address too, and the thread.
	 * vtgid 0: no virtual address (RFC v2's reports).
	 */
	pid_t vtgid;		/* the faulting thread's process */
	unsigned long vaddr;	/* vmf->address */
	pid_t tid;		/* v3: task_pid_vnr(current) */
	/* private: */
	unsigned long report_jiffies;
};

enum faultsim_report_sink_kind {
	/* RFC v2: one global array of 1000, mutex_trylock or drop,
	 * wrapping to 0 when full (older entries become invisible) */
	FAULTSIM_SINK_GLOBAL_ARRAY,
	/* per-CPU ring of 256 (Micron RFC, May 2026): drop when full,
	 * usable from any context; kdamond drains it */
	FAULTSIM_SINK_PERCPU_RING,
	FAULTSIM_NR_SINKS,
};

/* The sinks' names as --sink and traces spell them: the one table */
#define FAULTSIM_REPORT_SINK_NAMES {					\
	[FAULTSIM_SINK_GLOBAL_ARRAY] = "global-array",			\
	[FAULTSIM_SINK_PERCPU_RING] = "percpu-ring",			\
}

extern const char *const faultsim_report_sink_names[FAULTSIM_NR_SINKS];

struct faultsim_report_stats {
	uint64_t reported;		/* reports made: every call */
	uint64_t stored;		/* entries written */
	uint64_t dropped_contended;	/* trylock failed (global array) */
	uint64_t dropped_full;		/* ring full (per-CPU ring) */
	uint64_t hidden_by_wrap;	/* unread entries a wrap hid */
	uint64_t counted;		/* reports that raised a region */
};

/* Selects the sink for the next run and empties it (call before boot). */
void faultsim_report_sink_select(enum faultsim_report_sink_kind kind);
void faultsim_report_sink_reset(void);
const struct faultsim_report_stats *faultsim_report_sink_stats(void);

/* Mirrors RFC v2 patch 1's damon_report_access() ("Context: May sleep") */
void faultsim_damon_report_access(struct faultsim_access_report *report);

/*
 * RFC v2 patch 4: kdamond_check_reported_accesses() then
 * kdamond_apply_zero_access_report(), as an operations set's
 * check_accesses: each region fully containing a fresh, eligible
 * report gets one access this sample, every other region none.
 * Returns the largest nr_accesses.
 */
unsigned int faultsim_check_reported_accesses(struct damon_ctx *ctx);

/*
 * The reader's side of the sink, for faultsim_check_reported_accesses():
 * calls @fn on each report a kdamond may read now and returns how many
 * it passed.  Global array: [0, len) under its mutex, left in place
 * (readers use a time window); it may sleep.  Per-CPU ring: every CPU's
 * ring drained, CPU 0 first, oldest first.  @fn returns true when the
 * report raised a region (counted in stats->counted).
 */
unsigned int faultsim_report_sink_read(bool (*fn)(
		const struct faultsim_access_report *report, void *arg),
		void *arg);

/*
 * For tests and tools, between runs or from a task: copies up to @max
 * of the reports a read would see now (same order) into @buf, consumes
 * nothing and takes no lock.  Returns how many there are.
 */
unsigned int faultsim_report_sink_peek(struct faultsim_access_report *buf,
				       unsigned int max);

struct mutex;
/* The global array's lock, so tests can hold it across a scheduling point. */
struct mutex *faultsim_report_sink_lock(void);

#endif

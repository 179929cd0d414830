/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DAMON in a scenario run (damon_core/sim_damon.c): one real kdamond
 * (mm/damon/core.c's damon_start()/damon_stop()) monitoring a simulated
 * task, or physical memory, with an operations set, on the
 * virtual clock next to the scenario's tasks; and what its aggregations
 * left, for the run's report and for tests.
 *
 * Which operations set a context gets: 6.12's enum damon_ops_id has
 * DAMON_OPS_VADDR, DAMON_OPS_FVADDR and DAMON_OPS_PADDR only, and
 * damon_register_ops() rejects any other id, so the fault-based sets
 * are not registered with the core: the session selects the registered
 * set of the address space they monitor (damon_select_ops():
 * DAMON_OPS_VADDR for vaddr-fault, DAMON_OPS_PADDR for paddr-fault, so
 * that damon_target_has_pid() is right and vaddr-fault keeps vaddr.c's
 * init and update) and damon_sim_fault_ops() replaces its sampling
 * callbacks.  "vaddr" and "paddr" are the registered 6.12 sets of the
 * kernel's own mm/damon/vaddr.c and paddr.c, as they are.
 */
#ifndef FAULTSIM_DAMON_SIM_DAMON_H
#define FAULTSIM_DAMON_SIM_DAMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct task_struct;

enum damon_sim_ops {
	DAMON_SIM_VADDR,	/* Accessed bits (mm/damon/vaddr.c, 6.12) */
	DAMON_SIM_VADDR_FAULT,	/* fault-based sampling of a task */
	DAMON_SIM_PADDR_FAULT,	/* RFC v2 patch 6's paddr_fault */
	DAMON_SIM_PADDR,	/* Accessed bits (mm/damon/paddr.c, 6.12) */
	DAMON_SIM_NR_OPS,
};

extern const char *const damon_sim_ops_names[DAMON_SIM_NR_OPS];

/* paddr, paddr-fault: physical memory, no task, the RAM region */
static inline bool damon_sim_ops_physical(enum damon_sim_ops ops)
{
	return ops == DAMON_SIM_PADDR || ops == DAMON_SIM_PADDR_FAULT;
}

/* vaddr-fault, paddr-fault: the run's design installs DAMON's hints */
static inline bool damon_sim_ops_fault(enum damon_sim_ops ops)
{
	return ops == DAMON_SIM_VADDR_FAULT || ops == DAMON_SIM_PADDR_FAULT;
}

struct damon_sim_attrs {
	enum damon_sim_ops ops;
	struct task_struct *task;	/* the target; NULL for paddr* */
	unsigned long sample_us, aggr_us;
	unsigned long min_nr_regions, max_nr_regions;
};

struct damon_sim_region {
	unsigned long start, end;
	unsigned int nr_accesses;
	unsigned int age;
};

/* What the operations set did (this session). */
struct damon_sim_stats {
	unsigned long samples;		/* prepare_access_checks() calls */
	unsigned long no_mapping;	/* a sampling address nothing maps */
	unsigned long installs;		/* the design's install calls */
	unsigned long hinted;		/* entries it reported hinted */
	unsigned long install_errors;	/* other negative returns */
	unsigned long inaccessible;	/* !vma_is_accessible(): skipped */
	unsigned long mmap_busy;	/* paddr-fault: mmap_read_trylock failed */
	/*
	 * Each region's verdict at each sample against the ground truth
	 * (mm_model/hw/access_truth.c): was its sampled page accessed between
	 * prepare_access_checks and check_accesses, did DAMON count it?
	 */
	unsigned long truth_counted;	/* accessed, counted */
	unsigned long truth_missed;	/* accessed, not counted */
	unsigned long false_counted;	/* not accessed, counted */
	unsigned long truth_idle;	/* not accessed, not counted */
};

/*
 * Starts a kdamond with @a, from a simulated thread (the scenario's
 * driver): damon_new_ctx(), damon_set_attrs(), the ops, one target,
 * damon_start(), and waits for its first sample, so that a fault-based
 * set the design cannot serve fails here.  Returns 0, or a negative
 * errno with one line in @err.
 */
int damon_sim_start(const struct damon_sim_attrs *a, char *err,
		    size_t err_len);
/* damon_stop() and damon_destroy_ctx(); 0 if nothing was running. */
int damon_sim_stop(void);
bool damon_sim_running(void);
/* Forgets the previous session's results (the start of a run). */
void damon_sim_reset(void);

/* Aggregations seen so far in this session (after_aggregation calls). */
unsigned int damon_sim_nr_aggregations(void);
/*
 * The regions of aggregation @i (0: the first), after that aggregation's
 * merge, as kdamond's after_aggregation callback sees them; returns
 * their number, or -1 if there is no such aggregation.
 */
int damon_sim_aggregation(unsigned int i, const struct damon_sim_region **out,
			  uint64_t *time_ns);
/* A run of pages of one kind: accessed or not, per the MMU's record */
struct damon_sim_truth {
	unsigned long start, end;
	bool accessed;
};

/*
 * Whether aggregations also record their ground truth (off by default:
 * it walks every page of the regions, at most 2^20 of them).  Kept
 * across boots.
 */
void damon_sim_record_truth(bool on);
/*
 * Aggregation @i's ground truth: the pages of its regions accessed since
 * the aggregation before (or the session's start), as runs; @stats the
 * session's counters at it (cumulative).  The number of runs, -1 if
 * there is no such aggregation or its truth was not recorded (then
 * @stats is still set when the aggregation exists).
 */
int damon_sim_aggregation_truth(unsigned int i,
				const struct damon_sim_truth **out,
				const struct damon_sim_stats **stats);
/* The last aggregation's regions; -1 if there was none. */
int damon_sim_last_regions(const struct damon_sim_region **out);
const struct damon_sim_stats *damon_sim_stats(void);
struct damon_ctx;
/*
 * The check run after every sample and aggregation of a session on
 * its regions (@lo, @hi: a physical target's RAM, or lo == hi): the
 * DAMON regions oracle attaches itself here (oracles/damon_regions.c).
 */
typedef int (*damon_sim_regions_check_fn)(struct damon_ctx *ctx,
					  unsigned long lo, unsigned long hi);
void damon_sim_set_regions_check(damon_sim_regions_check_fn fn);

/* ops_update_interval of every session (us) */
#define DAMON_SIM_OPS_UPDATE_US 1000000
/* The attributes of the last session. */
const struct damon_sim_attrs *damon_sim_last_attrs(void);
/* The operations set of the last session. */
enum damon_sim_ops damon_sim_last_ops(void);

struct vm_area_struct;
/*
 * The selected design's DAMON hint install (design.h's damon_install),
 * handed over by designs/registry.c when a design is selected; NULL: the
 * design gives DAMON no hints.  Kept across boots.
 */
void damon_sim_set_fault_install(long (*install)(struct vm_area_struct *vma,
						 unsigned long addr));

#endif

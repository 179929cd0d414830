/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A replay's scheduling points, recorded for the readable log and the
 * schedule timeline (docs/traces.md#timeline): each point's thread,
 * CPU, virtual time, kernel function (the shadow stack's innermost),
 * kind and object named by the model (mm_model/hw/pgtable_names.h), and
 * at page-table stores the entry before and after.  app/timeline.c
 * records, app/timeline_svg.c draws the lanes, app/timeline_perfetto.c
 * writes Chrome's Trace Event Format.
 */
#ifndef FAULTSIM_APP_TIMELINE_H
#define FAULTSIM_APP_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "sim/sched.h"

struct timeline_event {
	uint32_t step;		/* the point's index in the run */
	uint64_t ns;		/* the virtual clock */
	int tid, cpu;
	char thread[32];
	char fn[64];		/* kernel function; "faultsim": the model's */
	enum sim_point_kind kind;
	char obj[64];		/* "pte@0x7f0000001000 pfn=0x101", "obj=7" */
	bool entry;		/* obj is a page-table entry: before valid */
	bool stored;		/* a store to it: after valid */
	bool hint;		/* the store flips PROT_NONE (a NUMA hint) */
	uint64_t before, after;
	const void *slot;	/* the entry, until the store is seen */
};

struct timeline {
	struct timeline_event *ev;
	size_t nr, cap;
	FILE *log;		/* the ftrace-style log, or NULL */
	bool keep;		/* record the events (--timeline, --perfetto) */
	char title[160];	/* "scenario / design / seed" */
	char finding[512];	/* the run's first finding, "" none */
};

/* sim_set_event_log()'s callback; @priv is a struct timeline */
void timeline_point(void *priv, const struct sim_thread *t,
		    enum sim_point_kind kind, uint32_t obj_index,
		    const void *obj);
/* The stores still open get their after value; call after the run. */
void timeline_finish(struct timeline *tl);
void timeline_free(struct timeline *tl);

/* 0, or -1 and one line in @err */
int timeline_write_svg(const struct timeline *tl, const char *path,
		       char *err, size_t len);
int timeline_write_perfetto(const struct timeline *tl, const char *path,
			    char *err, size_t len);

#endif

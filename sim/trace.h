/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Traces: what identifies one run (scenario, design, kconfig, strategy,
 * seed, schedule) and what it found, as a versioned JSON file that
 * `faultsim replay` reads back (docs/traces.md); the compatibility check
 * that refuses a trace this binary cannot replay exactly; the event-log
 * hash that shows a replay is bit for bit; and the ftrace-style readable
 * log.  Plain C11 + json-c + libc: no json-c types in this header.
 */
#ifndef FAULTSIM_TRACE_H
#define FAULTSIM_TRACE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
/* SHA-256 of the scenario and of the binary: part of this API */
#include "sim/sha256.h"

/*
 * The format written; the reader also takes version 1, whose "design"
 * said "<design>[@<sink>]" or "plant:<bug>[@<sink>]" in one string: it
 * reads it into design, sink and plant (design "baseline" for a bug);
 * and versions 1 and 2, whose "params" was one string "a=1,b=2" (so a
 * value could not hold a comma): version 3 has an object of strings.
 * Version 5 adds "inject", the injected-failure kinds armed, and may
 * hold "arch": "arm64" (the page-table encoding of the run, --arch; an
 * x86_64 run has no key, so its bytes are what they were).
 */
#define SIM_TRACE_FORMAT 5
#define SIM_TRACE_FORMAT_MIN 1

/* Limits; the reader rejects anything beyond them. */
#define SIM_TRACE_MAX_TID 65535U		/* a schedule entry */
#define SIM_TRACE_MAX_SCHEDULE (1U << 24)	/* entries */
#define SIM_TRACE_MAX_PARAMS 16			/* --param overrides */
/* json-c needs about ten times the text: 64 MiB is a 700 MB parse */
#define SIM_TRACE_MAX_FILE_BYTES (64U << 20)

/* One scenario parameter override, as --param NAME=VALUE gave it */
struct sim_trace_param {
	char name[32];
	char value[256];		/* the text after '=', any UTF-8 */
};

struct sim_trace {
	uint32_t format_version;	/* SIM_TRACE_FORMAT */
	char faultsim_version[32];	/* "0.1.0" */
	char binary_id[64];		/* sim_binary_id() of the recorder */
	char kernel_version[32];	/* "6.12.117" */
	char kernel_tree[4608];		/* the build's tree line; v4 on */
	char kconfig[32];		/* "full" */
	char design[32];		/* "baseline-6.12" */
	char sink[32];			/* DAMON's report sink; "": the default */
	char plant[32];			/* a planted bug; "": none */
	char inject[128];		/* "slab,folio_isolate"; "": none (v5) */
	char scenario_path[4096];	/* as given: PATH_MAX bytes */
	char scenario_sha256[65];	/* of the scenario file's bytes, hex */
	char strategy[16];		/* "random" | "pct" | "exhaustive" | "replay" */
	uint64_t seed;
	uint32_t pct_depth;		/* 0 if unused */
	uint32_t preemption_bound;	/* 0 if unused */
	char granularity[16];		/* "locks+pt" (also when absent) or "locks" */
	char arch[16];			/* "arm64"; "": x86_64, and no key */
	struct sim_trace_param params[SIM_TRACE_MAX_PARAMS];
	uint32_t nr_params;		/* the overrides, in order, names unique */
	uint32_t *schedule;		/* thread id chosen at each real choice */
	uint32_t schedule_len;
	char oracle[64];		/* the finding that fired: "fault_loop" */
	char finding[256];		/* its message */
	uint64_t trace_hash;		/* sim_trace_hash_event() over the run */
};

/*
 * Write @t to @path as pretty JSON (docs/traces.md); the file is written
 * to "<path>.tmp" and renamed, so a reader never sees half a trace.
 * Returns 0, or -1 with one line "<path>: <problem>" in @err.  The
 * strings of @t must be valid for the reader (see sim_trace_read()).
 */
int sim_trace_write(const struct sim_trace *t, const char *path, char *err,
		    size_t len);

/*
 * The writer's checks alone, every rule of the reader: 0, or -1 and one
 * line "<name>: <field>: <problem>" in @err.  For a caller that would
 * rather refuse before a run than find after it that it cannot record
 * it.
 */
int sim_trace_check(const struct sim_trace *t, const char *name, char *err,
		    size_t len);

/*
 * Read a trace strictly: unknown keys, missing keys, wrong types,
 * out-of-range numbers, over-long strings and trailing text are errors.
 * Returns 0 and *@out (free with sim_trace_free()), or -1 with one line
 * (no newline) in @err:
 *   "<path>: <field>: <problem>", "<path>: line N: JSON syntax error: ..."
 */
int sim_trace_read(const char *path, struct sim_trace **out, char *err,
		   size_t len);
/* Frees t->schedule and t (both from malloc); NULL is fine. */
void sim_trace_free(struct sim_trace *t);

/*
 * 0 when this binary can replay @t exactly; else -1 and one line in @err.
 * Checked in this order: the kconfig, the binary (sim_binary_id()), the
 * scenario file's SHA-256.
 */
int sim_trace_check_compatible(const struct sim_trace *t,
			       const char *binary_id, const char *kconfig,
			       const char *scenario_sha256, char *err,
			       size_t len);

/*
 * This build: the first 32 hex digits of the SHA-256 of the running
 * executable (/proc/self/exe), computed once; "unknown" if unreadable.
 */
const char *sim_binary_id(void);

/*
 * The event-log hash: FNV-1a 64 over each event's bytes.  Host addresses
 * never enter it: @obj_class (a pointer that identifies the object's
 * class, e.g. a lock class key or a static name string; may be NULL) is
 * hashed as its first-seen index among classes, and @value should be
 * address-free too, e.g. sim_trace_obj_index(obj).  Changing any one
 * input of one event always changes the result.
 */
void sim_trace_hash_init(uint64_t *h);
void sim_trace_hash_event(uint64_t *h, int tid, int kind,
			  const void *obj_class, uint64_t value);
/*
 * Folds @len bytes at @p into @h eight at a time (the last word padded
 * with zeroes, then the length): a run's report after its events.  Each
 * step is a bijection of the state for a given word, so changing any
 * byte, or the length, changes the result.
 */
void sim_trace_hash_bytes(uint64_t *h, const void *p, size_t len);

#define SIM_TRACE_NO_OBJ UINT64_MAX

/*
 * Index of @obj in first-seen order since the last reset (0, 1, 2, ...);
 * SIM_TRACE_NO_OBJ for NULL.  sim_trace_objmap_reset() forgets every
 * object and class: call it at the start of every run.
 */
uint64_t sim_trace_obj_index(const void *obj);
void sim_trace_objmap_reset(void);

/*
 * The readable log, in the column layout of the kernel's ftrace output
 * (kernel/trace/trace_output.c, trace_print_context()):
 *
 *             cpu1-12      [001] .....     0.004000: do_numa_page: ...
 *
 * i.e. "%16s-%-7d [%03d] ..... %5lu.%06lu: <text>\n": the thread name
 * right-aligned in 16 columns, its pid, its CPU, the latency flags
 * (always "....."), the virtual time in seconds with microseconds
 * (rounded to the nearest, as ns2usecs()), then the text.
 *
 * sim_trace_log_line() takes the pid from the running simulated thread
 * (its sim thread id; 0 outside one) and the CPU from a thread named
 * "cpu<N>" (else 0); sim_trace_log_event() takes both explicitly.
 */
__attribute__((format(printf, 4, 5))) void
sim_trace_log_line(FILE *f, uint64_t time_ns, const char *thread,
		   const char *fmt, ...);
__attribute__((format(printf, 6, 7))) void
sim_trace_log_event(FILE *f, uint64_t time_ns, const char *thread, int pid,
		    int cpu, const char *fmt, ...);
void sim_trace_log_vevent(FILE *f, uint64_t time_ns, const char *thread,
			  int pid, int cpu, const char *fmt, va_list ap);
/* The "# tracer:" header and column legend ftrace prints first. */
void sim_trace_log_header(FILE *f);

#endif /* FAULTSIM_TRACE_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Result files (docs/results-schema.md): what a shard of `faultsim run`
 * or `faultsim matrix` found, as JSON, for `faultsim merge`; the same
 * JSON carries a --jobs worker's share back to its parent.
 */
#ifndef FAULTSIM_APP_CLI_RESULTS_H
#define FAULTSIM_APP_CLI_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "sim/json_strict.h"
#include <uthash.h>

/* the schema's version: "faultsim_results" */
#define RESULTS_FORMAT 1
/* a result file's cap when read */
#define RESULTS_MAX_FILE_BYTES (256u << 20)

/* --shard K/N: K in 1..N */
struct shard {
	uint64_t index, count;
};

/* "K/N" into @sh; false if it is not 1 <= K <= N <= 2^20 */
bool shard_parse(const char *val, struct shard *sh);

/* One schedule of a search: the one that ended it, or the last one */
struct res_sched {
	uint64_t index;		/* 0-based: schedule index + 1 is printed */
	int status;		/* scenario_run()'s */
	bool skipped;		/* the scenario was skipped */
	char *report;
	uint64_t hash;		/* run_once()'s */
	uint32_t *tids;
	uint32_t len;
	char *trace;		/* the trace written of it, or NULL */
};

/* What a schedule wrote to stderr (warnings, a one-line error) */
struct res_err {
	uint64_t index;
	char *text;
};

struct res_state {
	uint64_t digest, first;	/* first: the lowest schedule index */
	UT_hash_handle hh;
};

/*
 * What a search over schedule indexes 0..total-1 (or a part of them)
 * saw.  Runs end at the lowest index that fails, is skipped or cannot
 * run (the stop): a search split any way finds the same stop, and the
 * end states of the schedules before it.
 */
struct run_result {
	uint64_t total;		/* schedules asked for */
	uint64_t ran;		/* schedules this part ran */
	bool has_stop, has_last;
	struct res_sched stop;	/* the lowest index that ended the search */
	struct res_sched last;	/* index total-1, when it ran without one */
	struct res_state *states;
	struct res_err *errs;	/* by schedule, in no order */
	size_t nr_errs, cap_errs;
};

void run_result_free(struct run_result *r);
/* @digest seen at schedule @index */
void run_result_note_state(struct run_result *r, uint64_t digest,
			   uint64_t index);
/* Schedule @index wrote @text (taken) to stderr */
void run_result_note_err(struct run_result *r, uint64_t index, char *text);
/* What the schedules up to the stop wrote to stderr, in their order */
void run_result_print_errs(struct run_result *r);
/* @src's share into @dst; @src is left empty */
void run_result_merge(struct run_result *dst, struct run_result *src);
/* The end states a single search would have seen: before the stop */
unsigned int run_result_nr_states(const struct run_result *r);

/* @r as the "result" member of a result file; NULL out of memory */
json_object *run_result_json(const struct run_result *r);
/* And back: 0, or -1 and one line in @err */
int run_result_from_json(json_object *o, struct run_result *r, char *err,
			 size_t len);

/* {"version", "kernel", "kconfig", "binary_id"} of this binary */
json_object *results_binary_json(void);
/*
 * {"faultsim_results", "command", "binary", "options", "shard",
 * "result"}: takes @options and @result
 */
json_object *results_file_json(const char *command, json_object *options,
			       const struct shard *sh, json_object *result);
/* @o to @path (via a temporary file and a rename); 0 or EXIT_USAGE */
int results_write(json_object *o, const char *path);
/*
 * A command's whole result (shard 1/1: list, replay, shrink, kunit, a run
 * in order) to @path; takes @options and @result (either NULL: out of
 * memory).  0 or EXIT_USAGE after one line.
 */
int results_write_whole(const char *command, json_object *options,
			json_object *result, const char *path);
/* the option errors name (default "--result"; "--json" its other name) */
void results_option_name(const char *opt);
/* --result FILE checked before a run: 0 or EXIT_USAGE */
int results_check_output(const char *path);

/*
 * `faultsim merge FILE...`: the files read and checked against each
 * other (one binary, this binary's version and kernel, one command,
 * the same options, shards 1..N each once); @files[i] their roots, in
 * shard order.  0 or EXIT_USAGE after one line.
 */
int results_read_all(int nr, char **paths, json_object **files);

/* the command's own merge, given the checked files in shard order */
int cli_run_merge(int nr, json_object **files);
int cli_matrix_merge(int nr, json_object **files, const char *out_dir);

/* json-c helpers: the member @key of @o as a type, or a default */
/* @v as @key of @o; -1 (and @v put) if @v is NULL or cannot be added */
int results_add(json_object *o, const char *key, json_object *v);
const char *results_str(json_object *o, const char *key);
/* "0x" and 16 hex digits, as the schema's hex64 */
json_object *results_hex64(uint64_t v);
uint64_t results_u64(json_object *o, const char *key);

#endif

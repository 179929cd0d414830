// SPDX-License-Identifier: GPL-2.0-only
/*
 * Result files (docs/results-schema.md, docs/results.schema.json) and
 * `faultsim merge`: shards of one run or one matrix, combined into the
 * report a single process prints.  json-c builds and reads them.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_options.h"
#include "app/cli_results.h"
#include "sim/sched.h"
#include "sim/trace.h"

#define MAX_SHARDS (1u << 20)

bool shard_parse(const char *val, struct shard *sh)
{
	const char *slash = val ? strchr(val, '/') : NULL;
	char k[32];

	if (!slash || (size_t)(slash - val) >= sizeof(k))
		return false;
	memcpy(k, val, slash - val);
	k[slash - val] = '\0';
	return cli_parse_u64(slash + 1, 1, MAX_SHARDS, &sh->count) &&
	       cli_parse_u64(k, 1, sh->count, &sh->index);
}

static void sched_free(struct res_sched *s)
{
	free(s->report);
	free(s->tids);
	free(s->trace);
	memset(s, 0, sizeof(*s));
}

void run_result_free(struct run_result *r)
{
	struct res_state *e, *tmp;

	sched_free(&r->stop);
	sched_free(&r->last);
	size_t i;

	HASH_ITER(hh, r->states, e, tmp) {
		HASH_DEL(r->states, e);
		free(e);
	}
	for (i = 0; i < r->nr_errs; i++)
		free(r->errs[i].text);
	free(r->errs);
	r->errs = NULL;
	r->nr_errs = r->cap_errs = 0;
	r->has_stop = r->has_last = false;
}

void run_result_note_err(struct run_result *r, uint64_t index, char *text)
{
	if (r->nr_errs == r->cap_errs) {
		size_t cap = r->cap_errs ? 2 * r->cap_errs : 16;
		struct res_err *e = realloc(r->errs, cap * sizeof(*e));

		if (!e)
			sim_out_of_memory("the schedules' stderr");
		r->errs = e;
		r->cap_errs = cap;
	}
	r->errs[r->nr_errs++] = (struct res_err){ index, text };
}

static int by_index(const void *a, const void *b)
{
	const struct res_err *x = a, *y = b;

	return x->index < y->index ? -1 : x->index > y->index;
}

void run_result_print_errs(struct run_result *r)
{
	size_t i;

	if (r->nr_errs)
		qsort(r->errs, r->nr_errs, sizeof(*r->errs), by_index);
	for (i = 0; i < r->nr_errs; i++)
		if (!r->has_stop || r->errs[i].index <= r->stop.index)
			fputs(r->errs[i].text, stderr);
	fflush(stderr);
}

void run_result_note_state(struct run_result *r, uint64_t digest,
			   uint64_t index)
{
	struct res_state *e;

	HASH_FIND(hh, r->states, &digest, sizeof(digest), e);
	if (e) {
		if (index < e->first)
			e->first = index;
		return;
	}
	e = malloc(sizeof(*e));
	if (!e)
		sim_out_of_memory("the set of end states");
	e->digest = digest;
	e->first = index;
	HASH_ADD(hh, r->states, digest, sizeof(uint64_t), e);
}

void run_result_merge(struct run_result *dst, struct run_result *src)
{
	struct res_state *e, *tmp;
	size_t i;

	dst->ran += src->ran;
	if (src->has_stop &&
	    (!dst->has_stop || src->stop.index < dst->stop.index)) {
		sched_free(&dst->stop);
		dst->stop = src->stop;
		dst->has_stop = true;
		memset(&src->stop, 0, sizeof(src->stop));
	}
	if (src->has_last && !dst->has_last) {
		dst->last = src->last;
		dst->has_last = true;
		memset(&src->last, 0, sizeof(src->last));
	}
	HASH_ITER(hh, src->states, e, tmp)
		run_result_note_state(dst, e->digest, e->first);
	for (i = 0; i < src->nr_errs; i++) {
		run_result_note_err(dst, src->errs[i].index, src->errs[i].text);
		src->errs[i].text = NULL;
	}
	run_result_free(src);
}

unsigned int run_result_nr_states(const struct run_result *r)
{
	const struct res_state *e;
	unsigned int n = 0;

	for (e = r->states; e; e = e->hh.next)
		n += !r->has_stop || e->first < r->stop.index;
	return n;
}

int results_add(json_object *o, const char *key, json_object *v)
{
	if (!v)
		return -1;
	if (json_object_object_add(o, key, v)) {
		json_object_put(v);
		return -1;
	}
	return 0;
}

/* @v, or null for NULL (json-c's null is a NULL object) */
static int add_or_null(json_object *o, const char *key, json_object *v,
		       bool is_null)
{
	if (is_null)
		return json_object_object_add(o, key, NULL) ? -1 : 0;
	return results_add(o, key, v);
}

json_object *results_hex64(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%016" PRIx64, v);
	return json_object_new_string(buf);
}

static json_object *sched_json(const struct res_sched *s)
{
	json_object *o = json_object_new_object(), *a;
	int bad = !o;
	uint32_t i;

	if (bad)
		return NULL;
	bad |= results_add(o, "index", json_object_new_uint64(s->index));
	bad |= results_add(o, "status", json_object_new_int(s->status));
	bad |= results_add(o, "skipped", json_object_new_boolean(s->skipped));
	bad |= results_add(o, "report", json_object_new_string(s->report ?
							   s->report : ""));
	bad |= results_add(o, "trace_hash", results_hex64(s->hash));
	a = json_object_new_array_ext(s->len);
	for (i = 0; a && i < s->len; i++)
		bad |= json_object_array_add(a,
				json_object_new_int64(s->tids[i]));
	bad |= results_add(o, "schedule", a);
	bad |= add_or_null(o, "trace", s->trace ?
			   json_object_new_string(s->trace) : NULL, !s->trace);
	if (bad) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static int by_digest(struct res_state *a, struct res_state *b)
{
	return a->digest < b->digest ? -1 : a->digest > b->digest;
}

json_object *run_result_json(const struct run_result *r)
{
	json_object *o = json_object_new_object(), *a;
	struct res_state *e;
	int bad = !o;
	size_t i;

	if (bad)
		return NULL;
	bad |= results_add(o, "schedules", json_object_new_uint64(r->total));
	bad |= results_add(o, "schedules_run", json_object_new_uint64(r->ran));
	bad |= add_or_null(o, "stop", r->has_stop ? sched_json(&r->stop) :
			   NULL, !r->has_stop);
	bad |= add_or_null(o, "last", r->has_last ? sched_json(&r->last) :
			   NULL, !r->has_last);
	/* sorted: a file does not depend on the order runs ended in */
	HASH_SORT(((struct run_result *)r)->states, by_digest);
	a = json_object_new_array();
	for (e = r->states; a && e; e = e->hh.next) {
		json_object *s = json_object_new_object();

		bad |= !s || results_add(s, "digest", results_hex64(e->digest)) ||
		       results_add(s, "first", json_object_new_uint64(e->first)) ||
		       json_object_array_add(a, s);
	}
	bad |= results_add(o, "end_states", a);
	if (r->nr_errs)	/* qsort() takes no NULL, even for 0 */
		qsort(((struct run_result *)r)->errs, r->nr_errs,
		      sizeof(*r->errs), by_index);
	a = json_object_new_array();
	for (i = 0; a && i < r->nr_errs; i++) {
		json_object *s = json_object_new_object();

		bad |= !s || results_add(s, "index",
				 json_object_new_uint64(r->errs[i].index)) ||
		       results_add(s, "text", json_object_new_string(r->errs[i].text)) ||
		       json_object_array_add(a, s);
	}
	bad |= results_add(o, "stderr", a);
	if (bad) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* ---- reading ---- */

const char *results_str(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

uint64_t results_u64(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		return 0;
	return json_object_get_uint64(v);
}

/* @key of @o of type @type, or NULL and "<key>: ..." in @err */
static json_object *member(json_object *o, const char *key,
			   enum json_type type, char *err, size_t len)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v)) {
		snprintf(err, len, "no \"%s\"", key);
		return NULL;
	}
	if (!json_object_is_type(v, type)) {
		snprintf(err, len, "\"%s\": expected %s, got %s", key,
			 json_type_to_name(type), json_strict_type_name(v));
		return NULL;
	}
	return v;
}

static int read_u64(json_object *o, const char *key, uint64_t *out,
		    char *err, size_t len)
{
	json_object *v = member(o, key, json_type_int, err, len);

	if (!v)
		return -1;
	if (json_object_get_int64(v) < 0) {
		snprintf(err, len, "\"%s\": negative", key);
		return -1;
	}
	*out = json_object_get_uint64(v);
	return 0;
}

static int read_hex64(json_object *o, const char *key, uint64_t *out,
		      char *err, size_t len)
{
	json_object *v = member(o, key, json_type_string, err, len);
	const char *s = v ? json_object_get_string(v) : NULL;

	if (!s)
		return -1;
	if (strncmp(s, "0x", 2) || strlen(s) != 18 ||
	    strspn(s + 2, "0123456789abcdef") != 16) {
		snprintf(err, len, "\"%s\": not 0x and 16 hex digits", key);
		return -1;
	}
	*out = strtoull(s + 2, NULL, 16);
	return 0;
}

static char *dup_str(const char *s)
{
	char *d = strdup(s);

	if (!d)
		sim_out_of_memory("a result file");
	return d;
}

static int sched_from_json(json_object *o, struct res_sched *s, char *err,
			   size_t len)
{
	json_object *v, *a;
	size_t i, n;

	memset(s, 0, sizeof(*s));
	if (read_u64(o, "index", &s->index, err, len))
		return -1;
	v = member(o, "status", json_type_int, err, len);
	if (!v)
		return -1;
	s->status = json_object_get_int(v);
	v = member(o, "skipped", json_type_boolean, err, len);
	if (!v)
		return -1;
	s->skipped = json_object_get_boolean(v);
	v = member(o, "report", json_type_string, err, len);
	if (!v || read_hex64(o, "trace_hash", &s->hash, err, len))
		return -1;
	s->report = dup_str(json_object_get_string(v));
	a = member(o, "schedule", json_type_array, err, len);
	if (!a)
		return -1;
	n = json_object_array_length(a);
	s->tids = calloc(n ? n : 1, sizeof(*s->tids));
	if (!s->tids)
		sim_out_of_memory("a result file");
	for (i = 0; i < n; i++) {
		json_object *t = json_object_array_get_idx(a, i);

		if (!json_object_is_type(t, json_type_int) ||
		    json_object_get_int64(t) < 1 ||
		    json_object_get_int64(t) > UINT32_MAX - 1) {
			snprintf(err, len, "\"schedule\": not thread ids");
			return -1;
		}
		s->tids[i] = (uint32_t)json_object_get_int64(t);
	}
	s->len = (uint32_t)n;
	if (!json_object_object_get_ex(o, "trace", &v)) {
		snprintf(err, len, "no \"trace\"");
		return -1;
	}
	if (json_object_is_type(v, json_type_string))
		s->trace = dup_str(json_object_get_string(v));
	else if (v) {
		snprintf(err, len, "\"trace\": expected a string or null");
		return -1;
	}
	return 0;
}

/* "stop" or "last": null, or a schedule */
static int opt_sched(json_object *o, const char *key, bool *has,
		     struct res_sched *s, char *err, size_t len)
{
	json_object *v;
	char why[160];

	*has = false;
	if (!json_object_object_get_ex(o, key, &v)) {
		snprintf(err, len, "no \"%s\"", key);
		return -1;
	}
	if (!v)
		return 0;
	if (!json_object_is_type(v, json_type_object)) {
		snprintf(err, len, "\"%s\": expected an object or null", key);
		return -1;
	}
	*has = true;
	if (sched_from_json(v, s, why, sizeof(why))) {
		snprintf(err, len, "\"%s\": %s", key, why);
		return -1;
	}
	return 0;
}

int run_result_from_json(json_object *o, struct run_result *r, char *err,
			 size_t len)
{
	json_object *a;
	size_t i, n;

	memset(r, 0, sizeof(*r));
	if (read_u64(o, "schedules", &r->total, err, len) ||
	    read_u64(o, "schedules_run", &r->ran, err, len) ||
	    opt_sched(o, "stop", &r->has_stop, &r->stop, err, len) ||
	    opt_sched(o, "last", &r->has_last, &r->last, err, len))
		return -1;
	a = member(o, "end_states", json_type_array, err, len);
	if (!a)
		return -1;
	n = json_object_array_length(a);
	for (i = 0; i < n; i++) {
		json_object *s = json_object_array_get_idx(a, i);
		uint64_t digest, first;

		if (!json_object_is_type(s, json_type_object) ||
		    read_hex64(s, "digest", &digest, err, len) ||
		    read_u64(s, "first", &first, err, len)) {
			if (!json_object_is_type(s, json_type_object))
				snprintf(err, len, "\"end_states\": not "
					 "objects");
			return -1;
		}
		run_result_note_state(r, digest, first);
	}
	a = member(o, "stderr", json_type_array, err, len);
	if (!a)
		return -1;
	n = json_object_array_length(a);
	for (i = 0; i < n; i++) {
		json_object *s = json_object_array_get_idx(a, i), *t;
		uint64_t index;

		if (!json_object_is_type(s, json_type_object) ||
		    read_u64(s, "index", &index, err, len) ||
		    !(t = member(s, "text", json_type_string, err, len))) {
			if (!json_object_is_type(s, json_type_object))
				snprintf(err, len, "\"stderr\": not objects");
			return -1;
		}
		run_result_note_err(r, index, dup_str(json_object_get_string(t)));
	}
	return 0;
}

/* ---- files ---- */

json_object *results_binary_json(void)
{
	json_object *o = json_object_new_object();

	if (!o || results_add(o, "version", json_object_new_string(FAULTSIM_VERSION)) ||
	    results_add(o, "kernel", json_object_new_string(FAULTSIM_KTREE)) ||
	    results_add(o, "kconfig", json_object_new_string(FAULTSIM_KCONFIG)) ||
	    results_add(o, "binary_id", json_object_new_string(sim_binary_id()))) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

json_object *results_file_json(const char *command, json_object *options,
			       const struct shard *sh, json_object *result)
{
	json_object *o = json_object_new_object(), *s = json_object_new_object();
	int bad = !o || !s || !options || !result;

	if (s) {
		bad |= results_add(s, "index", json_object_new_uint64(sh->index));
		bad |= results_add(s, "count", json_object_new_uint64(sh->count));
	}
	if (o) {
		bad |= results_add(o, "faultsim_results",
			   json_object_new_int(RESULTS_FORMAT));
		bad |= results_add(o, "command", json_object_new_string(command));
		bad |= results_add(o, "binary", results_binary_json());
		bad |= results_add(o, "options", options);
		options = NULL;
		bad |= results_add(o, "shard", s);
		s = NULL;
		bad |= results_add(o, "result", result);
		result = NULL;
	}
	json_object_put(options);
	json_object_put(s);
	json_object_put(result);
	if (bad) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

int results_write_whole(const char *command, json_object *options,
			json_object *result, const char *path)
{
	struct shard whole = { 1, 1 };
	json_object *file = results_file_json(command, options, &whole,
					      result);
	int ret = results_write(file, path);

	json_object_put(file);
	return ret;
}

/* the option that named the file, for errors: --result or --json */
static const char *results_opt = "--result";

void results_option_name(const char *opt)
{
	results_opt = opt;
}

int results_check_output(const char *path)
{
	char err[512];

	if (json_strict_output_file(path, err, sizeof(err)))
		return cli_usage_error("%s %s", results_opt, err);
	return EXIT_OK;
}

int results_write(json_object *o, const char *path)
{
	char tmp[4096];
	const char *text = o ? json_object_to_json_string_ext(
				       o, JSON_C_TO_STRING_PRETTY |
					      JSON_C_TO_STRING_SPACED |
					      JSON_C_TO_STRING_NOSLASHESCAPE) :
			       NULL;
	FILE *f;

	if (!text)
		return cli_usage_error("%s %s: out of memory", results_opt,
				       path);
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return cli_usage_error("%s %s: path too long", results_opt,
				       path);
	f = fopen(tmp, "w");
	if (!f)
		return cli_usage_error("%s %s: %s", results_opt, tmp,
				       strerror(errno));
	if (fputs(text, f) == EOF || fputc('\n', f) == EOF) {
		fclose(f);
		remove(tmp);
		return cli_usage_error("%s %s: cannot write", results_opt, path);
	}
	if (fclose(f) || rename(tmp, path)) {
		remove(tmp);
		return cli_usage_error("%s %s: cannot write: %s", results_opt,
				       path, strerror(errno));
	}
	return EXIT_OK;
}

/* One file read and its envelope checked; NULL after one line */
static json_object *read_one(const char *path)
{
	struct json_strict_error jerr;
	char err[512];
	json_object *o, *v;
	size_t len;
	char *text = json_strict_read_file(path, RESULTS_MAX_FILE_BYTES,
					   "result file", &len, err,
					   sizeof(err));

	if (!text) {
		cli_usage_error("merge: %s", err);
		return NULL;
	}
	o = json_parse_strict(text, len, "result file", &jerr);
	free(text);
	if (!o) {
		cli_usage_error("merge: %s:%s%s %s", path,
				jerr.where[0] ? " " : "", jerr.where,
				jerr.what);
		return NULL;
	}
	if (!member(o, "faultsim_results", json_type_int, err, sizeof(err)) ||
	    !member(o, "command", json_type_string, err, sizeof(err)) ||
	    !member(o, "binary", json_type_object, err, sizeof(err)) ||
	    !member(o, "options", json_type_object, err, sizeof(err)) ||
	    !(v = member(o, "shard", json_type_object, err, sizeof(err))) ||
	    !member(v, "index", json_type_int, err, sizeof(err)) ||
	    !member(v, "count", json_type_int, err, sizeof(err)) ||
	    !member(o, "result", json_type_object, err, sizeof(err))) {
		cli_usage_error("merge: %s: not a faultsim result file: %s",
				path, err);
		goto bad;
	}
	if (results_u64(o, "faultsim_results") != RESULTS_FORMAT) {
		cli_usage_error("merge: %s: results format %" PRIu64 ", this "
				"faultsim reads %d", path,
				results_u64(o, "faultsim_results"),
				RESULTS_FORMAT);
		goto bad;
	}
	return o;
bad:
	json_object_put(o);
	return NULL;
}

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;

	json_object_object_get_ex(o, key, &v);
	return v;
}

/* The first member of options that differs between @a and @b, or NULL */
static const char *differing_option(json_object *a, json_object *b)
{
	json_object_object_foreach(a, key, va) {
		json_object *vb;

		if (!json_object_object_get_ex(b, key, &vb) ||
		    !json_object_equal(va, vb))
			return key;
	}
	json_object_object_foreach(b, key2, vb2) {
		(void)vb2;
		if (!json_object_object_get_ex(a, key2, NULL))
			return key2;
	}
	return NULL;
}

/* Whether @opt names what a result's scenario is */
static bool scenario_option(const char *opt)
{
	return !strcmp(opt, "scenario") || !strcmp(opt, "scenario_sha256") ||
	       !strcmp(opt, "families") || !strcmp(opt, "scenarios");
}

/* The binary of @o against @ref's (or this binary's, for @ref NULL) */
static int check_binary(const char *path, json_object *o, const char *ref,
			json_object *ref_o)
{
	json_object *b = get(o, "binary"), *rb = ref_o ? get(ref_o, "binary") :
						 results_binary_json();
	static const char *const keys[] = { "version", "kernel", "kconfig",
					    "binary_id" };
	int i, n = ref_o ? 4 : 2, ret = EXIT_OK;

	for (i = 0; i < n; i++) {
		const char *x = results_str(b, keys[i]);
		const char *y = results_str(rb, keys[i]);

		if (x && y && !strcmp(x, y))
			continue;
		if (ref_o)
			ret = cli_usage_error("merge: %s and %s come from "
					      "different binaries (%s %s, %s)",
					      ref, path, keys[i],
					      y ? y : "none", x ? x : "none");
		else
			ret = cli_usage_error("merge: %s comes from another "
					      "faultsim (%s %s; this one: %s)",
					      path, keys[i], x ? x : "none",
					      y ? y : "none");
		break;
	}
	if (!ref_o)
		json_object_put(rb);
	return ret;
}

/* @o against the first file: binary, command, options, shard count */
static int check_same(char **paths, json_object **files, int i)
{
	json_object *a = files[0], *b = files[i];
	const char *opt;
	int ret = check_binary(paths[i], b, paths[0], a);

	if (ret)
		return ret;
	if (strcmp(results_str(a, "command"), results_str(b, "command")))
		return cli_usage_error("merge: %s is a %s result, %s a %s "
				       "result", paths[0],
				       results_str(a, "command"), paths[i],
				       results_str(b, "command"));
	opt = differing_option(get(a, "options"), get(b, "options"));
	if (opt && scenario_option(opt))
		return cli_usage_error("merge: %s and %s ran different "
				       "scenarios (%s)", paths[0], paths[i],
				       opt);
	if (opt)
		return cli_usage_error("merge: %s and %s ran with different "
				       "options (%s)", paths[0], paths[i],
				       opt);
	if (results_u64(get(a, "shard"), "count") !=
	    results_u64(get(b, "shard"), "count"))
		return cli_usage_error("merge: %s is one of %" PRIu64 " shards, "
				       "%s one of %" PRIu64, paths[0],
				       results_u64(get(a, "shard"), "count"),
				       paths[i],
				       results_u64(get(b, "shard"), "count"));
	return EXIT_OK;
}

int results_read_all(int nr, char **paths, json_object **files)
{
	json_object **by_shard;
	uint64_t count, k;
	int i, ret = EXIT_OK;

	for (i = 0; i < nr; i++)
		files[i] = NULL;
	for (i = 0; i < nr && !ret; i++) {
		files[i] = read_one(paths[i]);
		if (!files[i])
			ret = EXIT_USAGE;
		else if (!i)
			ret = check_binary(paths[0], files[0], NULL, NULL);
		else
			ret = check_same(paths, files, i);
	}
	if (ret)
		goto bad;
	count = results_u64(get(files[0], "shard"), "count");
	by_shard = calloc(count, sizeof(*by_shard));
	if (!by_shard)
		sim_out_of_memory("the shards");
	for (i = 0; i < nr && !ret; i++) {
		k = results_u64(get(files[i], "shard"), "index");
		if (k < 1 || k > count)
			ret = cli_usage_error("merge: %s: shard %" PRIu64 "/%"
					      PRIu64 " is no shard", paths[i],
					      k, count);
		else if (by_shard[k - 1])
			ret = cli_usage_error("merge: shard %" PRIu64 "/%" PRIu64
					      " given twice (%s)", k, count,
					      paths[i]);
		else
			by_shard[k - 1] = files[i];
	}
	for (k = 0; k < count && !ret; k++)
		if (!by_shard[k])
			ret = cli_usage_error("merge: shard %" PRIu64 "/%" PRIu64
					      " is missing", k + 1, count);
	if (!ret)
		memcpy(files, by_shard, count * sizeof(*files));
	free(by_shard);
	if (!ret)
		return EXIT_OK;
bad:
	for (i = 0; i < nr; i++)
		json_object_put(files[i]);
	return ret;
}

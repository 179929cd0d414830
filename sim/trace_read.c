// SPDX-License-Identifier: GPL-2.0-only
/*
 * Trace files (docs/traces.md), read: json-c parses, this file checks,
 * in the manner of the scenario loader (app/scenario_load.c): the first
 * violation becomes one line naming the file, the field and the
 * problem.  The rules are the format's: the writer (sim/trace_write.c)
 * checks a struct with them too, so that what it writes reads back.
 * Also here: whether this binary can replay a trace (its identity, the
 * scenario's, the kconfig).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <json-c/json.h>
#include "sim/json_strict.h"
#include "sim/trace.h"
#include "sim/trace_internal.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------- the format */

static const char *const strategy_names[] = { "random", "pct", "exhaustive",
					      "replay", NULL };

static const char *const trace_keys[] = {
	"faultsim_trace", "faultsim_version", "binary_id", "kernel_version",
	"kconfig", "design", "scenario", "scenario_sha256", "strategy",
	"seed", "pct_depth", "preemption_bound", "schedule", "oracle",
	"finding", "trace_hash", "granularity", "params", NULL
};
/* keys a version-1 trace does not have */
static const char *const trace_keys_v2[] = { "sink", "plant", NULL };
/* ... and a version-3 trace */
static const char *const trace_keys_v4[] = { "kernel_tree", NULL };
/* ... and a version-4 trace */
static const char *const trace_keys_v5[] = { "inject", "arch", NULL };

int trace_fail(struct ctx *c, const char *where, const char *fmt, ...)
{
	va_list ap;
	size_t n;
	char *p;

	if (!c->err || !c->len)
		return -1;
	n = snprintf(c->err, c->len, "%s: ", c->file);
	if (where && n < c->len)
		n += snprintf(c->err + n, c->len - n, "%s: ", where);
	if (n < c->len) {
		va_start(ap, fmt);
		vsnprintf(c->err + n, c->len - n, fmt, ap);
		va_end(ap);
	}
	/* one line, always: a file name may hold anything */
	for (p = c->err; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return -1;
}

/* A string field of the struct: where it lives and what it may hold. */
enum str_rule { STR_NAME, STR_TEXT, STR_SHA256, STR_STRATEGY };

struct str_field {
	const char *key;
	size_t off, size;
	enum str_rule rule;
	bool may_be_empty;
	uint32_t since;		/* the format version that has the key */
};

#define STR_SINCE(key, member, rule, empty, since)                           \
	{ key, offsetof(struct sim_trace, member),                           \
	  sizeof(((struct sim_trace *)0)->member), rule, empty, since }
#define STR(key, member, rule, empty) STR_SINCE(key, member, rule, empty, 1)

static const struct str_field str_fields[] = {
	STR("faultsim_version", faultsim_version, STR_NAME, false),
	STR("binary_id", binary_id, STR_NAME, false),
	STR("kernel_version", kernel_version, STR_NAME, false),
	STR_SINCE("kernel_tree", kernel_tree, STR_TEXT, true, 4),
	STR("kconfig", kconfig, STR_NAME, false),
	STR("design", design, STR_NAME, false),
	STR_SINCE("sink", sink, STR_NAME, true, 2),
	STR_SINCE("plant", plant, STR_NAME, true, 2),
	STR_SINCE("inject", inject, STR_NAME, true, 5),
	STR("scenario", scenario_path, STR_TEXT, false),
	STR("scenario_sha256", scenario_sha256, STR_SHA256, false),
	STR("strategy", strategy, STR_STRATEGY, false),
	STR("oracle", oracle, STR_NAME, true),
	STR("finding", finding, STR_TEXT, true),
};

static bool word_in(const char *w, const char *const *names)
{
	for (; *names; names++)
		if (!strcmp(w, *names))
			return true;
	return false;
}

/* Content rules of one string; s is NUL-terminated, shorter than size. */
static int check_str(struct ctx *c, const struct str_field *sf, const char *s)
{
	size_t i, n = strlen(s);

	if (!n && !sf->may_be_empty)
		return trace_fail(c, sf->key, "must not be empty");
	switch (sf->rule) {
	case STR_NAME:
		/* versions, ids, names: printable, no spaces */
		for (i = 0; i < n; i++)
			if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
				return trace_fail(
					c, sf->key,
					"must be printable, without spaces");
		break;
	case STR_TEXT:
		for (i = 0; i < n; i++)
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				return trace_fail(
					c, sf->key,
					"must not contain control characters");
		/* a file name is bytes; JSON text is UTF-8 */
		if (!json_strict_utf8(s, n))
			return trace_fail(c, sf->key, "is not UTF-8 text");
		break;
	case STR_SHA256:
		if (n != 64 || strspn(s, "0123456789abcdef") != 64)
			return trace_fail(c, sf->key,
					  "expected 64 lower-case hex digits");
		break;
	case STR_STRATEGY:
		if (!word_in(s, strategy_names))
			return trace_fail(
				c, sf->key,
				"unknown strategy (one of: random, pct, exhaustive, replay)");
		break;
	}
	return 0;
}

/*
 * One parameter override: a name as the command line takes it (no '=',
 * printable, no spaces) and a value of 1..255 bytes, any text.
 */
static int check_param(struct ctx *c, const char *name, size_t name_len,
		       const char *value, size_t value_len)
{
	char where[64];
	size_t i;

	snprintf(where, sizeof(where), "params.%.*s",
		 (int)(name_len < 32 ? name_len : 32), name);
	if (!name_len)
		return trace_fail(c, "params", "a parameter name is empty");
	if (name_len >= sizeof(((struct sim_trace_param *)0)->name))
		return trace_fail(c, where, "name longer than %zu bytes",
				  sizeof(((struct sim_trace_param *)0)->name) -
					  1);
	for (i = 0; i < name_len; i++)
		if ((unsigned char)name[i] <= 0x20 || name[i] == 0x7f ||
		    name[i] == '=')
			return trace_fail(c, where,
					  "name must be printable, without "
					  "spaces or '='");
	if (!value_len)
		return trace_fail(c, where, "must not be empty");
	if (memchr(value, '\0', value_len))
		return trace_fail(c, where, "must not contain a NUL character");
	if (!json_strict_utf8(value, value_len))
		return trace_fail(c, where, "is not UTF-8 text");
	if (value_len >= sizeof(((struct sim_trace_param *)0)->value))
		return trace_fail(c, where, "longer than %zu bytes",
				  sizeof(((struct sim_trace_param *)0)->value) -
					  1);
	return 0;
}

static int check_params(struct ctx *c, const struct sim_trace *t)
{
	uint32_t i, j;

	if (t->nr_params > SIM_TRACE_MAX_PARAMS)
		return trace_fail(c, "params", "more than %d overrides",
				  SIM_TRACE_MAX_PARAMS);
	for (i = 0; i < t->nr_params; i++) {
		const struct sim_trace_param *p = &t->params[i];

		if (!memchr(p->name, '\0', sizeof(p->name)) ||
		    !memchr(p->value, '\0', sizeof(p->value)))
			return trace_fail(c, "params", "not NUL-terminated");
		if (check_param(c, p->name, strlen(p->name), p->value,
				strlen(p->value)))
			return -1;
		/* an object has each name once */
		for (j = 0; j < i; j++)
			if (!strcmp(t->params[j].name, p->name))
				return trace_fail(c, "params",
						  "%s overridden twice",
						  p->name);
	}
	return 0;
}

/* Everything the reader checks, on a struct: so a written trace reads. */
int trace_check(struct ctx *c, const struct sim_trace *t)
{
	size_t i;

	if (t->format_version != SIM_TRACE_FORMAT)
		return trace_fail(
			c, "faultsim_trace",
			"version %u is not supported (this faultsim reads %d)",
			t->format_version, SIM_TRACE_FORMAT);
	for (i = 0; i < ARRAY_SIZE(str_fields); i++) {
		const struct str_field *sf = &str_fields[i];
		const char *s = (const char *)t + sf->off;

		if (!memchr(s, '\0', sf->size))
			return trace_fail(c, sf->key, "longer than %zu bytes",
					  sf->size - 1);
		if (check_str(c, sf, s))
			return -1;
	}
	if (check_params(c, t))
		return -1;
	if (t->schedule_len > SIM_TRACE_MAX_SCHEDULE)
		return trace_fail(c, "schedule", "more than %u entries",
				  SIM_TRACE_MAX_SCHEDULE);
	if (t->schedule_len && !t->schedule)
		return trace_fail(c, "schedule", "%u entries but no array",
				  t->schedule_len);
	for (i = 0; i < t->schedule_len; i++) {
		if (t->schedule[i] > SIM_TRACE_MAX_TID) {
			char where[32];

			snprintf(where, sizeof(where), "schedule[%zu]", i);
			return trace_fail(c, where,
					  "%u is out of range (0..%u)",
					  t->schedule[i], SIM_TRACE_MAX_TID);
		}
	}
	return 0;
}

/* ------------------------------------------------------------- reading */

/* An unknown key, shown escaped and cut to 48 characters */
static int unknown_key(struct ctx *c, const char *key)
{
	const char *best = json_strict_closest(key, trace_keys, SIZE_MAX);
	char shown[48 * 4 + 8];
	size_t i, n = 0;

	for (i = 0; key[i] && n + 8 < sizeof(shown); i++) {
		unsigned char ch = key[i];

		if (i == 48) {
			n += snprintf(shown + n, sizeof(shown) - n, "...");
			break;
		}
		if (ch < 0x20 || ch == 0x7f)
			n += snprintf(shown + n, sizeof(shown) - n, "\\x%02x", ch);
		else
			shown[n++] = ch;
	}
	shown[n] = '\0';
	if (best)
		return trace_fail(c, shown, "unknown key; did you mean \"%s\"?",
				  best);
	return trace_fail(c, shown, "unknown key");
}

/* An integer in [0, max]; 1.0 and 1e3 are not integers */
static int as_uint(struct ctx *c, const char *where, json_object *v,
		   uint64_t max, uint64_t *out)
{
	int64_t x;
	uint64_t u;

	if (json_object_is_type(v, json_type_double))
		return trace_fail(c, where, "%s is not an integer",
				  json_object_get_string(v));
	if (!json_object_is_type(v, json_type_int))
		return trace_fail(c, where, "expected an integer, got %s",
				  json_strict_type_name(v));
	x = json_object_get_int64(v);
	if (x < 0)
		return trace_fail(c, where, "%lld is less than 0",
				  (long long)x);
	u = json_object_get_uint64(v);
	if (u > max)
		return trace_fail(c, where, "%llu is out of range (0..%llu)",
				  (unsigned long long)u,
				  (unsigned long long)max);
	*out = u;
	return 0;
}

static json_object *field(struct ctx *c, json_object *root, const char *key)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(root, key, &v)) {
		trace_fail(c, key, "required");
		return NULL;
	}
	if (!v) {
		trace_fail(c, key, "null is not allowed here");
		return NULL;
	}
	return v;
}

static int rd_uint(struct ctx *c, json_object *root, const char *key,
		   uint64_t max, uint64_t *out)
{
	json_object *v = field(c, root, key);

	return v ? as_uint(c, key, v, max, out) : -1;
}

static int rd_str(struct ctx *c, json_object *root, const struct str_field *sf,
		  struct sim_trace *t)
{
	json_object *v = field(c, root, sf->key);
	const char *s;
	size_t n;

	if (!v)
		return -1;
	if (!json_object_is_type(v, json_type_string))
		return trace_fail(c, sf->key, "expected a string, got %s",
				  json_strict_type_name(v));
	s = json_object_get_string(v);
	n = json_object_get_string_len(v);
	if (memchr(s, '\0', n))
		return trace_fail(c, sf->key,
				  "must not contain a NUL character");
	if (n >= sf->size)
		return trace_fail(c, sf->key, "longer than %zu bytes",
				  sf->size - 1);
	memcpy((char *)t + sf->off, s, n + 1);
	return check_str(c, sf, s);
}

static int rd_schedule(struct ctx *c, json_object *root, struct sim_trace *t)
{
	json_object *v = field(c, root, "schedule");
	char where[32];
	uint64_t x;
	size_t i, n;

	if (!v)
		return -1;
	if (!json_object_is_type(v, json_type_array))
		return trace_fail(c, "schedule",
				  "expected an array of thread ids, got %s",
				  json_strict_type_name(v));
	n = json_object_array_length(v);
	if (n > SIM_TRACE_MAX_SCHEDULE)
		return trace_fail(c, "schedule", "more than %u entries",
				  SIM_TRACE_MAX_SCHEDULE);
	t->schedule = malloc((n ? n : 1) * sizeof(*t->schedule));
	if (!t->schedule)
		return trace_fail(c, "schedule", "out of memory");
	for (i = 0; i < n; i++) {
		snprintf(where, sizeof(where), "schedule[%zu]", i);
		if (as_uint(c, where, json_object_array_get_idx(v, i),
			    SIM_TRACE_MAX_TID, &x))
			return -1;
		t->schedule[i] = x;
	}
	t->schedule_len = n;
	return 0;
}

static int rd_hash(struct ctx *c, json_object *root, uint64_t *out)
{
	json_object *v = field(c, root, "trace_hash");
	const char *s;

	if (!v)
		return -1;
	if (!json_object_is_type(v, json_type_string))
		return trace_fail(c, "trace_hash", "expected a string, got %s",
				  json_strict_type_name(v));
	s = json_object_get_string(v);
	if (json_object_get_string_len(v) != 18 || strncmp(s, "0x", 2) ||
	    strspn(s + 2, "0123456789abcdef") != 16)
		return trace_fail(
			c, "trace_hash",
			"expected \"0x\" and 16 lower-case hex digits");
	*out = strtoull(s + 2, NULL, 16);
	return 0;
}

/* Optional (traces before it are "locks+pt"): "locks+pt" or "locks" */
static int rd_granularity(struct ctx *c, json_object *root,
			  struct sim_trace *t)
{
	json_object *v;
	const char *s;

	snprintf(t->granularity, sizeof(t->granularity), "locks+pt");
	if (!json_object_object_get_ex(root, "granularity", &v))
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return trace_fail(c, "granularity", "expected a string, got %s",
				  json_strict_type_name(v));
	s = json_object_get_string(v);
	if (strcmp(s, "locks+pt") && strcmp(s, "locks"))
		return trace_fail(c, "granularity",
				  "expected \"locks+pt\" or \"locks\"");
	snprintf(t->granularity, sizeof(t->granularity), "%s", s);
	return 0;
}

/* Optional (absent: x86_64, kept as ""): "arm64" */
static int rd_arch(struct ctx *c, json_object *root, struct sim_trace *t)
{
	json_object *v;
	const char *s;

	t->arch[0] = 0;
	if (!json_object_object_get_ex(root, "arch", &v))
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return trace_fail(c, "arch", "expected a string, got %s",
				  json_strict_type_name(v));
	s = json_object_get_string(v);
	/* an x86_64 trace has no key: one spelling of each run */
	if (strcmp(s, "arm64"))
		return trace_fail(c, "arch", "expected \"arm64\" (x86_64 "
				  "traces have no \"arch\"), got \"%.16s\"",
				  s);
	snprintf(t->arch, sizeof(t->arch), "%s", s);
	return 0;
}

/* One override into the next free slot of t->params, checked */
static int add_param(struct ctx *c, struct sim_trace *t, const char *name,
		     size_t name_len, const char *value, size_t value_len)
{
	struct sim_trace_param *p;
	uint32_t i;

	if (check_param(c, name, name_len, value, value_len))
		return -1;
	if (t->nr_params == SIM_TRACE_MAX_PARAMS)
		return trace_fail(c, "params", "more than %d overrides",
				  SIM_TRACE_MAX_PARAMS);
	p = &t->params[t->nr_params];
	memcpy(p->name, name, name_len);
	p->name[name_len] = '\0';
	memcpy(p->value, value, value_len);
	p->value[value_len] = '\0';
	/* the form before version 3 could repeat one: the last one wins */
	for (i = 0; i < t->nr_params; i++)
		if (!strcmp(t->params[i].name, p->name)) {
			strcpy(t->params[i].value, p->value);
			return 0;
		}
	t->nr_params++;
	return 0;
}

/* Versions 1 and 2: "name=value,name=value", values without commas */
static int rd_params_string(struct ctx *c, json_object *v, struct sim_trace *t)
{
	const char *s, *end, *eq;

	if (!json_object_is_type(v, json_type_string))
		return trace_fail(c, "params", "expected a string, got %s",
				  json_strict_type_name(v));
	for (s = json_object_get_string(v); *s; s = *end ? end + 1 : end) {
		end = s + strcspn(s, ",");
		eq = memchr(s, '=', end - s);
		if (!eq)
			return trace_fail(c, "params",
					  "expected name=value, got \"%.*s\"",
					  (int)(end - s < 48 ? end - s : 48), s);
		if (add_param(c, t, s, eq - s, eq + 1, end - eq - 1))
			return -1;
	}
	return 0;
}

/* Optional: the scenario's parameter overrides, none when absent */
static int rd_params(struct ctx *c, json_object *root, uint64_t version,
		     struct sim_trace *t)
{
	json_object *v;

	t->nr_params = 0;
	if (!json_object_object_get_ex(root, "params", &v))
		return 0;
	if (version < 3)
		return rd_params_string(c, v, t);
	if (!json_object_is_type(v, json_type_object))
		return trace_fail(c, "params",
				  "expected an object of strings, got %s",
				  json_strict_type_name(v));
	json_object_object_foreach(v, name, val) {
		if (!json_object_is_type(val, json_type_string)) {
			char where[64];

			snprintf(where, sizeof(where), "params.%.32s", name);
			return trace_fail(c, where, "expected a string, got %s",
					  json_strict_type_name(val));
		}
		if (add_param(c, t, name, strlen(name),
			      json_object_get_string(val),
			      json_object_get_string_len(val)))
			return -1;
	}
	return 0;
}

/*
 * Version 1's "design": "<design>[@<sink>]" or "plant:<bug>[@<sink>]",
 * a planted bug being in the baseline ("baseline", as version-1 traces
 * of faultsim before designs also say).
 */
static int split_v1_design(struct ctx *c, struct sim_trace *t)
{
	static const char plant[] = "plant:";
	char *at = strchr(t->design, '@');

	if (at) {
		if (!at[1] || strlen(at + 1) >= sizeof(t->sink))
			return trace_fail(c, "design", "bad report sink");
		strcpy(t->sink, at + 1);
		*at = '\0';
	}
	if (!strncmp(t->design, plant, strlen(plant))) {
		if (!t->design[strlen(plant)])
			return trace_fail(c, "design", "bad planted bug");
		strcpy(t->plant, t->design + strlen(plant));
		strcpy(t->design, "baseline");
	}
	if (!t->design[0])
		return trace_fail(c, "design", "must not be empty");
	return 0;
}

static int load(struct ctx *c, json_object *root, struct sim_trace *t)
{
	uint64_t x;
	size_t i;

	if (!json_object_is_type(root, json_type_object))
		return trace_fail(c, "top level",
				  "expected a trace object, got %s",
				  json_strict_type_name(root));
	/* the version first: a newer file's keys are not typos */
	if (rd_uint(c, root, "faultsim_trace", UINT32_MAX, &x))
		return -1;
	if (x < SIM_TRACE_FORMAT_MIN || x > SIM_TRACE_FORMAT)
		return trace_fail(
			c, "faultsim_trace",
			"version %llu is not supported (this faultsim reads "
			"%d..%d)", (unsigned long long)x, SIM_TRACE_FORMAT_MIN,
			SIM_TRACE_FORMAT);
	json_object_object_foreach(root, key, val) {
		(void)val;
		if (!word_in(key, trace_keys) &&
		    (x < 2 || !word_in(key, trace_keys_v2)) &&
		    (x < 4 || !word_in(key, trace_keys_v4)) &&
		    (x < 5 || !word_in(key, trace_keys_v5)))
			return unknown_key(c, key);
	}
	for (i = 0; i < ARRAY_SIZE(str_fields); i++)
		if (str_fields[i].since <= x &&
		    rd_str(c, root, &str_fields[i], t))
			return -1;
	/* in memory a trace is of the current format */
	if (x < 2 && split_v1_design(c, t))
		return -1;
	if (rd_params(c, root, x, t))
		return -1;
	t->format_version = SIM_TRACE_FORMAT;
	if (rd_uint(c, root, "seed", UINT64_MAX, &t->seed))
		return -1;
	if (rd_uint(c, root, "pct_depth", UINT32_MAX, &x))
		return -1;
	t->pct_depth = x;
	if (rd_uint(c, root, "preemption_bound", UINT32_MAX, &x))
		return -1;
	t->preemption_bound = x;
	if (rd_schedule(c, root, t))
		return -1;
	if (rd_granularity(c, root, t))
		return -1;
	if (rd_arch(c, root, t))
		return -1;
	return rd_hash(c, root, &t->trace_hash);
}

static json_object *parse(struct ctx *c, const char *text, size_t len)
{
	struct json_strict_error e;
	json_object *root;

	root = json_parse_strict(text, len, "trace", &e);
	if (!root)
		trace_fail(c, e.where[0] ? e.where : NULL, "%s", e.what);
	return root;
}

/*
 * json-c clamps integers beyond 64 bits to the nearest limit without a
 * word; find them in the (already valid) text instead.
 */
static int check_int_range(struct ctx *c, const char *text, size_t len)
{
	static const char u64max[] = "18446744073709551615";
	static const char s64min[] = "9223372036854775808";
	size_t i = 0, start, digits;
	bool neg;

	while (i < len) {
		if (text[i] == '"') {
			for (i++; i < len && text[i] != '"'; i++)
				if (text[i] == '\\')
					i++;
			i++;
			continue;
		}
		if (text[i] != '-' && (text[i] < '0' || text[i] > '9')) {
			i++;
			continue;
		}
		start = i;
		neg = text[i] == '-';
		i += neg;
		while (i < len && text[i] >= '0' && text[i] <= '9')
			i++;
		digits = i - start - neg;
		if (i < len && strchr(".eE", text[i])) {
			while (i < len && strchr("0123456789.eE+-", text[i]))
				i++;
			continue;
		}
		if (digits > 20 || (digits == 20 && !neg &&
				    memcmp(text + start, u64max, 20) > 0) ||
		    (neg && (digits > 19 ||
			     (digits == 19 &&
			      memcmp(text + start + 1, s64min, 19) > 0)))) {
			char where[32];
			size_t k, line = 1;

			for (k = 0; k < start; k++)
				line += text[k] == '\n';
			snprintf(where, sizeof(where), "line %zu", line);
			return trace_fail(
				c, where,
				"integer %.*s does not fit in 64 bits",
				(int)(i - start < 40 ? i - start : 40),
				text + start);
		}
	}
	return 0;
}

static char *slurp(struct ctx *c, size_t *lenp)
{
	return json_strict_read_file(c->file, SIM_TRACE_MAX_FILE_BYTES,
				     "trace", lenp, c->err, c->len);
}

int sim_trace_read(const char *path, struct sim_trace **out, char *err,
		   size_t len)
{
	struct ctx c = { path, err, len };
	struct sim_trace *t = NULL;
	json_object *root = NULL;
	size_t n;
	char *text;

	*out = NULL;
	if (err && len)
		err[0] = '\0';
	text = slurp(&c, &n);
	if (!text)
		return -1;
	root = parse(&c, text, n);
	if (root && check_int_range(&c, text, n)) {
		json_object_put(root);
		root = NULL;
	}
	free(text);
	if (!root)
		return -1;
	t = calloc(1, sizeof(*t));
	if (!t) {
		trace_fail(&c, NULL, "out of memory");
	} else if (load(&c, root, t)) {
		sim_trace_free(t);
		t = NULL;
	}
	json_object_put(root);
	*out = t;
	return t ? 0 : -1;
}

void sim_trace_free(struct sim_trace *t)
{
	if (!t)
		return;
	free(t->schedule);
	free(t);
}

/* ------------------------------------------------------- compatibility */

const char *sim_binary_id(void)
{
	static char id[33];
	char hex[65], err[64];

	if (!id[0]) {
		if (sim_sha256_file("/proc/self/exe", hex, err, sizeof(err)))
			strcpy(hex, "unknown");
		snprintf(id, sizeof(id), "%.32s", hex);
	}
	return id;
}

int sim_trace_check_compatible(const struct sim_trace *t,
			       const char *binary_id, const char *kconfig,
			       const char *scenario_sha256, char *err,
			       size_t len)
{
	if (!err)
		len = 0;
	if (strcmp(t->kconfig, kconfig)) {
		snprintf(err, len,
			 "trace was recorded with kconfig %s; this binary is built for kconfig %s",
			 t->kconfig, kconfig);
		return -1;
	}
	if (strcmp(t->binary_id, binary_id)) {
		snprintf(err, len,
			 "trace was recorded by faultsim %s build %s; this is build %s: replays are exact only on the same binary",
			 t->faultsim_version, t->binary_id, binary_id);
		return -1;
	}
	if (strcmp(t->scenario_sha256, scenario_sha256)) {
		snprintf(err, len,
			 "scenario %s changed since the trace was recorded (sha256 %.12s..., now %.12s...)",
			 t->scenario_path, t->scenario_sha256, scenario_sha256);
		return -1;
	}
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Trace files (docs/traces.md), written: json-c builds and prints the
 * object, with the schedule twenty numbers to a line; the file goes to
 * "<path>.tmp" and is renamed over <path>.  The struct is checked first
 * with the reader's rules (sim/trace_read.c).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include "sim/json_strict.h"
#include "sim/trace.h"
#include "sim/trace_internal.h"

#define SCHED_PER_LINE 20

static void indent(struct printbuf *pb, int level)
{
	int i;

	for (i = 0; i < level; i++)
		printbuf_memappend(pb, "  ", 2);
}

/* The schedule, SCHED_PER_LINE numbers a line rather than one a line */
static int schedule_to_json(json_object *jso, struct printbuf *pb, int level,
			    int flags)
{
	const struct sim_trace *t = json_object_get_userdata(jso);
	char num[16];
	uint32_t i;

	(void)flags;
	if (!t->schedule_len) {
		printbuf_memappend(pb, "[]", 2);
		return 0;
	}
	printbuf_memappend(pb, "[", 1);
	for (i = 0; i < t->schedule_len; i++) {
		int n;

		if (i)
			printbuf_memappend(pb, ",", 1);
		if (i % SCHED_PER_LINE == 0) {
			printbuf_memappend(pb, "\n", 1);
			indent(pb, level + 1);
		} else {
			printbuf_memappend(pb, " ", 1);
		}
		n = snprintf(num, sizeof(num), "%u", t->schedule[i]);
		printbuf_memappend(pb, num, n);
	}
	printbuf_memappend(pb, "\n", 1);
	indent(pb, level);
	printbuf_memappend(pb, "]", 1);
	return 0;
}

static int add(json_object *o, const char *key, json_object *v)
{
	if (!v)
		return -1;
	if (json_object_object_add(o, key, v)) {
		json_object_put(v);
		return -1;
	}
	return 0;
}

/* {"name": "value", ...}: any value, a comma or a quote included */
static json_object *params_json(const struct sim_trace *t)
{
	json_object *o = json_object_new_object();
	uint32_t i;

	for (i = 0; o && i < t->nr_params; i++)
		if (add(o, t->params[i].name,
			json_object_new_string(t->params[i].value))) {
			json_object_put(o);
			return NULL;
		}
	return o;
}

static json_object *build_json(const struct sim_trace *t)
{
	json_object *o = json_object_new_object(), *sched;
	char hash[24];
	int bad = 0;

	if (!o)
		return NULL;
	snprintf(hash, sizeof(hash), "0x%016llx",
		 (unsigned long long)t->trace_hash);
	bad |= add(o, "faultsim_trace", json_object_new_int(t->format_version));
	bad |= add(o, "faultsim_version",
		   json_object_new_string(t->faultsim_version));
	bad |= add(o, "binary_id", json_object_new_string(t->binary_id));
	bad |= add(o, "kernel_version",
		   json_object_new_string(t->kernel_version));
	bad |= add(o, "kernel_tree", json_object_new_string(t->kernel_tree));
	bad |= add(o, "kconfig", json_object_new_string(t->kconfig));
	bad |= add(o, "design", json_object_new_string(t->design));
	bad |= add(o, "sink", json_object_new_string(t->sink));
	bad |= add(o, "plant", json_object_new_string(t->plant));
	bad |= add(o, "inject", json_object_new_string(t->inject));
	bad |= add(o, "scenario", json_object_new_string(t->scenario_path));
	bad |= add(o, "scenario_sha256",
		   json_object_new_string(t->scenario_sha256));
	bad |= add(o, "strategy", json_object_new_string(t->strategy));
	bad |= add(o, "seed", json_object_new_uint64(t->seed));
	bad |= add(o, "pct_depth", json_object_new_int64(t->pct_depth));
	bad |= add(o, "preemption_bound",
		   json_object_new_int64(t->preemption_bound));
	bad |= add(o, "granularity", json_object_new_string(
			t->granularity[0] ? t->granularity : "locks+pt"));
	if (t->arch[0])
		bad |= add(o, "arch", json_object_new_string(t->arch));
	if (t->nr_params)
		bad |= add(o, "params", params_json(t));
	sched = json_object_new_array();
	if (sched)
		json_object_set_serializer(sched, schedule_to_json, (void *)t,
					   NULL);
	bad |= add(o, "schedule", sched);
	bad |= add(o, "oracle", json_object_new_string(t->oracle));
	bad |= add(o, "finding", json_object_new_string(t->finding));
	bad |= add(o, "trace_hash", json_object_new_string(hash));
	if (bad) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

int sim_trace_check(const struct sim_trace *t, const char *name, char *err,
		    size_t len)
{
	struct ctx c = { name, err, len };

	if (err && len)
		err[0] = '\0';
	return trace_check(&c, t);
}

int sim_trace_write(const struct sim_trace *t, const char *path, char *err,
		    size_t len)
{
	struct ctx c = { path, err, len };
	char tmp[4096];
	const char *text;
	json_object *o;
	FILE *f;
	int ret = -1;

	if (err && len)
		err[0] = '\0';
	if (trace_check(&c, t))
		return -1;
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return trace_fail(&c, NULL, "path too long");
	if (json_strict_output_file(path, NULL, 0))
		return trace_fail(&c, NULL, "not a regular file: not replaced");
	o = build_json(t);
	text = o ? json_object_to_json_string_ext(
			   o, JSON_C_TO_STRING_PRETTY |
				      JSON_C_TO_STRING_SPACED |
				      JSON_C_TO_STRING_NOSLASHESCAPE) :
		   NULL;
	if (!text) {
		trace_fail(&c, NULL, "out of memory");
		goto out;
	}
	/* what the reader would refuse is not written */
	if (strlen(text) + 1 > SIM_TRACE_MAX_FILE_BYTES) {
		trace_fail(&c, NULL, "%zu bytes, larger than a trace may be "
			   "(%u MiB)", strlen(text) + 1,
			   SIM_TRACE_MAX_FILE_BYTES >> 20);
		goto out;
	}
	f = fopen(tmp, "w");
	if (!f) {
		trace_fail(&c, NULL, "cannot create %s: %s", tmp,
			   strerror(errno));
		goto out;
	}
	if (fputs(text, f) == EOF || fputc('\n', f) == EOF) {
		trace_fail(&c, NULL, "cannot write: %s", strerror(errno));
		fclose(f);
		remove(tmp);
		goto out;
	}
	if (fclose(f)) {
		trace_fail(&c, NULL, "cannot write: %s", strerror(errno));
		remove(tmp);
		goto out;
	}
	if (rename(tmp, path)) {
		trace_fail(&c, NULL, "cannot rename %s: %s", tmp,
			   strerror(errno));
		remove(tmp);
		goto out;
	}
	ret = 0;
out:
	json_object_put(o);
	return ret;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * A replay's timeline in Chrome's Trace Event Format (the JSON object
 * form: {"traceEvents": [...]}), which chrome://tracing and
 * ui.perfetto.dev open; docs/trace-event.schema.json pins what we write.
 * One "X" (complete) event per scheduling point on its thread's track,
 * "M" metadata naming the process and each thread, an "i" (instant,
 * global) event for the finding.  ts is in µs as the format wants, one
 * per scheduling point (the run's order: the virtual clock often stands
 * still across many points); the virtual time is in args.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <json-c/json.h>
#include "app/cli_results.h"
#include "app/timeline.h"

static json_object *event(const char *ph, const char *name, int tid,
			  int64_t ts)
{
	json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	results_add(o, "name", json_object_new_string(name));
	results_add(o, "ph", json_object_new_string(ph));
	results_add(o, "pid", json_object_new_int(1));
	results_add(o, "tid", json_object_new_int(tid));
	results_add(o, "ts", json_object_new_int64(ts));
	return o;
}

static json_object *meta(const char *name, int tid, const char *key,
			 json_object *v)
{
	json_object *o = event("M", name, tid, 0), *args;

	args = json_object_new_object();
	results_add(args, key, v);
	results_add(o, "args", args);
	return o;
}

static json_object *hex(uint64_t v)
{
	char s[24];

	snprintf(s, sizeof(s), "0x%" PRIx64, v);
	return json_object_new_string(s);
}

static json_object *point(const struct timeline_event *e)
{
	json_object *o = event("X", e->fn, e->tid, e->step), *args;

	results_add(o, "dur", json_object_new_int(1));
	results_add(o, "cat", json_object_new_string(
				      sim_point_kind_name(e->kind)));
	args = json_object_new_object();
	results_add(args, "kind", json_object_new_string(
					  sim_point_kind_name(e->kind)));
	if (e->obj[0])
		results_add(args, "object", json_object_new_string(e->obj));
	results_add(args, "cpu", json_object_new_int(e->cpu));
	results_add(args, "virtual_ns", json_object_new_int64(e->ns));
	if (e->entry)
		results_add(args, "before", hex(e->before));
	if (e->stored)
		results_add(args, "after", hex(e->after));
	if (e->hint)
		results_add(args, "numa_hint", json_object_new_boolean(1));
	results_add(o, "args", args);
	return o;
}

/* each thread once, in order of first appearance */
static bool seen_before(const struct timeline *tl, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (tl->ev[j].tid == tl->ev[i].tid)
			return true;
	return false;
}

int timeline_write_perfetto(const struct timeline *tl, const char *path,
			    char *err, size_t len)
{
	json_object *root = json_object_new_object();
	json_object *evs = json_object_new_array(), *o;
	char name[64];
	size_t i;
	int ret = 0;

	results_add(root, "traceEvents", evs);
	results_add(root, "displayTimeUnit", json_object_new_string("ns"));
	json_object_array_add(evs, meta("process_name", 0, "name",
					json_object_new_string(tl->title)));
	for (i = 0; i < tl->nr; i++) {
		if (seen_before(tl, i))
			continue;
		snprintf(name, sizeof(name), "%s (cpu%d)", tl->ev[i].thread,
			 tl->ev[i].cpu);
		json_object_array_add(evs, meta("thread_name", tl->ev[i].tid,
						"name",
						json_object_new_string(name)));
		json_object_array_add(evs, meta("thread_sort_index",
						tl->ev[i].tid, "sort_index",
						json_object_new_int(
							tl->ev[i].tid)));
	}
	for (i = 0; i < tl->nr; i++)
		json_object_array_add(evs, point(&tl->ev[i]));
	if (tl->finding[0]) {
		o = event("i", tl->finding, 0, tl->nr);
		results_add(o, "s", json_object_new_string("g"));
		json_object_array_add(evs, o);
	}
	if (json_object_to_file_ext(path, root, JSON_C_TO_STRING_PLAIN |
				    JSON_C_TO_STRING_NOSLASHESCAPE)) {
		snprintf(err, len, "%s: cannot write the Perfetto trace: %s",
			 path, strerror(errno ? errno : EIO));
		ret = -1;
	}
	json_object_put(root);
	return ret;
}

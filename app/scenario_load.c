// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario loader: json-c parses, these files check.  Every rule of
 * docs/scenarios.md is enforced, and the first violation becomes a
 * one-line error naming the file, the JSON path and the problem.  Here:
 * the file, the top level and the lookups by name; each section has its
 * own file (scenario_machine.c, scenario_tasks.c, scenario_vmas.c,
 * scenario_steps.c, scenario_expect.c, scenario_params.c); what they
 * share is in scenario_errors.c and scenario_fields.c
 * (app/scenario_load.h).
 *
 * Everything allocated hangs off the struct scenario being built, so an
 * error anywhere just returns -1 and the top level frees it all.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "sim/json_strict.h"
#include "app/scenario_load.h"
#include <kshim/inject_table.h>

static int load_requires(struct ctx *c, json_object *v)
{
	struct scenario *s = c->s;
	size_t i, j, n;

	if (scn_as_array(c, v, "kernel config options", 0, SCN_MAX_REQUIRES,
			 &n))
		return -1;
	s->requires = scn_zalloc(n, sizeof(*s->requires));
	if (!s->requires)
		return scn_oom(c);
	for (i = 0; i < n; i++) {
		json_object *f = scn_elem(v, i);
		size_t mark = scn_push_idx(c, i), len;
		const char *str;

		if (scn_as_string(c, f, &str))
			return -1;
		len = json_object_get_string_len(f);
		for (j = 7; j < len; j++)
			if (!((str[j] >= 'A' && str[j] <= 'Z') ||
			      (str[j] >= '0' && str[j] <= '9') ||
			      str[j] == '_'))
				break;
		if (len <= 7 || len > SCN_CONFIG_MAX ||
		    strncmp(str, "CONFIG_", 7) || j < len)
			return scn_fail(
				c,
				"%s is not a kernel config option (CONFIG_ and A-Z 0-9 _)",
				scn_show(c, f));
		memcpy(s->requires[i], str, len + 1);
		s->nr_requires++;
		scn_pop(c, mark);
	}
	return 0;
}

/*
 * "injections": the injected-failure kinds a run of this scenario may
 * arm (run --inject; kshim/inject_table.h), each once.
 */
static int load_injections(struct ctx *c, json_object *v)
{
	const char *names[NR_KSHIM_INJECT];
	size_t i, n;
	int k;

	for (i = 0; i < NR_KSHIM_INJECT; i++)
		names[i] = kshim_inject_info(i)->name;
	if (scn_as_array(c, v, "injection names", 0, NR_KSHIM_INJECT, &n))
		return -1;
	for (i = 0; i < n; i++) {
		size_t mark = scn_push_idx(c, i);

		if (scn_as_word(c, scn_elem(v, i), "injection", names,
				NR_KSHIM_INJECT, &k))
			return -1;
		if (c->s->injections & (1U << k))
			return scn_fail(c, "%s is listed twice",
					scn_show(c, scn_elem(v, i)));
		c->s->injections |= 1U << k;
		scn_pop(c, mark);
	}
	return 0;
}

static int load_name(struct ctx *c, json_object *v)
{
	return scn_as_name(c, v, SCN_SCENARIO_NAME_MAX, c->s->name);
}

/* optional, but always loaded: "" when absent */
static int load_description(struct ctx *c, json_object *v)
{
	const char *str = "";

	if (v && scn_as_string(c, v, &str))
		return -1;
	if (strlen(str) > SCN_MAX_DESCRIPTION)
		return scn_fail(c, "longer than %d bytes", SCN_MAX_DESCRIPTION);
	c->s->description = strdup(str);
	if (!c->s->description)
		return scn_oom(c);
	return 0;
}

static int load_sysctl(struct ctx *c, json_object *v)
{
	return scn_load_sysctl(c, v, false, &c->s->sysctl);
}

static int load_expect(struct ctx *c, json_object *v)
{
	return scn_load_expect(c, v, false, &c->s->expect);
}

/*
 * The top-level keys in the order they are loaded (a later section
 * refers to names an earlier one defined).  load NULL: read before
 * (faultsim_scenario by load_top(), params by scn_apply_params()).
 */
static const struct section {
	const char *key;
	bool optional;	/* absent: skipped; else the loader sees NULL */
	bool need;	/* null is refused before the loader sees it */
	int (*load)(struct ctx *c, json_object *v);
} sections[] = {
	{ "faultsim_scenario", false, false, NULL },
	{ "name", false, false, load_name },
	{ "description", false, false, load_description },
	{ "requires", true, false, load_requires },
	{ "injections", true, false, load_injections },
	{ "machine", false, true, scn_load_machine },
	{ "sysctl", true, true, load_sysctl },
	{ "tasks", false, false, scn_load_tasks },
	{ "vmas", true, false, scn_load_vmas },
	{ "steps", true, false, scn_load_steps },
	{ "expect", true, true, load_expect },
	{ "params", false, false, NULL },
	{ "swarm", false, false, NULL },
};

static int load_top(struct ctx *c, json_object *root)
{
	const char *keys[ARRAY_SIZE(sections) + 1] = { NULL };
	int64_t ver;
	size_t i;

	if (!scn_is(root, json_type_object))
		return scn_fail(c, "expected a scenario object, got %s",
				scn_jtype(root));
	/* the version first: a newer file's keys are not typos */
	if (scn_rd_int(c, root, "faultsim_scenario", true, 0, INT32_MAX, 0,
		       &ver))
		return -1;
	if (ver != SCN_FORMAT_VERSION)
		return scn_fail_at(
			c, "faultsim_scenario",
			"version %lld is not supported (this faultsim reads %d)",
			(long long)ver, SCN_FORMAT_VERSION);
	for (i = 0; i < ARRAY_SIZE(sections); i++)
		keys[i] = sections[i].key;
	if (scn_check_object(c, root, "a scenario object", keys))
		return -1;

	c->s->sysctl.numa_balancing = SCN_NUMAB_BOOT_DEFAULT;
	c->s->sysctl.thp_enabled = SCN_THP_UNSET;
	for (i = 0; i < SCN_NR_SCAN_TUNABLES; i++)
		c->s->sysctl.scan[i] = SCN_TUNABLE_UNSET;
	for (i = 0; i < ARRAY_SIZE(sections); i++) {
		const struct section *sec = &sections[i];
		json_object *v = scn_field(root, sec->key);
		size_t mark;

		if (!sec->load || (sec->optional && !v))
			continue;
		mark = scn_push_key(c, sec->key);
		if ((sec->need && scn_need(c, v)) || sec->load(c, v))
			return -1;
		scn_pop(c, mark);
	}
	return 0;
}

int scenario_load_string(const char *text, size_t len, const char *name,
			 struct scenario **out, char *err, size_t err_len)
{
	struct ctx *c;
	struct json_strict_error jerr;
	json_object *root = NULL;
	int ret = -1;

	*out = NULL;
	if (err && err_len)
		err[0] = '\0';
	c = calloc(1, sizeof(*c));
	if (!c) {
		if (err && err_len)
			snprintf(err, err_len, "%s: out of memory", name);
		return -1;
	}
	c->file = name ? name : "(string)";
	c->err = err;
	c->err_len = err_len;

	root = json_parse_strict(text, len, "scenario", &jerr);
	if (!root) {
		scn_fail_at(c, jerr.where[0] ? jerr.where : NULL, "%s",
			    jerr.what);
		goto out;
	}

	if (scn_apply_params(c, root))
		goto out;
	c->s = calloc(1, sizeof(*c->s));
	if (!c->s) {
		scn_fail_at(c, NULL, "out of memory");
		goto out;
	}
	if (load_top(c, root)) {
		scenario_free(c->s);
		goto out;
	}
	*out = c->s;
	ret = 0;
out:
	json_object_put(root);
	free(c);
	return ret;
}

int scenario_load_file(const char *path, struct scenario **out, char *err,
		       size_t err_len)
{
	size_t len;
	char *buf;
	int ret;

	*out = NULL;
	buf = json_strict_read_file(path, SCN_MAX_FILE_BYTES, "scenario", &len,
				    err, err_len);
	if (!buf)
		return -1;
	ret = scenario_load_string(buf, len, path, out, err, err_len);
	free(buf);
	return ret;
}

/*
 * What @nr steps own.  A rejected nested step (an expect, or a
 * concurrently inside a concurrently) was loaded before the check that
 * refused it, so it may own memory too: free at every depth.
 */
static void free_steps(struct scn_step *steps, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (steps[i].op == SCN_OP_EXPECT)
			scn_free_expect(steps[i].expect);
		if (steps[i].op == SCN_OP_CONCURRENTLY) {
			free_steps(steps[i].concurrently.steps,
				   steps[i].concurrently.nr);
			free(steps[i].concurrently.steps);
		}
		if (steps[i].op == SCN_OP_LOOP) {
			free_steps(steps[i].loop.steps, steps[i].loop.nr);
			free(steps[i].loop.steps);
		}
		if (steps[i].op == SCN_OP_SAMPLE && steps[i].sample) {
			free(steps[i].sample->vmas);
			free(steps[i].sample->tasks);
			free(steps[i].sample);
		}
	}
}

void scenario_free(struct scenario *s)
{
	unsigned int i;

	if (!s)
		return;
	for (i = 0; i < s->nr_vmas; i++)
		free(s->vmas[i].ranges);
	free_steps(s->steps, s->nr_steps);
	scn_free_expect(s->expect);
	free(s->description);
	free(s->requires);
	free(s->nodes);
	free(s->cpus);
	free(s->tasks);
	free(s->mms);
	free(s->vmas);
	free(s->steps);
	free(s);
}

_Static_assert(offsetof(struct scn_task, name) == 0, "name first");
_Static_assert(offsetof(struct scn_vma, name) == 0, "name first");
_Static_assert(offsetof(struct scn_mm, name) == 0, "name first");

/* Index of the element of @base whose name (its first member) is @name */
static int find_named(const void *base, unsigned int nr, size_t stride,
		      const char *name)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (!strcmp((const char *)base + i * stride, name))
			return i;
	return -1;
}

int scenario_find_task(const struct scenario *s, const char *name)
{
	return find_named(s->tasks, s->nr_tasks, sizeof(*s->tasks), name);
}

int scenario_find_vma(const struct scenario *s, const char *name)
{
	return find_named(s->vmas, s->nr_vmas, sizeof(*s->vmas), name);
}

int scenario_find_mm(const struct scenario *s, const char *name)
{
	return find_named(s->mms, s->nr_mms, sizeof(*s->mms), name);
}

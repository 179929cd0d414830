// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario parameters (docs/scenarios.md): "params": {"pages": 4}, and
 * "$pages" anywhere takes its value, or that of a --param override;
 * substituted before anything else is checked.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include "sim/json_strict.h"
#include "app/scenario_load.h"

static struct {
	char name[SCN_NAME_MAX + 1];
	char value[SCN_PARAM_VALUE_MAX + 1];
} overrides[SCN_MAX_OVERRIDES];
static int nr_overrides;

int scenario_param_set(const char *name, size_t name_len, const char *value,
		       char *err, size_t len)
{
	size_t value_len = strlen(value);
	int i;

	if (err && len)
		err[0] = '\0';
	if (!name_len || !value_len || memchr(name, '=', name_len))
		return -1;	/* the caller's usage line */
	if (name_len > SCN_NAME_MAX) {
		snprintf(err, len, "%.32s...: a name is at most %d bytes",
			 name, SCN_NAME_MAX);
		return -1;
	}
	/* refused, not cut: a trace records the value as given */
	if (value_len > SCN_PARAM_VALUE_MAX) {
		snprintf(err, len, "%.*s: a value is at most %d bytes, not %zu",
			 (int)name_len, name, SCN_PARAM_VALUE_MAX, value_len);
		return -1;
	}
	/* scenario strings are UTF-8, and so is the trace that records it */
	if (!json_strict_utf8(value, value_len)) {
		snprintf(err, len, "%.*s: the value is not UTF-8 text",
			 (int)name_len, name);
		return -1;
	}
	for (i = 0; i < nr_overrides; i++)
		if (strlen(overrides[i].name) == name_len &&
		    !memcmp(overrides[i].name, name, name_len))
			break;	/* again: the last one wins */
	if (i == SCN_MAX_OVERRIDES) {
		snprintf(err, len, "%.*s: more than %d overrides",
			 (int)name_len, name, SCN_MAX_OVERRIDES);
		return -1;
	}
	memcpy(overrides[i].name, name, name_len);
	overrides[i].name[name_len] = '\0';
	memcpy(overrides[i].value, value, value_len + 1);
	if (i == nr_overrides)
		nr_overrides++;
	return 0;
}

int scenario_param_override(const char *assignment, char *err, size_t len)
{
	const char *eq = strchr(assignment, '=');

	if (!eq) {
		if (err && len)
			err[0] = '\0';
		return -1;
	}
	return scenario_param_set(assignment, eq - assignment, eq + 1, err,
				  len);
}

void scenario_param_overrides_clear(void)
{
	nr_overrides = 0;
}

int scenario_param_override_get(int i, const char **name, const char **value)
{
	if (i < 0 || i >= nr_overrides)
		return -1;
	*name = overrides[i].name;
	*value = overrides[i].value;
	return 0;
}

static struct {
	bool on;
	uint64_t seed;
	const uint8_t *bytes;		/* a fuzzer's input, or NULL */
	size_t len, used;
	char line[SCN_MAX_OVERRIDES * (SCN_NAME_MAX + 24)];
} swarm;

void scenario_swarm_enable(uint64_t seed)
{
	swarm.on = true;
	swarm.seed = seed;
	swarm.bytes = NULL;
}

void scenario_swarm_enable_bytes(const uint8_t *data, size_t len)
{
	swarm.on = true;
	swarm.bytes = data;
	swarm.len = len;
	swarm.used = 0;
	swarm.line[0] = '\0';
}

size_t scenario_swarm_bytes_used(void)
{
	return swarm.bytes ? swarm.used : 0;
}

uint32_t scenario_fuzz_injections(uint32_t allowed, const uint8_t *data,
				  size_t len, size_t *pos)
{
	uint32_t armed = 0;
	int kind, k = 0;

	for (kind = 0; kind < 32; kind++) {
		size_t at = *pos + k / 8;

		if (!(allowed & 1U << kind))
			continue;
		if (at < len && data[at] & 1U << (k % 8))
			armed |= 1U << kind;
		k++;
	}
	*pos += (k + 7) / 8;
	return armed;
}

const char *scenario_swarm_line(void)
{
	return swarm.line;
}

/* splitmix64: the swarm's own stream, from the seed alone */
static uint64_t swarm_next(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * A value in [0, n) for one range: from the seed's stream, or from the
 * next bytes of a fuzzer's input (one byte for up to 256 values, two up
 * to 65,536, else four; little-endian; 0 past the input's end), so each
 * range owns fixed bytes whatever their values.
 */
static uint64_t swarm_draw(uint64_t *x, uint64_t n)
{
	uint64_t v = 0;
	int nb, i;

	if (!swarm.bytes)
		return swarm_next(x) % n;
	nb = n <= 0x100 ? 1 : n <= 0x10000 ? 2 : 4;
	for (i = 0; i < nb; i++, swarm.used++)
		if (swarm.used < swarm.len)
			v |= (uint64_t)swarm.bytes[swarm.used] << (8 * i);
	return v % n;
}

static bool overridden(const char *name)
{
	int i;

	for (i = 0; i < nr_overrides; i++)
		if (!strcmp(overrides[i].name, name))
			return true;
	return false;
}

/*
 * One range of "swarm": {"min": A, "max": B} over an integer parameter,
 * or {"one_of": [v, ...]} (1 to 64 values of the parameter's type).
 * Checked always; in swarm mode, a value drawn from @x into @out.
 */
static int swarm_range(struct ctx *c, json_object *r, json_object *def,
		       uint64_t *x, char *out, size_t len)
{
	static const char *const keys[] = { "min", "max", "one_of", NULL };
	json_object *one_of = scn_field(r, "one_of");
	int64_t lo, hi;
	size_t n, i;

	if (scn_check_object(c, r, "a swarm range", keys))
		return -1;
	if (one_of) {
		if (scn_field(r, "min") || scn_field(r, "max"))
			return scn_fail(c, "either \"min\" and \"max\" or "
					"\"one_of\", not both");
		if (scn_as_array(c, one_of, "values", 1, 64, &n))
			return -1;
		for (i = 0; i < n; i++) {
			json_object *e = scn_elem(one_of, i);

			if (json_object_get_type(e) !=
			    json_object_get_type(def))
				return scn_fail(c, "one_of[%zu]: expected %s "
						"like the parameter's default",
						i, scn_jtype(def));
		}
		i = x ? swarm_draw(x, n) : 0;
		snprintf(out, len, "%s",
			 json_object_get_string(scn_elem(one_of, i)));
		return 0;
	}
	if (!scn_is(def, json_type_int))
		return scn_fail(c, "\"min\"/\"max\" range over an integer "
				"parameter; this one is %s", scn_jtype(def));
	if (scn_rd_int(c, r, "min", true, INT32_MIN, INT32_MAX, 0, &lo) ||
	    scn_rd_int(c, r, "max", true, INT32_MIN, INT32_MAX, 0, &hi))
		return -1;
	if (lo > hi)
		return scn_fail(c, "min %lld is above max %lld",
				(long long)lo, (long long)hi);
	snprintf(out, len, "%lld", (long long)(x ? lo + (int64_t)(
		swarm_draw(x, (uint64_t)(hi - lo + 1))) : lo));
	return 0;
}

/*
 * "swarm": the ranges run --swarm derives parameters from, each key a
 * parameter of "params".  Checked always; in swarm mode the values of
 * those without an override become overrides, in the block's order.
 */
static int load_swarm(struct ctx *c, json_object *root, json_object *params)
{
	json_object *sw = NULL, *def;
	uint64_t x = swarm.seed;
	size_t mark, used = 0;
	char value[64], err[160], line[sizeof(swarm.line)];

	line[0] = '\0';
	swarm.used = 0;		/* each load reads the input from its start */
	if (!scn_is(root, json_type_object) ||
	    !json_object_object_get_ex(root, "swarm", &sw))
		return 0;
	mark = scn_push_key(c, "swarm");
	if (!scn_is(sw, json_type_object))
		return scn_fail(c, "expected an object of ranges, got %s",
				scn_jtype(sw));
	json_object_object_foreach(sw, key, r) {
		size_t m = scn_push_key(c, key);
		bool derive = swarm.on && !overridden(key);
		/* an input's bytes are read even for an overridden one */
		bool draw = derive || (swarm.on && swarm.bytes);

		if (!params || !json_object_object_get_ex(params, key, &def))
			return scn_fail(c, "not a parameter (not in "
					"\"params\")");
		if (swarm_range(c, r, def, draw ? &x : NULL, value,
				sizeof(value)))
			return -1;
		if (derive) {
			if (scenario_param_set(key, strlen(key), value, err,
					       sizeof(err)))
				return scn_fail(c, "%s", err[0] ? err :
						"cannot be set");
			used += snprintf(line + used, sizeof(line) - used,
					 "%s%s=%s", used ? " " : "", key,
					 value);
			if (used >= sizeof(line))
				used = sizeof(line) - 1;
		}
		scn_pop(c, m);
	}
	scn_pop(c, mark);
	/* a later load finds them overridden: the first one's line stays */
	if (used)
		memcpy(swarm.line, line, used + 1);
	return 0;
}

static bool param_ref(const char *str)
{
	size_t i;

	if (str[0] != '$' || !str[1])
		return false;
	for (i = 1; str[i]; i++)
		if (!(str[i] == '_' || (str[i] >= 'a' && str[i] <= 'z') ||
		      (i > 1 && str[i] >= '0' && str[i] <= '9')))
			return false;
	return true;
}

/* Replaces every "$name" string under @v; the path in @c for errors. */
static int substitute(struct ctx *c, json_object *v, json_object *params)
{
	json_object *p;
	size_t i, n, mark;

	if (scn_is(v, json_type_object)) {
		json_object_object_foreach(v, key, val) {
			if (scn_is(val, json_type_string) &&
			    param_ref(json_object_get_string(val))) {
				mark = scn_push_key(c, key);
				if (!json_object_object_get_ex(params,
					json_object_get_string(val) + 1, &p))
					return scn_fail(
						c,
						"unknown parameter %s "
						"(not in \"params\")",
						json_object_get_string(val));
				scn_pop(c, mark);
				json_object_object_add(v, key,
						       json_object_get(p));
				continue;
			}
			mark = scn_push_key(c, key);
			if (substitute(c, val, params))
				return -1;
			scn_pop(c, mark);
		}
	} else if (scn_is(v, json_type_array)) {
		n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			json_object *e = json_object_array_get_idx(v, i);

			mark = scn_push_idx(c, i);
			if (scn_is(e, json_type_string) &&
			    param_ref(json_object_get_string(e))) {
				if (!json_object_object_get_ex(params,
					json_object_get_string(e) + 1, &p))
					return scn_fail(
						c,
						"unknown parameter %s "
						"(not in \"params\")",
						json_object_get_string(e));
				json_object_array_put_idx(v, i,
							  json_object_get(p));
			} else if (substitute(c, e, params)) {
				return -1;
			}
			scn_pop(c, mark);
		}
	}
	return 0;
}

/*
 * "if": an element of a list (a node, a CPU, a task, a VMA, a step) with
 * "if": false is dropped, one with "if": true kept without it, so a
 * boolean parameter decides whether an actor takes part (swarm: the
 * actors of a run, its node count).  Indices in later errors are those
 * of the list as kept.
 */
static int drop_absent(struct ctx *c, json_object *v)
{
	json_object *e, *cond;
	size_t i, n, mark;

	if (scn_is(v, json_type_object)) {
		json_object_object_foreach(v, key, val) {
			mark = scn_push_key(c, key);
			if (drop_absent(c, val))
				return -1;
			scn_pop(c, mark);
		}
		return 0;
	}
	if (!scn_is(v, json_type_array))
		return 0;
	n = json_object_array_length(v);
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(v, i);
		mark = scn_push_idx(c, i);
		if (scn_is(e, json_type_object) &&
		    json_object_object_get_ex(e, "if", &cond)) {
			size_t m = scn_push_key(c, "if");

			if (!scn_is(cond, json_type_boolean))
				return scn_fail(c, "expected a boolean (or a "
						"boolean parameter), got %s",
						scn_jtype(cond));
			scn_pop(c, m);
			if (!json_object_get_boolean(cond)) {
				json_object_array_del_idx(v, i, 1);
				scn_pop(c, mark);
				i--;
				n--;
				continue;
			}
			json_object_object_del(e, "if");
		}
		if (drop_absent(c, e))
			return -1;
		scn_pop(c, mark);
	}
	return 0;
}

/*
 * The scenario's parameters, with the overrides of the command line
 * (scenario_param_override()), put in place of their "$name" uses.
 */
int scn_apply_params(struct ctx *c, json_object *root)
{
	json_object *params = NULL, *v;
	size_t mark;
	int i;

	if (scn_is(root, json_type_object))
		json_object_object_get_ex(root, "params", &params);
	if (params) {
		mark = scn_push_key(c, "params");
		if (!scn_is(params, json_type_object))
			return scn_fail(c,
					"expected an object of parameters, "
					"got %s",
					scn_jtype(params));
		json_object_object_foreach(params, key, val) {
			size_t m = scn_push_key(c, key);

			if (!scn_is(val, json_type_int) &&
			    !scn_is(val, json_type_string) &&
			    !scn_is(val, json_type_boolean))
				return scn_fail(c,
						"a parameter is an integer, a "
						"string or a boolean, got %s",
						scn_jtype(val));
			scn_pop(c, m);
		}
		scn_pop(c, mark);
	}
	if (load_swarm(c, root, params))
		return -1;
	mark = scn_push_key(c, "params");
	for (i = 0; i < nr_overrides; i++) {
		json_object *nv;

		if (!params || !json_object_object_get_ex(
				       params, overrides[i].name, &v))
			return scn_fail(c,
					"--param %s: the scenario has no such "
					"parameter",
					overrides[i].name);
		nv = json_tokener_parse(overrides[i].value);
		if (!nv || !json_object_is_type(nv, json_object_get_type(v))) {
			json_object_put(nv);
			nv = json_object_is_type(v, json_type_string) ?
				json_object_new_string(overrides[i].value) :
				NULL;
		}
		if (!nv)
			return scn_fail(c,
					"--param %s=%s: expected %s like the "
					"default",
					overrides[i].name, overrides[i].value,
					scn_jtype(v));
		json_object_object_add(params, overrides[i].name, nv);
	}
	scn_pop(c, mark);
	if (params && substitute(c, root, params))
		return -1;
	return drop_absent(c, root);
}

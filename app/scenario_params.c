// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario parameters (docs/scenarios.md): "params": {"pages": 4}, and
 * "$pages" anywhere takes its value, or that of a --param override;
 * substituted before anything else is checked.
 */
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include "app/scenario_load.h"

#define SCN_MAX_OVERRIDES 16
static struct {
	char name[SCN_NAME_MAX + 1];
	char value[64];
} overrides[SCN_MAX_OVERRIDES];
static int nr_overrides;

int scenario_param_override(const char *assignment)
{
	const char *eq = strchr(assignment, '=');
	size_t n = eq ? (size_t)(eq - assignment) : 0;

	if (!eq || !n || n > SCN_NAME_MAX || strlen(eq + 1) >= 64 ||
	    !eq[1] || nr_overrides == SCN_MAX_OVERRIDES)
		return -1;
	memcpy(overrides[nr_overrides].name, assignment, n);
	overrides[nr_overrides].name[n] = '\0';
	snprintf(overrides[nr_overrides].value,
		 sizeof(overrides[0].value), "%s", eq + 1);
	nr_overrides++;
	return 0;
}

void scenario_param_overrides_clear(void)
{
	nr_overrides = 0;
}

void scenario_param_overrides_string(char *buf, size_t len)
{
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < nr_overrides && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%s=%s",
				 i ? "," : "", overrides[i].name,
				 overrides[i].value);
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
	return params ? substitute(c, root, params) : 0;
}

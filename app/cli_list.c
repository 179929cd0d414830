// SPDX-License-Identifier: GPL-2.0-only
/*
 * faultsim list kconfigs|scenarios|designs|oracles|injections: what this
 * build can run, what it checks and what it can make fail, one item per
 * line, name first, so scripts can take the first column.  The same names complete options' values
 * (cli_resolve_values()).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_options.h"
#include "app/cli_results.h"
#include "designs/registry.h"
#include "designs/planted.h"
#include "app/scenario.h"
#include "oracles/registry.h"
#include <kshim/inject_table.h>

/* where a list goes: text, one item a line, or a --json array */
struct list_out {
	json_object *items;	/* NULL: print */
	int bad;
};

static void list_item(struct list_out *out, const char *name,
		      const char *about, int about_len)
{
	json_object *o;

	if (!out->items) {
		printf("%-28s %.*s\n", name, about_len, about);
		return;
	}
	o = json_object_new_object();
	out->bad |= !o || json_object_array_add(out->items, o);
	if (!o)
		return;
	out->bad |= results_add(o, "name", json_object_new_string(name));
	out->bad |= results_add(o, "about",
				json_object_new_string_len(about, about_len));
}

static int list_scenarios(struct list_out *out)
{
	const char *dir = cli_scenario_dir();
	struct dirent **ents;
	int n, i, bad = 0;

	n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0)
		return cli_usage_error("%s: cannot read the built-in scenarios: %m",
				       dir);
	for (i = 0; i < n; i++) {
		const char *f = ents[i]->d_name;
		size_t len = strlen(f);
		char path[4096], err[512];
		struct scenario *s;

		if (len > 5 && !strcmp(f + len - 5, ".json")) {
			snprintf(path, sizeof(path), "%s/%s", dir, f);
			if (scenario_load_file(path, &s, err, sizeof(err))) {
				fprintf(stderr, "faultsim: %s\n", err);
				bad = 1;
			} else {
				list_item(out, s->name, path, strlen(path));
				scenario_free(s);
			}
		}
		free(ents[i]);
	}
	free(ents);
	return bad ? EXIT_USAGE : EXIT_OK;
}

#define PLANT_ABOUT "a planted bug on the baseline, for testing (run --plant)"

/* The first sentence of @text, at most @max characters */
static int first_sentence(const char *text, int max)
{
	const char *dot = strstr(text, ". ");
	int n = dot ? (int)(dot - text) + 1 : (int)strlen(text);

	return n < max ? n : max;
}

static int list_designs(struct list_out *out)
{
	const char *name;
	unsigned int i;

	for (i = 0; i < faultsim_design_count(); i++) {
		const char *r = faultsim_design_rationale(i);

		list_item(out, faultsim_design_name(i), r,
			  first_sentence(r, 200));
	}
	for (i = 0; (name = faultsim_plant_name(i)); i++) {
		char d[64];

		snprintf(d, sizeof(d), FAULTSIM_PLANT_PREFIX "%s", name);
		list_item(out, d, PLANT_ABOUT, strlen(PLANT_ABOUT));
	}
	return EXIT_OK;
}

/* What fails a schedule, as `expect.findings` names it (oracles/registry.c) */
static int list_oracles(struct list_out *out)
{
	const struct oracle *o;
	unsigned int i;

	for (i = 0; (o = oracle_get(i)); i++)
		list_item(out, o->name, o->what, strlen(o->what));
	return EXIT_OK;
}

/* What run --inject can make fail: name, the kernel's site, what fails */
static int list_injections(struct list_out *out)
{
	const struct kshim_inject_info *in;
	char about[256];
	unsigned int i;
	int n;

	for (i = 0; (in = kshim_inject_info(i)); i++) {
		n = snprintf(about, sizeof(about), "%s: %s", in->site,
			     in->fails);
		list_item(out, in->name, about,
			  n < (int)sizeof(about) ? n : (int)sizeof(about) - 1);
	}
	return EXIT_OK;
}

/* one line of names as text; an item each in JSON */
static int list_kconfigs(struct list_out *out)
{
	char names[] = FAULTSIM_KCONFIGS;
	char *save, *k;

	if (!out->items) {
		printf("%s\n", FAULTSIM_KCONFIGS);
		return EXIT_OK;
	}
	for (k = strtok_r(names, " ", &save); k; k = strtok_r(NULL, " ", &save))
		list_item(out, k, "", 0);
	return EXIT_OK;
}

struct list_opts {
	const char *what, *json;
};

/* the one operand: what to list; --json FILE */
static int list_what(void *ctx, const struct cli_option *opt,
		     const char *val)
{
	struct list_opts *lo = ctx;

	if (opt)
		return cli_opt_str(opt, val, &lo->json);
	if (lo->what)
		return cli_usage(cli_command_find("list"));
	lo->what = val;
	return EXIT_OK;
}

/* the list as a result file (docs/results-schema.md, "list") */
static int list_json(const char *what, int (*fn)(struct list_out *),
		     const char *path)
{
	struct list_out out = { json_object_new_array(), 0 };
	json_object *opts = json_object_new_object(), *res;
	int ret;

	res = json_object_new_object();
	if (!out.items || !opts || !res) {
		json_object_put(out.items);
		json_object_put(opts);
		json_object_put(res);
		return cli_usage_error("--json %s: out of memory", path);
	}
	ret = fn(&out);
	out.bad |= results_add(opts, "what", json_object_new_string(what));
	out.bad |= results_add(res, "items", out.items);
	if (out.bad) {
		json_object_put(opts);
		json_object_put(res);
		return cli_usage_error("--json %s: out of memory", path);
	}
	if (results_write_whole("list", opts, res, path))
		ret = EXIT_USAGE;
	return ret;
}

int cli_list(int argc, char **argv)
{
	static const struct {
		const char *what;
		int (*fn)(struct list_out *out);
	} lists[] = {
		{ "kconfigs", list_kconfigs },
		{ "scenarios", list_scenarios },
		{ "designs", list_designs },
		{ "oracles", list_oracles },
		{ "injections", list_injections },
	};
	struct list_opts lo = { 0 };
	struct list_out text = { 0 };
	size_t i;
	int ret;

	ret = cli_parse(cli_command_find("list"), argc, argv, list_what, &lo);
	if (ret)
		return ret;
	results_option_name("--json");
	if (lo.json && results_check_output(lo.json))
		return EXIT_USAGE;
	for (i = 0; lo.what && i < sizeof(lists) / sizeof(lists[0]); i++) {
		if (strcmp(lo.what, lists[i].what))
			continue;
		ret = lists[i].fn(&text);
		if (!ret && lo.json)
			ret = list_json(lo.what, lists[i].fn, lo.json);
		return ret;
	}
	return cli_usage(cli_command_find("list"));
}

/* The names of the built-in scenarios (and matrix families) of @dir */
static size_t scenario_names(const char *dir, char *buf, size_t len,
			     size_t n)
{
	struct dirent **ents;
	int nr, i;

	nr = scandir(dir, &ents, NULL, alphasort);
	for (i = 0; i < nr; i++) {
		const char *f = ents[i]->d_name;
		size_t flen = strlen(f);

		if (flen > 5 && !strcmp(f + flen - 5, ".json") && n < len)
			n += snprintf(buf + n, len - n, "%s%.*s", n ? " " : "",
				      (int)flen - 5, f);
		free(ents[i]);
	}
	if (nr >= 0)
		free(ents);
	return n;
}

const char *cli_resolve_values(const char *name)
{
	static char buf[4096];
	const char *p;
	size_t n = 0;
	unsigned int i;

	buf[0] = '\0';
	if (!strcmp(name, "@designs")) {
		for (i = 0; i < faultsim_design_count() && n < sizeof(buf); i++)
			n += snprintf(buf + n, sizeof(buf) - n, "%s%s",
				      i ? " " : "", faultsim_design_name(i));
	} else if (!strcmp(name, "@plants")) {
		for (i = 0; (p = faultsim_plant_name(i)) && n < sizeof(buf);
		     i++)
			n += snprintf(buf + n, sizeof(buf) - n, "%s%s",
				      i ? " " : "", p);
	} else if (!strcmp(name, "@injections")) {
		const struct kshim_inject_info *in;

		for (i = 0; (in = kshim_inject_info(i)) && n < sizeof(buf);
		     i++)
			n += snprintf(buf + n, sizeof(buf) - n, "%s%s",
				      i ? " " : "", in->name);
	} else if (!strcmp(name, "@scenarios")) {
		char matrix[4096];

		n = scenario_names(cli_scenario_dir(), buf, sizeof(buf), 0);
		snprintf(matrix, sizeof(matrix), "%s/matrix",
			 cli_scenario_dir());
		scenario_names(matrix, buf, sizeof(buf), n);
	} else {
		return NULL;
	}
	return buf;
}

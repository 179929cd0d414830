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
#include "designs/registry.h"
#include "designs/planted.h"
#include "app/scenario.h"
#include "oracles/registry.h"
#include <kshim/inject_table.h>

static int list_scenarios(void)
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
				printf("%-28s %s\n", s->name, path);
				scenario_free(s);
			}
		}
		free(ents[i]);
	}
	free(ents);
	return bad ? EXIT_USAGE : EXIT_OK;
}

/* The first sentence of @text, at most @max characters */
static int first_sentence(const char *text, int max)
{
	const char *dot = strstr(text, ". ");
	int n = dot ? (int)(dot - text) + 1 : (int)strlen(text);

	return n < max ? n : max;
}

static int list_designs(void)
{
	const char *name;
	unsigned int i;

	for (i = 0; i < faultsim_design_count(); i++) {
		const char *r = faultsim_design_rationale(i);

		printf("%-28s %.*s\n", faultsim_design_name(i),
		       first_sentence(r, 200), r);
	}
	for (i = 0; (name = faultsim_plant_name(i)); i++) {
		char d[64];

		snprintf(d, sizeof(d), FAULTSIM_PLANT_PREFIX "%s", name);
		printf("%-28s %s\n", d, "a planted bug on the baseline, for "
		       "testing (run --plant)");
	}
	return EXIT_OK;
}

/* What fails a schedule, as `expect.findings` names it (oracles/registry.c) */
static int list_oracles(void)
{
	const struct oracle *o;
	unsigned int i;

	for (i = 0; (o = oracle_get(i)); i++)
		printf("%-28s %s\n", o->name, o->what);
	return EXIT_OK;
}

/* What run --inject can make fail: name, the kernel's site, what fails */
static int list_injections(void)
{
	const struct kshim_inject_info *in;
	unsigned int i;

	for (i = 0; (in = kshim_inject_info(i)); i++)
		printf("%-28s %s: %s\n", in->name, in->site, in->fails);
	return EXIT_OK;
}

static int list_kconfigs(void)
{
	printf("%s\n", FAULTSIM_KCONFIGS);
	return EXIT_OK;
}

/* the one operand: what to list (the only option is --help) */
static int list_what(void *ctx, const struct cli_option *opt,
		     const char *val)
{
	const char **what = ctx;

	if (*what)
		return cli_usage(cli_command_find("list"));
	*what = val;
	return EXIT_OK;
}

int cli_list(int argc, char **argv)
{
	static const struct {
		const char *what;
		int (*fn)(void);
	} lists[] = {
		{ "kconfigs", list_kconfigs },
		{ "scenarios", list_scenarios },
		{ "designs", list_designs },
		{ "oracles", list_oracles },
		{ "injections", list_injections },
	};
	const char *what = NULL;
	size_t i;
	int ret;

	ret = cli_parse(cli_command_find("list"), argc, argv, list_what, &what);
	if (ret)
		return ret;
	for (i = 0; what && i < sizeof(lists) / sizeof(lists[0]); i++)
		if (!strcmp(what, lists[i].what))
			return lists[i].fn();
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

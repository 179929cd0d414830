// SPDX-License-Identifier: GPL-2.0-only
/* faultsim kunit / demo. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "sim/sched.h"
#include <kshim/kshim.h>
#include "damon_core/synthetic_ops.h"

/* FAULTSIM_KCONFIGS / FAULTSIM_DAMON_KCONFIGS: "a b c", from CMake */
static bool word_in(const char *word, const char *list)
{
	size_t n = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word))) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

bool cli_kconfig_known(const char *name)
{
	return *name && !strchr(name, ' ') && word_in(name, FAULTSIM_KCONFIGS);
}

bool cli_config_enabled(const char *symbol)
{
	return word_in(symbol, FAULTSIM_KCONFIG_SYMBOLS);
}

int cli_kunit(int argc, char **argv, const char *kconfig,
	      cli_exec_fn exec_sibling)
{
	if (word_in(kconfig, FAULTSIM_DAMON_KCONFIGS))
		return exec_sibling("faultsim-kunit-", kconfig, argv);
	/* lib/kunit/executor.c prints an empty plan when nothing is built */
	printf("KTAP version 1\n1..0\n# kconfig %s builds no KUnit suite "
	       "(CONFIG_DAMON is off)\n", kconfig);
	return EXIT_OK;
}

#ifdef FAULTSIM_HAS_DAMON
#define DEMO_MAX_AGGREGATIONS 1000
#define DEMO_MAX_REGIONS 1000

struct demo {
	struct synth_params params;
	int nr_aggregations;
	struct synth_record rec;
	int err;
};

static int demo_task(void *arg)
{
	struct demo *d = arg;

	d->err = synth_run_kdamond(&d->params, d->nr_aggregations, &d->rec);
	return 0;
}

static void demo_print(const struct demo *d)
{
	int i, j;

	printf("# kdamond on synthetic ops: [0x%lx, 0x%lx), hot [0x%lx, 0x%lx)\n",
	       d->params.start, d->params.end, d->params.hot_start,
	       d->params.hot_end);
	printf("# sample %lu us, aggr %lu us, seed %llu\n",
	       d->params.sample_us, d->params.aggr_us,
	       (unsigned long long)sim_seed());
	for (i = 0; i < d->rec.nr_snapshots; i++) {
		const struct synth_snapshot *s = &d->rec.snapshots[i];

		printf("aggregation %d at %llu.%06llu s: %d regions\n", i + 1,
		       (unsigned long long)(s->time_ns / 1000000000),
		       (unsigned long long)(s->time_ns % 1000000000 / 1000),
		       s->nr_regions);
		for (j = 0; j < s->nr_regions; j++)
			printf("  %#014lx-%#014lx %8lu KiB  nr_accesses %3u  age %3u\n",
			       s->regions[j].start, s->regions[j].end,
			       (s->regions[j].end - s->regions[j].start) >> 10,
			       s->regions[j].nr_accesses, s->regions[j].age);
	}
}

static int demo_run(int argc, char **argv)
{
	uint64_t seed = 1, aggr = 5;
	struct demo d = { 0 };
	enum sim_run_result res;
	int i, ret = EXIT_OK;

	for (i = 1; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(opt, "--kconfig")) {
			i++;	/* already handled by main() */
		} else if (!strcmp(opt, "--seed")) {
			if (!cli_parse_u64(val, 0, UINT64_MAX, &seed))
				return cli_usage_error("--seed needs an unsigned 64-bit number");
			i++;
		} else if (!strcmp(opt, "--aggregations")) {
			if (!cli_parse_u64(val, 1, DEMO_MAX_AGGREGATIONS, &aggr))
				return cli_usage_error("--aggregations needs a number in 1..%d",
						       DEMO_MAX_AGGREGATIONS);
			i++;
		} else {
			return cli_usage_error("demo: unknown option '%s' (see faultsim --help)",
					       opt);
		}
	}

	synth_default_params(&d.params);
	d.nr_aggregations = (int)aggr;
	d.rec.max_snapshots = (int)aggr + 1;
	d.rec.max_regions = DEMO_MAX_REGIONS;
	d.rec.snapshots = calloc(d.rec.max_snapshots, sizeof(*d.rec.snapshots));
	if (!d.rec.snapshots)
		return cli_usage_error("out of memory");
	for (i = 0; i < d.rec.max_snapshots; i++) {
		d.rec.snapshots[i].regions = calloc(DEMO_MAX_REGIONS,
						    sizeof(struct synth_region));
		if (!d.rec.snapshots[i].regions)
			return cli_usage_error("out of memory");
	}

	sim_reset(seed);
	kshim_log_set_console(KSHIM_LOG_WARNING, stderr);
	if (kshim_boot() || sim_run(UINT64_MAX) != SIM_RUN_DONE ||
	    kshim_initcalls_failed()) {
		fprintf(stderr, "faultsim: simulated boot failed\n");
		ret = EXIT_FINDING;
		goto out;
	}
	kshim_spawn("demo", demo_task, &d);
	res = sim_run(UINT64_MAX);
	demo_print(&d);
	if (res != SIM_RUN_DONE || d.err || sim_findings_count()) {
		for (i = 0; i < sim_findings_count(); i++) {
			const struct sim_finding *f = sim_finding_get(i);

			if (f)
				printf("finding: %s in %s (%s): %s\n",
				       sim_finding_kind_name(f->kind), f->where,
				       f->thread, f->msg);
		}
		if (d.err)
			printf("finding: damon_start/stop returned %d\n", d.err);
		ret = EXIT_FINDING;
	}
out:
	for (i = 0; i < d.rec.max_snapshots; i++)
		free(d.rec.snapshots[i].regions);
	free(d.rec.snapshots);
	return ret;
}
#endif /* FAULTSIM_HAS_DAMON */

/* One definition for every variant: gcovr merges them line by line. */
int cli_demo(int argc, char **argv)
{
#ifdef FAULTSIM_HAS_DAMON
	return demo_run(argc, argv);
#else
	return cli_usage_error("the demo runs kdamond and needs CONFIG_DAMON; "
			       "kconfig %s has it off (try --kconfig full)",
			       FAULTSIM_KCONFIG);
#endif
}

// SPDX-License-Identifier: GPL-2.0-only
/* faultsim demo, and what the commands ask of this build. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include <asm/kshim_arch.h>
#include "app/cli_options.h"
#include "app/damo_record.h"
#include "app/damon_pictures.h"
#include "sim/json_strict.h"
#include "sim/sched.h"
#include <kshim/kshim.h>
#include <linux/err.h>
#include "damon_core/synthetic_ops.h"

bool cli_kconfig_known(const char *name)
{
	return !strchr(name, ' ') && cli_word_in(name, FAULTSIM_KCONFIGS);
}

void cli_kconfig_binary(const char *kconfig, char *path, size_t len)
{
	if (!strcmp(kconfig, FAULTSIM_DEFAULT_KCONFIG))
		snprintf(path, len, "%s/faultsim", cli_self_dir());
	else
		snprintf(path, len, "%s/faultsim-%s", cli_self_dir(), kconfig);
}

int cli_exec_kconfig(const char *kconfig, int argc, char **argv)
{
	char path[4096];
	char **av = calloc(argc + 2, sizeof(*av));

	if (!av)
		return cli_usage_error("out of memory");
	cli_kconfig_binary(kconfig, path, sizeof(path));
	av[0] = path;
	memcpy(av + 1, argv, argc * sizeof(*av));
	execv(path, av);
	free(av);
	return cli_usage_error("cannot run %s: %m", path);
}

bool cli_config_enabled(const char *symbol)
{
	return cli_word_in(symbol, FAULTSIM_KCONFIG_SYMBOLS);
}

struct demo_opts {
	uint64_t seed, aggregations;
	const char *damo_record, *heatmap;
	int arch;	/* --arch: enum kshim_arch */
};

static int demo_opt(void *ctx, const struct cli_option *opt, const char *val)
{
	struct demo_opts *d = ctx;

	if (!opt)
		return cli_usage_error("demo: unexpected argument '%s' (see "
				       "faultsim demo --help)", val);
	if (opt->id == OPT_SEED)
		return cli_opt_u64(opt, val, 0, UINT64_MAX, &d->seed);
	if (opt->id == OPT_AGGREGATIONS)
		return cli_opt_u64(opt, val, 1, CLI_DEMO_MAX_AGGREGATIONS,
				   &d->aggregations);
	if (opt->id == OPT_DAMO_RECORD)
		return cli_opt_str(opt, val, &d->damo_record);
	if (opt->id == OPT_HEATMAP)
		return cli_opt_str(opt, val, &d->heatmap);
	if (opt->id == OPT_ARCH)
		return cli_opt_arch(opt, val, &d->arch);
	return EXIT_OK;	/* --kconfig: main() ran this binary for it */
}

#ifdef FAULTSIM_HAS_DAMON
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

static int demo_run(const struct demo_opts *o)
{
	uint64_t seed = o->seed, aggr = o->aggregations;
	struct demo d = { 0 };
	enum sim_run_result res;
	int i, ret = EXIT_OK;

	synth_default_params(&d.params);
	d.nr_aggregations = (int)aggr;
	d.rec.max_snapshots = (int)aggr + 1;
	d.rec.max_regions = DEMO_MAX_REGIONS;
	d.rec.snapshots = calloc(d.rec.max_snapshots, sizeof(*d.rec.snapshots));
	if (!d.rec.snapshots)
		sim_out_of_memory("the demo's %d snapshots",
				  d.rec.max_snapshots);
	for (i = 0; i < d.rec.max_snapshots; i++) {
		d.rec.snapshots[i].regions = calloc(DEMO_MAX_REGIONS,
						    sizeof(struct synth_region));
		if (!d.rec.snapshots[i].regions)
			sim_out_of_memory("the demo's snapshots");
	}

	sim_reset(seed);
	kshim_log_set_console(KSHIM_LOG_WARNING, stderr);
	if (kshim_boot() || sim_run(UINT64_MAX) != SIM_RUN_DONE ||
	    kshim_initcalls_failed()) {
		fprintf(stderr, "faultsim: simulated boot failed\n");
		ret = EXIT_FINDING;
		goto out;
	}
	/* its task_struct is the simulated slab's: a failure is the host's */
	if (IS_ERR(kshim_spawn("demo", demo_task, &d)))
		sim_out_of_memory("the demo's thread");
	res = sim_run(UINT64_MAX);
	demo_print(&d);
	if (o->damo_record && damo_record_write(o->damo_record, &d.params,
						&d.rec))
		ret = EXIT_USAGE;
	if (o->heatmap && damon_pictures_write(o->heatmap, &d.params, &d.rec))
		ret = EXIT_USAGE;
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

/* a file to write after the run: refused before it if it cannot be */
static int demo_check_output(const char *opt, const char *path)
{
	char err[512];

	if (path && json_strict_output_file(path, err, sizeof(err)))
		return cli_usage_error("%s %s", opt, err);
	return EXIT_OK;
}

/* One definition for every variant: gcovr merges them line by line. */
int cli_demo(int argc, char **argv)
{
	struct demo_opts o = { .seed = 1, .aggregations = 5 };
	int ret = cli_parse(cli_command_find("demo"), argc, argv, demo_opt, &o);

	if (ret)
		return ret;
	/* the demo's machine has no THP: either encoding runs it */
	kshim_arch = o.arch;
	if (demo_check_output("--damo-record", o.damo_record) ||
	    demo_check_output("--heatmap", o.heatmap))
		return EXIT_USAGE;
#ifdef FAULTSIM_HAS_DAMON
	return demo_run(&o);
#else
	return cli_usage_error("the demo runs kdamond and needs CONFIG_DAMON; "
			       "kconfig %s has it off (try --kconfig full)",
			       FAULTSIM_KCONFIG);
#endif
}

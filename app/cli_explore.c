// SPDX-License-Identifier: GPL-2.0-only
/*
 * faultsim run / replay / shrink: a scenario under a scheduling strategy,
 * one run or many; the first run with a finding writes a trace that
 * `faultsim replay` reproduces and `faultsim shrink` minimises.  Progress
 * (wall clock) goes to a terminal's stderr only; the runs never read it.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_options.h"
/* json-c before the kernel headers: its tokener has a member "current" */
#include "sim/json_strict.h"
#include "app/cli_results.h"
#include "app/damon_session.h"
#include <linux/sched.h>
#include "designs/registry.h"
#include "designs/planted.h"
#include "app/scenario.h"
#include "app/scenario_exec.h"
#include "app/timeline.h"
#include "sim/shrink.h"
#include "sim/sched.h"
#include "sim/strategy.h"
#include "sim/trace.h"
#include <uthash.h>
#include <kshim/inject_table.h>
#include <asm/kshim_arch.h>

struct run_opts {
	const char *path;
	const char *strategy;
	uint64_t seed, iterations, pct_depth, bound;
	const char *out_dir;
	/* designs/: the design, DAMON's report sink, a planted bug */
	struct faultsim_selection sel;
	uint32_t inject;	/* --inject: kinds armed (kshim/inject.h) */
	bool swarm;		/* --swarm */
	int granularity;	/* enum sim_granularity */
	int arch;		/* --arch: enum kshim_arch */
	const char *reduction;	/* "none", "sleep", "dpor", "optimal"; NULL:
				 * default */
	bool count_traces;	/* --count-traces */
	bool quiet;
	const char *samples;		/* --samples FILE */
	const char *samples_format;	/* --samples-format; NULL: by name */
	uint64_t jobs;			/* --jobs; 0: not given */
	struct shard shard;		/* --shard; count 0: not given */
	const char *result;		/* --result FILE */
	const char *damo_record;	/* --damo-record FILE */
	const char *heatmap;		/* --heatmap FILE */
	uint8_t *fuzz_bytes;		/* --fuzz-input's bytes */
	size_t fuzz_len;
};

/* --jobs: at most this many workers */
#define RUN_MAX_JOBS 1024

/* --preemption-bound none; a trace records it as UINT32_MAX */
#define BOUND_NONE UINT32_MAX

/* --out: room for the trace names made in it within PATH_MAX */
#define OUT_DIR_MAX 2048

/* how many replays a shrink may take */
#define SHRINK_MAX_RUNS 100000

static double wall_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* "--design needs one of: a, b": the names its values resolve to */
static int names_usage(const struct cli_option *opt)
{
	const char *values = cli_values(opt->values, false);
	char names[1024];

	cli_join_words(values ? values : "", ", ", names, sizeof(names));
	return cli_usage_error("--%s needs one of: %s", opt->name, names);
}

/* How run explores: --strategy and what tunes it */
static int run_explore_opt(struct run_opts *o, const struct cli_option *opt,
			   const char *val)
{
	switch (opt->id) {
	case OPT_STRATEGY:
		if (!cli_value_ok(opt, val))
			return cli_bad_value(opt);
		o->strategy = val;
		break;
	case OPT_ITERATIONS:
		return cli_opt_u64(opt, val, 1, UINT64_MAX, &o->iterations);
	case OPT_PCT_DEPTH:
		return cli_opt_u64(opt, val, 1, 64, &o->pct_depth);
	case OPT_BOUND:
		if (val && !strcmp(val, "none"))
			o->bound = BOUND_NONE;
		else
			return cli_opt_u64(opt, val, 0, 64, &o->bound);
		break;
	case OPT_REDUCTION:
		if (!cli_value_ok(opt, val))
			return cli_bad_value(opt);
		o->reduction = val;
		break;
	case OPT_COUNT_TRACES:
		o->count_traces = true;
		break;
	case OPT_GRANULARITY:
		if (!val || sim_granularity_parse(val) < 0)
			return cli_bad_value(opt);
		o->granularity = sim_granularity_parse(val);
		break;
	}
	return EXIT_OK;
}

/* What run runs: the design, its report sink, a planted bug, parameters */
static int run_design_opt(struct run_opts *o, const struct cli_option *opt,
			  const char *val)
{
	switch (opt->id) {
	case OPT_DESIGN:
		if (!val || faultsim_design_find(val) < 0)
			return names_usage(opt);
		o->sel.design = val;
		break;
	case OPT_SINK:
		if (!val || faultsim_sink_find(val) < 0)
			return cli_bad_value(opt);
		o->sel.sink = val;
		break;
	case OPT_ARCH:
		return cli_opt_arch(opt, val, &o->arch);
	case OPT_PLANT:
		if (!val || !faultsim_plant_known(val))
			return names_usage(opt);
		o->sel.plant = val;
		break;
	case OPT_SWARM:
		o->swarm = true;
		break;
	case OPT_INJECT: {
		char bad[64];

		if (!val || kshim_inject_parse(val, &o->inject, bad,
					       sizeof(bad)))
			return cli_usage_error(
				"--inject: unknown injection '%s' (faultsim "
				"list injections)", val ? bad : "");
		break;
	}
	case OPT_PARAM: {
		char err[160] = "";

		if (!val || scenario_param_override(val, err, sizeof(err)))
			return err[0] ? cli_usage_error("--param %s", err) :
					cli_bad_value(opt);
		break;
	}
	}
	return EXIT_OK;
}

/* the largest --fuzz-input (libFuzzer's -max_len is far below) */
#define FUZZ_INPUT_MAX (1U << 20)

/* --fuzz-input FILE: its bytes, and the bytes strategy */
static int read_fuzz_input(struct run_opts *o, const char *path)
{
	/* on the heap: a static megabyte would count against ulimit -d */
	static uint8_t *buf;
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return cli_usage_error("run: --fuzz-input %s: %s", path,
				       strerror(errno));
	if (!buf)
		buf = malloc(FUZZ_INPUT_MAX + 1);
	if (!buf)
		sim_out_of_memory("--fuzz-input");
	o->fuzz_bytes = buf;
	n = fread(o->fuzz_bytes, 1, FUZZ_INPUT_MAX + 1, f);
	if (ferror(f) || n > FUZZ_INPUT_MAX) {
		fclose(f);
		return cli_usage_error("run: --fuzz-input %s: %s", path,
				       n > FUZZ_INPUT_MAX ?
				       "more than 1 MiB" : "unreadable");
	}
	fclose(f);
	o->fuzz_len = n;
	o->strategy = "bytes";
	return EXIT_OK;
}

static int run_opt(void *ctx, const struct cli_option *opt, const char *val)
{
	struct run_opts *o = ctx;

	if (!opt) {
		if (o->path)
			return cli_usage_error("run: one scenario file only");
		o->path = val;
		return EXIT_OK;
	}
	switch (opt->id) {
	case OPT_SEED:
		return cli_opt_u64(opt, val, 0, UINT64_MAX, &o->seed);
	case OPT_OUT:
		return cli_opt_str(opt, val, &o->out_dir);
	case OPT_QUIET:
		o->quiet = true;
		return EXIT_OK;
	case OPT_VERBOSE:
		scenario_exec_set_verbose(true);
		return EXIT_OK;
	case OPT_SAMPLES:
		return cli_opt_str(opt, val, &o->samples);
	case OPT_DAMO_RECORD:
		return cli_opt_str(opt, val, &o->damo_record);
	case OPT_HEATMAP:
		return cli_opt_str(opt, val, &o->heatmap);
	case OPT_SAMPLES_FORMAT:
		if (!cli_value_ok(opt, val))
			return cli_bad_value(opt);
		o->samples_format = val;
		return EXIT_OK;
	case OPT_KCONFIG:
		return EXIT_OK;	/* main() ran this binary for it */
	case OPT_JOBS:
		return cli_opt_u64(opt, val, 1, RUN_MAX_JOBS, &o->jobs);
	case OPT_SHARD:
		if (!shard_parse(val, &o->shard))
			return cli_bad_value(opt);
		return EXIT_OK;
	case OPT_JSON:
		results_option_name("--json");
		return cli_opt_str(opt, val, &o->result);
	case OPT_RESULT:
		return cli_opt_str(opt, val, &o->result);
	case OPT_FUZZ_INPUT:
		return read_fuzz_input(o, val);
	}
	if (run_explore_opt(o, opt, val))
		return EXIT_USAGE;	/* each ignores the other's options */
	return run_design_opt(o, opt, val);
}

/* Whether @o's strategy takes --jobs and --shard: random and pct */
static bool split_strategy(const struct run_opts *o)
{
	return !strcmp(o->strategy, "random") || !strcmp(o->strategy, "pct");
}

/*
 * --jobs, --shard, --result: random and PCT; --jobs for exhaustive too
 * (subtrees to workers; one process unless --jobs is given).
 */
static int check_split_opts(struct run_opts *o)
{
	if (!split_strategy(o)) {
		bool ex = !strcmp(o->strategy, "exhaustive");

		if (ex && o->shard.count && !o->result)
			return cli_usage_error("run: --shard needs --result "
					       "FILE (for faultsim merge)");
		if (ex && o->result && o->iterations)
			return cli_usage_error("run: --iterations with "
					       "--result and --strategy "
					       "exhaustive: a capped search "
					       "is no shard of the whole");
		if (ex && o->result && o->count_traces)
			return cli_usage_error("run: --count-traces counts in "
					       "one process: no --result");
		if (ex && o->jobs > 1 && o->count_traces)
			return cli_usage_error("run: --count-traces counts in "
					       "one process: no --jobs %" PRIu64,
					       o->jobs);
		if (ex && (o->jobs > 1 || o->result)) {
			/* subtrees to workers */
			o->jobs = o->jobs ? o->jobs : 1;
			return o->result ? results_check_output(o->result) :
					   EXIT_OK;
		}
		/* in order: one run, its outcome written whole */
		if (!strcmp(o->strategy, "fifo") && o->result &&
		    o->jobs <= 1 && !o->shard.count) {
			o->jobs = 1;
			return results_check_output(o->result);
		}
		if (o->jobs > 1 || o->shard.count || o->result)
			return cli_usage_error("run: --%s needs --strategy "
					       "random or pct",
					       o->jobs > 1 ? "jobs" :
					       o->shard.count ? "shard" :
					       "result");
		o->jobs = 1;
		return EXIT_OK;
	}
	if (o->shard.count && !o->result)
		return cli_usage_error("run: --shard needs --result FILE (for "
				       "faultsim merge)");
	if (!o->jobs)
		o->jobs = cli_online_cores();
	if (o->result)
		return results_check_output(o->result);
	return EXIT_OK;
}

static int parse_run_opts(int argc, char **argv, struct run_opts *o)
{
	static char builtin[PATH_MAX];
	const char *path;
	int ret;

	*o = (struct run_opts){ .strategy = "fifo", .seed = 1,
				.sel.design = FAULTSIM_DESIGN_BASELINE,
				.iterations = 0, .pct_depth = 3, .bound = 2 };
	ret = cli_parse(cli_command_find("run"), argc, argv, run_opt, o);
	if (ret)
		return ret;
	if (!o->path)
		return cli_usage_error("run: needs a scenario file (see docs/scenarios.md)");
	if (o->fuzz_bytes && strcmp(o->strategy, "bytes"))
		return cli_usage_error("run: --fuzz-input picks the schedule: "
				       "no --strategy after it");
	if (o->count_traces && strcmp(o->strategy, "exhaustive"))
		return cli_usage_error("run: --count-traces needs --strategy "
				       "exhaustive");
	ret = check_split_opts(o);
	if (ret)
		return ret;
	path = cli_scenario_path(o->path, builtin, sizeof(builtin));
	if (!path)
		return cli_usage_error("run: '%s' is no file and no built-in "
				       "scenario (see faultsim list scenarios)",
				       o->path);
	o->path = path;
	return EXIT_OK;
}

/*
 * The exhaustive search's reduction: Optimal DPOR by default without a
 * bound; under one, bounded POR prunes little for its cost per step,
 * so sleep sets unless asked.
 */
static const char *exhaustive_reduction(const struct run_opts *o)
{
	return o->reduction ? o->reduction :
	       o->bound == BOUND_NONE ? "optimal" : "sleep";
}

static struct sim_strategy *make_strategy(const struct run_opts *o)
{
	uint64_t n = o->iterations ? o->iterations : 1000;

	if (!strcmp(o->strategy, "random"))
		return sim_strategy_random_create(o->seed, n);
	if (!strcmp(o->strategy, "pct"))
		return sim_strategy_pct_create(o->seed, o->pct_depth, n, 0);
	if (!strcmp(o->strategy, "bytes"))
		return sim_strategy_bytes_create(o->seed, o->fuzz_bytes,
						 o->fuzz_len);
	if (!strcmp(o->strategy, "exhaustive")) {
		/*
		 * Local steps and sleep sets judge steps by their points;
		 * a coarse step hides its page-table accesses, so no
		 * reduction then.
		 */
		const char *r = exhaustive_reduction(o);
		struct sim_strategy *s = sim_strategy_exhaustive_create(
			o->bound == BOUND_NONE ? -1 : (int)o->bound,
			o->granularity == SIM_GRAN_ALL && strcmp(r, "none"));

		sim_strategy_exhaustive_set_dpor(s, !strcmp(r, "dpor") ||
						    !strcmp(r, "optimal"));
		/* under a bound: bounded POR, as dpor */
		sim_strategy_exhaustive_set_optimal(s, !strcmp(r, "optimal"));
		sim_strategy_exhaustive_set_count_traces(s, o->count_traces);
		return s;
	}
	return NULL;	/* fifo */
}

/* The first finding of a run's report: "finding <oracle>: ..." */
static const char *report_finding(const char *report)
{
	const char *f = strstr(report, "\nfinding ");

	return f ? f + 9 : NULL;
}

_Static_assert(SCN_MAX_OVERRIDES <= SIM_TRACE_MAX_PARAMS &&
	       SCN_NAME_MAX < sizeof(((struct sim_trace_param *)0)->name) &&
	       SCN_PARAM_VALUE_MAX <
		       sizeof(((struct sim_trace_param *)0)->value),
	       "a trace holds every --param override whole");

/* The --param overrides, in order, as the trace's "params" */
static int fill_params(struct sim_trace *t)
{
	const char *name, *value;

	for (t->nr_params = 0;
	     !scenario_param_override_get(t->nr_params, &name, &value);
	     t->nr_params++) {
		struct sim_trace_param *p = &t->params[t->nr_params];

		if (t->nr_params == SIM_TRACE_MAX_PARAMS ||
		    strlen(name) >= sizeof(p->name) ||
		    strlen(value) >= sizeof(p->value))
			return -1;
		strcpy(p->name, name);
		strcpy(p->value, value);
	}
	return 0;
}

/*
 * The trace of a run: everything needed to replay it.  0, or -1 and one
 * line in @err: what it cannot hold is refused, not cut.
 */
static int fill_trace(struct sim_trace *t, const struct run_opts *o,
		      const struct sim_schedule *sc, uint64_t out_hash,
		      const char *report, char *err, size_t len)
{
	const char *finding = report_finding(report);

	*t = (struct sim_trace){ .format_version = SIM_TRACE_FORMAT,
				 .seed = o->seed,
				 .pct_depth = (uint32_t)o->pct_depth,
				 .preemption_bound = (uint32_t)o->bound,
				 .granularity = "",
				 .trace_hash = out_hash };
	snprintf(t->faultsim_version, sizeof(t->faultsim_version), "%s",
		 FAULTSIM_VERSION);
	snprintf(t->granularity, sizeof(t->granularity), "%s",
		 sim_granularity_name(o->granularity));
	if (fill_params(t)) {
		snprintf(err, len, "params: more than a trace holds");
		return -1;
	}
	snprintf(t->binary_id, sizeof(t->binary_id), "%s", sim_binary_id());
	snprintf(t->kernel_version, sizeof(t->kernel_version), "%s",
		 FAULTSIM_KVERSION);
	/* a tree line that long stops the build, never a trace */
	_Static_assert(sizeof(FAULTSIM_KTREE) <= sizeof(t->kernel_tree),
		       "the kernel tree line does not fit a trace");
	snprintf(t->kernel_tree, sizeof(t->kernel_tree), "%s", FAULTSIM_KTREE);
	snprintf(t->kconfig, sizeof(t->kconfig), "%s", FAULTSIM_KCONFIG);
	snprintf(t->design, sizeof(t->design), "%s", o->sel.design);
	snprintf(t->sink, sizeof(t->sink), "%s",
		 o->sel.sink ? o->sel.sink : faultsim_sink_name(0));
	snprintf(t->plant, sizeof(t->plant), "%s",
		 o->sel.plant ? o->sel.plant : "");
	/* x86_64: no key, the trace's bytes as before --arch */
	snprintf(t->arch, sizeof(t->arch), "%s",
		 o->arch == KSHIM_ARCH_ARM64 ? kshim_arch_name(o->arch) : "");
	kshim_inject_format(o->inject, t->inject, sizeof(t->inject));
	/* a replay would look for another file */
	if (strlen(o->path) >= sizeof(t->scenario_path)) {
		snprintf(err, len, "scenario: longer than %zu bytes",
			 sizeof(t->scenario_path) - 1);
		return -1;
	}
	strcpy(t->scenario_path, o->path);
	if (sim_sha256_file(o->path, t->scenario_sha256, err, len))
		return -1;
	/* fifo and a fuzzer's bytes: the schedule is all there is */
	snprintf(t->strategy, sizeof(t->strategy), "%s",
		 strcmp(o->strategy, "fifo") && strcmp(o->strategy, "bytes") ?
		 o->strategy : "replay");
	t->schedule = sc ? sc->tids : NULL;
	t->schedule_len = sc ? sc->len : 0;
	if (finding) {
		const char *colon = strchr(finding, ':');
		size_t n = colon ? (size_t)(colon - finding) : 0;

		snprintf(t->oracle, sizeof(t->oracle), "%.*s", (int)n,
			 finding);
		snprintf(t->finding, sizeof(t->finding), "%.*s",
			 (int)strcspn(finding, "\n"), finding);
	}
	return 0;
}

static uint64_t fnv_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		h = (h ^ *b++) * 0x100000001b3ULL;
	return h;
}

/*
 * What tells two traces of one scenario, design, kconfig, strategy and
 * seed apart: the schedule, and the rest of what shaped the run (its
 * event-log hash, sink, granularity, bounds, parameters).
 */
static uint64_t trace_name_hash(const struct sim_trace *t)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	uint32_t i;

	h = fnv_bytes(h, t->schedule, t->schedule_len * sizeof(*t->schedule));
	h = fnv_bytes(h, &t->trace_hash, sizeof(t->trace_hash));
	h = fnv_bytes(h, &t->pct_depth, sizeof(t->pct_depth));
	h = fnv_bytes(h, &t->preemption_bound, sizeof(t->preemption_bound));
	h = fnv_bytes(h, t->sink, strlen(t->sink) + 1);
	h = fnv_bytes(h, t->granularity, strlen(t->granularity) + 1);
	if (t->arch[0])
		h = fnv_bytes(h, t->arch, strlen(t->arch) + 1);
	h = fnv_bytes(h, t->scenario_sha256, strlen(t->scenario_sha256));
	for (i = 0; i < t->nr_params; i++) {
		h = fnv_bytes(h, t->params[i].name,
			      strlen(t->params[i].name) + 1);
		h = fnv_bytes(h, t->params[i].value,
			      strlen(t->params[i].value) + 1);
	}
	return h;
}

/*
 * DIR/<scenario>-<design>-<kconfig>-<strategy>-seed<N>-<hash>[-last]
 * .trace.json: a later run never overwrites an earlier run's trace
 * (a planted bug's design is "plant-<bug>").
 */
static int write_trace(const struct run_opts *o, const struct scenario *s,
		       const struct sim_schedule *sc, uint64_t out_hash,
		       const char *report, char *path, size_t path_len)
{
	struct sim_trace t;
	char err[512];
	int n;

	if (fill_trace(&t, o, sc, out_hash, report, err, sizeof(err)))
		goto bad;
	n = snprintf(path, path_len,
		     "%s/%s-%s%s-%s-%s-seed%llu-%016llx%s.trace.json",
		     o->out_dir, s->name, t.plant[0] ? "plant-" : "",
		     t.plant[0] ? t.plant : t.design, FAULTSIM_KCONFIG,
		     t.strategy, (unsigned long long)o->seed,
		     (unsigned long long)trace_name_hash(&t),
		     t.oracle[0] ? "" : "-last");
	if (n < 0 || (size_t)n >= path_len) {
		snprintf(err, sizeof(err), "%s: the trace's name is too long",
			 o->out_dir);
		goto bad;
	}
	if (!sim_trace_write(&t, path, err, sizeof(err)))
		return 0;
bad:
	fprintf(stderr, "faultsim: cannot write a trace: %s\n", err);
	return -1;
}

/*
 * Before a run with --out: the directory is usable, and a trace can
 * record this run (scenario path, parameters), so that a run never
 * ends to find it cannot keep its finding.
 */
static int check_out(const struct run_opts *o)
{
	struct sim_trace t;
	char err[512];
	int ret;

	if (!o->out_dir)
		return EXIT_OK;
	ret = cli_out_dir(o->out_dir, OUT_DIR_MAX);
	if (ret)
		return ret;
	if (fill_trace(&t, o, NULL, 0, "", err, sizeof(err)) ||
	    sim_trace_check(&t, "a trace of this run", err, sizeof(err)))
		return cli_usage_error("%s", err);
	return EXIT_OK;
}

/*
 * One run, its report captured; @hash covers every scheduling point of
 * the run and the report, so a replay that matches it matches the run.
 */
static int run_once(const struct run_opts *o, const struct scenario *s,
		    char **report, uint64_t *hash)
{
	size_t len;
	FILE *mem = open_memstream(report, &len);
	int ret, cut;

	if (!mem)
		sim_out_of_memory("a run's report");
	sim_set_event_hash(true);
	ret = scenario_run(s, o->path, o->seed, FAULTSIM_KCONFIG,
			   cli_config_enabled, mem);
	/* a report cut short where its buffer could not grow: no report */
	cut = ferror(mem);
	if (fclose(mem) || cut)
		sim_out_of_memory("a run's report");
	/* every scheduling point of the run, then the report it printed */
	*hash = sim_event_hash();
	sim_trace_hash_bytes(hash, *report, len);
	return ret;
}

/*
 * The end states a search reached, by their "state" digest (every
 * page-table entry and vmstat counter): equivalent schedules end in the
 * same state, so a reduction must reach every state the plain search
 * does (tests/cli compares the two).
 */
struct end_state {
	uint64_t digest, first;	/* first: the run that first ended there */
	UT_hash_handle hh;
};

static int cmp_digest(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void note_end_state(struct end_state **set, uint64_t run)
{
	struct end_state *e;
	uint64_t digest;

	if (!scenario_exec_state(&digest))
		return;
	HASH_FIND(hh, *set, &digest, sizeof(uint64_t), e);
	if (e)
		return;
	e = malloc(sizeof(*e));
	if (!e)
		sim_out_of_memory("the set of end states");
	e->digest = digest;
	e->first = run;
	HASH_ADD(hh, *set, digest, sizeof(uint64_t), e);
}

static void free_end_states(struct end_state **set)
{
	struct end_state *e, *tmp;

	HASH_ITER(hh, *set, e, tmp) {
		HASH_DEL(*set, e);
		free(e);
	}
}

/*
 * One progress line on stderr.  The ETA is for the iterations asked
 * for (random and PCT default to 1000); an exhaustive search's size is
 * not known ahead, so it has none.  Runs stop at the first finding.
 */
static void progress(const struct run_opts *o, uint64_t runs, double secs)
{
	uint64_t total = o->iterations ? o->iterations :
			 strcmp(o->strategy, "exhaustive") ? 1000 : 0;
	double rate = runs / secs;

	fprintf(stderr, "faultsim: %s: %llu schedules, %.0f/s, 0 findings",
		o->strategy, (unsigned long long)runs, rate);
	if (total > runs && rate > 0)
		fprintf(stderr, ", ETA %.0f s", (total - runs) / rate);
	fputc('\n', stderr);
}

/*
 * Arms the injected failures @mask if scenario @s allows each of them:
 * 0, or -1 and "<name>: scenario <s> does not allow it ..." in @err.
 */
static int check_inject(uint32_t mask, const struct scenario *s, char *err,
			size_t len)
{
	uint32_t bad = mask & ~s->injections;
	char allowed[128];

	if (bad) {
		kshim_inject_format(s->injections, allowed, sizeof(allowed));
		snprintf(err, len, "%s: scenario %s does not allow it (its "
			 "\"injections\": %s)",
			 kshim_inject_info(__builtin_ctz(bad))->name, s->name,
			 allowed[0] ? allowed : "none");
		return -1;
	}
	sim_inject_arm(mask);
	return 0;
}

/*
 * The page-table encoding of the run (kshim_arch), set before any table
 * exists.  arm64 models the PTE level only: a scenario with PMD-mapped
 * THPs is refused, one line, "needs x86_64".
 */
static int set_arch(int arch, const struct scenario *s)
{
	unsigned int i;

	if (arch == KSHIM_ARCH_ARM64)
		for (i = 0; i < s->nr_vmas; i++)
			if (s->vmas[i].thp)
				return cli_usage_error(
					"scenario %s: VMA %s is PMD-mapped THP: "
					"needs x86_64 (no arm64 PMD blocks)",
					s->name, s->vmas[i].name);
	kshim_arch = arch;
	return 0;
}

/* The scenario of @o loaded, and its design, sink and planted bug set */
static int run_setup(struct run_opts *o, struct scenario **s)
{
	bool fuzz_swarm = o->swarm && o->fuzz_bytes;
	char err[512];

	if (fuzz_swarm)
		scenario_swarm_enable_bytes(o->fuzz_bytes, o->fuzz_len);
	else if (o->swarm)
		scenario_swarm_enable(o->seed);
	if (scenario_load_file(o->path, s, err, sizeof(err)))
		return cli_usage_error("%s", err);
	if (fuzz_swarm) {
		/* the input: the swarm's bytes, the injections', the rest */
		size_t pos = scenario_swarm_bytes_used();

		o->inject = scenario_fuzz_injections(o->inject ? o->inject :
						     (*s)->injections,
						     o->fuzz_bytes,
						     o->fuzz_len, &pos);
		pos = pos < o->fuzz_len ? pos : o->fuzz_len;
		o->fuzz_bytes += pos;
		o->fuzz_len -= pos;
		kshim_inject_format(o->inject, err, sizeof(err));
		printf("swarm (fuzz input): %s%sinject=%s\n",
		       scenario_swarm_line(),
		       scenario_swarm_line()[0] ? " " : "",
		       err[0] ? err : "none");
	} else if (o->swarm) {
		if (!scenario_swarm_line()[0]) {
			int ret = cli_usage_error("--swarm: scenario %s derives "
						  "nothing (no \"swarm\" block, "
						  "or --param sets all of it)",
						  (*s)->name);

			scenario_free(*s);
			*s = NULL;
			return ret;
		}
		printf("swarm (seed %llu): %s\n", (unsigned long long)o->seed,
		       scenario_swarm_line());
	}
	if (o->sel.plant &&
	    strcmp(o->sel.design, FAULTSIM_DESIGN_BASELINE)) {
		scenario_free(*s);
		return cli_usage_error("--plant plants its bug in the baseline: "
				       "no --design with it");
	}
	if (faultsim_select(&o->sel, err, sizeof(err))) {
		scenario_free(*s);
		return cli_usage_error("%s", err);
	}
	if (check_inject(o->inject, *s, err, sizeof(err))) {
		scenario_free(*s);
		return cli_usage_error("--inject %s", err);
	}
	sim_set_granularity(o->granularity);
	if (set_arch(o->arch, *s)) {
		scenario_free(*s);
		*s = NULL;
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* What a search has seen: the last run's report, its hash, end states */
struct search {
	struct end_state *end_states;
	char *report;
	uint64_t hash, runs;
};

/*
 * Runs schedules until a finding, a skipped scenario, --iterations or
 * the end of the strategy's space.  A progress line a second, on a
 * terminal only: a log or a pipe gets the result alone.
 */
static int search(const struct run_opts *o, const struct scenario *s,
		  struct sim_strategy *strat, struct search *x)
{
	bool show = !o->quiet && isatty(STDERR_FILENO);
	double t0 = wall_s(), last = t0;
	int ret;

	scenario_exec_set_strategy(strat);
	do {
		free(x->report);
		x->report = NULL;
		ret = run_once(o, s, &x->report, &x->hash);
		x->runs++;
		if (ret || scenario_exec_skipped())
			break;
		note_end_state(&x->end_states, x->runs - 1);
		if (show && wall_s() - last >= 1.0) {
			last = wall_s();
			progress(o, x->runs, last - t0);
		}
		if (o->iterations && x->runs >= o->iterations)
			break;
	} while (sim_strategy_next_run(strat));
	scenario_exec_set_strategy(NULL);
	return ret;
}

/*
 * Random and PCT split: schedule i depends on (seed, i) alone (PCT's k
 * on run 0 too, which every process runs first), so the schedules are
 * indexes to deal out.  The search's outcome is the lowest index that
 * fails, is skipped or cannot run (the stop) and the end states of the
 * indexes before it: whichever process ran which index, and in which
 * order, that is what one process running them in order stops at.
 * --shard K/N keeps the indexes i with i mod N = K-1; --jobs N deals
 * those out to N forked workers, one index at a time from a counter in
 * shared memory, where the lowest stop so far also lets a worker stop
 * early.  Each worker sends its share back over a pipe as the JSON of
 * a result file's "result".
 */
struct split_shared {
	uint64_t next;		/* the next of the part's indexes to run */
	uint64_t stop;		/* the lowest stop so far, or UINT64_MAX */
	uint64_t done;		/* schedules run, for the progress line */
};

/* The @j-th index of the part, or UINT64_MAX past the end */
static uint64_t part_index(const struct run_opts *o, uint64_t total,
			   uint64_t j)
{
	uint64_t k = o->shard.count ? o->shard.index - 1 : 0;
	uint64_t n = o->shard.count ? o->shard.count : 1;

	if (j > (total - 1 - k) / n || k >= total)
		return UINT64_MAX;
	return k + j * n;
}

static uint64_t split_total(const struct run_opts *o)
{
	return o->iterations ? o->iterations : 1000;
}

/*
 * A schedule's stderr (a planted bug's warnings, a one-line error), held
 * apart while workers run side by side and later schedules than the
 * stop may run: the parent prints what one process would have, the
 * schedules up to the stop in order.  fd 2 goes to a temporary file.
 */
struct capture {
	FILE *file;
	int memfd, saved;
};

static int capture_start(struct capture *c)
{
	fflush(stderr);
	c->file = tmpfile();
	c->memfd = c->file ? fileno(c->file) : -1;
	c->saved = c->memfd < 0 ? -1 : dup(STDERR_FILENO);
	if (c->saved < 0 || dup2(c->memfd, STDERR_FILENO) < 0) {
		if (c->file)
			fclose(c->file);
		if (c->saved >= 0)
			close(c->saved);
		return cli_usage_error("run: cannot hold stderr apart: %s",
				       strerror(errno));
	}
	return EXIT_OK;
}

static void capture_rewind(struct capture *c)
{
	fflush(stderr);
	if (ftruncate(c->memfd, 0) || lseek(c->memfd, 0, SEEK_SET))
		sim_out_of_memory("stderr held apart");
}

/*
 * What the schedule wrote, or NULL, the file emptied for the next: one
 * lseek() a schedule that wrote nothing (most), no more.
 */
static char *capture_take(struct capture *c)
{
	off_t n;
	char *text;

	fflush(stderr);
	n = lseek(c->memfd, 0, SEEK_CUR);
	if (n <= 0)
		return NULL;
	text = malloc(n + 1);
	if (!text || pread(c->memfd, text, n, 0) != n)
		sim_out_of_memory("stderr held apart");
	text[n] = '\0';
	capture_rewind(c);
	return text;
}

static void capture_end(struct capture *c)
{
	fflush(stderr);
	dup2(c->saved, STDERR_FILENO);
	close(c->saved);
	fclose(c->file);
}

/* One schedule's report, hash and schedule into @rs */
static void keep_sched(struct res_sched *rs, uint64_t index, int status,
		       char *report, uint64_t hash,
		       const struct sim_schedule *sc)
{
	*rs = (struct res_sched){ .index = index, .status = status,
				  .skipped = scenario_exec_skipped(),
				  .report = report, .hash = hash,
				  .len = sc->len };
	rs->tids = malloc((sc->len ? sc->len : 1) * sizeof(*rs->tids));
	if (!rs->tids)
		sim_out_of_memory("a schedule");
	if (sc->len)
		memcpy(rs->tids, sc->tids, sc->len * sizeof(*rs->tids));
}

/* Runs indexes of the part until they or the search end, into @r */
static void split_work(const struct run_opts *o, const struct scenario *s,
		       struct split_shared *sh, struct run_result *r,
		       bool show, struct capture *cap)
{
	struct sim_strategy *strat = make_strategy(o);
	double t0 = wall_s(), last = t0;
	uint64_t total = split_total(o), j, i, stop, digest, hash;
	bool first = true;
	char *report, *text;
	int ret;

	if (!strat)
		sim_out_of_memory("a strategy");
	scenario_exec_set_strategy(strat);
	for (;;) {
		j = __atomic_fetch_add(&sh->next, 1, __ATOMIC_RELAXED);
		i = part_index(o, total, j);
		if (i == UINT64_MAX ||
		    i > __atomic_load_n(&sh->stop, __ATOMIC_RELAXED))
			break;
		/* PCT's k comes from run 0: a process runs it first */
		if (first && i && !strcmp(o->strategy, "pct")) {
			sim_strategy_seek(strat, 0);
			report = NULL;
			run_once(o, s, &report, &hash);
			free(report);
			if (cap)
				capture_rewind(cap);	/* not a schedule of ours */
		}
		first = false;
		sim_strategy_seek(strat, i);
		report = NULL;
		ret = run_once(o, s, &report, &hash);
		if (cap && (text = capture_take(cap)))
			run_result_note_err(r, i, text);
		r->ran++;
		__atomic_fetch_add(&sh->done, 1, __ATOMIC_RELAXED);
		if (show && wall_s() - last >= 1.0) {
			last = wall_s();
			progress(o, r->ran, last - t0);
		}
		if (ret || scenario_exec_skipped()) {
			r->has_stop = true;
			keep_sched(&r->stop, i, ret, report, hash,
				   sim_strategy_schedule(strat));
			stop = __atomic_load_n(&sh->stop, __ATOMIC_RELAXED);
			while (i < stop &&
			       !__atomic_compare_exchange_n(&sh->stop, &stop, i,
							    false,
							    __ATOMIC_RELAXED,
							    __ATOMIC_RELAXED))
				;
			break;
		}
		if (scenario_exec_state(&digest))
			run_result_note_state(r, digest, i);
		if (i == total - 1) {
			r->has_last = true;
			keep_sched(&r->last, i, ret, report, hash,
				   sim_strategy_schedule(strat));
			continue;
		}
		free(report);
	}
	scenario_exec_set_strategy(NULL);
	sim_strategy_destroy(strat);
}

struct split_worker {
	pid_t pid;
	int fd;
	char *buf;
	size_t len, cap;
	bool eof;
};

/*
 * A pool of forked workers, each running work() into its share of the
 * search (stderr held in @cap) and sending it back over a pipe as the
 * JSON of a result file's "result"; the parent merges the shares.
 */
struct pool {
	void (*work)(void *priv, struct run_result *r, struct capture *cap);
	void *priv;
	uint64_t total;		/* a share's total */
	const uint64_t *done;	/* runs so far, for the progress line */
};

/* A worker: work(), its share as JSON on @fd, then _exit() */
static _Noreturn void pool_child(const struct pool *p, int fd)
{
	struct run_result r = { .total = p->total };
	struct capture cap;
	json_object *j;
	const char *text;
	size_t left;
	ssize_t n;

	if (capture_start(&cap))
		_exit(EXIT_USAGE);
	p->work(p->priv, &r, &cap);
	capture_end(&cap);
	j = run_result_json(&r);
	text = j ? json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN) :
		   NULL;
	if (!text)
		_exit(EXIT_USAGE);
	for (left = strlen(text); left; text += n, left -= n) {
		n = write(fd, text, left);
		if (n < 0 && errno == EINTR)
			n = 0;
		else if (n <= 0)
			_exit(EXIT_USAGE);
	}
	_exit(EXIT_OK);
}

/* What worker @w read: more of its share, or its end */
static void split_read(struct split_worker *w)
{
	ssize_t n;

	if (w->len + 4096 > w->cap) {
		char *p = realloc(w->buf, w->cap = 2 * w->cap + 65536);

		if (!p)
			sim_out_of_memory("a worker's result");
		w->buf = p;
	}
	n = read(w->fd, w->buf + w->len, w->cap - w->len - 1);
	if (n < 0 && errno == EINTR)
		return;
	if (n <= 0) {
		w->eof = true;
		return;
	}
	w->len += n;
}

/* Worker @w's share merged into @r; -1 if it died or sent no share */
static int split_collect(struct split_worker *w, struct run_result *r)
{
	struct json_strict_error jerr;
	struct run_result part;
	json_object *j;
	char err[256];
	int status, ret = -1;
	struct rusage ru;

	close(w->fd);
	while (wait4(w->pid, &status, 0, &ru) < 0 && errno == EINTR)
		;
	/* for benchmarks/exhaustive_jobs.sh: how the work was shared */
	if (getenv("FAULTSIM_WORKER_CPU"))
		fprintf(stderr, "faultsim: worker CPU %.3f s\n",
			ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
				(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) /
					1e6);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != EXIT_OK) {
		free(w->buf);
		return -1;
	}
	w->buf[w->len] = '\0';
	j = json_parse_strict(w->buf, w->len, "worker result", &jerr);
	free(w->buf);
	if (j && !run_result_from_json(j, &part, err, sizeof(err))) {
		run_result_merge(r, &part);
		ret = 0;
	}
	json_object_put(j);
	return ret;
}

/*
 * @p over @nr forked workers, their shares merged into @r.  0, or
 * EXIT_USAGE after one line when a worker could not be run or died.
 */
static int pool_run(const struct run_opts *o, const struct pool *p,
		    uint64_t nr, struct run_result *r)
{
	bool show = !o->quiet && isatty(STDERR_FILENO);
	double t0 = wall_s(), last = t0;
	struct split_worker *w;
	struct pollfd *pfd;
	uint64_t i, live;
	int ret = EXIT_OK;

	w = calloc(nr, sizeof(*w));
	pfd = calloc(nr, sizeof(*pfd));
	if (!w || !pfd)
		sim_out_of_memory("the workers");
	fflush(NULL);
	for (i = 0; i < nr; i++) {
		int fds[2];

		if (pipe(fds) || (w[i].pid = fork()) < 0) {
			ret = cli_usage_error("run: cannot start worker %" PRIu64
					      ": %s", i + 1, strerror(errno));
			nr = i;
			break;
		}
		if (!w[i].pid) {
			close(fds[0]);
			pool_child(p, fds[1]);
		}
		close(fds[1]);
		w[i].fd = fds[0];
	}
	for (live = nr; live;) {
		uint64_t k = 0;

		for (i = 0; i < nr; i++)
			if (!w[i].eof)
				pfd[k++] = (struct pollfd){ .fd = w[i].fd,
							    .events = POLLIN };
		if (poll(pfd, k, 1000) < 0 && errno != EINTR)
			break;
		for (i = 0, k = 0; i < nr; i++) {
			if (w[i].eof)
				continue;
			if (pfd[k++].revents) {
				split_read(&w[i]);
				live -= w[i].eof;
			}
		}
		if (show && wall_s() - last >= 1.0) {
			last = wall_s();
			progress(o, __atomic_load_n(p->done, __ATOMIC_RELAXED),
				 last - t0);
		}
	}
	for (i = 0; i < nr; i++)
		if (split_collect(&w[i], r) && !ret)
			ret = cli_usage_error("run: worker %" PRIu64 " of %"
					      PRIu64 " died", i + 1, nr);
	free(w);
	free(pfd);
	return ret;
}

struct split_arg {
	const struct run_opts *o;
	const struct scenario *s;
	struct split_shared *sh;
};

static void split_pool_work(void *priv, struct run_result *r,
			    struct capture *cap)
{
	struct split_arg *a = priv;

	split_work(a->o, a->s, a->sh, r, false, cap);
}

/*
 * The part of @o (its shard, or all) over --jobs workers, into @r.  0,
 * or EXIT_USAGE after one line when a worker could not be run or died.
 */
static int split_search(const struct run_opts *o, const struct scenario *s,
			struct run_result *r)
{
	bool show = !o->quiet && isatty(STDERR_FILENO);
	struct split_shared *sh;
	int ret;

	*r = (struct run_result){ .total = split_total(o) };
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return cli_usage_error("run: no shared memory for --jobs: %s",
				       strerror(errno));
	*sh = (struct split_shared){ .stop = UINT64_MAX };
	if (o->jobs == 1) {
		/* one worker: this process, no fork; stderr as it comes */
		struct capture cap;

		/* but held for a result file, which keeps it */
		if (o->result && capture_start(&cap)) {
			munmap(sh, sizeof(*sh));
			return EXIT_USAGE;
		}
		split_work(o, s, sh, r, show && !o->result,
			   o->result ? &cap : NULL);
		if (o->result) {
			capture_end(&cap);
			run_result_print_errs(r);
		}
		munmap(sh, sizeof(*sh));
		return EXIT_OK;
	}
	ret = pool_run(o, &(struct pool){ .work = split_pool_work,
					  .priv = &(struct split_arg){ o, s, sh },
					  .total = split_total(o),
					  .done = &sh->done }, o->jobs, r);
	if (!ret)
		run_result_print_errs(r);
	munmap(sh, sizeof(*sh));
	return ret;
}

static struct sim_schedule res_schedule(const struct res_sched *rs)
{
	struct sim_schedule sc;

	sim_schedule_init(&sc);
	sc.tids = rs->tids;
	sc.len = sc.cap = rs->len;
	return sc;
}

/* The trace of @rs under --out, its path kept in @rs; false if none */
static bool split_trace(const struct run_opts *o, const struct scenario *s,
			struct res_sched *rs)
{
	struct sim_schedule sc = res_schedule(rs);
	char trace[PATH_MAX];

	if (!o->out_dir || write_trace(o, s, &sc, rs->hash, rs->report, trace,
				       sizeof(trace)))
		return false;
	free(rs->trace);
	rs->trace = strdup(trace);
	if (!rs->trace)
		sim_out_of_memory("a trace's name");
	return true;
}

/*
 * The report of a search split any way, as search() and its printers
 * give it for one process: the lowest stop's report, how many ran, the
 * distinct end states before the stop, the trace.  Its exit status.
 */
static int split_report(const struct run_opts *o,
			const struct run_result *r)
{
	const struct res_sched *st = &r->stop;
	unsigned long long seed = o->seed;

	if (r->has_stop && st->status == SCENARIO_FINDING) {
		fputs(st->report, stdout);
		printf("schedule %" PRIu64 " of strategy %s (seed %llu) fails\n",
		       st->index + 1, o->strategy, seed);
		if (st->trace)
			printf("trace: %s (faultsim replay %s)\n", st->trace,
			       st->trace);
		return st->status;
	}
	if (r->has_stop && st->status != SCENARIO_OK) {
		fputs(st->report, stderr);
		return st->status;
	}
	fputs(r->has_stop ? st->report : "", stdout);
	if (!r->has_stop && r->has_last && r->last.trace)
		printf("trace of the last schedule: %s\n", r->last.trace);
	printf("%" PRIu64 " schedule(s) under %s (seed %llu): no finding\n",
	       r->has_stop ? st->index + 1 : r->total, o->strategy, seed);
	printf("%u distinct end state(s)\n", run_result_nr_states(r));
	return SCENARIO_OK;
}

/* The run's options in a result file: what merge checks shards share */
static json_object *split_options(const struct run_opts *o)
{
	json_object *j = json_object_new_object(), *p;
	char sha[65] = "", err[512];
	const char *name, *value;
	int bad = !j, i;

	if (bad)
		return NULL;
	sim_sha256_file(o->path, sha, err, sizeof(err));
	bad |= json_object_object_add(j, "scenario",
				      json_object_new_string(o->path));
	bad |= json_object_object_add(j, "scenario_sha256",
				      json_object_new_string(sha));
	bad |= json_object_object_add(j, "design",
				      json_object_new_string(o->sel.design));
	bad |= json_object_object_add(j, "sink", json_object_new_string(
				o->sel.sink ? o->sel.sink :
					      faultsim_sink_name(0)));
	bad |= json_object_object_add(j, "plant", json_object_new_string(
				o->sel.plant ? o->sel.plant : ""));
	if (o->arch == KSHIM_ARCH_ARM64)
		bad |= json_object_object_add(j, "arch", json_object_new_string(
					kshim_arch_name(o->arch)));
	p = json_object_new_object();
	for (i = 0; p && !scenario_param_override_get(i, &name, &value); i++)
		bad |= json_object_object_add(p, name,
					      json_object_new_string(value));
	bad |= !p || json_object_object_add(j, "params", p);
	bad |= json_object_object_add(j, "strategy",
				      json_object_new_string(o->strategy));
	bad |= json_object_object_add(j, "seed", json_object_new_uint64(o->seed));
	bad |= json_object_object_add(j, "schedules",
				      json_object_new_uint64(split_total(o)));
	bad |= json_object_object_add(j, "pct_depth",
				      json_object_new_uint64(o->pct_depth));
	bad |= json_object_object_add(j, "granularity", json_object_new_string(
				sim_granularity_name(o->granularity)));
	if (bad) {
		json_object_put(j);
		return NULL;
	}
	return j;
}

/*
 * faultsim run under random or PCT: split over --jobs, one --shard of
 * it written to --result (with a summary line, the shard's traces under
 * --out), or the whole report.
 */
static int replay_once(const struct run_opts *o, const struct scenario *s,
		       const struct sim_schedule *sc,
		       struct sim_strategy **strat, char **report,
		       uint64_t *hash);

static const char *design_name(const struct run_opts *o)
{
	return o->sel.design ? o->sel.design : "baseline-6.12";
}

/*
 * --heatmap, --damo-record under a search draw one run, whatever the
 * strategy and --jobs: the failing schedule (@sc), replayed here -- the
 * same schedule, the same DAMON session -- or without a finding the run
 * in order, as `run` without --strategy draws it
 */
static int draw_one_run(const struct run_opts *o, const struct scenario *s,
			const struct sim_schedule *sc)
{
	struct sim_strategy *strat = NULL;
	char *report = NULL;
	uint64_t hash;

	if (!o->heatmap && !o->damo_record)
		return 0;
	if (sc) {
		replay_once(o, s, sc, &strat, &report, &hash);
		sim_strategy_destroy(strat);
	} else {
		run_once(o, s, &report, &hash);
	}
	free(report);
	return damon_session_write(o->damo_record, o->heatmap, o->path,
				   design_name(o));
}

/* The same for a search split over workers: its stop, if a finding */
static int draw_search_end(const struct run_opts *o, const struct scenario *s,
			   const struct run_result *r)
{
	struct sim_schedule sc;

	if (r->has_stop && r->stop.status == SCENARIO_FINDING) {
		sc = res_schedule(&r->stop);
		return draw_one_run(o, s, &sc);
	}
	return draw_one_run(o, s, NULL);
}

static int run_split(struct run_opts *o, const struct scenario *s)
{
	struct shard whole = { 1, 1 };
	struct run_result r;
	int ret = split_search(o, s, &r);

	if (ret) {
		run_result_free(&r);
		return ret;
	}
	/* the stop's trace; without one, the last schedule's */
	if (r.has_stop && r.stop.status == SCENARIO_FINDING)
		split_trace(o, s, &r.stop);
	else if (!r.has_stop && r.has_last)
		split_trace(o, s, &r.last);
	if (o->result) {
		json_object *j = results_file_json("run", split_options(o),
				o->shard.count ? &o->shard : &whole,
				run_result_json(&r));

		ret = results_write(j, o->result);
		json_object_put(j);
	}
	if (!ret && o->shard.count) {
		printf("shard %" PRIu64 "/%" PRIu64 ": %" PRIu64 " schedule(s) "
		       "of %" PRIu64 " under %s (seed %llu), ", o->shard.index,
		       o->shard.count, r.ran, r.total, o->strategy,
		       (unsigned long long)o->seed);
		if (r.has_stop)
			printf("stopped at schedule %" PRIu64 "%s\n",
			       r.stop.index + 1,
			       r.stop.status == SCENARIO_FINDING ?
				       " (a finding)" : "");
		else
			printf("no finding\n");
		printf("result: %s (faultsim merge)\n", o->result);
	} else if (!ret) {
		ret = split_report(o, &r);
	}
	if (ret != EXIT_USAGE && draw_search_end(o, s, &r))
		ret = EXIT_USAGE;
	run_result_free(&r);
	return ret;
}

/*
 * Exhaustive search over --jobs workers.  The parent expands the tree to
 * a frontier of prefixes (the picks of the first real choices), in the
 * search's order, with no reduction above it (so the split is sound
 * whatever runs below it), until there are EXJ_TARGET of them (under a
 * bound EXJ_TARGET_BOUND; 4 per worker or shard, if more) or every run
 * is whole.  Unbounded, every subtree's reduction starts afresh, so a
 * small frontier loses the least pruning.  Under a preemption bound the
 * tree is lopsided: the prefix that has spent no preemption holds most
 * of it, so the prefix expanded next is the one with the most of the
 * bound left (then the shortest, then the first): the spine without
 * preemptions goes deep and its subtree shrinks to a share.  The
 * prefixes are dealt out to forked workers one at a time from a counter
 * in shared memory, the biggest (the first) first; a worker searches
 * the subtree below its prefix with the chosen reduction and the bound
 * counting the prefix's preemptions.  The search's outcome is the first
 * finding by (prefix index, run in the subtree): every subtree before
 * it is searched whole whatever N is, so that is what one worker dealt
 * the prefixes in order stops at.  The frontier depends on the program,
 * the bound and the target alone, never on timing.  A run is index
 * (prefix << EXJ_RUN_BITS) | run in the subtree.
 */
#define EXJ_MAX_DEPTH	255
#define EXJ_TARGET	64
#define EXJ_TARGET_BOUND 256
#define EXJ_RUN_BITS	40

struct exj_prefix {
	uint8_t tids[EXJ_MAX_DEPTH];
	uint8_t len;
	bool open;		/* its runs go on past it: it can be expanded */
	uint32_t preemptions;	/* its nodes' */
};

struct exj_frontier {
	struct exj_prefix *p;
	uint32_t nr, cap, depth;	/* depth: the longest prefix */
	uint64_t runs;		/* the expansions' runs */
};

struct exj_shared {
	uint64_t next;		/* the next prefix to search */
	uint64_t stop;		/* the lowest prefix that stopped, or ~0 */
	uint64_t done;		/* runs, for --iterations and progress */
	uint32_t capped;	/* --iterations ended a subtree early */
	uint32_t nondet;	/* a subtree was not the frontier's program */
};

/* Room for @more prefixes in @f */
static void exj_reserve(struct exj_frontier *f, uint32_t more)
{
	if (f->nr + more <= f->cap)
		return;
	f->cap = 2 * (f->nr + more) + 64;
	f->p = realloc(f->p, f->cap * sizeof(*f->p));
	if (!f->p)
		sim_out_of_memory("a frontier");
}

/*
 * Prefix @at of @f replaced by its children one choice deeper, in the
 * search's order; -1 if a run failed or was skipped, or the program is
 * not a function of its schedule.
 */
static int exj_expand(const struct run_opts *o, const struct scenario *s,
		      struct exj_frontier *f, uint32_t at)
{
	struct sim_strategy *strat = sim_strategy_exhaustive_create(
		o->bound == BOUND_NONE ? -1 : (int)o->bound, false);
	struct exj_prefix parent = f->p[at], *kids = NULL;
	struct sim_exhaustive_stats st;
	uint32_t nr = 0, cap = 0, depth = parent.len + 1u;
	uint64_t hash;
	char *report;
	int ret = 0, status;

	if (!strat)
		sim_out_of_memory("a strategy");
	sim_strategy_exhaustive_set_prefix(strat, parent.tids, parent.len);
	sim_strategy_exhaustive_set_frontier(strat, depth);
	scenario_exec_set_strategy(strat);
	do {
		struct exj_prefix *k;

		report = NULL;
		status = run_once(o, s, &report, &hash);
		free(report);
		f->runs++;
		if ((status != SCENARIO_OK && status != SCENARIO_FINDING) ||
		    scenario_exec_skipped()) {
			ret = -1;
			break;
		}
		if (nr == cap) {
			cap = 2 * cap + 8;
			kids = realloc(kids, cap * sizeof(*kids));
			if (!kids)
				sim_out_of_memory("a frontier");
		}
		k = &kids[nr++];
		k->len = (uint8_t)sim_strategy_exhaustive_prefix(strat, k->tids,
								 EXJ_MAX_DEPTH);
		k->preemptions = sim_strategy_exhaustive_preemptions(strat);
		k->open = k->len == depth && depth < EXJ_MAX_DEPTH;
	} while (sim_strategy_next_run(strat));
	sim_strategy_exhaustive_stats(strat, &st);
	if (st.nondeterministic)
		ret = -1;
	scenario_exec_set_strategy(NULL);
	sim_strategy_destroy(strat);
	if (!ret) {
		exj_reserve(f, nr);
		memmove(&f->p[at + nr], &f->p[at + 1],
			(f->nr - at - 1) * sizeof(*f->p));
		memcpy(&f->p[at], kids, nr * sizeof(*kids));
		f->nr += nr - 1;
		if (depth > f->depth && nr && kids[0].len == depth)
			f->depth = depth;
	}
	free(kids);
	return ret;
}

/*
 * The open prefix to expand next: the most of the bound left, then the
 * shortest, then the first; -1 if none is open with some bound left.
 */
static int64_t exj_pick(const struct run_opts *o,
			const struct exj_frontier *f)
{
	uint64_t best_left = 0, left;
	int64_t best = -1;
	uint32_t i;

	for (i = 0; i < f->nr; i++) {
		const struct exj_prefix *p = &f->p[i];

		if (!p->open)
			continue;
		left = o->bound == BOUND_NONE ? 0 : o->bound - p->preemptions;
		/* no preemption left: a small subtree, forced choices */
		if (o->bound != BOUND_NONE && !left)
			continue;
		if (best < 0 || left > best_left ||
		    (left == best_left && p->len < f->p[best].len)) {
			best = i;
			best_left = left;
		}
	}
	return best;
}

/* The target size of @o's frontier: no --jobs in it with --shard */
static uint64_t exj_target(const struct run_opts *o)
{
	uint64_t n = o->shard.count ? o->shard.count : o->jobs;
	uint64_t min = o->bound == BOUND_NONE ? EXJ_TARGET : EXJ_TARGET_BOUND;

	return n * 4 > min ? n * 4 : min;
}

/* The frontier of @o's search; -1 if it cannot be split */
static int exj_frontier(const struct run_opts *o, const struct scenario *s,
			struct exj_frontier *f)
{
	uint64_t target = exj_target(o);
	struct capture cap;
	int64_t at;
	int ret = 0;

	exj_reserve(f, 1);
	f->p[0] = (struct exj_prefix){ .open = true };
	f->nr = 1;
	/* the expansion's runs write nothing: the subtrees run them again */
	if (capture_start(&cap))
		return -1;
	while (!ret && f->nr < target && (at = exj_pick(o, f)) >= 0) {
		ret = exj_expand(o, s, f, (uint32_t)at);
		capture_rewind(&cap);
	}
	capture_end(&cap);
	return ret;
}

/* Subtrees until they or the search end, into @r */
static void exj_work(const struct run_opts *o, const struct scenario *s,
		     const struct exj_frontier *f, struct exj_shared *sh,
		     struct run_result *r, struct capture *cap)
{
	struct sim_exhaustive_stats st;
	uint64_t j, run, idx, hash, digest, stop;
	char *report, *text;
	bool end = false;
	int ret;

	while (!end) {
		struct sim_strategy *strat;

		/* the next prefix of the part (--shard's, or all) */
		j = part_index(o, f->nr,
			       __atomic_fetch_add(&sh->next, 1,
						  __ATOMIC_RELAXED));
		if (j == UINT64_MAX ||
		    j > __atomic_load_n(&sh->stop, __ATOMIC_RELAXED))
			break;
		strat = make_strategy(o);
		if (!strat)
			sim_out_of_memory("a strategy");
		sim_strategy_exhaustive_set_prefix(strat, f->p[j].tids,
						   f->p[j].len);
		scenario_exec_set_strategy(strat);
		run = 0;
		do {
			if (o->iterations &&
			    __atomic_fetch_add(&sh->done, 1, __ATOMIC_RELAXED) >=
				    o->iterations) {
				__atomic_store_n(&sh->capped, 1, __ATOMIC_RELAXED);
				end = true;
				break;
			} else if (!o->iterations) {
				__atomic_fetch_add(&sh->done, 1, __ATOMIC_RELAXED);
			}
			idx = (j << EXJ_RUN_BITS) | run++;
			report = NULL;
			ret = run_once(o, s, &report, &hash);
			if ((text = capture_take(cap)))
				run_result_note_err(r, idx, text);
			r->ran++;
			if (ret || scenario_exec_skipped()) {
				r->has_stop = true;
				keep_sched(&r->stop, idx, ret, report, hash,
					   sim_strategy_schedule(strat));
				stop = __atomic_load_n(&sh->stop,
						       __ATOMIC_RELAXED);
				while (j < stop &&
				       !__atomic_compare_exchange_n(&sh->stop,
						&stop, j, false,
						__ATOMIC_RELAXED,
						__ATOMIC_RELAXED))
					;
				end = true;
				break;
			}
			if (scenario_exec_state(&digest))
				run_result_note_state(r, digest, idx);
			free(report);
		} while (sim_strategy_next_run(strat));
		sim_strategy_exhaustive_stats(strat, &st);
		if (st.nondeterministic)
			__atomic_store_n(&sh->nondet, 1, __ATOMIC_RELAXED);
		scenario_exec_set_strategy(NULL);
		sim_strategy_destroy(strat);
	}
}

struct exj_arg {
	const struct run_opts *o;
	const struct scenario *s;
	const struct exj_frontier *f;
	struct exj_shared *sh;
};

static void exj_pool_work(void *priv, struct run_result *r,
			  struct capture *cap)
{
	struct exj_arg *a = priv;

	exj_work(a->o, a->s, a->f, a->sh, r, cap);
}

/*
 * FAULTSIM_END_STATES=FILE: the distinct end states' digests, sorted,
 * one a line (for the tests that compare a split search's set with one
 * process's).
 */
static void dump_end_states(uint64_t *d, size_t n)
{
	const char *path = getenv("FAULTSIM_END_STATES");
	FILE *f;
	size_t i;

	if (!path || !*path)
		return;
	qsort(d, n, sizeof(*d), cmp_digest);
	f = fopen(path, "w");
	if (!f)
		return;
	for (i = 0; i < n; i++)
		fprintf(f, "%016llx\n", (unsigned long long)d[i]);
	fclose(f);
}

/* The split search's report: as print_finding()/print_no_finding() */
static int exj_report(const struct run_opts *o, const struct exj_frontier *f,
		      bool capped, struct run_result *r)
{
	struct res_sched *st = &r->stop;
	unsigned long long seed = o->seed;
	const struct res_state *e;
	uint64_t *d;
	size_t n = 0;

	if (r->has_stop && st->status == SCENARIO_FINDING) {
		fputs(st->report, stdout);
		printf("schedule %llu of subtree %llu of %u of strategy "
		       "exhaustive (seed %llu) fails\n",
		       (unsigned long long)(st->index &
					    ((1ULL << EXJ_RUN_BITS) - 1)) + 1,
		       (unsigned long long)(st->index >> EXJ_RUN_BITS) + 1,
		       f->nr, seed);
		if (st->trace)
			printf("trace: %s (faultsim replay %s)\n", st->trace,
			       st->trace);
		return st->status;
	}
	if (r->has_stop && st->status != SCENARIO_OK) {
		fputs(st->report, stderr);
		return st->status;
	}
	fputs(r->has_stop ? st->report : "", stdout);
	d = malloc((HASH_COUNT(r->states) + 1) * sizeof(*d));
	if (!d)
		sim_out_of_memory("the end states");
	for (e = r->states; e; e = e->hh.next)
		if (!r->has_stop || e->first < st->index)
			d[n++] = e->digest;
	dump_end_states(d, n);
	free(d);
	printf("%" PRIu64 " schedule(s) under exhaustive (seed %llu): no "
	       "finding\n", r->ran, seed);
	printf("%zu distinct end state(s)\n", n);
	if (o->bound == BOUND_NONE)
		printf("exhaustive: %" PRIu64 " runs, space %s without a "
		       "preemption bound\n", r->ran,
		       capped || r->has_stop ? "not exhausted" :
						   "exhausted");
	else
		printf("exhaustive: %" PRIu64 " runs, space %s within "
		       "preemption bound %llu\n", r->ran,
		       capped || r->has_stop ? "not exhausted" :
						   "exhausted",
		       (unsigned long long)o->bound);
	printf("split: %u subtree(s) below a frontier of depth up to %u (%"
	       PRIu64 " runs to expand it)\n", f->nr, f->depth, f->runs);
	return SCENARIO_OK;
}

/* The split's options in a result file: split_options() and the frontier */
static json_object *exj_options(const struct run_opts *o,
				const struct exj_frontier *f)
{
	json_object *j = split_options(o);
	char bound[24] = "none";
	int bad = !j;

	if (o->bound != BOUND_NONE)
		snprintf(bound, sizeof(bound), "%" PRIu64, o->bound);
	bad = bad || results_add(j, "preemption_bound",
				 json_object_new_string(bound));
	bad = bad || results_add(j, "reduction", json_object_new_string(
				exhaustive_reduction(o)));
	bad = bad || results_add(j, "subtrees", json_object_new_uint64(f->nr));
	bad = bad || results_add(j, "frontier_depth",
				 json_object_new_uint64(f->depth));
	bad = bad || results_add(j, "frontier_runs",
				 json_object_new_uint64(f->runs));
	if (bad) {
		json_object_put(j);
		return NULL;
	}
	return j;
}

/* --result: the shard (or whole) as a result file, and a summary line */
static int exj_result(const struct run_opts *o, const struct exj_frontier *f,
		      struct run_result *r)
{
	struct shard whole = { 1, 1 };
	json_object *j = results_file_json("run", exj_options(o, f),
					   o->shard.count ? &o->shard : &whole,
					   run_result_json(r));
	int ret = results_write(j, o->result);

	json_object_put(j);
	if (ret)
		return ret;
	printf("shard %" PRIu64 "/%" PRIu64 ": %" PRIu64 " run(s) in %s of "
	       "%u subtree(s) under exhaustive (seed %llu), ",
	       o->shard.count ? o->shard.index : 1,
	       o->shard.count ? o->shard.count : 1, r->ran,
	       o->shard.count ? "its share" : "all", f->nr,
	       (unsigned long long)o->seed);
	if (r->has_stop)
		printf("stopped in subtree %llu%s\n",
		       (unsigned long long)(r->stop.index >> EXJ_RUN_BITS) + 1,
		       r->stop.status == SCENARIO_FINDING ? " (a finding)" :
							    "");
	else
		printf("no finding\n");
	printf("result: %s (faultsim merge)\n", o->result);
	return EXIT_OK;
}

/*
 * faultsim run --strategy exhaustive --jobs N (N > 1) or --result: 1
 * if the search cannot be split (a frontier run failed or the program
 * is not a function of its schedule): the caller then searches in one
 * process, or with --result, an error.
 */
static int run_exhaustive_jobs(const struct run_opts *o,
			       const struct scenario *s, int *status)
{
	struct exj_frontier f = { 0 };
	struct run_result r = { 0 };
	struct exj_shared *sh;
	int ret;

	if (exj_frontier(o, s, &f)) {
		free(f.p);
		/* --result of the whole: the search in one process writes it */
		if (!o->result || !o->shard.count)
			return 1;
		/* a shard cannot be the whole search in one process */
		*status = cli_usage_error("run: --result: the search cannot be "
					  "split (a frontier run failed or was "
					  "skipped, or the program is not a "
					  "function of its schedule)");
		return 0;
	}
	r.total = f.nr;
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		*status = cli_usage_error("run: no shared memory for --jobs: %s",
					  strerror(errno));
		free(f.p);
		return 0;
	}
	*sh = (struct exj_shared){ .stop = UINT64_MAX };
	ret = pool_run(o, &(struct pool){ .work = exj_pool_work,
					  .priv = &(struct exj_arg){ o, s, &f,
								     sh },
					  .total = f.nr, .done = &sh->done },
		       o->jobs, &r);
	if (!ret && sh->nondet)
		ret = cli_usage_error("run: --jobs: a subtree's runs did not "
				      "follow its prefix (the program is not "
				      "a function of its schedule)");
	if (!ret && r.has_stop && r.stop.status == SCENARIO_FINDING)
		split_trace(o, s, &r.stop);
	if (!ret && o->result)
		ret = exj_result(o, &f, &r);
	else if (!ret) {
		run_result_print_errs(&r);
		ret = exj_report(o, &f, sh->capped, &r);
	}
	if (ret != EXIT_USAGE && draw_search_end(o, s, &r))
		ret = EXIT_USAGE;
	*status = ret;
	run_result_free(&r);
	free(f.p);
	munmap(sh, sizeof(*sh));
	return 0;
}

/* The shards' results merged into @r, their stderr printed; 0 or 2 */
static int merge_shards(int nr, json_object **files, struct run_result *r)
{
	struct run_result part;
	json_object *res;
	char err[256];
	int i;

	for (i = 0; i < nr; i++) {
		json_object_object_get_ex(files[i], "result", &res);
		if (run_result_from_json(res, &part, err, sizeof(err))) {
			run_result_free(r);
			return cli_usage_error("merge: shard %d: result: %s",
					       i + 1, err);
		}
		if (!i)
			r->total = part.total;
		run_result_merge(r, &part);
	}
	run_result_print_errs(r);
	return EXIT_OK;
}

/* Exhaustive shards: the report exj_report() gives the split search */
static int exj_merge(int nr, json_object **files, json_object *opts,
		     struct run_opts *o)
{
	const char *bound = results_str(opts, "preemption_bound");
	struct exj_frontier f = {
		.nr = (uint32_t)results_u64(opts, "subtrees"),
		.depth = (uint32_t)results_u64(opts, "frontier_depth"),
		.runs = results_u64(opts, "frontier_runs"),
	};
	struct run_result r = { 0 };
	char *end;
	int ret;

	if (!bound || !f.nr)
		return cli_usage_error("merge: an exhaustive result needs "
				       "preemption_bound and subtrees");
	o->bound = strtoull(bound, &end, 10);
	if (!strcmp(bound, "none"))
		o->bound = BOUND_NONE;
	else if (*end || end == bound)
		return cli_usage_error("merge: preemption_bound '%s' is no "
				       "number", bound);
	ret = merge_shards(nr, files, &r);
	if (ret)
		return ret;
	ret = exj_report(o, &f, false, &r);
	run_result_free(&r);
	return ret;
}

/* A run's options back from a result file, for split_report() */
int cli_run_merge(int nr, json_object **files)
{
	struct run_result r = { 0 };
	struct run_opts o = { 0 };
	json_object *opts;
	int ret;

	json_object_object_get_ex(files[0], "options", &opts);
	o.strategy = results_str(opts, "strategy");
	o.seed = results_u64(opts, "seed");
	if (!o.strategy)
		return cli_usage_error("merge: the options name no strategy");
	if (!strcmp(o.strategy, "exhaustive"))
		return exj_merge(nr, files, opts, &o);
	if (!strcmp(o.strategy, "fifo"))
		return cli_usage_error("merge: a run in order is one run, not "
				       "a shard of one: nothing to merge");
	ret = merge_shards(nr, files, &r);
	if (ret)
		return ret;
	ret = split_report(&o, &r);
	run_result_free(&r);
	return ret;
}

/* The failing run's report, and its trace under --out */
static void print_finding(const struct run_opts *o, const struct scenario *s,
			  struct sim_strategy *strat, const struct search *x)
{
	char trace[PATH_MAX];

	fputs(x->report, stdout);
	printf("schedule %llu of strategy %s (seed %llu) fails\n",
	       (unsigned long long)x->runs, o->strategy,
	       (unsigned long long)o->seed);
	if (o->out_dir &&
	    !write_trace(o, s, sim_strategy_schedule(strat), x->hash,
			 x->report, trace, sizeof(trace)))
		printf("trace: %s (faultsim replay %s)\n", trace, trace);
}

static void print_exhaustive(const struct run_opts *o,
			     struct sim_strategy *strat)
{
	struct sim_exhaustive_stats st;

	sim_strategy_exhaustive_stats(strat, &st);
	if (o->bound == BOUND_NONE)
		printf("exhaustive: %llu runs, space %s without a preemption "
		       "bound\n", (unsigned long long)st.runs,
		       st.exhausted ? "exhausted" : "not exhausted");
	else
		printf("exhaustive: %llu runs, space %s within preemption "
		       "bound %llu\n", (unsigned long long)st.runs,
		       st.exhausted ? "exhausted" : "not exhausted",
		       (unsigned long long)o->bound);
	if (o->count_traces)
		printf("%llu schedules, %llu Mazurkiewicz traces\n",
		       (unsigned long long)st.runs,
		       (unsigned long long)st.traces);
}

/* No finding: how far the search went (a skipped scenario says why) */
static void print_no_finding(const struct run_opts *o,
			     const struct scenario *s,
			     struct sim_strategy *strat,
			     const struct search *x)
{
	char trace[PATH_MAX];

	fputs(scenario_exec_skipped() ? x->report : "", stdout);
	/* --out without a finding records the last schedule run */
	if (o->out_dir && !scenario_exec_skipped() &&
	    !write_trace(o, s, sim_strategy_schedule(strat), x->hash,
			 x->report, trace, sizeof(trace)))
		printf("trace of the last schedule: %s\n", trace);
	printf("%llu schedule(s) under %s (seed %llu): no finding\n",
	       (unsigned long long)x->runs, o->strategy,
	       (unsigned long long)o->seed);
	printf("%u distinct end state(s)\n", HASH_COUNT(x->end_states));
	if (getenv("FAULTSIM_END_STATES")) {
		uint64_t *d = malloc((HASH_COUNT(x->end_states) + 1) *
				     sizeof(*d));
		const struct end_state *e;
		size_t n = 0;

		if (!d)
			sim_out_of_memory("the end states");
		for (e = x->end_states; e; e = e->hh.next)
			d[n++] = e->digest;
		dump_end_states(d, n);
		free(d);
	}
	if (!strcmp(o->strategy, "exhaustive"))
		print_exhaustive(o, strat);
}

/*
 * --samples FILE: CSV or JSON by --samples-format, else by the name's
 * extension; opened before the run (one that cannot be written is
 * refused before anything runs), for one run in order only.
 */
static int open_samples(const struct run_opts *o, FILE **f)
{
	const char *dot, *fmt = o->samples_format;
	char err[512];

	*f = NULL;
	if (!o->samples) {
		if (fmt)
			return cli_usage_error("--samples-format needs "
					       "--samples FILE");
		return EXIT_OK;
	}
	if (strcmp(o->strategy, "fifo"))
		return cli_usage_error("--samples records one run: it needs "
				       "--strategy fifo, not %s",
				       o->strategy);
	dot = strrchr(o->samples, '.');
	if (!fmt && dot && (!strcmp(dot, ".csv") || !strcmp(dot, ".json")))
		fmt = dot + 1;
	if (!fmt)
		return cli_usage_error("--samples %s: name it .csv or .json, "
				       "or give --samples-format",
				       o->samples);
	/* a FIFO would block the run; a device is no samples file */
	if (json_strict_output_file(o->samples, err, sizeof(err)))
		return cli_usage_error("--samples %s", err);
	*f = fopen(o->samples, "w");
	if (!*f)
		return cli_usage_error("--samples %s: %s", o->samples,
				       strerror(errno));
	scenario_exec_set_samples(*f, strcmp(fmt, "csv") ?
					      SCENARIO_SAMPLES_JSON :
					      SCENARIO_SAMPLES_CSV);
	return EXIT_OK;
}

/* --damo-record, --heatmap: a DAMON session of one run in order */
static int check_damon_outputs(const struct run_opts *o)
{
	const char *opt = o->heatmap ? "--heatmap" : "--damo-record";
	const char *path = o->heatmap ? o->heatmap : o->damo_record;
	char err[512];

	if (!path)
		return damon_session_prepare(NULL, NULL);
	if (o->shard.count)
		return cli_usage_error("%s draws the run a whole search ends "
				       "at: not a shard's (--shard)", opt);
	if (o->heatmap && o->damo_record &&
	    json_strict_output_file(o->damo_record, err, sizeof(err)))
		return cli_usage_error("--damo-record %s", err);
	if (json_strict_output_file(path, err, sizeof(err)))
		return cli_usage_error("%s %s", opt, err);
	return damon_session_prepare(o->damo_record, o->heatmap);
}

/* The samples file closed; a failed write there is the run's failure */
static int close_samples(const struct run_opts *o, FILE *f, int ret)
{
	if (!f)
		return ret;
	scenario_exec_set_samples(NULL, SCENARIO_SAMPLES_CSV);
	if (ferror(f) | fclose(f)) {
		fprintf(stderr, "faultsim: --samples %s: cannot write it\n",
			o->samples);
		return EXIT_USAGE;
	}
	return ret;
}

/*
 * run --strategy exhaustive --json when the search cannot be split: the
 * whole search ran in one process, written as one subtree (the empty
 * prefix) whose run i is index i, so faultsim merge reads it as a
 * one-shard search
 */
static int whole_search_result(const struct run_opts *o,
			       struct sim_strategy *strat,
			       const struct search *x, int status)
{
	struct exj_frontier f = { .nr = 1 };
	struct run_result r = { .total = 1, .ran = x->runs };
	const struct end_state *e, *tmp;
	struct res_sched *rs = status == SCENARIO_OK &&
					       !scenario_exec_skipped() ?
				       &r.last : &r.stop;
	char *report;
	int ret;

	if (!x->report)
		return 0;	/* nothing ran: its error is said */
	report = strdup(x->report);
	if (!report)
		sim_out_of_memory("a run's report");
	keep_sched(rs, x->runs - 1, status, report, x->hash,
		   sim_strategy_schedule(strat));
	if (rs == &r.last)
		r.has_last = true;
	else
		r.has_stop = true;
	HASH_ITER(hh, x->end_states, e, tmp)
		run_result_note_state(&r, e->digest, e->first);
	ret = results_write_whole("run", exj_options(o, &f),
				  run_result_json(&r), o->result);
	run_result_free(&r);
	if (!ret)
		printf("result: %s (faultsim merge)\n", o->result);
	return ret;
}

/*
 * run --json in order: the one run as a search of one schedule (index
 * 0), so the file reads as a random run's would (docs/results-schema.md)
 */
static int fifo_result(struct run_opts *o, const struct scenario *s,
		       FILE *out)
{
	struct run_result r = { .total = 1, .ran = 1 };
	struct sim_schedule none;
	json_object *opts;
	uint64_t hash, digest;
	char *report;
	int ret, wret;

	ret = run_once(o, s, &report, &hash);
	fputs(report, out);
	sim_schedule_init(&none);
	if (ret == SCENARIO_OK && !scenario_exec_skipped()) {
		r.has_last = true;
		keep_sched(&r.last, 0, ret, report, hash, &none);
	} else {
		r.has_stop = true;
		keep_sched(&r.stop, 0, ret, report, hash, &none);
	}
	if (scenario_exec_state(&digest))
		run_result_note_state(&r, digest, 0);
	opts = split_options(o);
	/* one schedule, whatever --iterations says */
	if (opts)
		json_object_object_add(opts, "schedules",
				       json_object_new_uint64(1));
	wret = results_write_whole("run", opts, run_result_json(&r),
				   o->result);
	run_result_free(&r);	/* and the report */
	return wret ? wret : ret;
}

int cli_run(int argc, char **argv)
{
	struct sim_strategy *strat;
	struct search x = { 0 };
	FILE *samples;
	struct scenario *s;
	struct run_opts o;
	int ret;

	ret = parse_run_opts(argc, argv, &o);
	if (!ret)
		ret = run_setup(&o, &s);
	if (ret)
		return ret;
	ret = check_out(&o);
	if (ret) {
		scenario_free(s);
		return ret;
	}
	ret = check_damon_outputs(&o);
	if (!ret)
		ret = open_samples(&o, &samples);
	if (ret) {
		scenario_free(s);
		return ret;
	}
	if (split_strategy(&o)) {
		ret = run_split(&o, s);
		scenario_free(s);
		return ret;
	}
	if (!strcmp(o.strategy, "exhaustive") && (o.jobs > 1 || o.result) &&
	    !run_exhaustive_jobs(&o, s, &ret)) {
		scenario_free(s);
		return ret;
	}
	strat = make_strategy(&o);
	if (!strcmp(o.strategy, "fifo") || !strat) {
		/* one run in order: the report is the output */
		if (o.result)
			ret = fifo_result(&o, s, stdout);
		else
			ret = scenario_run(s, o.path, o.seed, FAULTSIM_KCONFIG,
					   cli_config_enabled, stdout);
		scenario_free(s);
		if (damon_session_write(o.damo_record, o.heatmap, o.path,
					design_name(&o)))
			ret = EXIT_USAGE;
		return close_samples(&o, samples, ret);
	}
	ret = search(&o, s, strat, &x);
	if (ret == SCENARIO_FINDING)
		print_finding(&o, s, strat, &x);
	else if (ret == SCENARIO_OK && x.report)
		print_no_finding(&o, s, strat, &x);
	else if (x.report)
		fputs(x.report, stderr);
	if (o.result && whole_search_result(&o, strat, &x, ret))
		ret = EXIT_USAGE;
	/*
	 * A finding ends the search: the last run here is the failing one,
	 * its DAMON session still current, so it is drawn without running
	 * it again; without one, the run in order is run for the picture.
	 */
	if (ret == SCENARIO_FINDING &&
	    damon_session_write(o.damo_record, o.heatmap, o.path,
				design_name(&o)))
		ret = EXIT_USAGE;
	else if (ret != EXIT_USAGE && ret != SCENARIO_FINDING && x.report &&
		 draw_one_run(&o, s, NULL))
		ret = EXIT_USAGE;
	free(x.report);
	free_end_states(&x.end_states);
	sim_strategy_destroy(strat);
	scenario_free(s);
	return ret;
}

/* set for the binary a trace's kconfig ran: it does not hand on again */
#define KCONFIG_HANDOFF_ENV "FAULTSIM_TRACE_KCONFIG"

/*
 * A trace of another kconfig replays in that kconfig's binary (each is
 * its own copy of the kernel code): the command @argv again, there.
 * Returns only if it cannot: EXIT_USAGE, or EXIT_OK when this binary
 * was already handed the trace (its check then says what is wrong).
 */
static int kconfig_handoff(const struct sim_trace *t, int argc, char **argv)
{
	const char *env = getenv(KCONFIG_HANDOFF_ENV);

	if (env && !strcmp(env, t->kconfig)) {
		unsetenv(KCONFIG_HANDOFF_ENV);
		return EXIT_OK;
	}
	if (setenv(KCONFIG_HANDOFF_ENV, t->kconfig, 1))
		return cli_usage_error("out of memory");
	return cli_exec_kconfig(t->kconfig, argc, argv);
}

/* replay/shrink --arch: the encoding a trace must have; -1: any */
static int trace_arch_wanted = -1;

/*
 * A trace and its scenario, checked against this binary, with the
 * trace's design installed; @o gets what a run needs.  A trace of
 * another kconfig this build has goes to its binary with the command,
 * @argv.  0 or EXIT_USAGE.
 */
static int open_trace(const char *path, int argc, char **argv,
		      struct sim_trace **tp, struct scenario **sp,
		      struct run_opts *o)
{
	struct sim_trace *t;
	char err[512], sha[65], why[128];
	struct faultsim_selection sel;
	uint32_t i, inject;
	int arch;

	if (sim_trace_read(path, &t, err, sizeof(err)))
		return cli_usage_error("%s", err);
	if (strcmp(t->kconfig, FAULTSIM_KCONFIG) &&
	    cli_kconfig_known(t->kconfig)) {
		int ret = kconfig_handoff(t, argc, argv);

		if (ret) {
			sim_trace_free(t);
			return ret;
		}
	}
	/* the loader's cap before the hash reads it all */
	if (json_strict_input_file(t->scenario_path, SCN_MAX_FILE_BYTES,
				   "scenario", err, sizeof(err)) ||
	    sim_sha256_file(t->scenario_path, sha, err, sizeof(err)) ||
	    sim_trace_check_compatible(t, sim_binary_id(), FAULTSIM_KCONFIG,
				       sha, err, sizeof(err)))
		goto bad;
	/* "baseline": what traces of faultsim before designs say */
	sel = (struct faultsim_selection){
		.design = strcmp(t->design, "baseline") ?
				  t->design : FAULTSIM_DESIGN_BASELINE,
		.sink = t->sink[0] ? t->sink : NULL,
		.plant = t->plant[0] ? t->plant : NULL };
	if (faultsim_select(&sel, why, sizeof(why))) {
		snprintf(err, sizeof(err), "%s: %s", path, why);
		goto bad;
	}
	sim_set_granularity(sim_granularity_parse(t->granularity));
	/* the trace's scenario parameters, as the recorded run had them */
	scenario_param_overrides_clear();
	for (i = 0; i < t->nr_params; i++) {
		const struct sim_trace_param *p = &t->params[i];

		if (scenario_param_set(p->name, strlen(p->name), p->value,
				       why, sizeof(why))) {
			snprintf(err, sizeof(err), "%s: params.%s: %s", path,
				 p->name, why[0] ? why : "not NAME=VALUE");
			goto bad;
		}
	}
	if (scenario_load_file(t->scenario_path, sp, err, sizeof(err)))
		goto bad;
	arch = t->arch[0] ? KSHIM_ARCH_ARM64 : KSHIM_ARCH_X86_64;
	if (trace_arch_wanted >= 0 && trace_arch_wanted != arch) {
		snprintf(err, sizeof(err), "%s: recorded on %s, not --arch %s",
			 path, kshim_arch_name(arch),
			 kshim_arch_name(trace_arch_wanted));
		scenario_free(*sp);
		*sp = NULL;
		goto bad;
	}
	if (set_arch(arch, *sp)) {
		scenario_free(*sp);
		*sp = NULL;
		sim_trace_free(t);
		return EXIT_USAGE;
	}
	/* the injected failures the recorded run armed */
	if (kshim_inject_parse(t->inject, &inject, why, sizeof(why))) {
		snprintf(err, sizeof(err), "%s: inject: unknown injection "
			 "'%s'", path, why);
		scenario_free(*sp);
		*sp = NULL;
		goto bad;
	}
	if (check_inject(inject, *sp, why, sizeof(why))) {
		snprintf(err, sizeof(err), "%s: inject: %s", path, why);
		scenario_free(*sp);
		*sp = NULL;
		goto bad;
	}
	*o = (struct run_opts){ .path = t->scenario_path, .seed = t->seed,
				.strategy = t->strategy, .sel = sel,
				.inject = inject,
				.granularity = sim_granularity_parse(
					t->granularity),
				.arch = arch,
				.pct_depth = t->pct_depth,
				.bound = t->preemption_bound };
	*tp = t;
	return EXIT_OK;
bad:
	sim_trace_free(t);
	return cli_usage_error("%s", err);
}

/* One replay of @sc; the strategy is left for its schedule. */
static int replay_once(const struct run_opts *o, const struct scenario *s,
		       const struct sim_schedule *sc,
		       struct sim_strategy **strat, char **report,
		       uint64_t *hash)
{
	int ret;

	*strat = sim_strategy_replay_create(sc);
	if (!*strat)
		return cli_usage_error("out of memory");
	*report = NULL;
	scenario_exec_set_strategy(*strat);
	ret = run_once(o, s, report, hash);
	scenario_exec_set_strategy(NULL);
	return ret;
}

static struct sim_schedule trace_schedule(const struct sim_trace *t)
{
	struct sim_schedule sc;

	sim_schedule_init(&sc);
	sc.tids = t->schedule;
	sc.len = sc.cap = t->schedule_len;
	return sc;
}

/* The report's findings close the log, one line each. */
static void log_findings(FILE *log, const char *report)
{
	const char *f = report;

	while ((f = report_finding(f))) {
		sim_trace_log_event(log, sim_now_ns(), "faultsim", 0, 0,
				    "finding %.*s", (int)strcspn(f, "\n"), f);
	}
}

struct replay_args {
	const char *path, *log_path, *svg_path, *perfetto_path, *json;
};

/*
 * replay --json, shrink --json: "options" is what the trace recorded
 * (docs/results-schema.md); NULL out of memory
 */
static json_object *trace_options_json(const char *path,
				       const struct sim_trace *t)
{
	json_object *j = json_object_new_object();
	int bad = !j;

	if (bad)
		return NULL;
	bad |= results_add(j, "trace", json_object_new_string(path));
	bad |= results_add(j, "scenario",
			   json_object_new_string(t->scenario_path));
	bad |= results_add(j, "scenario_sha256",
			   json_object_new_string(t->scenario_sha256));
	bad |= results_add(j, "kconfig", json_object_new_string(t->kconfig));
	bad |= results_add(j, "design", json_object_new_string(t->design));
	bad |= results_add(j, "sink", json_object_new_string(t->sink));
	bad |= results_add(j, "plant", json_object_new_string(t->plant));
	if (t->arch[0])
		bad |= results_add(j, "arch", json_object_new_string(t->arch));
	bad |= results_add(j, "strategy", json_object_new_string(t->strategy));
	bad |= results_add(j, "seed", json_object_new_uint64(t->seed));
	if (bad) {
		json_object_put(j);
		return NULL;
	}
	return j;
}

/* @finding as a string, or null when there is none */
static int add_finding(json_object *j, const char *finding)
{
	if (!finding || !finding[0])
		return json_object_object_add(j, "finding", NULL) ? -1 : 0;
	return results_add(j, "finding", json_object_new_string(finding));
}

/* replay --json: how the replay went, its report and its hash */
static int replay_json(const struct replay_args *a, const struct sim_trace *t,
		       const char *report, uint64_t hash, bool diverged,
		       uint32_t at, int status)
{
	json_object *r = json_object_new_object();
	int bad = !r;

	if (r) {
		bad |= results_add(r, "outcome", json_object_new_string(
				diverged ? "diverged" :
				hash != t->trace_hash ? "differs" :
							"bit_for_bit"));
		bad |= diverged ? results_add(r, "diverged_at",
					      json_object_new_uint64(at)) :
				  json_object_object_add(r, "diverged_at",
							 NULL);
		bad |= results_add(r, "status", json_object_new_int(status));
		bad |= add_finding(r, t->finding);
		bad |= results_add(r, "report", json_object_new_string(report));
		bad |= results_add(r, "trace_hash", results_hex64(hash));
		bad |= results_add(r, "recorded_hash",
				   results_hex64(t->trace_hash));
	}
	if (bad) {
		json_object_put(r);
		r = NULL;
	}
	return results_write_whole("replay", trace_options_json(a->path, t),
				   r, a->json);
}

static int replay_opt(void *ctx, const struct cli_option *opt,
		      const char *val)
{
	struct replay_args *a = ctx;

	if (opt && opt->id == OPT_TIMELINE)
		return cli_opt_str(opt, val, &a->svg_path);
	if (opt && opt->id == OPT_PERFETTO)
		return cli_opt_str(opt, val, &a->perfetto_path);
	if (opt && opt->id == OPT_JSON)
		return cli_opt_str(opt, val, &a->json);
	if (opt && opt->id == OPT_ARCH)
		return cli_opt_arch(opt, val, &trace_arch_wanted);
	if (opt)	/* --log */
		return cli_opt_str(opt, val, &a->log_path);
	if (a->path)
		return cli_usage(cli_command_find("replay"));
	a->path = val;
	return EXIT_OK;
}

/* --timeline, --perfetto: the recorded points drawn and written */
static int write_pictures(const struct replay_args *a, struct timeline *tl,
			  const struct sim_trace *t, const char *report)
{
	const char *f = report_finding(report);
	char err[512];
	const char *base = strrchr(t->scenario_path, '/');

	/* the file's name only: no build machine's path in a picture */
	base = base ? base + 1 : t->scenario_path;
	snprintf(tl->title, sizeof(tl->title), "%.64s / %s / %s seed %" PRIu64,
		 base, t->plant[0] ? t->plant : t->design,
		 t->strategy, t->seed);
	if (f)
		snprintf(tl->finding, sizeof(tl->finding), "%.*s",
			 (int)strcspn(f, "\n"), f);
	if (a->svg_path && timeline_write_svg(tl, a->svg_path, err,
					      sizeof(err)))
		return cli_usage_error("%s", err);
	if (a->perfetto_path && timeline_write_perfetto(tl, a->perfetto_path,
							err, sizeof(err)))
		return cli_usage_error("%s", err);
	if (a->svg_path)
		printf("timeline: %s\n", a->svg_path);
	if (a->perfetto_path)
		printf("perfetto: %s\n", a->perfetto_path);
	return 0;
}

/*
 * faultsim replay TRACE [--log FILE] [--timeline SVG] [--perfetto JSON]:
 * the recorded schedule, bit for bit
 */
int cli_replay(int argc, char **argv)
{
	struct replay_args a = { NULL };
	struct timeline tl = { NULL };
	struct sim_strategy *strat;
	struct sim_schedule sc;
	struct run_opts o;
	struct sim_trace *t;
	struct scenario *s;
	const char *path, *log_path;
	FILE *log = NULL;
	bool diverged;
	char *report;
	uint64_t hash;
	uint32_t at;
	int ret;

	ret = cli_parse(cli_command_find("replay"), argc, argv, replay_opt,
			&a);
	if (ret)
		return ret;
	if (!a.path)
		return cli_usage(cli_command_find("replay"));
	results_option_name("--json");
	if (a.json && results_check_output(a.json))
		return EXIT_USAGE;
	path = a.path;
	log_path = a.log_path;
	ret = open_trace(path, argc, argv, &t, &s, &o);
	if (ret)
		return ret;
	if (log_path) {
		log = fopen(log_path, "w");
		if (!log) {
			ret = cli_usage_error("%s: cannot write the log: %m",
					      log_path);
			goto out;
		}
		sim_trace_log_header(log);
	}
	tl.log = log;
	tl.keep = a.svg_path || a.perfetto_path;
	if (log || tl.keep)
		sim_set_event_log(timeline_point, &tl);
	sc = trace_schedule(t);
	ret = replay_once(&o, s, &sc, &strat, &report, &hash);
	sim_set_event_log(NULL, NULL);
	if (!strat)
		goto out;
	timeline_finish(&tl);
	if (log)
		log_findings(log, report);
	fputs(report, stdout);
	diverged = sim_strategy_replay_diverged(strat, &at);
	if (diverged) {
		printf("replay diverged at choice %u: not the recorded run\n",
		       at);
		ret = EXIT_FINDING;
	} else if (hash != t->trace_hash) {
		printf("replay differs from the recorded run (output hash)\n");
		ret = EXIT_FINDING;
	} else {
		printf("replayed bit for bit%s%s\n", t->finding[0] ? ": " : "",
		       t->finding);
	}
	if (a.json && replay_json(&a, t, report, hash, diverged, at, ret))
		ret = EXIT_USAGE;
	if (log)
		printf("log: %s\n", log_path);
	if (tl.keep && write_pictures(&a, &tl, t, report))
		ret = EXIT_USAGE;
	free(report);
	sim_strategy_destroy(strat);
out:
	if (log && fclose(log))
		ret = cli_usage_error("%s: cannot write the log: %m", log_path);
	timeline_free(&tl);
	scenario_free(s);
	sim_trace_free(t);
	return ret;
}

struct shrink_ctx {
	const struct run_opts *o;
	const struct scenario *s;
	char key[96];	/* what a candidate's finding starts with */
};

/*
 * What a shrink keeps of a finding: its oracle ("fault_loop"), and for
 * routing its kind too ("routing: stat_pollution"): a shrink must not
 * trade one kind for another.
 */
static void finding_key(const char *finding, char *key, size_t len)
{
	size_t n = strcspn(finding, ":\n");

	if (n == 7 && !strncmp(finding, "routing: ", 9))
		n = 9 + strcspn(finding + 9, ":\n");
	snprintf(key, len, "%.*s", (int)n, finding);
}

/* sim_shrink()'s test: the candidate fails with the same oracle */
static bool same_oracle_fails(void *priv, const struct sim_schedule *cand,
			      struct sim_schedule *taken)
{
	struct shrink_ctx *k = priv;
	struct sim_strategy *strat;
	const char *f;
	char *report;
	uint64_t hash;
	bool same = false;

	if (replay_once(k->o, k->s, cand, &strat, &report, &hash) ==
	    SCENARIO_FINDING) {
		f = report_finding(report);
		same = f && !strncmp(f, k->key, strlen(k->key)) &&
		       f[strlen(k->key)] == ':';
	}
	if (same && sim_schedule_copy(taken, sim_strategy_schedule(strat)))
		sim_strategy_oom();
	free(report);
	sim_strategy_destroy(strat);
	return same;
}

struct shrink_args {
	const char *in, *out, *hint, *json;
	uint64_t max_runs;
};

/* shrink --json: before and after, the hint, the shrunk run's report */
static int shrink_json(const struct shrink_args *a, const struct sim_trace *t,
		       const struct sim_trace *nt,
		       const struct sim_shrink_stats *st, bool hinted,
		       const char *report)
{
	json_object *r = json_object_new_object();
	int bad = !r;

	if (r) {
		bad |= add_finding(r, nt->finding);
		bad |= results_add(r, "out", json_object_new_string(a->out));
		bad |= results_add(r, "replays",
				   json_object_new_uint64(st->runs));
		bad |= results_add(r, "preemptions_before",
				   json_object_new_uint64(st->preemptions_before));
		bad |= results_add(r, "preemptions_after",
				   json_object_new_uint64(st->preemptions_after));
		bad |= results_add(r, "actors_before",
				   json_object_new_uint64(st->actors_before));
		bad |= results_add(r, "actors_after",
				   json_object_new_uint64(st->actors_after));
		bad |= results_add(r, "choices_before",
				   json_object_new_uint64(st->len_before));
		bad |= results_add(r, "choices_after",
				   json_object_new_uint64(st->len_after));
		bad |= a->hint ? results_add(r, "hint",
					     json_object_new_string(a->hint)) :
				 json_object_object_add(r, "hint", NULL);
		bad |= results_add(r, "hinted", json_object_new_boolean(hinted));
		bad |= results_add(r, "report", json_object_new_string(report));
		bad |= results_add(r, "trace_hash",
				   results_hex64(nt->trace_hash));
	}
	if (bad) {
		json_object_put(r);
		r = NULL;
	}
	return results_write_whole("shrink", trace_options_json(a->in, t), r,
				   a->json);
}

static int shrink_opt(void *ctx, const struct cli_option *opt,
		      const char *val)
{
	struct shrink_args *a = ctx;

	if (!opt) {
		if (a->in)
			return cli_usage(cli_command_find("shrink"));
		a->in = val;
		return EXIT_OK;
	}
	if (opt->id == OPT_MAX_RUNS)
		return cli_opt_u64(opt, val, 1, UINT64_MAX, &a->max_runs);
	if (opt->id == OPT_HINT)
		return cli_opt_str(opt, val, &a->hint);
	if (opt->id == OPT_JSON)
		return cli_opt_str(opt, val, &a->json);
	if (opt->id == OPT_ARCH)
		return cli_opt_arch(opt, val, &trace_arch_wanted);
	return cli_opt_str(opt, val, &a->out);	/* -o */
}

/*
 * shrink --hint H: H's schedule, if it fails here with the trace's
 * oracle, is where the shrink starts (into *@from, which then owns its
 * tids); a twin cell's shrunk trace usually is minimal already, so the
 * shrinker only confirms it.  A hint that does not apply is one line on
 * stderr and the shrink starts from the trace, as without --hint.
 */
static bool shrink_hint(const char *hint, const struct sim_trace *t,
			struct shrink_ctx *k, struct sim_schedule *from)
{
	struct sim_schedule hs, taken;
	struct sim_trace *h;
	char err[512];
	bool used = false;

	if (sim_trace_read(hint, &h, err, sizeof(err))) {
		fprintf(stderr, "faultsim: shrink --hint: %s: not used\n", err);
		return false;
	}
	if (strcmp(h->scenario_sha256, t->scenario_sha256) ||
	    strcmp(h->design, t->design) || strcmp(h->plant, t->plant)) {
		fprintf(stderr, "faultsim: shrink --hint %s: not a trace of "
			"this trace's scenario, design and plant: not used\n",
			hint);
		goto out;
	}
	if (strcmp(h->arch, t->arch)) {
		fprintf(stderr, "faultsim: shrink --hint %s: recorded on "
			"another page-table encoding (arch): not used\n",
			hint);
		goto out;
	}
	sim_schedule_init(&taken);
	hs = trace_schedule(h);
	if (same_oracle_fails(k, &hs, &taken)) {
		*from = taken;
		used = true;
	} else {
		fprintf(stderr, "faultsim: shrink --hint %s: does not fail "
			"with %s here: not used\n", hint, k->key);
		sim_schedule_free(&taken);
	}
out:
	sim_trace_free(h);
	return used;
}

/* faultsim shrink TRACE -o OUT: fewer preemptions, same oracle */
int cli_shrink(int argc, char **argv)
{
	struct shrink_args a = { .max_runs = SHRINK_MAX_RUNS };
	struct sim_schedule sc, small;
	struct sim_shrink_stats st;
	struct sim_strategy *strat;
	struct shrink_ctx k;
	struct sim_trace *t, nt;
	struct scenario *s;
	struct run_opts o;
	const char *in, *out;
	char err[512], *report;
	bool hinted = false;
	uint64_t hash;
	int ret;

	ret = cli_parse(cli_command_find("shrink"), argc, argv, shrink_opt,
			&a);
	if (ret)
		return ret;
	if (!a.in || !a.out)
		return cli_usage(cli_command_find("shrink"));
	results_option_name("--json");
	if (a.json && results_check_output(a.json))
		return EXIT_USAGE;
	in = a.in;
	out = a.out;
	ret = open_trace(in, argc, argv, &t, &s, &o);
	if (ret)
		return ret;
	if (!t->oracle[0]) {
		ret = cli_usage_error("%s: records no finding: nothing to shrink",
				      in);
		goto out;
	}
	k = (struct shrink_ctx){ .o = &o, .s = s };
	finding_key(t->finding[0] ? t->finding : t->oracle, k.key,
		    sizeof(k.key));
	sc = trace_schedule(t);
	hinted = a.hint && shrink_hint(a.hint, t, &k, &sc);
	sim_schedule_init(&small);
	if ((hinted ? sim_shrink_hinted : sim_shrink)(&sc, same_oracle_fails,
						      &k, a.max_runs, &small,
						      &st)) {
		ret = cli_usage_error("%s: does not fail with %s on this "
				      "binary: nothing to shrink", in,
				      k.key);
		goto out;
	}
	/* the shrunk run once more, for its report and hash */
	ret = replay_once(&o, s, &small, &strat, &report, &hash);
	if (!strat)
		goto out_small;
	if (ret != SCENARIO_FINDING) {
		ret = cli_usage_error("%s: the shrunk run did not fail: "
				      "nothing written", out);
	} else if (fill_trace(&nt, &o, &small, hash, report, err,
			      sizeof(err))) {
		ret = cli_usage_error("%s: cannot record the shrunk run: %s",
				      out, err);
	} else if (sim_trace_write(&nt, out, err, sizeof(err))) {
		ret = cli_usage_error("%s", err);
	} else {
		if (hinted)
			printf("from the hint %s (its schedule fails the same "
			       "way here)\n", a.hint);
		printf("shrunk in %llu replays: %u -> %u preemptions, "
		       "%u -> %u actors, %u -> %u choices\n%s\n"
		       "trace: %s (faultsim replay %s)\n",
		       (unsigned long long)st.runs, st.preemptions_before,
		       st.preemptions_after, st.actors_before,
		       st.actors_after, st.len_before, st.len_after,
		       nt.finding, out, out);
		ret = EXIT_OK;
		if (a.json && shrink_json(&a, t, &nt, &st, hinted, report))
			ret = EXIT_USAGE;
	}
	free(report);
	sim_strategy_destroy(strat);
out_small:
	sim_schedule_free(&small);
out:
	if (hinted)
		sim_schedule_free(&sc);	/* the hint's run, not the trace's */
	scenario_free(s);
	sim_trace_free(t);
	return ret;
}

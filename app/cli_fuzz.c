// SPDX-License-Identifier: GPL-2.0-only
/*
 * faultsim fuzz: coverage-guided fuzzing of runs (docs/fuzzing.md).  It
 * runs fuzz_run (tests/fuzz/run, clang and libFuzzer, which the debug
 * build makes; or its AFL++ build, scripts/fuzz.sh) on one scenario
 * family for a time budget, its progress lines on stderr as the fuzzer
 * prints them, then re-runs each kept finding in this binary (faultsim
 * run --fuzz-input), which writes its trace: a trace this binary, not
 * the clang one, replays and shrinks.
 */
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_options.h"
#include "designs/registry.h"

struct fuzz_opts {
	const char *design, *plant, *family, *out, *engine;
	uint64_t secs, jobs, seed;
	bool swarm;
};

/* --time: N (seconds), Ns, Nm or Nh, 1 s to 24 h */
static int parse_time(const char *val, uint64_t *secs)
{
	char num[32];
	size_t n = strspn(val, "0123456789");
	uint64_t mul = 1;

	if (!n || n >= sizeof(num))
		return -1;
	if (!strcmp(val + n, "m"))
		mul = 60;
	else if (!strcmp(val + n, "h"))
		mul = 3600;
	else if (val[n] && strcmp(val + n, "s"))
		return -1;
	memcpy(num, val, n);
	num[n] = '\0';
	if (!cli_parse_u64(num, 1, 24 * 3600, secs) ||
	    *secs * mul > 24 * 3600)
		return -1;
	*secs *= mul;
	return 0;
}

static int fuzz_opt(void *ctx, const struct cli_option *opt, const char *val)
{
	struct fuzz_opts *o = ctx;

	if (!opt)
		return cli_usage_error("fuzz: no operand (--family F)");
	switch (opt->id) {
	case OPT_KCONFIG:
		return EXIT_OK;	/* main() ran this binary for it */
	case OPT_DESIGN:
		o->design = val;
		return EXIT_OK;
	case OPT_PLANT:
		o->plant = val;
		return EXIT_OK;
	case OPT_FAMILY:
		o->family = val;
		return EXIT_OK;
	case OPT_TIME:
		if (parse_time(val, &o->secs))
			return cli_bad_value(opt);
		return EXIT_OK;
	case OPT_JOBS:
		return cli_opt_u64(opt, val, 1, 64, &o->jobs);
	case OPT_ENGINE:
		if (!cli_value_ok(opt, val))
			return cli_bad_value(opt);
		o->engine = val;
		return EXIT_OK;
	case OPT_OUT:
		o->out = val;
		return EXIT_OK;
	case OPT_SEED:
		return cli_opt_u64(opt, val, 0, UINT32_MAX, &o->seed);
	case OPT_SWARM:
		o->swarm = true;
		return EXIT_OK;
	}
	return EXIT_USAGE;
}

static int make_dir(const char *path)
{
	if (mkdir(path, 0777) && errno != EEXIST)
		return cli_usage_error("fuzz: %s: cannot create it: %s", path,
				       strerror(errno));
	return EXIT_OK;
}

/* libFuzzer's arguments; the environment says what to fuzz */
static int run_fuzzer(const struct fuzz_opts *o, const char *scn,
		      const char *dir)
{
	char corpus[PATH_MAX], seeds[PATH_MAX], findings[PATH_MAX];

	char time_arg[64], seed_arg[64], fork_arg[64];
	char *argv[12];
	int argc = 0, st;
	pid_t pid;

	snprintf(corpus, sizeof(corpus), "%s/corpus", dir);
	snprintf(findings, sizeof(findings), "%s/findings", dir);
	snprintf(seeds, sizeof(seeds), "%s/%s", FAULTSIM_FUZZ_CORPUS_DIR,
		 o->family);
	if (make_dir(corpus) || make_dir(findings))
		return EXIT_USAGE;
	snprintf(time_arg, sizeof(time_arg), "-max_total_time=%" PRIu64,
		 o->secs);
	/* libFuzzer's -seed=0 means "from the clock": 1 + ours */
	snprintf(seed_arg, sizeof(seed_arg), "-seed=%" PRIu64, o->seed + 1);
	snprintf(fork_arg, sizeof(fork_arg), "-fork=%" PRIu64, o->jobs);
	argv[argc++] = (char *)FAULTSIM_FUZZ_RUN_BIN;
	argv[argc++] = corpus;
	if (access(seeds, R_OK) == 0)
		argv[argc++] = seeds;
	argv[argc++] = time_arg;
	argv[argc++] = seed_arg;
	argv[argc++] = "-print_final_stats=1";
	/*
	 * A byte is a scheduling choice: inputs as long as a run's choices
	 * from the start, not libFuzzer's few bytes grown over thousands of
	 * executions (docs/fuzzing.md, "Input length")
	 */
	argv[argc++] = "-len_control=0";
	if (o->jobs > 1) {
		argv[argc++] = fork_arg;
		argv[argc++] = "-ignore_crashes=1";
	}
	argv[argc] = NULL;
	setenv("FAULTSIM_FUZZ_SCENARIO", scn, 1);
	setenv("FAULTSIM_FUZZ_DESIGN", o->design, 1);
	setenv("FAULTSIM_FUZZ_PLANT", o->plant ? o->plant : "", 1);
	setenv("FAULTSIM_FUZZ_SEED", "1", 1);
	setenv("FAULTSIM_FUZZ_FINDINGS", findings, 1);
	setenv("FAULTSIM_FUZZ_SWARM", o->swarm ? "1" : "", 1);
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return cli_usage_error("fuzz: cannot fork: %s",
				       strerror(errno));
	if (!pid) {
		execv(argv[0], argv);
		fprintf(stderr, "faultsim: fuzz: %s: %s\n", argv[0],
			strerror(errno));
		_exit(EXIT_USAGE);
	}
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0) {
		fprintf(stderr, "faultsim: fuzz: fuzz_run failed (status "
			"%d)\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* a seed directory for a family without one: one in-order input */
static int default_seeds(const char *dir, char *seeds, size_t len)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(seeds, len, "%s/seeds", dir);
	snprintf(path, sizeof(path), "%s/in-order", seeds);
	if (make_dir(seeds))
		return EXIT_USAGE;
	f = fopen(path, "wb");
	if (!f || fwrite("\0\0\0\0\0\0\0\0", 1, 8, f) != 8 || fclose(f))
		return cli_usage_error("fuzz: %s: cannot write it", path);
	return EXIT_OK;
}

/*
 * AFL++ (--engine afl): one afl-fuzz per job, -M for the first, -S for
 * the others, on the AFL++ build of fuzz_run (scripts/fuzz.sh builds
 * it), the same input format and findings directory.
 */
static int run_afl(const struct fuzz_opts *o, const char *scn,
		   const char *dir)
{
	char seeds[PATH_MAX], out[PATH_MAX], findings[PATH_MAX];
	char time_arg[32], name[32], seed_arg[32];
	pid_t pids[64];
	uint64_t i;
	int bad = 0, st;

	snprintf(seeds, sizeof(seeds), "%s/%s", FAULTSIM_FUZZ_CORPUS_DIR,
		 o->family);
	snprintf(out, sizeof(out), "%s/afl", dir);
	snprintf(findings, sizeof(findings), "%s/findings", dir);
	if (make_dir(findings))
		return EXIT_USAGE;
	if (access(seeds, R_OK) && default_seeds(dir, seeds, sizeof(seeds)))
		return EXIT_USAGE;
	snprintf(time_arg, sizeof(time_arg), "%" PRIu64, o->secs);
	snprintf(seed_arg, sizeof(seed_arg), "%" PRIu64, o->seed + 1);
	setenv("FAULTSIM_FUZZ_SCENARIO", scn, 1);
	setenv("FAULTSIM_FUZZ_DESIGN", o->design, 1);
	setenv("FAULTSIM_FUZZ_PLANT", o->plant ? o->plant : "", 1);
	setenv("FAULTSIM_FUZZ_SEED", "1", 1);
	setenv("FAULTSIM_FUZZ_FINDINGS", findings, 1);
	setenv("FAULTSIM_FUZZ_SWARM", o->swarm ? "1" : "", 1);
	setenv("AFL_NO_UI", "1", 1);
	setenv("AFL_SKIP_CPUFREQ", "1", 1);
	setenv("AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES", "1", 1);
	setenv("AFL_NO_AFFINITY", "1", 1);
	fflush(NULL);
	for (i = 0; i < o->jobs; i++) {
		snprintf(name, sizeof(name), "%s%" PRIu64, i ? "s" : "main",
			 i);
		pids[i] = fork();
		if (pids[i] < 0)
			return cli_usage_error("fuzz: cannot fork: %s",
					       strerror(errno));
		if (!pids[i]) {
			execlp("afl-fuzz", "afl-fuzz", "-i", seeds, "-o", out,
			       i ? "-S" : "-M", name, "-V", time_arg, "-s",
			       seed_arg, "--", FAULTSIM_AFL_RUN_BIN,
			       (char *)NULL);
			fprintf(stderr, "faultsim: fuzz: afl-fuzz: %s\n",
				strerror(errno));
			_exit(EXIT_USAGE);
		}
	}
	for (i = 0; i < o->jobs; i++)
		if (waitpid(pids[i], &st, 0) < 0 || !WIFEXITED(st) ||
		    WEXITSTATUS(st))
			bad = 1;
	if (bad) {
		fprintf(stderr, "faultsim: fuzz: afl-fuzz failed\n");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/*
 * One kept input, re-run here (faultsim run --fuzz-input): its finding
 * and trace lines.  Returns 1 if it reproduced, 0 if not.
 */
static int retrace(const struct fuzz_opts *o, const char *scn,
		   const char *input, const char *out)
{
	char *argv[16], line[4096], finding[4096] = "", trace[4096] = "";
	int argc = 0, fds[2], st;
	FILE *f;
	pid_t pid;

	argv[argc++] = "faultsim";
	argv[argc++] = "run";
	argv[argc++] = (char *)scn;
	argv[argc++] = "--design";
	argv[argc++] = (char *)o->design;
	if (o->plant) {
		argv[argc++] = "--plant";
		argv[argc++] = (char *)o->plant;
	}
	argv[argc++] = "--fuzz-input";
	argv[argc++] = (char *)input;
	if (o->swarm)
		argv[argc++] = "--swarm";
	argv[argc++] = "--out";
	argv[argc++] = (char *)out;
	argv[argc] = NULL;
	if (pipe(fds))
		return 0;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return 0;
	if (!pid) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execv("/proc/self/exe", argv);
		_exit(EXIT_USAGE);
	}
	close(fds[1]);
	f = fdopen(fds[0], "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (!finding[0] && !strncmp(line, "finding ", 8))
			snprintf(finding, sizeof(finding), "%s", line);
		if (!strncmp(line, "trace: ", 7))
			snprintf(trace, sizeof(trace), "%s", line);
	}
	if (f)
		fclose(f);
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 1 || !trace[0]) {
		printf("  %s: did not reproduce in this binary\n", input);
		return 0;
	}
	printf("%s  %s", finding, trace);
	return 1;
}

static int sort_names(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int only_findings(const struct dirent *d)
{
	return !strncmp(d->d_name, "finding-", 8);
}

int cli_fuzz(int argc, char **argv)
{
	struct fuzz_opts o = { .design = FAULTSIM_DESIGN_BASELINE,
			       .out = "faultsim-fuzz", .engine = "libfuzzer",
			       .secs = 30, .jobs = 1 };
	char scn_buf[PATH_MAX], dir[PATH_MAX / 2], input[PATH_MAX];
	const char *scn;
	struct dirent **names;
	int ret, n, i, found = 0;
	bool afl;

	ret = cli_parse(cli_command_find("fuzz"), argc, argv, fuzz_opt, &o);
	if (ret)
		return ret;
	if (!o.family)
		return cli_usage_error("fuzz: needs --family F (a scenario "
				       "family: faultsim list scenarios)");
	if (strlen(o.family) > PATH_MAX / 8)
		return cli_usage_error("fuzz: --family: too long");
	afl = !strcmp(o.engine, "afl");
	if (strcmp(FAULTSIM_KCONFIG, FAULTSIM_DEFAULT_KCONFIG))
		return cli_usage_error("fuzz: fuzz_run is built for kconfig "
				       "%s only", FAULTSIM_DEFAULT_KCONFIG);
	if (!afl && access(FAULTSIM_FUZZ_RUN_BIN, X_OK))
		return cli_usage_error("fuzz: %s: not built (the debug "
				       "preset builds it)",
				       FAULTSIM_FUZZ_RUN_BIN);
	if (afl && access(FAULTSIM_AFL_RUN_BIN, X_OK))
		return cli_usage_error("fuzz: %s: not built (scripts/fuzz.sh "
				       "--build-afl builds it)",
				       FAULTSIM_AFL_RUN_BIN);
	scn = cli_scenario_path(o.family, scn_buf, sizeof(scn_buf));
	if (!scn || access(scn, R_OK))
		return cli_usage_error("fuzz: --family %s: no such family "
				       "(faultsim list scenarios)", o.family);
	ret = cli_out_dir(o.out, PATH_MAX / 4);
	if (ret)
		return ret;
	snprintf(dir, sizeof(dir), "%s/%s-%s%s", o.out, o.family,
		 o.plant ? o.plant : o.design, o.swarm ? "-swarm" : "");
	if (strchr(o.family, '/'))	/* a file: its name */
		snprintf(dir, sizeof(dir), "%s/run-%s%s", o.out,
			 o.plant ? o.plant : o.design,
			 o.swarm ? "-swarm" : "");
	if (make_dir(dir))
		return EXIT_USAGE;
	ret = afl ? run_afl(&o, scn, dir) : run_fuzzer(&o, scn, dir);
	if (ret)
		return ret;
	snprintf(input, sizeof(input), "%s/findings", dir);
	n = scandir(input, &names, only_findings, sort_names);
	if (n < 0)
		return cli_usage_error("fuzz: %s: %s", input, strerror(errno));
	printf("fuzz %s on %s: %d kept finding input(s)\n", o.design,
	       o.family, n);
	for (i = 0; i < n; i++) {
		const char *h = strrchr(names[i]->d_name, '-');
		bool seen = false;
		int j;

		/* the same input kept by two processes: once */
		for (j = 0; j < i && h; j++)
			seen |= !strcmp(strrchr(names[j]->d_name, '-'), h);
		snprintf(input, sizeof(input), "%s/findings/%s", dir,
			 names[i]->d_name);
		if (!seen)
			found += retrace(&o, scn, input, o.out);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	printf("%d finding(s), traces in %s\n", found, o.out);
	return found ? 1 : EXIT_OK;
}

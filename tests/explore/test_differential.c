// SPDX-License-Identifier: GPL-2.0-only
/*
 * The differential exploration test (#11 item 1): for each generated
 * scenario (app/scenario_gen.c), the exhaustive search with each
 * reduction must reach exactly the end states and findings that the
 * plain search (--reduction none) reaches, at the same preemption
 * bound.  Equivalent schedules end in the same state, so a reduction
 * that misses a state skipped a schedule it had no right to skip.
 *
 * Per scenario and bound 0, 1, 2, then no bound: the plain search
 * first, under a cap on its runs and points; past the cap that bound and the
 * larger ones are not compared (counted as "capped").  Then sleep sets
 * with local steps (the default under a bound), sleep sets alone,
 * sleep sets + DPOR, and Optimal DPOR (bounded POR under a bound).  Each scenario runs in a child process, so a crash
 * of the tool is reported with its seed, as a failure, and the next
 * scenario still runs.  KTAP on stdout; with --keep DIR a failing
 * scenario's JSON is written there.
 *
 * usage: test_differential [--first S] [--count N] [--cap RUNS]
 *                          [--cap-points POINTS] [--max-bound B]
 *                          [--keep DIR] [SCENARIO_FILE...]
 * With files, those scenarios are compared instead of generated ones.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <kshim/sim.h>
#include "app/scenario.h"
#include "app/scenario_exec.h"
#include "app/scenario_gen.h"
#include "sim/json_strict.h"
#include "sim/sched.h"
#include "sim/strategy.h"

#define BOUND_NONE	(-1)
#define MAX_KEYS	4096

enum variant {
	V_NONE, V_SLEEP_LOCAL, V_SLEEP, V_DPOR, V_OPTIMAL, NR_VARIANTS
};

static const char *const variant_names[NR_VARIANTS] = {
	"none", "sleep+local-steps", "sleep", "dpor", "optimal",
};

/* What a search reached: its end states and findings, as sorted sets */
struct reach {
	uint64_t states[MAX_KEYS];
	unsigned int nr_states;
	char *findings[MAX_KEYS];
	unsigned int nr_findings;
	uint64_t runs;
	uint64_t *traces;	/* Mazurkiewicz traces' forms, sorted */
	size_t nr_traces;
	bool exhausted, overflow, bad_input;
};

static struct {
	uint64_t first, count, cap, cap_points;
	int max_bound;
	const char *keep;
} opt = { .first = 1, .count = 100, .cap = 2000, .cap_points = 20000000,
	  .max_bound = 2 };

static bool config_enabled(const char *symbol)
{
	return true;	/* the full kconfig */
}

static void add_state(struct reach *r, uint64_t d)
{
	unsigned int i;

	for (i = 0; i < r->nr_states; i++)
		if (r->states[i] == d)
			return;
	if (r->nr_states == MAX_KEYS) {
		r->overflow = true;
		return;
	}
	r->states[r->nr_states++] = d;
}

static void add_finding(struct reach *r, const char *key)
{
	unsigned int i;

	for (i = 0; i < r->nr_findings; i++)
		if (!strcmp(r->findings[i], key))
			return;
	if (r->nr_findings == MAX_KEYS) {
		r->overflow = true;
		return;
	}
	r->findings[r->nr_findings] = strdup(key);
	if (!r->findings[r->nr_findings]) {
		perror("test_differential");
		exit(2);
	}
	r->nr_findings++;
}

/* A finding by kind, oracle and place: not by its pfns or times */
static void note_findings(struct reach *r)
{
	int f;

	for (f = 0; f < sim_findings_count(); f++) {
		const struct sim_finding *fd = sim_finding_get(f);
		char key[512];
		size_t n;

		if (!fd)
			continue;
		n = fd->kind == SIM_FINDING_ORACLE ? strcspn(fd->msg, ":") : 0;
		snprintf(key, sizeof(key), "%s %.*s in %s",
			 sim_finding_kind_name(fd->kind), (int)n, fd->msg,
			 fd->where);
		add_finding(r, key);
	}
}

static void reach_free(struct reach *r)
{
	unsigned int i;

	for (i = 0; i < r->nr_findings; i++)
		free(r->findings[i]);
	r->nr_findings = 0;
	free(r->traces);
	r->traces = NULL;
	r->nr_traces = 0;
}

static struct sim_strategy *make(enum variant v, int bound)
{
	struct sim_strategy *s =
		sim_strategy_exhaustive_create(bound, v != V_NONE);

	if (!s)
		return NULL;
	sim_strategy_exhaustive_set_dpor(s, v == V_DPOR || v == V_OPTIMAL);
	sim_strategy_exhaustive_set_optimal(s, v == V_OPTIMAL);
	sim_strategy_exhaustive_set_local_steps(s, v == V_SLEEP_LOCAL);
	sim_strategy_exhaustive_set_count_traces(s, true);
	return s;
}

/*
 * Every schedule of @scn that @v explores within @bound, up to @cap
 * runs or --cap-points scheduling points in all (a measure of work
 * that does not depend on the machine: the test is the same anywhere).
 */
static void explore(struct scenario *scn, enum variant v, int bound,
		    uint64_t cap, FILE *null, struct reach *r)
{
	struct sim_strategy *s = make(v, bound);
	struct sim_exhaustive_stats st;
	uint64_t d, points = 0;
	int ret, k;

	memset(r, 0, sizeof(*r));
	if (!s) {
		fprintf(stderr, "test_differential: out of memory\n");
		exit(2);
	}
	scenario_exec_set_strategy(s);
	do {
		ret = scenario_run(scn, scn->name, 1, "full", config_enabled,
				   null);
		r->runs++;
		if (ret == SCENARIO_BAD_INPUT) {
			r->bad_input = true;
			break;
		}
		if (scenario_exec_state(&d))
			add_state(r, d);
		note_findings(r);
		for (k = 0; k < NR_SIM_POINT_KINDS; k++)
			points += sim_get_stats()->points[k];
	} while (r->runs < cap && points < opt.cap_points &&
		 sim_strategy_next_run(s));
	scenario_exec_set_strategy(NULL);
	sim_strategy_exhaustive_stats(s, &st);
	r->exhausted = st.exhausted;
	r->nr_traces = sim_strategy_exhaustive_traces(s, &r->traces);
	sim_strategy_destroy(s);
}

static bool has_state(const struct reach *r, uint64_t d)
{
	unsigned int i;

	for (i = 0; i < r->nr_states; i++)
		if (r->states[i] == d)
			return true;
	return false;
}

static bool has_finding(const struct reach *r, const char *key)
{
	unsigned int i;

	for (i = 0; i < r->nr_findings; i++)
		if (!strcmp(r->findings[i], key))
			return true;
	return false;
}

/* What @a reached that @b did not: one line on stdout; false if nothing */
static bool missing(const struct reach *a, const struct reach *b,
		    const char *an, const char *bn, const char *at)
{
	unsigned int i;

	for (i = 0; i < a->nr_states; i++) {
		if (!has_state(b, a->states[i])) {
			printf("# %s: %s reached end state %016llx, %s did "
			       "not\n", at, an,
			       (unsigned long long)a->states[i], bn);
			return true;
		}
	}
	for (i = 0; i < a->nr_findings; i++) {
		if (!has_finding(b, a->findings[i])) {
			printf("# %s: %s reached finding '%s', %s did not\n",
			       at, an, a->findings[i], bn);
			return true;
		}
	}
	return false;
}

/*
 * Whether @red's Mazurkiewicz traces (as the strategy counts them) are
 * not @base's: a reduction runs a subset of the plain search's
 * schedules, so it never reaches a trace the plain search does not.
 * With @all, it must also reach every trace the plain search reaches,
 * as a sound reduction runs a schedule of each (the sleep sets take in
 * only siblings the bound cut nothing from, so this holds within a
 * bound too).  Local steps and DPOR are held to the subset only: both
 * let a local step commute with another thread's unknown step (after a
 * wake-up), by kshim's contract that every shared access is announced.
 * The scenario executor breaks it: it hands a step to a task and counts
 * it done in plain variables (app/scenario_exec.c, et->step and
 * ex->pending), so a task's last local step and the hand-off it ends
 * with are one step, and the orders of a hand-off against the other
 * threads' steps are traces these reductions do not tell apart (the
 * same end state, as the hand-off only decides who waits once more).
 * The end states and findings (compared above) are what every
 * reduction must keep.
 */
static bool traces_differ(const struct reach *base, const struct reach *red,
			  bool all, const char *rn, const char *at)
{
	size_t i = 0, j = 0;

	while (j < red->nr_traces) {
		if (i == base->nr_traces || red->traces[j] < base->traces[i]) {
			printf("# %s: %s ran a trace none did not\n", at, rn);
			return true;
		}
		if (base->traces[i] < red->traces[j]) {
			if (all)
				break;
			i++;
			continue;
		}
		i++;
		j++;
	}
	if (all && (i < base->nr_traces || j < red->nr_traces ||
		    red->nr_traces != base->nr_traces)) {
		printf("# %s: %s missed a Mazurkiewicz trace of none's "
		       "(%zu of %zu reached)\n", at, rn, red->nr_traces,
		       base->nr_traces);
		return true;
	}
	return false;
}

/* Compares the reductions with the plain search; the child's status */
static int check_scenario(uint64_t seed, const char *text)
{
	FILE *null = fopen("/dev/null", "w");
	struct scenario *scn;
	char err[512], at[64];
	int bound, v, bounds = 0, fail = 0;
	uint64_t runs = 0, states = 0;
	struct reach *base = malloc(sizeof(*base));
	struct reach *red = malloc(sizeof(*red));

	if (!null || !base || !red) {
		printf("# out of memory\n");
		return 2;
	}
	if (scenario_load_string(text, strlen(text), "generated", &scn, err,
				 sizeof(err))) {
		printf("# the loader refused a generated scenario: %s\n", err);
		return 1;
	}
	for (bound = 0; bound <= opt.max_bound + 1 && !fail; bound++) {
		int b = bound > opt.max_bound ? BOUND_NONE : bound;

		snprintf(at, sizeof(at), b < 0 ? "no bound" : "bound %d", b);
		explore(scn, V_NONE, b, opt.cap, null, base);
		if (base->bad_input) {
			printf("# %s: a run ended on an error\n", at);
			fail = 1;
			break;
		}
		if (!base->exhausted || base->overflow) {
			reach_free(base);
			break;	/* capped: no larger bound either */
		}
		runs += base->runs;
		states = base->nr_states;
		for (v = V_SLEEP_LOCAL; v < NR_VARIANTS && !fail; v++) {
			explore(scn, v, b, 4 * opt.cap, null, red);
			if (!red->exhausted)
				printf("# %s: %s not exhausted in %llu runs\n",
				       at, variant_names[v],
				       (unsigned long long)red->runs);
			fail = !red->exhausted ||
			       missing(base, red, "none", variant_names[v],
				       at) ||
			       missing(red, base, variant_names[v], "none",
				       at) ||
			       traces_differ(base, red, v == V_SLEEP,
					     variant_names[v], at);
			reach_free(red);
		}
		if (!fail)
			bounds++;
		reach_free(base);
	}
	printf("# seed %llu: %d bound(s) compared, %llu plain runs, %llu end "
	       "states\n", (unsigned long long)seed, bounds,
	       (unsigned long long)runs, (unsigned long long)states);
	scenario_free(scn);
	free(base);
	free(red);
	fclose(null);
	return fail;
}

static void keep(uint64_t seed, const char *text)
{
	char path[4096];
	FILE *f;

	if (!opt.keep)
		return;
	snprintf(path, sizeof(path), "%s/gen-%llu.json", opt.keep,
		 (unsigned long long)seed);
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		printf("# cannot write %s: %s\n", path, strerror(errno));
		return;
	}
	printf("# kept: %s\n", path);
}

/* The text of scenario file @path, NUL-terminated; NULL if unreadable */
static char *slurp(const char *path)
{
	char err[512], *text, *nt;
	size_t len;

	text = json_strict_read_file(path, SCN_MAX_FILE_BYTES, "scenario",
				     &len, err, sizeof(err));
	if (!text) {
		printf("# %s\n", err);
		return NULL;
	}
	nt = realloc(text, len + 1);
	if (!nt) {
		free(text);
		return NULL;
	}
	nt[len] = '\0';
	return nt;
}

/* Scenario @n: generated from @seed, or read from @path if not NULL */
static int run_one(uint64_t seed, uint64_t n, const char *path)
{
	const struct scenario_gen_opts go = { .thp = true,
					      .numa_balancing = true };
	char *text = path ? slurp(path) : scenario_gen(seed, &go);
	int status;
	pid_t pid;

	if (!text) {
		printf("not ok %llu - %s: cannot read it\n",
		       (unsigned long long)n, path ? path : "out of memory");
		return 1;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("test_differential: fork");
		exit(2);
	}
	if (!pid)
		_exit(check_scenario(seed, text));
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && !WEXITSTATUS(status)) {
		if (path)
			printf("ok %llu - %s\n", (unsigned long long)n, path);
		else
			printf("ok %llu - seed %llu\n", (unsigned long long)n,
			       (unsigned long long)seed);
		free(text);
		return 0;
	}
	if (WIFSIGNALED(status))
		printf("# the tool died of signal %d (%s)\n", WTERMSIG(status),
		       strsignal(WTERMSIG(status)));
	if (path) {
		printf("not ok %llu - %s\n", (unsigned long long)n, path);
	} else {
		keep(seed, text);
		printf("not ok %llu - seed %llu\n", (unsigned long long)n,
		       (unsigned long long)seed);
	}
	free(text);
	return 1;
}

static uint64_t number(const char *s, const char *what)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end) {
		fprintf(stderr, "test_differential: %s needs a number\n", what);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "first", required_argument, NULL, 'f' },
		{ "count", required_argument, NULL, 'n' },
		{ "cap", required_argument, NULL, 'c' },
		{ "cap-points", required_argument, NULL, 'p' },
		{ "max-bound", required_argument, NULL, 'b' },
		{ "keep", required_argument, NULL, 'k' },
		{ 0 }
	};
	uint64_t i, failed = 0;
	int c;

	/* a child that dies keeps what it printed */
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			opt.first = number(optarg, "--first");
			break;
		case 'n':
			opt.count = number(optarg, "--count");
			break;
		case 'c':
			opt.cap = number(optarg, "--cap");
			break;
		case 'p':
			opt.cap_points = number(optarg, "--cap-points");
			break;
		case 'b':
			opt.max_bound = (int)number(optarg, "--max-bound");
			break;
		case 'k':
			opt.keep = optarg;
			break;
		default:
			return 2;
		}
	}
	/* files named after the options: those instead of generated ones */
	if (optind < argc)
		opt.count = (uint64_t)(argc - optind);
	printf("KTAP version 1\n1..%llu\n", (unsigned long long)opt.count);
	for (i = 0; i < opt.count; i++)
		failed += run_one(opt.first + i, i + 1,
				  optind < argc ? argv[optind + i] : NULL);
	printf("# %llu of %llu scenarios failed\n",
	       (unsigned long long)failed, (unsigned long long)opt.count);
	return failed ? 1 : 0;
}

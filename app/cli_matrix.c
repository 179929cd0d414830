// SPDX-License-Identifier: GPL-2.0-only
/*
 * faultsim matrix: every design under every kconfig on every scenario
 * family (scenarios/matrix/), explored with one strategy and budget.
 * Each cell runs `faultsim[-<kconfig>] run FAMILY --design D ...` as a
 * child process (each kconfig is its own binary) and is pass, fail (the
 * oracle that fired, and the shrunk replayable trace) or not applicable.
 * Then config neutrality: in the kconfig without DAMON each design runs
 * every family in order and must leave the state the baseline leaves.
 * Written as a terminal table, Markdown and a standalone HTML page.
 */
#include <dirent.h>
#include <inttypes.h>
#include <stdint.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_options.h"
#include <asm/kshim_arch.h>
#include "app/cli_results.h"
#include "designs/registry.h"
#include "sim/sched.h"
#include "app/scenario.h"
#include "app/svg.h"
#include <kshim/inject_table.h>
#include "sim/sha256.h"

#define MAX_FAMILIES 64
#define MAX_KCONFIGS 16
#define MAX_DESIGNS 32
#define NO_DAMON_KCONFIG "no-damon"
/* --out: the paths made in it stay well within PATH_MAX */
#define MATRIX_OUT_MAX 512
/* replays a cell's shrink may take: the matrix stays minutes long */
#define SHRINK_BUDGET "2000"
#ifndef MAX
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#endif

/* --jobs: at most this many workers */
#define MATRIX_MAX_JOBS 1024

enum cell_kind { CELL_PASS, CELL_FAIL, CELL_NA, CELL_ERROR };

struct cell {
	enum cell_kind kind;
	char oracle[32];	/* of the first finding ("routing/misrouted") */
	char detail[200];	/* the finding, or why n/a or the error */
	/* every finding of the failing run, one a line (the page lists them) */
	char findings[1024];
	char trace[1024];	/* shrunk trace, relative to the out dir */
	/* found, not yet shrunk: the trace's path, and who shrinks it */
	char found[PATH_MAX];
	char key[65];		/* binary and trace content (shrink_key()) */
	/* its shrink starts from this cell's shrunk trace (index + 1; 0: none) */
	int hint;
	bool hinted;		/* ... and the hint failed the same way here */
	unsigned long long schedules;
	char state[17];		/* in-order run: the state digest */
	/* from the in-order run's report */
	unsigned long long reported, stored, dropped, hidden;
	/* the same with the per-CPU ring (report-storm only) */
	unsigned long long ring_stored, ring_dropped;
	/* damon-accuracy: sampled pages accessed / counted (ground truth) */
	unsigned long long tp, fn, fp, tn;
	bool judged;
	unsigned long long hint_faults, virtual_ns;
	/* in-order run: routing kinds the design accepts, that it did */
	char accepted[64];
};

struct matrix {
	const char *out_dir, *strategy, *dir;
	const char *designs_arg, *kconfigs_arg;	/* "a,b" as given */
	const char *arch_arg;	/* --arch "x86_64,arm64" as given */
	bool arm64;		/* it has arm64: KCONFIG@arm64 rows */
	char arm64_rows[MAX_KCONFIGS][48];	/* their names */
	char *lists, *designs_list;	/* their copies, split */
	uint64_t iterations, seed, bound, jobs;
	struct shard shard;	/* --shard K/N; count 0: all cells */
	const char *result;	/* --result FILE */
	bool quiet;
	char *families[MAX_FAMILIES];
	int nr_families;
	uint32_t inject;	/* --inject: the kinds armed (kshim/inject.h) */
	/* shrinks the pool ran, and of them started from a twin's trace */
	int shrinks_run, shrinks_from_twin;
	/* [family]: what --inject arms there, the kinds it allows */
	uint32_t family_inject[MAX_FAMILIES];
	const char *kconfigs[MAX_KCONFIGS];
	int nr_kconfigs;
	const char *designs[MAX_DESIGNS];
	int nr_designs;
	struct cell *cells;	/* [family][kconfig][design] */
	struct cell *inorder;	/* same shape: the in-order runs */
	/* [family]: the baseline's in-order run on the pristine kernel */
	struct cell *pristine;
};

static struct cell *cell_at(struct matrix *m, struct cell *base, int f,
			    int k, int d)
{
	return &base[(f * m->nr_kconfigs + k) * m->nr_designs + d];
}

/* Runs @argv, its stdout and stderr into *@out; returns the exit code. */
static int run_child(char *const argv[], char **out)
{
	size_t len = 0, cap = 4096;
	int fds[2], status;
	pid_t pid;
	ssize_t n;

	*out = malloc(cap);
	if (!*out)
		sim_out_of_memory("a child's output");
	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], argv);
		fprintf(stderr, "faultsim: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		if (len + 1 >= cap) {
			char *p = realloc(*out, cap *= 2);

			if (!p)
				sim_out_of_memory("a child's output");
			*out = p;
		}
		n = read(fds[0], *out + len, cap - len - 1);
		if (n <= 0)
			break;
		len += n;
	}
	(*out)[len] = '\0';
	close(fds[0]);
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* The binary of @kconfig: this one for its own kconfig, else a sibling */
/* KCONFIG@arm64: the row of KCONFIG on the arm64 encoding (--arch) */
#define ARM64_SUFFIX "@arm64"

static bool kconfig_arm64(const char *kconfig)
{
	return strstr(kconfig, ARM64_SUFFIX) != NULL;
}

static void binary_of(const char *row, char *path, size_t len)
{
	char kconfig[64];

	/* KCONFIG@arm64 runs KCONFIG's binary with --arch arm64 */
	snprintf(kconfig, sizeof(kconfig), "%.*s", (int)strcspn(row, "@"),
		 row);
	if (!strcmp(kconfig, FAULTSIM_KCONFIG)) {
		ssize_t n = readlink("/proc/self/exe", path, len - 1);

		path[n > 0 ? n : 0] = '\0';
		return;
	}
	cli_kconfig_binary(kconfig, path, len);
}

/* The rest of the line after @key in @text, into @buf; false if none */
static bool line_after(const char *text, const char *key, char *buf,
		       size_t len)
{
	const char *p = strstr(text, key);
	size_t n;

	if (!p)
		return false;
	p += strlen(key);
	n = strcspn(p, "\n");
	if (n >= len)
		n = len - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return true;
}

static int mkdirs(const char *path)
{
	char tmp[PATH_MAX], *p;

	if (snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp))
		return -1;
	for (p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(tmp, 0755) && errno != EEXIST ? -1 : 0;
}

static void family_name(const char *file, char *buf, size_t len)
{
	snprintf(buf, len, "%s", file);
	if (strlen(buf) > 5)
		buf[strlen(buf) - 5] = '\0';	/* ".json" */
}

/* `faultsim run FAMILY --design D ...` of a cell; its output in *@out */
static int run_cell(struct matrix *m, const char *bin, int f, int k, int d,
		    const char *dir, char **out)
{
	char scen[4096], iter[32], seed[32], bound[32], inject[128];
	/* one process a cell: the matrix runs --jobs cells at once */
	char *argv[] = { (char *)bin, "run", scen, "--design",
			 (char *)m->designs[d], "--strategy",
			 (char *)m->strategy, "--iterations", iter,
			 "--seed", seed, "--preemption-bound", bound,
			 "--out", (char *)dir, "--quiet", "--jobs", "1",
			 NULL, NULL, NULL, NULL, NULL };
	size_t n = sizeof(argv) / sizeof(argv[0]) - 5;

	snprintf(scen, sizeof(scen), "%s/%s", m->dir, m->families[f]);
	/* the NULL slots before the last one: --arch, --inject */
	if (kconfig_arm64(m->kconfigs[k])) {
		argv[n++] = "--arch";
		argv[n++] = "arm64";
	}
	if (m->family_inject[f]) {
		kshim_inject_format(m->family_inject[f], inject,
				    sizeof(inject));
		argv[n] = "--inject";
		argv[n + 1] = inject;
	}
	snprintf(iter, sizeof(iter), "%llu", (unsigned long long)m->iterations);
	snprintf(seed, sizeof(seed), "%llu", (unsigned long long)m->seed);
	snprintf(bound, sizeof(bound), "%llu", (unsigned long long)m->bound);
	return run_child(argv, out);
}

/* "N schedule(s) under ...": how many schedules a passing cell ran */
static unsigned long long schedules_run(const char *out)
{
	const char *p = strstr(out, " schedule(s) under ");

	while (p && p > out && p[-1] >= '0' && p[-1] <= '9')
		p--;
	return p ? strtoull(p, NULL, 10) : 0;
}

/* The shrunk trace's name beside the trace @found */
static void shrunk_name(const char *found, char *buf, size_t len)
{
	snprintf(buf, len, "%.*s.shrunk.json", (int)strlen(found) - 11,
		 found);
}

/*
 * What a shrink of @c's trace depends on: the binary that replays it and
 * the trace's bytes (design, sink, parameters, scenario and its digest,
 * schedule, oracle, kconfig...).  Two failing cells with one key would
 * run the same shrink command on the same input, so the matrix runs it
 * once and copies the result; traces of different binaries or designs
 * never share one.  An unreadable trace gets no key, so no sharing.
 */
static void shrink_key(const char *bin, struct cell *c)
{
	struct sim_sha256 h;
	uint8_t digest[32], buf[4096];
	FILE *f = fopen(c->found, "rb");
	size_t n;
	int i;

	c->key[0] = '\0';
	if (!f)
		return;
	sim_sha256_init(&h);
	sim_sha256_update(&h, bin, strlen(bin) + 1);
	while ((n = fread(buf, 1, sizeof(buf), f)))
		sim_sha256_update(&h, buf, n);
	if (ferror(f) | fclose(f))
		return;
	sim_sha256_final(&h, digest);
	for (i = 0; i < 32; i++)
		sprintf(c->key + 2 * i, "%02x", digest[i]);
}

/*
 * The timeline of a cell's trace beside it ("X.json" -> "X.timeline.svg",
 * faultsim replay --timeline), for the page to link; nothing if the
 * replay cannot write it.
 */
static void timeline_name(const char *trace, char *buf, size_t len)
{
	size_t n = strlen(trace);

	if (n > 5 && !strcmp(trace + n - 5, ".json"))
		n -= 5;
	snprintf(buf, len, "%.*s.timeline.svg", (int)n, trace);
}

static void draw_timeline(struct matrix *m, const struct cell *c,
			  const char *bin)
{
	char trace[PATH_MAX + 16], svg[PATH_MAX + 32], *out = NULL;
	char *argv[] = { (char *)bin, "replay", trace, "--timeline", svg,
			 NULL };

	snprintf(trace, sizeof(trace), "%s/%s", m->out_dir, c->trace);
	timeline_name(trace, svg, sizeof(svg));
	run_child(argv, &out);
	free(out);
}

/*
 * The cell links its trace shrunk, or as found if the shrink fails; from
 * its twin's shrunk trace (c->hint, matrix_pool()) when that one fails
 * the same way here.
 */
static void shrink_cell_trace(struct matrix *m, struct cell *c,
			      const char *bin)
{
	char shrunk[PATH_MAX + 16], hint[PATH_MAX + 16];
	char *argv[] = { (char *)bin, "shrink", c->found, "-o", shrunk,
			 "--max-runs", SHRINK_BUDGET, NULL, NULL, NULL };
	char *shrink_out = NULL;

	if (c->hint) {
		snprintf(hint, sizeof(hint), "%s/%s", m->out_dir,
			 m->cells[c->hint - 1].trace);
		argv[7] = "--hint";
		argv[8] = hint;
	}
	shrunk_name(c->found, shrunk, sizeof(shrunk));
	if (run_child(argv, &shrink_out))
		snprintf(shrunk, sizeof(shrunk), "%s", c->found);
	else
		c->hinted = c->hint && strstr(shrink_out, "from the hint ");
	free(shrink_out);
	snprintf(c->trace, sizeof(c->trace), "%s",
		 shrunk + strlen(m->out_dir) + 1);
	draw_timeline(m, c, bin);
}

/*
 * @c's trace had @done's key: @done's shrunk trace is what a shrink of
 * @c's would write, byte for byte; copied beside @c's trace.
 */
static void shrink_copied(struct matrix *m, struct cell *c,
			  const struct cell *done)
{
	char from[PATH_MAX + 16], to[PATH_MAX + 16], buf[4096];
	FILE *in, *out;
	size_t n;
	int bad;

	snprintf(from, sizeof(from), "%s/%s", m->out_dir, done->trace);
	shrunk_name(c->found, to, sizeof(to));
	if (!strcmp(from + strlen(from) - 12, ".shrunk.json")) {
		in = fopen(from, "rb");
		out = in ? fopen(to, "wb") : NULL;
		bad = !out;
		while (out && (n = fread(buf, 1, sizeof(buf), in)))
			bad |= fwrite(buf, 1, n, out) != n;
		if (in)
			bad |= ferror(in) | fclose(in);
		if (out)
			bad |= fclose(out);
	} else {
		bad = 1;	/* its shrink failed: so would this one */
	}
	if (bad)
		snprintf(to, sizeof(to), "%s", c->found);
	snprintf(c->trace, sizeof(c->trace), "%s", to + strlen(m->out_dir) + 1);
}

/* Every "finding " line of @out, one a line, as many as fit */
static void all_findings(const char *out, char *buf, size_t len)
{
	const char *p = out;
	size_t used = 0, n;

	buf[0] = '\0';
	while ((p = strstr(p, "finding "))) {
		if (p != out && p[-1] != '\n') {
			p += 8;
			continue;
		}
		p += 8;
		n = strcspn(p, "\n");
		if (used + n + 2 > len)
			break;
		memcpy(buf + used, p, n);
		used += n;
		buf[used++] = '\n';
		buf[used] = '\0';
	}
}

/* A failing cell: the oracle that fired, the finding, the trace shrunk */
static void fail_cell(struct matrix *m, struct cell *c, const char *bin,
		      const char *out)
{
	char line[PATH_MAX];

	c->kind = CELL_FAIL;
	if (line_after(out, "finding ", line, sizeof(line))) {
		size_t n = strcspn(line, ":");

		snprintf(c->oracle, sizeof(c->oracle), "%.*s",
			 (int)(n < 31 ? n : 31), line);
		/* routing says its kind: "routing: misrouted: ..." */
		if (!strncmp(line, "routing: ", 9))
			snprintf(c->oracle, sizeof(c->oracle), "routing/%.*s",
				 (int)strcspn(line + 9, ":"), line + 9);
		snprintf(c->detail, sizeof(c->detail), "%.199s", line);
	} else if (line_after(out, "expect failed: ", line, sizeof(line))) {
		snprintf(c->oracle, sizeof(c->oracle), "expect");
		snprintf(c->detail, sizeof(c->detail), "%.199s", line);
	}
	all_findings(out, c->findings, sizeof(c->findings));
	/* the shrink is a task of its own (matrix_pool()) */
	if (line_after(out, "\ntrace: ", line, sizeof(line))) {
		line[strcspn(line, " ")] = '\0';
		snprintf(c->found, sizeof(c->found), "%s", line);
		shrink_key(bin, c);
	}
}

static void explore_cell(struct matrix *m, int f, int k, int d)
{
	struct cell *c = cell_at(m, m->cells, f, k, d);
	char bin[4096], dir[PATH_MAX], fam[128], *out = NULL;
	int rc;

	family_name(m->families[f], fam, sizeof(fam));
	binary_of(m->kconfigs[k], bin, sizeof(bin));
	snprintf(dir, sizeof(dir), "%s/traces/%s/%s/%s", m->out_dir,
		 m->kconfigs[k], m->designs[d], fam);
	if (mkdirs(dir)) {
		c->kind = CELL_ERROR;
		snprintf(c->detail, sizeof(c->detail), "cannot create %.180s",
			 dir);
		return;
	}
	rc = run_cell(m, bin, f, k, d, dir, &out);
	if (rc == 2 && out && strstr(out, "needs x86_64")) {
		/* a THP family on arm64 (run --arch arm64 refuses it) */
		c->kind = CELL_NA;
		snprintf(c->detail, sizeof(c->detail),
			 "PMD-mapped THP needs x86_64");
	} else if (rc == 0 && out && (strstr(out, "not applicable") ||
			       strstr(out, ": skipped: "))) {
		c->kind = CELL_NA;
		if (!line_after(out, "not applicable: ", c->detail,
				sizeof(c->detail)))
			line_after(out, "skipped: ", c->detail,
				   sizeof(c->detail));
	} else if (rc == 0) {
		c->kind = CELL_PASS;
		c->schedules = schedules_run(out);
	} else if (rc == 1) {
		fail_cell(m, c, bin, out);
	} else {
		c->kind = CELL_ERROR;
		snprintf(c->detail, sizeof(c->detail), "exit %d: %.*s", rc,
			 (int)strcspn(out ? out : "", "\n"), out ? out : "");
	}
	free(out);
}

static unsigned long long num_after(const char *text, const char *key)
{
	const char *p = text ? strstr(text, key) : NULL;

	return p ? strtoull(p + strlen(key), NULL, 10) : 0;
}

/*
 * The "hints:" line: every "to <endpoints> N" is N hints faults ended
 * (oracles/hint_owner.c); "virtual time T ns" is how long the run took.
 */
/*
 * "routing-accepted: stat_pollution 4, lost_report 1": the kinds, in
 * the order the run printed them, as "stat_pollution,lost_report"
 */
static void accepted_kinds(const char *out, struct cell *c)
{
	const char *p = strstr(out, "\nrouting-accepted: ");
	size_t len = 0;

	c->accepted[0] = '\0';
	if (!p)
		return;
	p += strlen("\nrouting-accepted: ");
	while (*p && *p != '\n') {
		size_t n = strcspn(p, " \n");

		len += snprintf(c->accepted + len,
				len < sizeof(c->accepted) ?
					sizeof(c->accepted) - len : 0,
				"%s%.*s", len ? "," : "", (int)n, p);
		p += n;
		p += strcspn(p, ",\n");
		if (*p == ',')
			p += 2;
		if (len >= sizeof(c->accepted))
			break;
	}
}

static void hint_totals(const char *out, struct cell *c)
{
	const char *line = out ? strstr(out, "\nhints:") : NULL;
	const char *end, *p;

	if (!line)
		return;
	end = strchr(line + 1, '\n');
	for (p = strstr(line, ", to "); p && (!end || p < end);
	     p = strstr(p + 1, ", to ")) {
		const char *sp = strchr(p + 5, ' ');

		if (sp)
			c->hint_faults += strtoull(sp + 1, NULL, 10);
	}
	c->virtual_ns = num_after(line, "virtual time ");
	accepted_kinds(out, c);
}

static int no_damon_index(struct matrix *m);

/* After the kernel line: what the baseline column is, if not 6.12's */
static const char *baseline_note(void)
{
#ifdef FAULTSIM_KTREE_IS_REFERENCE
	return "";
#else
	return " The " FAULTSIM_DESIGN_BASELINE " column runs this tree's "
	       "kernel as it is, not the reference 6.12.";
#endif
}

/*
 * Whether the baseline of the neutrality check runs on the pristine
 * kernel: a build from a tree other than FAULTSIM_BASELINE_KSRC has
 * faultsim-pristine-no-damon beside it (cmake/FaultsimBaselineTree.cmake).
 */
static bool pristine_baseline(void)
{
#ifdef FAULTSIM_PRISTINE_BASELINE
	return true;
#else
	return false;
#endif
}

/* The in-order run of design @d on family @f by @bin, into @c */
static void inorder_run(struct matrix *m, struct cell *c, char *bin, int f,
			int d, bool arm64)
{
	char scen[4096], *out = NULL;
	int rc;

	snprintf(scen, sizeof(scen), "%s/%s", m->dir, m->families[f]);
	{
		char *argv[] = { bin, "run", scen, "--design",
				 (char *)m->designs[d],
				 arm64 ? "--arch" : NULL, "arm64", NULL };

		rc = run_child(argv, &out);
	}
	if (out && (strstr(out, "not applicable") ||
		    strstr(out, ": skipped: ") ||
		    (rc == 2 && strstr(out, "needs x86_64"))))
		c->kind = CELL_NA;
	else if (rc == 0 || rc == 1)
		c->kind = rc ? CELL_FAIL : CELL_PASS;
	else
		c->kind = CELL_ERROR;
	if (!line_after(out ? out : "", "\nstate ", c->state,
			sizeof(c->state)))
		c->state[0] = '\0';
	c->reported = num_after(out, "damon-reports: reported ");
	c->stored = num_after(out, " stored ");
	c->dropped = num_after(out, " dropped_contended ") +
		     num_after(out, " dropped_full ");
	c->hidden = num_after(out, " hidden_by_wrap ");
	if (out && strstr(out, "damon-accuracy: ")) {
		c->judged = true;
		c->tp = num_after(out, "damon-accuracy: accessed and counted ");
		c->fn = num_after(out, ", accessed not counted ");
		c->fp = num_after(out, ", counted not accessed ");
		c->tn = num_after(out, ", neither ");
	}
	hint_totals(out, c);
	free(out);
	if (strcmp(m->families[f], "report-storm.json") || c->kind == CELL_NA)
		return;
	{
		char *argv[] = { bin, "run", scen, "--design",
				 (char *)m->designs[d], "--sink", "percpu-ring",
				 NULL };

		out = NULL;
		run_child(argv, &out);
		c->ring_stored = num_after(out, " stored ");
		c->ring_dropped = num_after(out, " dropped_contended ") +
				  num_after(out, " dropped_full ");
		free(out);
	}
}

/* The in-order run of a cell: its state and DAMON's report counters. */
static void inorder_cell(struct matrix *m, int f, int k, int d)
{
	char bin[4096];

	binary_of(m->kconfigs[k], bin, sizeof(bin));
	inorder_run(m, cell_at(m, m->inorder, f, k, d), bin, f, d,
		    kconfig_arm64(m->kconfigs[k]));
}

/* The neutrality reference of family @f: the baseline, pristine kernel */
static void pristine_cell(struct matrix *m, int f)
{
	int base = -1, d;
	char bin[4096];

	for (d = 0; d < m->nr_designs; d++)
		if (!strcmp(m->designs[d], FAULTSIM_DESIGN_BASELINE))
			base = d;
	if (!pristine_baseline() || base < 0 || no_damon_index(m) < 0)
		return;
	snprintf(bin, sizeof(bin), "%s/faultsim-pristine-no-damon",
		 cli_self_dir());
	inorder_run(m, &m->pristine[f], bin, f, base, false);
}

static const char *kind_text(const struct cell *c, char *buf, size_t len)
{
	switch (c->kind) {
	case CELL_PASS:
		return "pass";
	case CELL_NA:
		return "n/a";
	case CELL_ERROR:
		return "ERROR";
	case CELL_FAIL:
		snprintf(buf, len, "FAIL %s", c->oracle);
		return buf;
	}
	return "?";
}

/*
 * A cell as a report shows it: the explored verdict, with the in-order
 * run's accepted kinds after a pass, and (@wide, for Markdown and HTML)
 * the need a not-applicable cell lacks.
 */
static const char *cell_text(struct matrix *m, int f, int k, int d,
			     bool wide, char *buf, size_t len)
{
	const struct cell *c = cell_at(m, m->cells, f, k, d);
	const struct cell *in = cell_at(m, m->inorder, f, k, d);
	const char *needs = strstr(c->detail, " needs CONFIG_");

	if (c->kind == CELL_PASS && in->accepted[0]) {
		if (wide)
			snprintf(buf, len, "pass (accepts %s)", in->accepted);
		else
			snprintf(buf, len, "pass, accepted");
		return buf;
	}
	if (c->kind == CELL_NA && needs && wide) {
		snprintf(buf, len, "n/a:%s", needs);
		return buf;
	}
	if (c->kind == CELL_NA && strstr(c->detail, " needs x86_64"))
		return "n/a: needs x86_64";
	return kind_text(c, buf, len);
}

/* Below the terminal table: what its short cells leave out */
static void print_notes(struct matrix *m, FILE *o)
{
	int f, k, d;

	for (d = 0; d < m->nr_designs; d++) {
		const char *need = NULL, *acc = NULL;

		for (f = 0; f < m->nr_families; f++)
			for (k = 0; k < m->nr_kconfigs; k++) {
				struct cell *c = cell_at(m, m->cells, f, k, d);
				struct cell *in = cell_at(m, m->inorder, f, k,
							  d);
				const char *n = strstr(c->detail, " needs ");

				/* said once below, for every design */
				if (strstr(c->detail, " needs x86_64"))
					n = NULL;
				if (c->kind == CELL_NA && n && !need)
					need = n + 1;
				if (c->kind == CELL_PASS && in->accepted[0] &&
				    !acc)
					acc = in->accepted;
			}
		if (need)
			fprintf(o, "n/a: %s %s\n", m->designs[d], need);
		if (acc)
			fprintf(o, "accepted: %s accepts %s (by design: "
				"counted, not findings)\n", m->designs[d],
				acc);
	}
	for (f = 0; f < m->nr_families && m->arm64; f++) {
		if (!strstr(cell_at(m, m->cells, f, m->nr_kconfigs - 1,
				    0)->detail, " needs x86_64"))
			continue;
		fprintf(o, "n/a: KCONFIG@arm64 rows of families with "
			"PMD-mapped THP: needs x86_64 (no arm64 PMD blocks)\n");
		break;
	}
}

static void print_terminal(struct matrix *m, FILE *o)
{
	int f, k, d, w = 18;
	char buf[64], fam[128];

	/* a column as wide as its widest cell ("FAIL routing/misrouted") */
	for (d = 0; d < m->nr_designs; d++) {
		w = MAX(w, (int)strlen(m->designs[d]));
		for (f = 0; f < m->nr_families; f++)
			for (k = 0; k < m->nr_kconfigs; k++)
				w = MAX(w, (int)strlen(cell_text(
						   m, f, k, d, false, buf,
						   sizeof(buf))));
	}
	fprintf(o, "kernel %s.%s\n", FAULTSIM_KTREE, baseline_note());
	fprintf(o, "%-24s %-18s", "family", "kconfig");
	for (d = 0; d < m->nr_designs; d++)
		fprintf(o, " %-*s", w, m->designs[d]);
	fputc('\n', o);
	for (f = 0; f < m->nr_families; f++) {
		family_name(m->families[f], fam, sizeof(fam));
		for (k = 0; k < m->nr_kconfigs; k++) {
			fprintf(o, "%-24s %-18s", fam, m->kconfigs[k]);
			for (d = 0; d < m->nr_designs; d++)
				fprintf(o, " %-*s", w,
					cell_text(m, f, k, d, false, buf,
						  sizeof(buf)));
			fputc('\n', o);
		}
	}
	print_notes(m, o);
}

/* The kconfig index without DAMON, or -1 */
static int no_damon_index(struct matrix *m)
{
	int k;

	for (k = 0; k < m->nr_kconfigs; k++)
		if (!strcmp(m->kconfigs[k], NO_DAMON_KCONFIG))
			return k;
	return -1;
}

/*
 * Config neutrality of design @d: every family that ran in order under
 * the kconfig without DAMON left the baseline's state.  Lists the
 * families that did not in @buf; returns their number.
 */
static int neutrality(struct matrix *m, int d, int base, char *buf,
		      size_t len)
{
	int f, k = no_damon_index(m), n = 0;
	size_t used = 0;
	char fam[128];

	buf[0] = '\0';
	if (k < 0 || base < 0)
		return -1;
	for (f = 0; f < m->nr_families; f++) {
		struct cell *b = pristine_baseline() ? &m->pristine[f] :
				 cell_at(m, m->inorder, f, k, base);
		struct cell *c = cell_at(m, m->inorder, f, k, d);

		if (b->kind == CELL_NA && c->kind == CELL_NA)
			continue;
		if (b->kind == c->kind && b->kind != CELL_ERROR &&
		    !strcmp(b->state, c->state))
			continue;
		family_name(m->families[f], fam, sizeof(fam));
		used += snprintf(buf + used, used < len ? len - used : 0,
				 "%s%s%s", n ? ", " : "", fam,
				 b->kind == CELL_ERROR || c->kind == CELL_ERROR ?
					 " (could not run)" : "");
		n++;
	}
	return n;
}

static int find_design(struct matrix *m, const char *name)
{
	int d;

	for (d = 0; d < m->nr_designs; d++)
		if (!strcmp(m->designs[d], name))
			return d;
	return -1;
}

/* The family named @name, or -1 */
static int find_family(struct matrix *m, const char *name)
{
	char fam[128];
	int f;

	for (f = 0; f < m->nr_families; f++) {
		family_name(m->families[f], fam, sizeof(fam));
		if (!strcmp(fam, name))
			return f;
	}
	return -1;
}

/*
 * Per design, on the damon-accuracy family (first kconfig, in order):
 * DAMON's verdicts against the ground truth, and the hint faults per
 * second of simulated time.
 */
static void print_accuracy(struct matrix *m, FILE *o, bool md, int f)
{
	int d;

	fprintf(o, md ? "\n## DAMON against the ground truth (damon-accuracy, "
			"kconfig %s, in order)\n\nPer sample and region: was "
			"the sampled page accessed, did DAMON count it?\n\n"
			"| design | accessed, counted | accessed, missed | "
			"counted, not accessed | neither | hint faults | hint "
			"faults/s (simulated) |\n|---|---|---|---|---|---|---|\n"
		      : "\nDAMON against the ground truth, damon-accuracy "
			"(kconfig %s, in order): accessed+counted / accessed+"
			"missed / counted+not accessed / neither; hint faults, "
			"per simulated second\n",
		m->kconfigs[0]);
	for (d = 0; d < m->nr_designs; d++) {
		struct cell *c = cell_at(m, m->inorder, f, 0, d);
		double per_s = c->virtual_ns ?
			c->hint_faults * 1e9 / c->virtual_ns : 0;

		if (c->kind == CELL_NA || !c->judged)
			fprintf(o, md ? "| `%s` | n/a | | | | | |\n"
				      : "  %-18s n/a\n", m->designs[d]);
		else
			fprintf(o, md ? "| `%s` | %llu | %llu | %llu | %llu | "
					"%llu | %.0f |\n"
				      : "  %-18s %llu / %llu / %llu / %llu; "
					"%llu, %.0f/s\n",
				m->designs[d], c->tp, c->fn, c->fp, c->tn,
				c->hint_faults, per_s);
	}
}

/* Whether finding @detail is one @key rules out ("routing" or "routing: x") */
static bool finding_is(const char *detail, const char *key)
{
	size_t n = strlen(key);

	return !strncmp(detail, key, n) &&
	       (!detail[n] || detail[n] == ':' || detail[n] == ' ');
}

/* Whether comma list @list names @name */
static bool in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ',') && (!p[n] || p[n] == ','))
			return true;
	return false;
}

enum claim_verdict {
	CLAIM_HELD,		/* every cell hosting it passed */
	CLAIM_BROKEN,		/* a cell showed what it rules out */
	CLAIM_OPEN,		/* not broken, but a cell stopped before */
	CLAIM_UNCHECKED,	/* no cell could host it */
};

/*
 * Claim @cl of design @d against the cells: the first cell whose
 * finding it rules out breaks it (@where says which).  A cell stops at
 * its first finding, so one that failed on another finding cannot
 * confirm it: the claim is then open, not held.  "neutrality" is the
 * config-neutrality check's verdict.
 */
static enum claim_verdict claim_check(struct matrix *m, int d,
				      const struct faultsim_claim *cl,
				      char *where, size_t len)
{
	int f, k, base = find_design(m, FAULTSIM_DESIGN_BASELINE);
	int hosted = 0, stopped = 0, n;

	where[0] = '\0';
	if (!strcmp(cl->finding, "neutrality")) {
		n = neutrality(m, d, base, where, len);
		return n < 0 ? CLAIM_UNCHECKED :
		       n ? CLAIM_BROKEN : CLAIM_HELD;
	}
	for (f = 0; f < m->nr_families; f++)
		for (k = 0; k < m->nr_kconfigs; k++) {
			struct cell *c = cell_at(m, m->cells, f, k, d);
			char fam[128];

			if (cl->kconfigs && !in_list(cl->kconfigs,
						     m->kconfigs[k]))
				continue;
			if (c->kind == CELL_NA || c->kind == CELL_ERROR)
				continue;
			hosted++;
			if (c->kind != CELL_FAIL)
				continue;
			if (!finding_is(c->detail, cl->finding)) {
				stopped++;
				continue;
			}
			family_name(m->families[f], fam, sizeof(fam));
			snprintf(where, len, "%s, %s: %.120s", fam,
				 m->kconfigs[k], c->detail);
			return CLAIM_BROKEN;
		}
	if (!hosted)
		return CLAIM_UNCHECKED;
	if (stopped)
		snprintf(where, len, "%d cell(s) stopped at another finding "
			 "first", stopped);
	return stopped ? CLAIM_OPEN : CLAIM_HELD;
}

/* Each design's claims (designs/design.h: checked_claims), checked */
static void print_claims(struct matrix *m, FILE *o, bool md)
{
	static const char *const verdict[] = {
		[CLAIM_HELD] = "held", [CLAIM_BROKEN] = "BROKEN",
		[CLAIM_OPEN] = "not contradicted",
		[CLAIM_UNCHECKED] = "unchecked (no cell hosts it)",
	};
	const struct faultsim_claim *cl;
	const char *const *acc;
	char where[400];
	int d, i;

	fprintf(o, md ? "\n## Claims, checked against the cells\n\n"
		      : "\nclaims, checked against the cells:\n");
	for (d = 0; d < m->nr_designs; d++) {
		i = faultsim_design_find(m->designs[d]);
		cl = faultsim_design_checked_claims(i);
		fprintf(o, md ? "- `%s`%s\n" : "  %s%s\n", m->designs[d],
			cl && cl->text ? ":" : ": states no checked claim");
		for (; cl && cl->text; cl++) {
			enum claim_verdict v = claim_check(m, d, cl, where,
							   sizeof(where));

			fprintf(o, md ? "  - %s%s%s: %s%s%s%s\n"
				      : "    %s%s%s: %s%s%s%s\n",
				md && v == CLAIM_BROKEN ? "**" : "",
				verdict[v],
				md && v == CLAIM_BROKEN ? "**" : "", cl->text,
				where[0] ? " (" : "", where,
				where[0] ? ")" : "");
		}
		acc = faultsim_design_accepts(i);
		for (; acc && *acc; acc++)
			fprintf(o, md ? "  - accepts `%s` by design: counted, "
					"not a finding\n"
				      : "    accepts %s by design: counted, not "
					"a finding\n", *acc);
	}
}

/*
 * How much of each design's fault handling duplicates do_numa_page()
 * (tools/design_duplication.py; the build writes the JSON beside the
 * binaries)
 */
static void print_duplication(struct matrix *m, FILE *o, bool md)
{
	char path[PATH_MAX];
	json_object *all, *designs;
	int d;
	size_t i;

	snprintf(path, sizeof(path), "%s/design-duplication.json",
		 cli_self_dir());
	fprintf(o, md ? "\n## Duplication of do_numa_page() "
			"(tools/design_duplication.py)\n\n"
		      : "\nduplication of do_numa_page() "
			"(tools/design_duplication.py):\n");
	all = access(path, R_OK) ? NULL : json_object_from_file(path);
	if (!all || !json_object_object_get_ex(all, "designs", &designs) ||
	    !json_object_is_type(designs, json_type_array)) {
		fprintf(o, md ? "Not measured: no design-duplication.json "
				"beside the binary.\n"
			      : "  not measured: no design-duplication.json "
				"beside the binary\n");
		json_object_put(all);
		return;
	}
	for (d = 0; d < m->nr_designs; d++)
		for (i = 0; i < json_object_array_length(designs); i++) {
			json_object *e = json_object_array_get_idx(designs, i);
			const char *name = results_str(e, "design");
			json_object *pct;

			if (!name || strcmp(name, m->designs[d]) ||
			    !json_object_object_get_ex(e, "percent", &pct))
				continue;
			fprintf(o, md ? "- `%s`: %llu of %llu lines of fault "
					"handling duplicate the kernel's "
					"(%.1f%%)\n"
				      : "  %-18s %llu of %llu lines duplicate "
					"the kernel's (%.1f%%)\n",
				m->designs[d],
				(unsigned long long)results_u64(
					e, "duplicate_lines"),
				(unsigned long long)results_u64(e, "lines"),
				json_object_get_double(pct));
		}
	json_object_put(all);
}

static void print_summary(struct matrix *m, FILE *o, bool md)
{
	int d, base = find_design(m, FAULTSIM_DESIGN_BASELINE);
	int storm = find_family(m, "report-storm");
	int accuracy = find_family(m, "damon-accuracy");
	int k0 = 0;
	char buf[1024];

	fprintf(o, md ? "\n## Config neutrality (kconfig %s, in order, "
			"state against %s%s)\n\n"
		      : "\nconfig neutrality (kconfig %s, in order, state "
			"against %s%s):\n",
		NO_DAMON_KCONFIG, FAULTSIM_DESIGN_BASELINE,
		pristine_baseline() ? " on the pristine kernel" : "");
	for (d = 0; d < m->nr_designs; d++) {
		int n = neutrality(m, d, base, buf, sizeof(buf));

		fprintf(o, md ? "- `%s`: %s%s\n" : "  %-18s %s%s\n",
			m->designs[d],
			n < 0 ? "not checked (needs the baseline and the "
				"no-damon kconfig)" :
			n == 0 ? "neutral" : "differs from the baseline in: ",
			n > 0 ? buf : "");
	}
	print_claims(m, o, md);
	print_duplication(m, o, md);
	if (accuracy >= 0)
		print_accuracy(m, o, md, accuracy);
	if (storm < 0)
		return;
	fprintf(o, md ? "\n## DAMON reports in the report-storm family "
			"(kconfig %s, in order)\n\n| design | reported | "
			"global array: stored | dropped | hidden by wrap | "
			"per-CPU ring: stored | dropped |\n|---|---|---|---"
			"|---|---|---|\n"
		      : "\nDAMON reports, report-storm (kconfig %s, in "
			"order): reported; global array: stored / dropped / "
			"hidden by wrap; per-CPU ring: stored / dropped\n",
		m->kconfigs[k0]);
	for (d = 0; d < m->nr_designs; d++) {
		struct cell *c = cell_at(m, m->inorder, storm, k0, d);

		if (c->kind == CELL_NA)
			fprintf(o, md ? "| `%s` | n/a | | | | | |\n"
				      : "  %-18s n/a\n", m->designs[d]);
		else
			fprintf(o, md ? "| `%s` | %llu | %llu | %llu | %llu | "
					"%llu | %llu |\n"
				      : "  %-18s %llu; %llu / %llu / %llu; "
					"%llu / %llu\n",
				m->designs[d], c->reported, c->stored,
				c->dropped, c->hidden, c->ring_stored,
				c->ring_dropped);
	}
}

/*
 * The header's line on --inject: the kinds armed, or "none".
 */
static const char *inject_note(struct matrix *m, char *buf, size_t len)
{
	char kinds[128];

	if (!m->inject) {
		snprintf(buf, len, "none");
		return buf;
	}
	kshim_inject_format(m->inject, kinds, sizeof(kinds));
	snprintf(buf, len, "%s, each in the families whose \"injections\" "
		 "allow it (the others run without it)", kinds);
	return buf;
}

/* kshim_swbit_users[]'s row of @bit on @arch, or NULL */
static const struct kshim_swbit_user *swbit_user(enum kshim_arch arch,
						 unsigned int bit)
{
	unsigned int i;

	for (i = 0; i < kshim_nr_swbit_users; i++)
		if (kshim_swbit_users[i].arch == arch &&
		    kshim_swbit_users[i].bit == bit)
			return &kshim_swbit_users[i];
	return NULL;
}

/*
 * The tag-bit budget (--arch with arm64): per arch, each software bit of
 * a present entry, its 6.12 user (kshim_swbit_users[], the table the
 * bit_conflict oracle names users from) and the designs tagging it;
 * Markdown rows, or HTML ones (@html).
 */
static void write_tag_budget(struct matrix *m, FILE *o, bool html)
{
	static const enum kshim_arch arches[] = { KSHIM_ARCH_X86_64,
						  KSHIM_ARCH_ARM64 };
	const struct kshim_swbit_user *u;
	unsigned int a, bit;
	int d;

	if (!m->arm64)
		return;
	fprintf(o, html ? "<h2>Tag-bit budget</h2>\n<p>The software bits of "
			  "a present PTE in 6.12 and who sets them; a design's "
			  "DAMON tag on a bit with a user fails bit_conflict "
			  "where that user has set it.</p>\n<table>\n<tr><th>"
			  "arch</th><th>bit</th><th>6.12 user</th><th>designs "
			  "tagging it</th></tr>\n" :
			  "\n## Tag-bit budget\n\nThe software bits of a "
			  "present PTE in 6.12 and who sets them; a design's "
			  "DAMON tag on a bit with a user fails bit_conflict "
			  "where that user has set it.\n\n| arch | bit | 6.12 "
			  "user | designs tagging it |\n|---|---|---|---|\n");
	/* by arch, then by bit */
	for (a = 0; a < 2 * 64; a++) {
		bool arm64, any = false;

		bit = a % 64;
		u = swbit_user(arches[a / 64], bit);
		if (!u)
			continue;
		arm64 = u->arch == KSHIM_ARCH_ARM64;
		fprintf(o, html ? "<tr><td>%s</td><td>%u</td><td>%s%s%s</td>"
				  "<td>" : "| %s | %u | %s%s%s | ",
			kshim_arch_name(u->arch), u->bit,
			u->name ? u->name : "free", u->user ? ": " : "",
			u->user ? u->user : "");
		for (d = 0; d < m->nr_designs; d++) {
			int j = faultsim_design_find(m->designs[d]);

			if (!(faultsim_design_tag_bits_of(j, arm64) &
			      (1ULL << u->bit)))
				continue;
			fprintf(o, "%s%s", any ? ", " : "", m->designs[d]);
			any = true;
		}
		fputs(html ? "</td></tr>\n" : " |\n", o);
	}
	if (html)
		fputs("</table>\n", o);
}

static void write_markdown(struct matrix *m, FILE *o)
{
	int f, k, d;
	char buf[64], fam[128], inj[256];

	fprintf(o, "# faultsim design matrix\n\nStrategy %s, %llu "
		"schedule(s) per cell at most, seed %llu, preemption bound "
		"%llu.  A failing cell names the first oracle that fired and "
		"links its shrunk trace (`faultsim replay TRACE`).\n\n"
		"Kernel: %s.%s\n\nInjected failures (`--inject`): %s.\n\n",
		m->strategy, (unsigned long long)m->iterations,
		(unsigned long long)m->seed, (unsigned long long)m->bound,
		FAULTSIM_KTREE, baseline_note(), inject_note(m, inj,
							    sizeof(inj)));
	fprintf(o, "| family | kconfig |");
	for (d = 0; d < m->nr_designs; d++)
		fprintf(o, " %s |", m->designs[d]);
	fprintf(o, "\n|---|---|");
	for (d = 0; d < m->nr_designs; d++)
		fprintf(o, "---|");
	fputc('\n', o);
	for (f = 0; f < m->nr_families; f++) {
		family_name(m->families[f], fam, sizeof(fam));
		for (k = 0; k < m->nr_kconfigs; k++) {
			fprintf(o, "| %s | %s |", fam, m->kconfigs[k]);
			for (d = 0; d < m->nr_designs; d++) {
				struct cell *c = cell_at(m, m->cells, f, k, d);

				if (c->kind == CELL_FAIL && c->trace[0])
					fprintf(o, " [%s](%s) |",
						kind_text(c, buf, sizeof(buf)),
						c->trace);
				else
					fprintf(o, " %s |",
						cell_text(m, f, k, d, true,
							  buf, sizeof(buf)));
			}
			fputc('\n', o);
		}
	}
	print_summary(m, o, true);
	/* what each design claims: the table above checks it */
	fprintf(o, "\n## The designs\n\n");
	for (d = 0; d < m->nr_designs; d++) {
		int i = faultsim_design_find(m->designs[d]);

		fprintf(o, "- `%s`: %s *Claims:* %s\n", m->designs[d],
			faultsim_design_rationale(i), faultsim_design_claims(i));
	}
	write_tag_budget(m, o, false);
}

static void cell_coords(struct matrix *m, int i, int *f, int *k, int *d);

static const char *const cell_colour[] = {
	[CELL_PASS] = "#d8f0d8", [CELL_FAIL] = "#f6d0d0",
	[CELL_NA] = "#eeeeee", [CELL_ERROR] = "#f0e0a0",
};

static const char *const claim_word[] = {
	[CLAIM_HELD] = "held", [CLAIM_BROKEN] = "BROKEN",
	[CLAIM_OPEN] = "not contradicted",
	[CLAIM_UNCHECKED] = "unchecked (no cell hosts it)",
};

static const char *const claim_class[] = {
	[CLAIM_HELD] = "held", [CLAIM_BROKEN] = "broken",
	[CLAIM_OPEN] = "open", [CLAIM_UNCHECKED] = "unchecked",
};

static void html_legend(FILE *o)
{
	fprintf(o, "<h2 id=\"legend\">Legend</h2>\n<table class=\"legend\">"
		"<tr><td style=\"background:%s\">pass</td><td>no oracle "
		"fired in the schedules explored; <i>accepts K</i>: the "
		"design counted routing kind K by design</td></tr>\n"
		"<tr><td style=\"background:%s\">FAIL oracle</td><td>an "
		"oracle fired: the cell links its shrunk trace "
		"(<code>faultsim replay TRACE</code>) and the trace's "
		"schedule timeline</td></tr>\n<tr><td style=\"background:"
		"%s\">n/a</td><td>the design cannot run there (the need is "
		"named)</td></tr>\n<tr><td style=\"background:%s\">ERROR"
		"</td><td>the cell could not run</td></tr>\n<tr><td "
		"class=\"claim broken\">BROKEN</td><td>a claim of the design "
		"that a cell contradicts</td></tr>\n<tr><td class=\"claim "
		"held\">held</td><td>every cell hosting the claim passed; "
		"<i>not contradicted</i>: some stopped at another finding "
		"first</td></tr>\n</table>\n", cell_colour[CELL_PASS],
		cell_colour[CELL_FAIL], cell_colour[CELL_NA],
		cell_colour[CELL_ERROR]);
}

/* Under each design's name: its rationale, then its claims checked */
static void html_design_rows(struct matrix *m, FILE *o)
{
	const struct faultsim_claim *cl;
	char where[400];
	int d, i;

	fputs("<tr class=\"rationale\"><th colspan=\"2\">rationale</th>", o);
	for (d = 0; d < m->nr_designs; d++) {
		i = faultsim_design_find(m->designs[d]);
		fputs("<td><details><summary>why</summary>", o);
		svg_text(o, faultsim_design_rationale(i));
		fputs("</details></td>", o);
	}
	fputs("</tr>\n<tr class=\"claims\"><th colspan=\"2\">claims</th>", o);
	for (d = 0; d < m->nr_designs; d++) {
		i = faultsim_design_find(m->designs[d]);
		fputs("<td><p>", o);
		svg_text(o, faultsim_design_claims(i));
		fputs("</p><ul>", o);
		for (cl = faultsim_design_checked_claims(i); cl && cl->text;
		     cl++) {
			enum claim_verdict v = claim_check(m, d, cl, where,
							   sizeof(where));

			fprintf(o, "<li class=\"claim %s\"><b>%s</b>: ",
				claim_class[v], claim_word[v]);
			svg_text(o, cl->text);
			if (where[0]) {
				fputs(v == CLAIM_BROKEN ?
				      " <i>contradicted by " : " <i>(", o);
				svg_text(o, where);
				fputs(v == CLAIM_BROKEN ? "</i>" : ")</i>", o);
			}
			fputs("</li>", o);
		}
		fputs("</ul></td>", o);
	}
	fputs("</tr>\n", o);
}

/*
 * A failing cell's links: its shrunk trace and its timeline, drawn beside
 * it (a merge's page links where the shards wrote them, as for traces)
 */
static void html_links(struct matrix *m, FILE *o, const struct cell *c)
{
	char svg[1100];

	fputs(" <a class=\"trace\" href=\"", o);
	svg_text(o, c->trace);
	fputs("\">trace</a>", o);
	timeline_name(c->trace, svg, sizeof(svg));
	fputs(" <a class=\"timeline\" href=\"", o);
	svg_text(o, svg);
	fputs("\">timeline</a>", o);
}

/* A finding's kind: its oracle, and routing's kind ("routing: lost") */
static size_t finding_kind_len(const char *f)
{
	size_t n = strcspn(f, ":\n");

	if (n == 7 && !strncmp(f, "routing: ", 9))
		n = 9 + strcspn(f + 9, ":\n");
	return n;
}

/* The findings of every failing cell, grouped by kind, each kind once */
static void html_findings(struct matrix *m, FILE *o)
{
	int total = m->nr_families * m->nr_kconfigs * m->nr_designs;
	int i, j, f, k, d, shown = 0;
	const char *p, *q;
	char fam[128];

	fputs("<h2 id=\"findings\">Findings by kind</h2>\n", o);
	for (i = 0; i < total; i++) {
		const struct cell *c = &m->cells[i];

		if (c->kind != CELL_FAIL)
			continue;
		for (p = c->findings[0] ? c->findings : c->detail; *p;
		     p += strcspn(p, "\n"), p += *p == '\n') {
			size_t n = finding_kind_len(p);
			bool seen = false;

			/* a kind is listed where it first appears */
			for (j = 0; j <= i && !seen; j++) {
				const struct cell *e = &m->cells[j];

				if (e->kind != CELL_FAIL)
					continue;
				for (q = e->findings[0] ? e->findings :
				     e->detail; *q && (j < i || q < p);
				     q += strcspn(q, "\n"), q += *q == '\n')
					if (finding_kind_len(q) == n &&
					    !strncmp(q, p, n)) {
						seen = true;
						break;
					}
			}
			if (seen)
				continue;
			fputs("<section class=\"kind\"><h3>", o);
			svg_text_n(o, p, n);
			fputs("</h3>\n<ul>\n", o);
			for (j = i; j < total; j++) {
				const struct cell *e = &m->cells[j];

				if (e->kind != CELL_FAIL)
					continue;
				for (q = e->findings[0] ? e->findings :
				     e->detail; *q;
				     q += strcspn(q, "\n"), q += *q == '\n') {
					if (finding_kind_len(q) != n ||
					    strncmp(q, p, n))
						continue;
					cell_coords(m, j, &f, &k, &d);
					family_name(m->families[f], fam,
						    sizeof(fam));
					fputs("<li class=\"finding\">", o);
					fprintf(o, "<b>%s</b> / %s / %s: ",
						fam, m->kconfigs[k],
						m->designs[d]);
					fputs("<code>", o);
					svg_text_n(o, q, strcspn(q, "\n"));
					fputs("</code>", o);
					if (e->trace[0])
						html_links(m, o, e);
					fputs("</li>\n", o);
					shown++;
					break;
				}
			}
			fputs("</ul></section>\n", o);
		}
	}
	if (!shown)
		fputs("<p>No oracle fired.</p>\n", o);
}

/*
 * A small horizontal bar chart as inline SVG (no script, no font file):
 * a row per design, its @nr values stacked, scaled to the largest row.
 */
static void svg_bars(FILE *o, const char *id, const char *title,
		     struct matrix *m, const unsigned long long *v, int nr,
		     const char *const *series, const char *const *colour)
{
	unsigned long long max = 1, sum;
	int d, i, w = 360, y;
	double x;

	for (d = 0; d < m->nr_designs; d++) {
		for (sum = 0, i = 0; i < nr; i++)
			sum += v[d * nr + i];
		max = MAX(max, sum);
	}
	fprintf(o, "<figure><svg id=\"%s\" class=\"chart\" "
		"xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" font-size=\"11\" font-family=\"sans-serif\">"
		"<title>", id, MAX(160 + w + 60, 160 + 150 * nr),
		24 + 18 * m->nr_designs + 24);
	svg_text(o, title);
	fputs("</title>\n", o);
	for (d = 0; d < m->nr_designs; d++) {
		y = 8 + 18 * d;
		fprintf(o, "<text x=\"0\" y=\"%d\">", y + 11);
		svg_text(o, m->designs[d]);
		fputs("</text>", o);
		for (x = 160, sum = 0, i = 0; i < nr; i++) {
			double bw = (double)v[d * nr + i] * w / max;

			sum += v[d * nr + i];
			fprintf(o, "<rect class=\"bar\" x=\"%.1f\" y=\"%d\" "
				"width=\"%.1f\" height=\"13\" fill=\"%s\">"
				"<title>%s: %llu</title></rect>", x, y, bw,
				colour[i], series[i], v[d * nr + i]);
			x += bw;
		}
		fprintf(o, "<text x=\"%.1f\" y=\"%d\">%llu</text>\n", x + 4,
			y + 11, sum);
	}
	for (x = 160, i = 0; i < nr; i++, x += 150) {
		y = 12 + 18 * m->nr_designs;
		fprintf(o, "<rect x=\"%.0f\" y=\"%d\" width=\"10\" "
			"height=\"10\" fill=\"%s\"/><text x=\"%.0f\" y=\"%d\">"
			"%s</text>", x, y, colour[i], x + 13, y + 9,
			series[i]);
	}
	fputs("</svg><figcaption>", o);
	svg_text(o, title);
	fputs("</figcaption></figure>\n", o);
}

/* damon-accuracy and report-storm, in order on the first kconfig */
static void html_charts(struct matrix *m, FILE *o)
{
	static const char *const acc_series[] = {
		"accessed, counted", "accessed, missed",
		"counted, not accessed", "neither" };
	static const char *const acc_colour[] = {
		"#2ca02c", "#d62728", "#ff7f0e", "#c7c7c7" };
	static const char *const storm_series[] = {
		"stored", "dropped", "hidden by wrap" };
	static const char *const storm_colour[] = {
		"#1f77b4", "#d62728", "#9467bd" };
	int storm = find_family(m, "report-storm");
	int accuracy = find_family(m, "damon-accuracy");
	unsigned long long v[MAX_DESIGNS * 4] = { 0 };
	int d;

	if (accuracy < 0 && storm < 0)
		return;
	fputs("<h2 id=\"charts\">DAMON figures</h2>\n", o);
	if (accuracy >= 0) {
		for (d = 0; d < m->nr_designs; d++) {
			struct cell *c = cell_at(m, m->inorder, accuracy, 0, d);

			if (c->kind == CELL_NA || !c->judged)
				continue;
			v[d * 4] = c->tp;
			v[d * 4 + 1] = c->fn;
			v[d * 4 + 2] = c->fp;
			v[d * 4 + 3] = c->tn;
		}
		svg_bars(o, "chart-accuracy", "DAMON against the ground "
			 "truth, damon-accuracy (samples; a design without a "
			 "bar is n/a)", m, v, 4, acc_series, acc_colour);
	}
	if (storm >= 0) {
		memset(v, 0, sizeof(v));
		for (d = 0; d < m->nr_designs; d++) {
			struct cell *c = cell_at(m, m->inorder, storm, 0, d);

			if (c->kind == CELL_NA)
				continue;
			v[d * 3] = c->stored;
			v[d * 3 + 1] = c->dropped;
			v[d * 3 + 2] = c->hidden;
		}
		svg_bars(o, "chart-storm", "DAMON reports, report-storm "
			 "(global array)", m, v, 3, storm_series,
			 storm_colour);
	}
}

static void write_html(struct matrix *m, FILE *o)
{
	int f, k, d;
	char buf[64], fam[128], inj[256];

	fprintf(o, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
		"<title>faultsim design matrix</title><style>body{font-family:"
		"sans-serif}table{border-collapse:collapse}td,th{border:1px "
		"solid #999;padding:3px 6px;font-size:13px;vertical-align:"
		"top}.claims ul{margin:0;padding-left:1em}.claim.broken{"
		"background:#f6a0a0}.claim.held{background:#d8f0d8}"
		".claim.open{background:#f4f4d0}details{max-width:22em}"
		"</style></head><body>\n<h1>faultsim design matrix</h1>\n"
		"<p>Strategy %s, %llu schedule(s) per cell at most, seed "
		"%llu, preemption bound %llu. Hover a cell for its findings; "
		"a failing cell links its shrunk trace (<code>faultsim "
		"replay TRACE</code>) and its schedule timeline.</p>\n"
		"<p>Kernel: ",
		m->strategy, (unsigned long long)m->iterations,
		(unsigned long long)m->seed, (unsigned long long)m->bound);
	svg_text(o, FAULTSIM_KTREE);
	fputc('.', o);
	svg_text(o, baseline_note());
	fputs("</p>\n<p id=\"inject\">Injected failures (<code>--inject"
	      "</code>): ", o);
	svg_text(o, inject_note(m, inj, sizeof(inj)));
	fputs(".</p>\n", o);
	html_legend(o);
	fputs("<h2 id=\"cells\">Cells</h2>\n<table id=\"matrix\"><thead>"
	      "<tr><th>family</th><th>kconfig</th>", o);
	for (d = 0; d < m->nr_designs; d++) {
		fputs("<th>", o);
		svg_text(o, m->designs[d]);
		fputs("</th>", o);
	}
	fputs("</tr>\n", o);
	html_design_rows(m, o);
	fputs("</thead><tbody>\n", o);
	for (f = 0; f < m->nr_families; f++) {
		family_name(m->families[f], fam, sizeof(fam));
		for (k = 0; k < m->nr_kconfigs; k++) {
			fputs("<tr><td>", o);
			svg_text(o, fam);
			fputs("</td><td>", o);
			svg_text(o, m->kconfigs[k]);
			fputs("</td>", o);
			for (d = 0; d < m->nr_designs; d++) {
				struct cell *c = cell_at(m, m->cells, f, k, d);

				fprintf(o, "<td class=\"cell\" style=\""
					"background:%s\" title=\"",
					cell_colour[c->kind]);
				svg_text(o, c->findings[0] ? c->findings :
					     c->detail);
				fputs("\">", o);
				svg_text(o, cell_text(m, f, k, d, true, buf,
							  sizeof(buf)));
				if (c->kind == CELL_FAIL && c->trace[0])
					html_links(m, o, c);
				fputs("</td>", o);
			}
			fputs("</tr>\n", o);
		}
	}
	fputs("</tbody></table>\n", o);
	html_findings(m, o);
	html_charts(m, o);
	write_tag_budget(m, o, true);
	fputs("<h2 id=\"summary\">Summary</h2>\n<pre>\n", o);
	{
		char *text = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&text, &len);
		int cut;

		if (!mem)
			sim_out_of_memory("the matrix summary");
		print_summary(m, mem, false);
		cut = ferror(mem);
		if (fclose(mem) || cut)
			sim_out_of_memory("the matrix summary");
		svg_text(o, text);
		free(text);
	}
	fputs("</pre>\n</body></html>\n", o);
}

/*
 * The pool: every cell's exploration (then its shrink, if it failed),
 * every cell's in-order run and every family's pristine reference is a
 * task, run in a forked worker of its own (the commands it runs are
 * child processes already), at most --jobs at once.  A worker hands its
 * struct cell back over a pipe; where it lands depends on the task
 * alone, never on which finished first, so the reports do not depend on
 * --jobs.  Shrinks go first: they are most of a matrix's time.
 */
enum task_kind { TASK_EXPLORE, TASK_SHRINK, TASK_INORDER, TASK_PRISTINE };

struct task {
	enum task_kind kind;
	int index;		/* the cell, or the family of TASK_PRISTINE */
};

struct pool {
	struct task *todo;	/* the explorations and in-order runs */
	int nr_todo, next;
	struct task *shrinks;	/* a queue, ahead of todo */
	int nr_shrinks, next_shrink;
	/* [cell]: the cell whose shrink it waits for, or -1 */
	int *waits_on;
	bool *shrinking;	/* [cell]: its shrink is queued or running */
	bool *shrunk;		/* [cell]: its shrink is done */
	/*
	 * [cell]: explored; failed and waiting to know its twin (below);
	 * its trace is final (shrunk, copied, or left as found)
	 */
	bool *explored, *deferred, *settled;
	int cells_done;
};

static void cell_coords(struct matrix *m, int i, int *f, int *k, int *d)
{
	*d = i % m->nr_designs;
	*k = i / m->nr_designs % m->nr_kconfigs;
	*f = i / m->nr_designs / m->nr_kconfigs;
}

static struct cell *task_cell(struct matrix *m, const struct task *t)
{
	switch (t->kind) {
	case TASK_EXPLORE:
	case TASK_SHRINK:
		return &m->cells[t->index];
	case TASK_INORDER:
		return &m->inorder[t->index];
	case TASK_PRISTINE:
		break;
	}
	return &m->pristine[t->index];
}

/* In the worker: the task's cell, as the one-process matrix made it */
static void task_run(struct matrix *m, const struct task *t)
{
	int f, k, d;
	char bin[4096];

	cell_coords(m, t->index, &f, &k, &d);
	switch (t->kind) {
	case TASK_EXPLORE:
		explore_cell(m, f, k, d);
		break;
	case TASK_SHRINK:
		binary_of(m->kconfigs[k], bin, sizeof(bin));
		shrink_cell_trace(m, &m->cells[t->index], bin);
		break;
	case TASK_INORDER:
		inorder_cell(m, f, k, d);
		break;
	case TASK_PRISTINE:
		pristine_cell(m, t->index);
		break;
	}
}

struct worker {
	pid_t pid;
	int fd;
	struct task task;
};

/* A worker for @t: its cell comes back on worker->fd */
static int task_start(struct matrix *m, const struct task *t,
		      struct worker *w)
{
	int fds[2];

	if (pipe(fds))
		return -1;
	fflush(NULL);
	w->pid = fork();
	if (w->pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (!w->pid) {
		const char *p;
		size_t left = sizeof(struct cell);
		ssize_t n;

		close(fds[0]);
		task_run(m, t);
		p = (const char *)task_cell(m, t);
		for (; left; p += n, left -= n) {
			n = write(fds[1], p, left);
			if (n <= 0)
				_exit(1);
		}
		_exit(0);
	}
	close(fds[1]);
	w->fd = fds[0];
	w->task = *t;
	return 0;
}

/* The worker's cell read into place; an error cell if it died */
static void task_finish(struct matrix *m, struct worker *w)
{
	struct cell c, *dst = task_cell(m, &w->task);
	size_t got = 0;
	ssize_t n;

	while (got < sizeof(c)) {
		n = read(w->fd, (char *)&c + got, sizeof(c) - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	close(w->fd);
	while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
		;
	if (got == sizeof(c)) {
		*dst = c;
		return;
	}
	if (w->task.kind == TASK_SHRINK) {
		/* the trace as found, as a failed shrink leaves it */
		snprintf(dst->trace, sizeof(dst->trace), "%s",
			 dst->found + strlen(m->out_dir) + 1);
		return;
	}
	memset(dst, 0, sizeof(*dst));
	dst->kind = CELL_ERROR;
	snprintf(dst->detail, sizeof(dst->detail), "its worker died");
}

static void cell_counted(struct matrix *m, struct pool *p, bool show)
{
	int total = m->nr_families * m->nr_kconfigs * m->nr_designs;

	if (show)
		fprintf(stderr, "\rmatrix: cell %d/%d", ++p->cells_done, total);
}

/* A shrink done: the cells that wait for it take its result */
static void shrink_done(struct matrix *m, struct pool *p, int i, bool show)
{
	int total = m->nr_families * m->nr_kconfigs * m->nr_designs, j;
	int f, k, d;
	char bin[4096];

	p->shrunk[i] = true;
	p->settled[i] = true;
	cell_counted(m, p, show);
	for (j = 0; j < total; j++) {
		if (p->waits_on[j] != i)
			continue;
		p->settled[j] = true;
		shrink_copied(m, &m->cells[j], &m->cells[i]);
		cell_coords(m, j, &f, &k, &d);
		binary_of(m->kconfigs[k], bin, sizeof(bin));
		draw_timeline(m, &m->cells[j], bin);
		p->waits_on[j] = -1;
		cell_counted(m, p, show);
	}
}

/* An exploration done: a failure is shrunk, or waits for its twin's */
static void explore_done(struct matrix *m, struct pool *p, int i,
			 bool show)
{
	int total = m->nr_families * m->nr_kconfigs * m->nr_designs, j;
	struct cell *c = &m->cells[i];

	p->explored[i] = true;
	if (c->kind != CELL_FAIL || !c->found[0]) {
		p->settled[i] = true;
		cell_counted(m, p, show);
		return;
	}
	for (j = 0; c->key[0] && j < total; j++) {
		if (j == i || (!p->shrinking[j] && !p->shrunk[j]) ||
		    strcmp(m->cells[j].key, c->key))
			continue;
		if (p->shrunk[j]) {
			p->settled[i] = true;
			shrink_copied(m, c, &m->cells[j]);
			cell_counted(m, p, show);
		} else {
			p->waits_on[i] = j;
		}
		return;
	}
	p->deferred[i] = true;
}

/*
 * Identical failures shrunk once: a failing cell's twin is the same
 * family and design under the first kconfig before its own whose cell
 * failed with the same oracle.  The cell waits until every earlier
 * kconfig's cell of its row is explored and the twin's trace is final,
 * then shrinks from the twin's shrunk trace (shrink --hint: used only if
 * it fails the same way here).  Who the twin is depends on the cells
 * alone, never on which task finished first: the reports do not depend
 * on --jobs.  Cells of other shards are never twins.
 */
static bool in_shard(const struct matrix *m, int i);

static bool twin_known(struct matrix *m, struct pool *p, int i, int *twin)
{
	int f, k, d, k2, j;

	cell_coords(m, i, &f, &k, &d);
	*twin = -1;
	for (k2 = 0; k2 < k; k2++) {
		j = (f * m->nr_kconfigs + k2) * m->nr_designs + d;
		if (in_shard(m, j) && !p->explored[j])
			return false;
	}
	for (k2 = 0; k2 < k; k2++) {
		const struct cell *c;

		j = (f * m->nr_kconfigs + k2) * m->nr_designs + d;
		c = &m->cells[j];
		/* a trace of the other encoding is no hint (shrink --hint) */
		if (kconfig_arm64(m->kconfigs[k2]) !=
		    kconfig_arm64(m->kconfigs[k]))
			continue;
		if (!in_shard(m, j) || c->kind != CELL_FAIL || !c->found[0] ||
		    strcmp(c->oracle, m->cells[i].oracle))
			continue;
		if (!p->settled[j])
			return false;
		*twin = j;
		return true;
	}
	return true;
}

/* The deferred cells whose twin is known: their shrinks, queued */
static int queue_shrinks(struct matrix *m, struct pool *p, bool force)
{
	int total = m->nr_families * m->nr_kconfigs * m->nr_designs, i;
	int twin, queued = 0;
	size_t n;

	for (i = 0; i < total; i++) {
		const char *t;

		if (!p->deferred[i])
			continue;
		if (!twin_known(m, p, i, &twin)) {
			if (!force)
				continue;
			twin = -1;
		}
		p->deferred[i] = false;
		m->cells[i].hint = 0;
		if (twin >= 0) {
			/* a twin whose shrink failed has no shrunk trace */
			t = m->cells[twin].trace;
			n = strlen(t);
			if (n > 12 && !strcmp(t + n - 12, ".shrunk.json"))
				m->cells[i].hint = twin + 1;
		}
		p->shrinking[i] = true;
		p->shrinks[p->nr_shrinks++] = (struct task){ TASK_SHRINK, i };
		queued++;
	}
	return queued;
}

/* The next task to start, or NULL */
static struct task *task_next(struct pool *p)
{
	if (p->next_shrink < p->nr_shrinks)
		return &p->shrinks[p->next_shrink++];
	if (p->next < p->nr_todo)
		return &p->todo[p->next++];
	return NULL;
}

/* Cell (or family) @i is --shard K/N's: i mod N = K-1 */
static bool in_shard(const struct matrix *m, int i)
{
	return !m->shard.count ||
	       (uint64_t)i % m->shard.count == m->shard.index - 1;
}

static void matrix_pool(struct matrix *m, bool show)
{
	int total = m->nr_families * m->nr_kconfigs * m->nr_designs;
	int nr_jobs = (int)m->jobs, running = 0, i, f;
	struct worker *w = calloc(nr_jobs, sizeof(*w));
	struct pollfd *pfd = calloc(nr_jobs, sizeof(*pfd));
	struct pool p = {
		.todo = calloc(2 * total + m->nr_families, sizeof(*p.todo)),
		.shrinks = calloc(total, sizeof(*p.shrinks)),
		.waits_on = malloc(total * sizeof(int)),
		.shrinking = calloc(total, sizeof(bool)),
		.shrunk = calloc(total, sizeof(bool)),
		.explored = calloc(total, sizeof(bool)),
		.deferred = calloc(total, sizeof(bool)),
		.settled = calloc(total, sizeof(bool)),
	};
	struct task *t;

	if (!w || !pfd || !p.todo || !p.shrinks || !p.waits_on ||
	    !p.shrinking || !p.shrunk || !p.explored || !p.deferred ||
	    !p.settled)
		sim_out_of_memory("the matrix's tasks");
	for (i = 0; i < total; i++) {
		p.waits_on[i] = -1;
		if (!in_shard(m, i))
			continue;
		p.todo[p.nr_todo++] = (struct task){ TASK_EXPLORE, i };
		p.todo[p.nr_todo++] = (struct task){ TASK_INORDER, i };
	}
	for (f = 0; f < m->nr_families; f++)
		if (in_shard(m, f))
			p.todo[p.nr_todo++] = (struct task){ TASK_PRISTINE, f };
	for (;;) {
		while (running < nr_jobs && (t = task_next(&p))) {
			if (task_start(m, t, &w[running])) {
				/* no process for it: run it here */
				task_run(m, t);
				if (t->kind == TASK_EXPLORE)
					explore_done(m, &p, t->index, show);
				else if (t->kind == TASK_SHRINK)
					shrink_done(m, &p, t->index, show);
				queue_shrinks(m, &p, false);
				continue;
			}
			running++;
		}
		/*
		 * Nothing runs: every twin is known.  Were a cell still
		 * waiting, it is shrunk from its own trace, never left out.
		 */
		if (running <= 0 && !queue_shrinks(m, &p, true))
			break;
		if (running <= 0)
			continue;
		for (i = 0; i < running; i++)
			pfd[i] = (struct pollfd){ .fd = w[i].fd,
						  .events = POLLIN };
		if (poll(pfd, (nfds_t)running, -1) < 0) {
			if (errno == EINTR)
				continue;
			sim_out_of_memory("poll() on the matrix's workers");
		}
		for (i = running - 1; i >= 0; i--) {
			struct task done;

			if (!pfd[i].revents)
				continue;
			done = w[i].task;
			task_finish(m, &w[i]);
			w[i] = w[--running];
			if (done.kind == TASK_EXPLORE)
				explore_done(m, &p, done.index, show);
			else if (done.kind == TASK_SHRINK)
				shrink_done(m, &p, done.index, show);
		}
		queue_shrinks(m, &p, false);
	}
	for (i = 0; i < total; i++) {
		m->shrinks_run += p.shrunk[i];
		m->shrinks_from_twin += p.shrunk[i] && m->cells[i].hinted;
	}
	if (show)
		fprintf(stderr, "\rmatrix: %d shrinks, %d of them from a twin "
			"cell's shrunk trace\n", m->shrinks_run,
			m->shrinks_from_twin);
	free(w);
	free(pfd);
	free(p.todo);
	free(p.shrinks);
	free(p.waits_on);
	free(p.shrinking);
	free(p.shrunk);
	free(p.explored);
	free(p.deferred);
	free(p.settled);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * --inject in each family: the kinds it allows of those armed (a family
 * without "injections" runs as without --inject).  A family that does
 * not load fails here, as its cells would.
 */
static int families_inject(struct matrix *m)
{
	struct scenario *s;
	char path[4096], err[512];
	int f;

	for (f = 0; f < m->nr_families; f++) {
		m->family_inject[f] = 0;
		if (!m->inject)
			continue;
		snprintf(path, sizeof(path), "%s/%s", m->dir, m->families[f]);
		if (scenario_load_file(path, &s, err, sizeof(err)))
			return cli_usage_error("%s", err);
		m->family_inject[f] = m->inject & s->injections;
		scenario_free(s);
	}
	return EXIT_OK;
}

static int load_families(struct matrix *m)
{
	DIR *dir = opendir(m->dir);
	struct dirent *e;

	if (!dir)
		return cli_usage_error("matrix: cannot read the scenario "
				       "families in %s: %s", m->dir,
				       strerror(errno));
	while ((e = readdir(dir))) {
		size_t n = strlen(e->d_name);

		if (n <= 5 || strcmp(e->d_name + n - 5, ".json"))
			continue;
		if (m->nr_families == MAX_FAMILIES)
			break;
		m->families[m->nr_families] = strdup(e->d_name);
		if (!m->families[m->nr_families++])
			sim_out_of_memory("the list of scenario families");
	}
	closedir(dir);
	if (!m->nr_families)
		return cli_usage_error("matrix: no scenario families (*.json) "
				       "in %s", m->dir);
	qsort(m->families, m->nr_families, sizeof(char *), by_name);
	return families_inject(m);
}

/* "a,b,c" (or "a b c") into @out: pointers into @list, modified */
static int split_list(char *list, const char **out, int max)
{
	int n = 0;
	char *tok, *save = NULL;

	for (tok = strtok_r(list, ", ", &save); tok && n < max;
	     tok = strtok_r(NULL, ", ", &save))
		out[n++] = tok;
	return n;
}

static int matrix_opt(void *ctx, const struct cli_option *opt,
		      const char *val)
{
	struct matrix *m = ctx;

	if (!opt)
		return cli_usage_error("matrix: unexpected argument '%s' (see "
				       "faultsim matrix --help)", val);
	switch (opt->id) {
	case OPT_STRATEGY:
		if (!cli_value_ok(opt, val))
			return cli_bad_value(opt);
		m->strategy = val;
		break;
	case OPT_ITERATIONS:
		return cli_opt_u64(opt, val, 1, UINT64_MAX, &m->iterations);
	case OPT_SEED:
		return cli_opt_u64(opt, val, 0, UINT64_MAX, &m->seed);
	case OPT_BOUND:
		return cli_opt_u64(opt, val, 0, 64, &m->bound);
	case OPT_OUT:
		return cli_opt_str(opt, val, &m->out_dir);
	case OPT_SCENARIOS:
		return cli_opt_str(opt, val, &m->dir);
	case OPT_DESIGNS:
		return cli_opt_str(opt, val, &m->designs_arg);
	case OPT_KCONFIGS:
		return cli_opt_str(opt, val, &m->kconfigs_arg);
	case OPT_ARCH:
		return cli_opt_str(opt, val, &m->arch_arg);
	case OPT_JOBS:
		return cli_opt_u64(opt, val, 1, MATRIX_MAX_JOBS, &m->jobs);
	case OPT_SHARD:
		if (!shard_parse(val, &m->shard))
			return cli_bad_value(opt);
		break;
	case OPT_JSON:
		results_option_name("--json");
		return cli_opt_str(opt, val, &m->result);
	case OPT_RESULT:
		return cli_opt_str(opt, val, &m->result);
	case OPT_QUIET:
		m->quiet = true;
		break;
	case OPT_INJECT: {
		char bad[64];

		if (!val || kshim_inject_parse(val, &m->inject, bad,
					       sizeof(bad)))
			return cli_usage_error(
				"--inject: unknown injection '%s' (faultsim "
				"list injections)", val ? bad : "");
		break;
	}
	}
	return EXIT_OK;
}

/* @name is among the first @n of @list */
static bool list_has(const char *const *list, int n, const char *name)
{
	while (n--)
		if (!strcmp(list[n], name))
			return true;
	return false;
}

/*
 * --arch LIST: x86_64 keeps the kconfig rows, arm64 adds KCONFIG@arm64
 * after them (arm64 alone: only those).  Checked, each arch once.
 */
static int matrix_arches(struct matrix *m)
{
	char *list, *tok, *save = NULL;
	bool x86 = false, arm64 = false;
	enum kshim_arch a;
	int i, n = m->nr_kconfigs;

	if (!m->arch_arg)
		return 0;
	list = strdup(m->arch_arg);
	if (!list)
		sim_out_of_memory("the list of arches");
	for (tok = strtok_r(list, ", ", &save); tok;
	     tok = strtok_r(NULL, ", ", &save)) {
		if (kshim_arch_parse(tok, &a)) {
			int ret = cli_usage_error("matrix: --arch: unknown arch "
						  "'%s' (x86_64 or arm64)", tok);

			free(list);
			return ret;
		}
		if (a == KSHIM_ARCH_ARM64 ? arm64 : x86) {
			free(list);
			return cli_usage_error("matrix: arch '%s' named twice",
					       kshim_arch_name(a));
		}
		*(a == KSHIM_ARCH_ARM64 ? &arm64 : &x86) = true;
	}
	free(list);
	if (!x86 && !arm64)
		return cli_usage_error("matrix: --arch: no arch");
	m->arm64 = arm64;
	if (!arm64)
		return 0;
	for (i = 0; i < n; i++) {
		char *row = m->arm64_rows[i];

		/* a kconfig name is at most 31 bytes (a trace's "kconfig") */
		snprintf(row, sizeof(m->arm64_rows[i]), "%s" ARM64_SUFFIX,
			 m->kconfigs[i]);
		m->kconfigs[x86 ? n + i : i] = row;
	}
	if (x86)
		m->nr_kconfigs = 2 * n;
	return 0;
}

/* --kconfigs and --designs (default: all), checked */
static int matrix_lists(struct matrix *m)
{
	int i;

	m->lists = strdup(m->kconfigs_arg ? m->kconfigs_arg :
			  FAULTSIM_KCONFIGS);
	if (!m->lists)
		sim_out_of_memory("the list of kconfigs");
	m->nr_kconfigs = split_list(m->lists, m->kconfigs, MAX_KCONFIGS);
	for (i = 0; i < m->nr_kconfigs; i++)
		if (!cli_kconfig_known(m->kconfigs[i]))
			return cli_usage_error("matrix: unknown kconfig '%s' "
					       "(one of: %s)", m->kconfigs[i],
					       FAULTSIM_KCONFIGS);
	if (matrix_arches(m))
		return EXIT_USAGE;
	if (m->designs_arg) {
		m->designs_list = strdup(m->designs_arg);
		if (!m->designs_list)
			sim_out_of_memory("the list of designs");
		m->nr_designs = split_list(m->designs_list, m->designs,
					   MAX_DESIGNS);
	} else {
		for (i = 0; i < (int)faultsim_design_count() &&
			    i < MAX_DESIGNS; i++)
			m->designs[m->nr_designs++] = faultsim_design_name(i);
	}
	for (i = 0; i < m->nr_designs; i++)
		if (faultsim_design_find(m->designs[i]) < 0)
			return cli_usage_error("matrix: unknown design '%s' "
					       "(see faultsim list designs)",
					       m->designs[i]);
	if (!m->nr_kconfigs || !m->nr_designs)
		return cli_usage_error("matrix: no kconfig or no design");
	/* a twice-named one would write its cells' traces twice, at once */
	for (i = 0; i < m->nr_kconfigs; i++)
		if (list_has(m->kconfigs, i, m->kconfigs[i]))
			return cli_usage_error("matrix: kconfig '%s' named "
					       "twice", m->kconfigs[i]);
	for (i = 0; i < m->nr_designs; i++)
		if (list_has(m->designs, i, m->designs[i]))
			return cli_usage_error("matrix: design '%s' named "
					       "twice", m->designs[i]);
	return EXIT_OK;
}

static int parse_matrix_opts(int argc, char **argv, struct matrix *m)
{
	static char families[PATH_MAX];
	int ret;

	snprintf(families, sizeof(families), "%s/matrix", cli_scenario_dir());
	*m = (struct matrix){ .out_dir = "faultsim-matrix",
			      .strategy = "random", .iterations = 100,
			      .seed = 1, .bound = 2, .dir = families,
			      .jobs = cli_online_cores() };
	ret = cli_parse(cli_command_find("matrix"), argc, argv, matrix_opt, m);
	if (!ret && m->shard.count && !m->result)
		return cli_usage_error("matrix: --shard needs --result FILE (for "
				       "faultsim merge)");
	if (!ret && m->result)
		ret = results_check_output(m->result);
	return ret ? ret : matrix_lists(m);
}

static int write_file(struct matrix *m, const char *name,
		      void (*fn)(struct matrix *, FILE *))
{
	char path[1200];
	FILE *o;

	snprintf(path, sizeof(path), "%s/%s", m->out_dir, name);
	o = fopen(path, "w");
	if (!o)
		return cli_usage_error("matrix: cannot write %s: %s", path,
				       strerror(errno));
	fn(m, o);
	if (fclose(o))
		return cli_usage_error("matrix: cannot write %s: %s", path,
				       strerror(errno));
	return EXIT_OK;
}

static void matrix_free(struct matrix *m)
{
	int f;

	for (f = 0; f < m->nr_families; f++)
		free(m->families[f]);
	free(m->lists);
	free(m->designs_list);
	free(m->cells);
	free(m->inorder);
	free(m->pristine);
}

/* ---- result files (docs/results-schema.md) ---- */

static const char *const kind_names[] = {
	[CELL_PASS] = "pass", [CELL_FAIL] = "fail", [CELL_NA] = "n/a",
	[CELL_ERROR] = "error",
};

static json_object *str_array(const char *const *v, int n)
{
	json_object *a = json_object_new_array();
	int i, bad = !a;

	for (i = 0; a && i < n; i++)
		bad |= json_object_array_add(a, json_object_new_string(v[i]));
	if (bad) {
		json_object_put(a);
		return NULL;
	}
	return a;
}

/* --inject's kinds as names, in table order; [] when none is armed */
static json_object *inject_array(uint32_t mask)
{
	json_object *a = json_object_new_array();
	const struct kshim_inject_info *in;
	unsigned int i;

	for (i = 0; a && (in = kshim_inject_info(i)); i++)
		if ((mask & (1U << i)) &&
		    json_object_array_add(a, json_object_new_string(in->name))) {
			json_object_put(a);
			return NULL;
		}
	return a;
}

/* What merge checks every shard shares: the matrix asked for */
static json_object *matrix_options(struct matrix *m)
{
	json_object *o = json_object_new_object();
	int bad = !o;

	if (bad)
		return NULL;
	bad |= results_add(o, "scenarios", json_object_new_string(m->dir));
	bad |= results_add(o, "families", str_array((const char *const *)m->families,
					     m->nr_families));
	bad |= results_add(o, "kconfigs", str_array(m->kconfigs, m->nr_kconfigs));
	bad |= results_add(o, "designs", str_array(m->designs, m->nr_designs));
	bad |= results_add(o, "strategy", json_object_new_string(m->strategy));
	bad |= results_add(o, "iterations", json_object_new_uint64(m->iterations));
	bad |= results_add(o, "seed", json_object_new_uint64(m->seed));
	bad |= results_add(o, "preemption_bound", json_object_new_uint64(m->bound));
	bad |= results_add(o, "inject", inject_array(m->inject));
	if (bad) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* The numbers of a cell, by name, as a result file has them */
#define CELL_NUMBERS(X) X(schedules) X(reported) X(stored) X(dropped) \
	X(hidden) X(ring_stored) X(ring_dropped) X(tp) X(fn) X(fp) X(tn) \
	X(hint_faults) X(virtual_ns)

static json_object *cell_json(const struct cell *c)
{
	json_object *o = json_object_new_object();
	int bad = !o;

	if (bad)
		return NULL;
	bad |= results_add(o, "kind", json_object_new_string(kind_names[c->kind]));
	bad |= results_add(o, "oracle", json_object_new_string(c->oracle));
	bad |= results_add(o, "detail", json_object_new_string(c->detail));
	if (c->findings[0])	/* the page lists them: a merge keeps them */
		bad |= results_add(o, "findings",
				   json_object_new_string(c->findings));
	bad |= results_add(o, "trace", json_object_new_string(c->trace));
	bad |= results_add(o, "state", json_object_new_string(c->state));
	bad |= results_add(o, "judged", json_object_new_boolean(c->judged));
	bad |= results_add(o, "accepted", json_object_new_string(c->accepted));
#define X(f) bad |= results_add(o, #f, json_object_new_uint64(c->f));
	CELL_NUMBERS(X)
#undef X
	if (bad) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static void copy_str(char *dst, size_t len, json_object *o,
		     const char *key)
{
	const char *v = results_str(o, key);

	snprintf(dst, len, "%s", v ? v : "");
}

/* A cell back; false if it is no cell */
static bool cell_from_json(json_object *o, struct cell *c)
{
	const char *kind = o ? results_str(o, "kind") : NULL;
	json_object *v;
	unsigned int k;

	memset(c, 0, sizeof(*c));
	for (k = 0; kind && k < sizeof(kind_names) / sizeof(*kind_names); k++)
		if (!strcmp(kind, kind_names[k]))
			break;
	if (!kind || k == sizeof(kind_names) / sizeof(*kind_names))
		return false;
	c->kind = k;
	copy_str(c->oracle, sizeof(c->oracle), o, "oracle");
	copy_str(c->detail, sizeof(c->detail), o, "detail");
	copy_str(c->findings, sizeof(c->findings), o, "findings");
	copy_str(c->trace, sizeof(c->trace), o, "trace");
	copy_str(c->state, sizeof(c->state), o, "state");
	copy_str(c->accepted, sizeof(c->accepted), o, "accepted");
	c->judged = json_object_object_get_ex(o, "judged", &v) &&
		    json_object_get_boolean(v);
#define X(f) c->f = results_u64(o, #f);
	CELL_NUMBERS(X)
#undef X
	return true;
}

static int shard_cells(struct matrix *m)
{
	int total = m->nr_families * m->nr_kconfigs * m->nr_designs, i, n = 0;

	for (i = 0; i < total; i++)
		n += in_shard(m, i);
	return n;
}

/* This shard's cells (all without --shard), and where their traces are */
static json_object *matrix_result_json(struct matrix *m)
{
	int total = m->nr_families * m->nr_kconfigs * m->nr_designs, i;
	json_object *o = json_object_new_object(), *cells, *pristine, *shrinks;
	int bad = !o;

	cells = json_object_new_array();
	pristine = json_object_new_array();
	for (i = 0; cells && i < total; i++) {
		json_object *c;

		if (!in_shard(m, i))
			continue;
		c = json_object_new_object();
		bad |= !c || results_add(c, "index", json_object_new_int(i)) ||
		       results_add(c, "explore", cell_json(&m->cells[i])) ||
		       results_add(c, "inorder", cell_json(&m->inorder[i])) ||
		       json_object_array_add(cells, c);
	}
	for (i = 0; pristine && i < m->nr_families; i++) {
		json_object *c;

		if (!in_shard(m, i))
			continue;
		c = json_object_new_object();
		bad |= !c || results_add(c, "family", json_object_new_int(i)) ||
		       results_add(c, "cell", cell_json(&m->pristine[i])) ||
		       json_object_array_add(pristine, c);
	}
	if (o) {
		bad |= results_add(o, "out", json_object_new_string(m->out_dir));
		bad |= results_add(o, "cells", cells);
		bad |= results_add(o, "pristine", pristine);
		shrinks = json_object_new_object();
		bad |= !shrinks ||
		       results_add(shrinks, "run",
				   json_object_new_int(m->shrinks_run)) ||
		       results_add(shrinks, "from_twin",
				   json_object_new_int(m->shrinks_from_twin)) ||
		       results_add(o, "shrinks", shrinks);
	}
	if (bad) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* "families", "kconfigs" or "designs" of the options into @out */
static int str_list(json_object *opts, const char *key, const char **out,
		    int max)
{
	json_object *a;
	int i, n;

	if (!json_object_object_get_ex(opts, key, &a) ||
	    !json_object_is_type(a, json_type_array))
		return -1;
	n = (int)json_object_array_length(a);
	if (n < 1 || n > max)
		return -1;
	for (i = 0; i < n; i++) {
		json_object *v = json_object_array_get_idx(a, i);

		if (!json_object_is_type(v, json_type_string))
			return -1;
		out[i] = json_object_get_string(v);
	}
	return n;
}

/*
 * The options' "inject" as a mask; 0 when the file has none (written
 * before it was recorded), -1 when it is not a list of known kinds.
 */
static int inject_mask(json_object *opts, uint32_t *mask)
{
	json_object *a, *v;
	const char *name;
	size_t i, n;
	int k;

	*mask = 0;
	if (!json_object_object_get_ex(opts, "inject", &a))
		return 0;
	if (!json_object_is_type(a, json_type_array))
		return -1;
	n = json_object_array_length(a);
	for (i = 0; i < n; i++) {
		v = json_object_array_get_idx(a, i);
		if (!json_object_is_type(v, json_type_string))
			return -1;
		name = json_object_get_string(v);
		k = kshim_inject_find(name, strlen(name));
		if (k < 0)
			return -1;
		*mask |= 1U << k;
	}
	return 0;
}

/* The cells of one shard into @m; -1 on a cell that is no cell */
static int merge_cells(struct matrix *m, json_object *res, bool *seen,
		       bool *seen_family)
{
	int total = m->nr_families * m->nr_kconfigs * m->nr_designs;
	json_object *a, *p;
	size_t i;

	if (!json_object_object_get_ex(res, "cells", &a) ||
	    !json_object_is_type(a, json_type_array) ||
	    !json_object_object_get_ex(res, "pristine", &p) ||
	    !json_object_is_type(p, json_type_array))
		return -1;
	for (i = 0; i < json_object_array_length(a); i++) {
		json_object *c = json_object_array_get_idx(a, i), *e, *n;
		int k = (int)results_u64(c, "index");

		if (k < 0 || k >= total || seen[k] ||
		    !json_object_object_get_ex(c, "explore", &e) ||
		    !json_object_object_get_ex(c, "inorder", &n) ||
		    !cell_from_json(e, &m->cells[k]) ||
		    !cell_from_json(n, &m->inorder[k]))
			return -1;
		seen[k] = true;
	}
	for (i = 0; i < json_object_array_length(p); i++) {
		json_object *c = json_object_array_get_idx(p, i), *e;
		int f = (int)results_u64(c, "family");

		if (f < 0 || f >= m->nr_families || seen_family[f] ||
		    !json_object_object_get_ex(c, "cell", &e) ||
		    !cell_from_json(e, &m->pristine[f]))
			return -1;
		seen_family[f] = true;
	}
	return 0;
}

/* The table, the summary, matrix.md and matrix.html; the exit status */
static int matrix_report(struct matrix *m)
{
	int total = m->nr_families * m->nr_kconfigs * m->nr_designs, n, ret;
	bool failed = false;

	for (n = 0; n < total; n++)
		failed |= m->cells[n].kind == CELL_ERROR;
	print_terminal(m, stdout);
	print_summary(m, stdout, false);
	ret = write_file(m, "matrix.md", write_markdown);
	if (!ret)
		ret = write_file(m, "matrix.html", write_html);
	if (!ret)
		printf("\nmatrix: %s/matrix.md, %s/matrix.html\n", m->out_dir,
		       m->out_dir);
	/* failing cells are the result; a cell that could not run is not */
	if (!ret && failed)
		ret = EXIT_FINDING;
	return ret;
}

static void matrix_alloc(struct matrix *m)
{
	int total = m->nr_families * m->nr_kconfigs * m->nr_designs;

	m->cells = calloc(total, sizeof(*m->cells));
	m->inorder = calloc(total, sizeof(*m->inorder));
	m->pristine = calloc(m->nr_families, sizeof(*m->pristine));
	if (!m->cells || !m->inorder || !m->pristine)
		sim_out_of_memory("the matrix's %d cells", total);
}

int cli_matrix(int argc, char **argv)
{
	struct shard whole = { 1, 1 };
	struct matrix m;
	json_object *j;
	int total, ret;
	bool show;

	ret = parse_matrix_opts(argc, argv, &m);
	if (!ret)
		ret = load_families(&m);
	/* before the cells: an unusable --out would lose them all */
	if (!ret)
		ret = cli_out_dir(m.out_dir, MATRIX_OUT_MAX);
	if (ret)
		goto out;
	total = m.nr_families * m.nr_kconfigs * m.nr_designs;
	matrix_alloc(&m);
	/* a cell counter on a terminal only: a log gets no \r */
	show = !m.quiet && isatty(STDERR_FILENO);
	matrix_pool(&m, show);
	if (show)
		fputc('\n', stderr);
	if (m.result) {
		j = results_file_json("matrix", matrix_options(&m),
				      m.shard.count ? &m.shard : &whole,
				      matrix_result_json(&m));
		ret = results_write(j, m.result);
		json_object_put(j);
		if (ret)
			goto out;
	}
	if (m.shard.count)
		printf("matrix shard %" PRIu64 "/%" PRIu64 ": %d of %d cells\n"
		       "result: %s (faultsim merge)\n", m.shard.index,
		       m.shard.count, shard_cells(&m), total, m.result);
	else
		ret = matrix_report(&m);
out:
	matrix_free(&m);
	return ret;
}

/* faultsim merge of matrix shards: the matrix one process reports */
int cli_matrix_merge(int nr, json_object **files, const char *out_dir)
{
	json_object *opts, *res;
	struct matrix m = { 0 };
	const char *fams[MAX_FAMILIES];
	bool *seen = NULL, *seen_family = NULL;
	int i, total, ret = EXIT_USAGE;

	json_object_object_get_ex(files[0], "options", &opts);
	json_object_object_get_ex(files[0], "result", &res);
	m.strategy = results_str(opts, "strategy");
	m.dir = results_str(opts, "scenarios");
	m.iterations = results_u64(opts, "iterations");
	m.seed = results_u64(opts, "seed");
	m.bound = results_u64(opts, "preemption_bound");
	if (inject_mask(opts, &m.inject))
		return cli_usage_error("merge: the matrix's \"inject\" is "
				       "not a list of injections");
	m.out_dir = out_dir ? out_dir : results_str(res, "out");
	m.nr_families = str_list(opts, "families", fams, MAX_FAMILIES);
	m.nr_kconfigs = str_list(opts, "kconfigs", m.kconfigs, MAX_KCONFIGS);
	for (i = 0; i < m.nr_kconfigs; i++)
		if (kconfig_arm64(m.kconfigs[i]))
			m.arm64 = true;
	m.nr_designs = str_list(opts, "designs", m.designs, MAX_DESIGNS);
	if (!m.strategy || !m.dir || !m.out_dir || m.nr_families < 0 ||
	    m.nr_kconfigs < 0 || m.nr_designs < 0)
		return cli_usage_error("merge: the matrix options are not "
				       "whole");
	for (i = 0; i < m.nr_designs; i++)
		if (faultsim_design_find(m.designs[i]) < 0)
			return cli_usage_error("merge: design '%s' is not in "
					       "this faultsim", m.designs[i]);
	for (i = 0; i < m.nr_families; i++) {
		m.families[i] = strdup(fams[i]);
		if (!m.families[i])
			sim_out_of_memory("the families");
	}
	total = m.nr_families * m.nr_kconfigs * m.nr_designs;
	matrix_alloc(&m);
	seen = calloc(total, sizeof(bool));
	seen_family = calloc(m.nr_families, sizeof(bool));
	if (!seen || !seen_family)
		sim_out_of_memory("the matrix's cells");
	for (i = 0; i < nr; i++) {
		json_object_object_get_ex(files[i], "result", &res);
		if (merge_cells(&m, res, seen, seen_family)) {
			cli_usage_error("merge: shard %d: its cells are not "
					"the matrix's", i + 1);
			goto out;
		}
	}
	for (i = 0; i < total; i++)
		if (!seen[i]) {
			cli_usage_error("merge: cell %d is in no shard", i);
			goto out;
		}
	ret = cli_out_dir(m.out_dir, MATRIX_OUT_MAX);
	if (!ret)
		ret = matrix_report(&m);
out:
	free(seen);
	free(seen_family);
	matrix_free(&m);
	return ret;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Trace files (sim/trace_*.c, sim/sha256.c): write/read round trip,
 * every bad fixture in tests/trace_fixtures/ with its exact one-line
 * error, the compatibility refusals, SHA-256 test vectors, the object
 * index, the event-log hash and the ftrace-style log line.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "sim/sched.h"
#include "sim/trace.h"

#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static char tmpdir[64];

static int setup_dir(void **state)
{
	strcpy(tmpdir, "/tmp/test_trace.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd);
}

static void fill(struct sim_trace *t, uint32_t *sched, uint32_t n)
{
	memset(t, 0, sizeof(*t));
	t->format_version = SIM_TRACE_FORMAT;
	strcpy(t->faultsim_version, "0.1.0");
	strcpy(t->binary_id, "00112233445566778899aabbccddeeff");
	strcpy(t->kernel_version, "6.12.117");
	strcpy(t->kernel_tree, "6.12.117, tree /src/linux \"a\" é (git "
	       "v6.12.117-1-gabcdef0-dirty), sources 0123456789ab");
	strcpy(t->kconfig, "no-numa-balancing");
	strcpy(t->design, "baseline-6.12");
	strcpy(t->sink, "percpu-ring");
	strcpy(t->plant, "no-pte-same-recheck");
	strcpy(t->inject, "slab,migrate_target");
	strcpy(t->scenario_path, "scenarios/a dir/\"quoted\" \\ é.json");
	strcpy(t->scenario_sha256, SHA_ABC);
	strcpy(t->strategy, "exhaustive");
	t->seed = UINT64_MAX - 7;
	t->pct_depth = 5;
	t->preemption_bound = UINT32_MAX;
	t->schedule = sched;
	t->schedule_len = n;
	strcpy(t->oracle, "fault_loop");
	strcpy(t->finding, "cpu1 faulted 1000 times on 0x7f0000000000 \"pte=0x8000000000000025\"");
	/* any text: a comma, '=', quotes, a newline, UTF-8 */
	t->nr_params = 2;
	strcpy(t->params[0].name, "label");
	strcpy(t->params[0].value, "a,b=c \"d\"\n\\ é");
	strcpy(t->params[1].name, "pages");
	strcpy(t->params[1].value, "8");
	t->trace_hash = 0xfedcba9876543210ULL;
}

static void assert_same(const struct sim_trace *a, const struct sim_trace *b)
{
	assert_int_equal(a->format_version, b->format_version);
	assert_string_equal(a->faultsim_version, b->faultsim_version);
	assert_string_equal(a->binary_id, b->binary_id);
	assert_string_equal(a->kernel_version, b->kernel_version);
	assert_string_equal(a->kernel_tree, b->kernel_tree);
	assert_string_equal(a->kconfig, b->kconfig);
	assert_string_equal(a->design, b->design);
	assert_string_equal(a->sink, b->sink);
	assert_string_equal(a->plant, b->plant);
	assert_string_equal(a->inject, b->inject);
	assert_string_equal(a->scenario_path, b->scenario_path);
	assert_string_equal(a->scenario_sha256, b->scenario_sha256);
	assert_string_equal(a->strategy, b->strategy);
	assert_true(a->seed == b->seed);
	assert_int_equal(a->pct_depth, b->pct_depth);
	assert_int_equal(a->preemption_bound, b->preemption_bound);
	/* written as "locks+pt" when unset */
	assert_string_equal(a->granularity[0] ? a->granularity : "locks+pt",
			    b->granularity);
	assert_int_equal(a->schedule_len, b->schedule_len);
	if (a->schedule_len)
		assert_memory_equal(a->schedule, b->schedule,
				    a->schedule_len * sizeof(uint32_t));
	assert_string_equal(a->oracle, b->oracle);
	assert_string_equal(a->finding, b->finding);
	assert_true(a->trace_hash == b->trace_hash);
	assert_int_equal(a->nr_params, b->nr_params);
	for (uint32_t i = 0; i < a->nr_params; i++) {
		assert_string_equal(a->params[i].name, b->params[i].name);
		assert_string_equal(a->params[i].value, b->params[i].value);
	}
}

static void path_in_tmp(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", tmpdir, name);
}

static void test_round_trip(void **state)
{
	enum { N = 10000 };
	static uint32_t sched[N];
	struct sim_trace t, *r;
	struct sim_prng p;
	char path[128], tmp[160], err[512];
	uint32_t i;

	sim_prng_seed(&p, 7, 0);
	for (i = 0; i < N; i++)
		sched[i] = sim_prng_next(&p) % (SIM_TRACE_MAX_TID + 1);
	sched[0] = 0;
	sched[N - 1] = SIM_TRACE_MAX_TID;
	fill(&t, sched, N);
	path_in_tmp(path, sizeof(path), "rt.json");
	assert_int_equal(sim_trace_write(&t, path, err, sizeof(err)), 0);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	assert_int_equal(access(tmp, F_OK), -1);	/* renamed away */
	assert_int_equal(sim_trace_read(path, &r, err, sizeof(err)), 0);
	assert_same(&t, r);
	sim_trace_free(r);

	/* the other corner: empty schedule, no finding, seed 0 */
	fill(&t, NULL, 0);
	t.seed = 0;
	t.oracle[0] = t.finding[0] = '\0';
	t.trace_hash = 0;
	strcpy(t.strategy, "replay");
	assert_int_equal(sim_trace_write(&t, path, err, sizeof(err)), 0);
	assert_int_equal(sim_trace_read(path, &r, err, sizeof(err)), 0);
	assert_same(&t, r);
	sim_trace_free(r);
}

/* the first key is the version; the schedule is compact, not one a line */
static void test_write_layout(void **state)
{
	uint32_t sched[45];
	struct sim_trace t;
	char path[128], err[512], line[256];
	FILE *f;
	int lines = 0, i;

	for (i = 0; i < 45; i++)
		sched[i] = i % 3;
	fill(&t, sched, 45);
	path_in_tmp(path, sizeof(path), "layout.json");
	assert_int_equal(sim_trace_write(&t, path, err, sizeof(err)), 0);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "{\n");
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "  \"faultsim_trace\": 5,\n");
	while (fgets(line, sizeof(line), f)) {
		lines++;
		if (!strcmp(line, "  \"schedule\": [\n")) {
			assert_non_null(fgets(line, sizeof(line), f));
			lines++;
			assert_string_equal(line,
				"    0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1,\n");
		}
	}
	fclose(f);
	/* + the params object (4 lines) + "}"; "inject" since format 5 */
	assert_int_equal(lines, 2 + 19 + 3 + 4 + 1);
}

static void test_write_refuses_bad(void **state)
{
	uint32_t sched[3] = { 0, SIM_TRACE_MAX_TID + 1, 0 };
	struct sim_trace t;
	char path[128], err[512], want[256];

	path_in_tmp(path, sizeof(path), "bad.json");
	fill(&t, sched, 3);
	assert_int_equal(sim_trace_write(&t, path, err, sizeof(err)), -1);
	snprintf(want, sizeof(want),
		 "%s: schedule[1]: 65536 is out of range (0..65535)", path);
	assert_string_equal(err, want);
	assert_int_equal(access(path, F_OK), -1);

	fill(&t, NULL, 0);
	strcpy(t.strategy, "dfs");
	assert_int_equal(sim_trace_write(&t, path, err, sizeof(err)), -1);
	snprintf(want, sizeof(want),
		 "%s: strategy: unknown strategy (one of: random, pct, exhaustive, replay)",
		 path);
	assert_string_equal(err, want);

	fill(&t, NULL, 0);
	memset(t.design, 'x', sizeof(t.design));	/* no NUL */
	assert_int_equal(sim_trace_write(&t, path, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: design: longer than 31 bytes", path);
	assert_string_equal(err, want);

	fill(&t, NULL, 0);
	assert_int_equal(sim_trace_write(&t, "/nonexistent/dir/t.json", err,
					 sizeof(err)), -1);
	assert_string_equal(err,
		"/nonexistent/dir/t.json: cannot create /nonexistent/dir/t.json.tmp: No such file or directory");
}

/*
 * Long fields are written whole or refused, never cut: a scenario path
 * up to PATH_MAX, a parameter value up to 255 bytes; text that would
 * not read back (not UTF-8, a name twice, too many) is refused.
 */
static void test_long_fields(void **state)
{
	struct sim_trace t, *r;
	char path[128], err[512], want[640];

	path_in_tmp(path, sizeof(path), "long.json");
	fill(&t, NULL, 0);
	memset(t.scenario_path, 'p', sizeof(t.scenario_path) - 1);
	t.scenario_path[sizeof(t.scenario_path) - 1] = '\0';
	memset(t.params[0].value, 'v', sizeof(t.params[0].value) - 1);
	t.params[0].value[sizeof(t.params[0].value) - 1] = '\0';
	t.nr_params = SIM_TRACE_MAX_PARAMS;
	for (uint32_t i = 1; i < t.nr_params; i++) {
		snprintf(t.params[i].name, sizeof(t.params[i].name), "p%u", i);
		strcpy(t.params[i].value, "1");
	}
	assert_int_equal(sim_trace_write(&t, path, err, sizeof(err)), 0);
	assert_int_equal(sim_trace_read(path, &r, err, sizeof(err)), 0);
	assert_same(&t, r);
	assert_int_equal(strlen(r->scenario_path), 4095);
	sim_trace_free(r);

	fill(&t, NULL, 0);
	strcpy(t.scenario_path, "scenarios/\xff.json");
	assert_int_equal(sim_trace_write(&t, path, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: scenario: is not UTF-8 text", path);
	assert_string_equal(err, want);

	fill(&t, NULL, 0);
	strcpy(t.params[1].name, "label");
	assert_int_equal(sim_trace_write(&t, path, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: params: label overridden twice",
		 path);
	assert_string_equal(err, want);

	fill(&t, NULL, 0);
	strcpy(t.params[1].value, "\xc0\x80");	/* an overlong NUL */
	assert_int_equal(sim_trace_write(&t, path, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: params.pages: is not UTF-8 text",
		 path);
	assert_string_equal(err, want);

	fill(&t, NULL, 0);
	t.nr_params = SIM_TRACE_MAX_PARAMS + 1;
	assert_int_equal(sim_trace_write(&t, path, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: params: more than 16 overrides",
		 path);
	assert_string_equal(err, want);
}

static void test_good_fixture(void **state)
{
	struct sim_trace *t;
	char err[512];

	assert_int_equal(sim_trace_read(FIXTURE_DIR "/good.json", &t, err,
					sizeof(err)), 0);
	/* a version-1 trace reads as the current format */
	assert_int_equal(t->format_version, SIM_TRACE_FORMAT);
	assert_string_equal(t->design, "baseline");
	assert_string_equal(t->sink, "");
	assert_string_equal(t->plant, "");
	assert_string_equal(t->kconfig, "full");
	assert_string_equal(t->strategy, "pct");
	assert_true(t->seed == 42);
	assert_int_equal(t->pct_depth, 3);
	assert_int_equal(t->schedule_len, 5);
	assert_int_equal(t->schedule[2], 1);
	assert_int_equal(t->schedule[4], 2);
	assert_string_equal(t->oracle, "fault_loop");
	assert_true(t->trace_hash == 0x0123456789abcdefULL);
	sim_trace_free(t);
}

struct bad_case {
	const char *file;
	const char *tail;	/* after "<path>: " */
};

static const struct bad_case bad_cases[] = {
	{ "syntax-error",
	  "line 13: JSON syntax error: object value separator ',' expected" },
	{ "unknown-key", "desing: unknown key; did you mean \"design\"?" },
	{ "missing-key", "oracle: required" },
	{ "wrong-type", "seed: expected an integer, got a string" },
	{ "negative-seed", "seed: -1 is less than 0" },
	{ "schedule-too-large",
	  "schedule[2]: 65536 is out of range (0..65535)" },
	{ "wrong-version",
	  "faultsim_trace: version 6 is not supported (this faultsim reads 1..5)" },
	{ "v3-params-string",
	  "params: expected an object of strings, got a string" },
	{ "params-value-not-string",
	  "params.pages: expected a string, got a number" },
	{ "v2-params-no-equals",
	  "params: expected name=value, got \"label\"" },
	{ "v1-with-sink", "sink: unknown key" },
	{ "v4-with-inject", "inject: unknown key" },
	{ "v2-missing-plant", "plant: required" },
	{ "truncated", "line 9: JSON syntax error: unexpected end of input" },
	{ "seed-not-integer", "seed: 42.0 is not an integer" },
	{ "seed-too-large",
	  "line 11: integer 18446744073709551616 does not fit in 64 bits" },
	{ "bad-strategy",
	  "strategy: unknown strategy (one of: random, pct, exhaustive, replay)" },
	{ "bad-sha256", "scenario_sha256: expected 64 lower-case hex digits" },
	{ "hash-not-string", "trace_hash: expected a string, got a number" },
	{ "null-field", "oracle: null is not allowed here" },
	{ "kconfig-too-long", "kconfig: longer than 31 bytes" },
	{ "pct-depth-too-large",
	  "pct_depth: 4294967296 is out of range (0..4294967295)" },
	{ "trailing-text",
	  "line 21: JSON syntax error: unexpected text after the trace object" },
	{ "top-level-array",
	  "top level: expected a trace object, got an array" },
};

#define NR_BAD (sizeof(bad_cases) / sizeof(bad_cases[0]))

static void test_bad_fixture(void **state)
{
	const struct bad_case *bc = *state;
	struct sim_trace *t = (void *)1;
	char path[512], err[512], want[1024];

	snprintf(path, sizeof(path), FIXTURE_DIR "/%s.json", bc->file);
	snprintf(want, sizeof(want), "%s: %s", path, bc->tail);
	assert_int_equal(sim_trace_read(path, &t, err, sizeof(err)), -1);
	assert_null(t);
	assert_string_equal(err, want);
	assert_null(strchr(err, '\n'));
}

/*
 * Version 1's one "design" string is read into design, sink and plant;
 * version 2 has them as keys of their own.
 */
static void test_good_fixture_versions(void **state)
{
	struct sim_trace *t;
	char err[512];

	assert_int_equal(sim_trace_read(FIXTURE_DIR "/good-v1-plant.json", &t,
					err, sizeof(err)), 0);
	assert_string_equal(t->design, "baseline");
	assert_string_equal(t->sink, "");
	assert_string_equal(t->plant, "no-pte-same-recheck");
	sim_trace_free(t);
	assert_int_equal(sim_trace_read(FIXTURE_DIR "/good-v1-sink.json", &t,
					err, sizeof(err)), 0);
	assert_string_equal(t->design, "rfc-v2");
	assert_string_equal(t->sink, "percpu-ring");
	assert_string_equal(t->plant, "");
	sim_trace_free(t);
	/* before version 3, "params" was one string; a repeat: the last */
	assert_int_equal(sim_trace_read(FIXTURE_DIR "/good-v2-params.json", &t,
					err, sizeof(err)), 0);
	assert_int_equal(t->nr_params, 2);
	assert_string_equal(t->params[0].name, "pages");
	assert_string_equal(t->params[0].value, "8");
	assert_string_equal(t->params[1].name, "to");
	assert_string_equal(t->params[1].value, "1");
	sim_trace_free(t);
	assert_int_equal(sim_trace_read(FIXTURE_DIR "/good-v3-params.json", &t,
					err, sizeof(err)), 0);
	assert_int_equal(t->nr_params, 2);
	assert_string_equal(t->params[0].name, "label");
	assert_string_equal(t->params[0].value, "a,b \"c\"");
	assert_string_equal(t->params[1].value, "2");
	sim_trace_free(t);
	/* version 5's injected failures; before it, none */
	assert_int_equal(sim_trace_read(FIXTURE_DIR "/good-v5-inject.json", &t,
					err, sizeof(err)), 0);
	assert_string_equal(t->inject, "slab,sink_trylock");
	sim_trace_free(t);
	assert_int_equal(sim_trace_read(FIXTURE_DIR "/good-v2.json", &t, err,
					sizeof(err)), 0);
	assert_string_equal(t->inject, "");
	assert_int_equal(t->format_version, SIM_TRACE_FORMAT);
	assert_int_equal(t->nr_params, 0);
	assert_string_equal(t->design, "rfc-v2");
	assert_string_equal(t->sink, "percpu-ring");
	assert_string_equal(t->plant, "");
	sim_trace_free(t);
}

/* every fixture but the good*.json has a case, so none goes unchecked */
static void test_bad_fixtures_all_listed(void **state)
{
	DIR *d = opendir(FIXTURE_DIR);
	struct dirent *e;
	size_t i, n = 0;

	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		bool found = false;

		if (len < 6 || strcmp(e->d_name + len - 5, ".json") ||
		    !strncmp(e->d_name, "good", 4))
			continue;
		for (i = 0; i < NR_BAD; i++)
			if (strlen(bad_cases[i].file) == len - 5 &&
			    !strncmp(bad_cases[i].file, e->d_name, len - 5))
				found = true;
		if (!found)
			fail_msg("fixture %s has no case", e->d_name);
		n++;
	}
	closedir(d);
	assert_int_equal(n, NR_BAD);
}

static void test_missing_file(void **state)
{
	struct sim_trace *t;
	char err[512];

	assert_int_equal(sim_trace_read("/nonexistent.json", &t, err,
					sizeof(err)), -1);
	assert_string_equal(err,
		"/nonexistent.json: cannot open: No such file or directory");
}

static void test_compatible(void **state)
{
	struct sim_trace t;
	char err[512] = "";
	const char *sha2 =
		"0000000000000000000000000000000000000000000000000000000000000001";

	fill(&t, NULL, 0);
	strcpy(t.kconfig, "full");
	strcpy(t.scenario_path, "scenarios/x.json");
	assert_int_equal(sim_trace_check_compatible(&t, t.binary_id, "full",
						    SHA_ABC, err, sizeof(err)),
			 0);

	assert_int_equal(sim_trace_check_compatible(&t, "ffff", "full", SHA_ABC,
						    err, sizeof(err)), -1);
	assert_string_equal(err,
		"trace was recorded by faultsim 0.1.0 build 00112233445566778899aabbccddeeff; this is build ffff: replays are exact only on the same binary");

	assert_int_equal(sim_trace_check_compatible(&t, t.binary_id,
						    "no-numa-balancing",
						    SHA_ABC, err, sizeof(err)),
			 -1);
	assert_string_equal(err,
		"trace was recorded with kconfig full; this binary is built for kconfig no-numa-balancing");

	assert_int_equal(sim_trace_check_compatible(&t, t.binary_id, "full",
						    sha2, err, sizeof(err)),
			 -1);
	assert_string_equal(err,
		"scenario scenarios/x.json changed since the trace was recorded (sha256 ba7816bf8f01..., now 000000000000...)");
}

static void test_binary_id(void **state)
{
	const char *id = sim_binary_id();
	char hex[65], err[256];

	assert_int_equal(strlen(id), 32);
	assert_int_equal(strspn(id, "0123456789abcdef"), 32);
	assert_ptr_equal(sim_binary_id(), id);
	assert_int_equal(sim_sha256_file("/proc/self/exe", hex, err,
					 sizeof(err)), 0);
	assert_memory_equal(id, hex, 32);
}

static void sha_chunks(const char *s, size_t len, size_t chunk, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	struct sim_sha256 c;
	uint8_t d[32];
	size_t i;

	sim_sha256_init(&c);
	for (i = 0; i < len; i += chunk)
		sim_sha256_update(&c, s + i, len - i < chunk ? len - i : chunk);
	sim_sha256_final(&c, d);
	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
}

static void test_sha256_vectors(void **state)
{
	static const char m448[] =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	static const char m896[] =
		"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	static const char *const want448 =
		"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
	static const char *const want896 =
		"cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1";
	static const char *const want_million =
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
	char hex[65], path[128], err[256];
	char *a;
	size_t chunk;
	FILE *f;

	sim_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, SHA_ABC);
	sim_sha256_hex("", 0, hex);
	assert_string_equal(hex, SHA_EMPTY);
	sim_sha256_hex(m448, strlen(m448), hex);
	assert_string_equal(hex, want448);
	sim_sha256_hex(m896, strlen(m896), hex);
	assert_string_equal(hex, want896);
	/* streaming: every split of the 448-bit message hashes the same */
	for (chunk = 1; chunk <= 64; chunk++) {
		sha_chunks(m448, strlen(m448), chunk, hex);
		assert_string_equal(hex, want448);
	}
	a = malloc(1000000);
	assert_non_null(a);
	memset(a, 'a', 1000000);
	sha_chunks(a, 1000000, 997, hex);
	assert_string_equal(hex, want_million);
	path_in_tmp(path, sizeof(path), "million");
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(a, 1, 1000000, f), 1000000);
	fclose(f);
	assert_int_equal(sim_sha256_file(path, hex, err, sizeof(err)), 0);
	assert_string_equal(hex, want_million);
	free(a);
}

static void test_obj_index(void **state)
{
	int objs[5];

	sim_trace_objmap_reset();
	assert_true(sim_trace_obj_index(&objs[3]) == 0);
	assert_true(sim_trace_obj_index(&objs[1]) == 1);
	assert_true(sim_trace_obj_index(&objs[3]) == 0);
	assert_true(sim_trace_obj_index(&objs[0]) == 2);
	assert_true(sim_trace_obj_index(&objs[1]) == 1);
	assert_true(sim_trace_obj_index(NULL) == SIM_TRACE_NO_OBJ);
	assert_true(sim_trace_obj_index(&objs[4]) == 3);
	/* hashing an event's class does not number objects */
	{
		uint64_t h;

		sim_trace_hash_init(&h);
		sim_trace_hash_event(&h, 0, 0, &objs[2], 0);
	}
	assert_true(sim_trace_obj_index(&objs[2]) == 4);
	sim_trace_objmap_reset();
	assert_true(sim_trace_obj_index(&objs[0]) == 0);
	assert_true(sim_trace_obj_index(&objs[3]) == 1);
	sim_trace_objmap_reset();
}

struct ev {
	int tid, kind, cls;	/* cls: index into a class array, -1: NULL */
	uint64_t value;
};

#define NR_CLS 4

static uint64_t hash_seq(const struct ev *ev, int n, const char *classes)
{
	uint64_t h;
	int i;

	sim_trace_objmap_reset();
	sim_trace_hash_init(&h);
	for (i = 0; i < n; i++)
		sim_trace_hash_event(&h, ev[i].tid, ev[i].kind,
				     ev[i].cls < 0 ? NULL : &classes[ev[i].cls],
				     ev[i].value);
	return h;
}

/*
 * The report's bytes, eight at a time: the same bytes give the same
 * hash whatever the start value's history; any one byte changed, or a
 * byte appended (a zero one too), gives another.
 */
static void test_bytes_hash(void **state)
{
	unsigned char buf[700], alt[701];
	struct sim_prng p;
	uint64_t h, h2, seen[16];
	int iter, nr = 0;

	sim_prng_seed(&p, 2026, 0);
	for (iter = 0; iter < 200; iter++) {
		size_t len = sim_prng_next(&p) % sizeof(buf), i, at;

		for (i = 0; i < len; i++)
			buf[i] = sim_prng_next(&p);
		sim_trace_hash_init(&h);
		sim_trace_hash_bytes(&h, buf, len);
		sim_trace_hash_init(&h2);
		sim_trace_hash_bytes(&h2, buf, len);
		assert_true(h == h2);
		if (nr < 16)
			seen[nr++] = h;
		memcpy(alt, buf, len);
		alt[len] = 0;
		sim_trace_hash_init(&h2);
		sim_trace_hash_bytes(&h2, alt, len + 1);
		assert_true(h != h2);
		if (!len)
			continue;
		at = sim_prng_next(&p) % len;
		alt[at] ^= 1 + sim_prng_next(&p) % 255;
		sim_trace_hash_init(&h2);
		sim_trace_hash_bytes(&h2, alt, len);
		assert_true(h != h2);
	}
	/* and distinct inputs did not collide */
	for (iter = 1; iter < nr; iter++)
		assert_true(seen[iter] != seen[iter - 1]);
}

static void test_event_hash(void **state)
{
	static const char cls_a[NR_CLS], cls_b[NR_CLS];
	struct ev ev[65];	/* 64 and one appended */
	struct sim_prng p;
	int iter;

	sim_prng_seed(&p, 2024, 0);
	for (iter = 0; iter < 1000; iter++) {
		int n = 1 + sim_prng_next(&p) % 64, i, j;
		uint64_t h, h2;

		for (i = 0; i < n; i++) {
			ev[i].tid = sim_prng_next(&p) % 8;
			ev[i].kind = sim_prng_next(&p) % NR_SIM_POINT_KINDS;
			ev[i].cls = (int)(sim_prng_next(&p) % (NR_CLS + 1)) - 1;
			/* small values repeat, large ones use every byte */
			ev[i].value = i & 1 ? sim_prng_next(&p) :
					      sim_prng_next(&p) % 16;
		}
		h = hash_seq(ev, n, cls_a);
		/* identical sequences, and not the class addresses */
		assert_true(hash_seq(ev, n, cls_a) == h);
		assert_true(hash_seq(ev, n, cls_b) == h);

		/* any one input of any one event */
		j = sim_prng_next(&p) % n;
		switch (iter % 4) {
		case 0:
			ev[j].tid ^= 1 << (sim_prng_next(&p) % 31);
			break;
		case 1:
			ev[j].kind ^= 1 << (sim_prng_next(&p) % 31);
			break;
		case 2: {
			/*
			 * another class seen before event j (or NULL): its
			 * first-seen index differs from the old one's
			 */
			int cands[NR_CLS + 1], nc = 0, k;

			if (ev[j].cls != -1)
				cands[nc++] = -1;
			for (k = 0; k < NR_CLS; k++) {
				if (k == ev[j].cls)
					continue;
				for (i = 0; i < j; i++) {
					if (ev[i].cls == k) {
						cands[nc++] = k;
						break;
					}
				}
			}
			if (!nc)
				cands[nc++] = 0;
			ev[j].cls = cands[sim_prng_next(&p) % nc];
			break;
		}
		default:
			ev[j].value ^= 1ULL << (sim_prng_next(&p) % 64);
			break;
		}
		h2 = hash_seq(ev, n, cls_a);
		assert_true(h2 != h);
		/* one more event */
		ev[n] = ev[0];
		assert_true(hash_seq(ev, n + 1, cls_a) != h2);
	}
	sim_trace_objmap_reset();
}

/* a class change that alters first-seen numbering always shows */
static void test_event_hash_class(void **state)
{
	static const char cls[3];
	struct ev a[3] = { { 0, 1, 0, 5 }, { 1, 1, 1, 5 }, { 0, 1, 0, 5 } };
	struct ev b[3] = { { 0, 1, 0, 5 }, { 1, 1, 0, 5 }, { 0, 1, 0, 5 } };
	struct ev c[3] = { { 0, 1, 0, 5 }, { 1, 1, -1, 5 }, { 0, 1, 0, 5 } };
	struct ev d[3] = { { 0, 1, 2, 5 }, { 1, 1, 1, 5 }, { 0, 1, 2, 5 } };

	assert_true(hash_seq(a, 3, cls) != hash_seq(b, 3, cls));
	assert_true(hash_seq(a, 3, cls) != hash_seq(c, 3, cls));
	assert_true(hash_seq(b, 3, cls) != hash_seq(c, 3, cls));
	/* same first-seen pattern through other classes: same hash */
	assert_true(hash_seq(a, 3, cls) == hash_seq(d, 3, cls));
	sim_trace_objmap_reset();
}

static char *capture(void (*fn)(FILE *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	fn(f);
	fclose(f);
	return buf;
}

static void log_event(FILE *f)
{
	sim_trace_log_event(f, 4000000, "cpu1", 12, 1,
			    "do_numa_page: pte_same failed addr=0x%llx",
			    0x7f0000000000ULL);
	sim_trace_log_event(f, 12345678999999ULL, "kdamond.0", 1234567, 63,
			    "x");
	sim_trace_log_event(f, 1499, "a-very-long-thread-name", 3, 0, "y");
	sim_trace_log_event(f, 1500, "t", 0, 0, "%s", "");
}

static void log_line(FILE *f)
{
	sim_trace_log_line(f, 2000, "cpu12", "hello %d", 7);
	sim_trace_log_line(f, 2000, "cpux", "scanner");
	sim_trace_log_line(f, 0, "cpu1000", "too big for the column");
}

static void test_log_format(void **state)
{
	char *out;

	out = capture(log_event);
	assert_string_equal(out,
		"            cpu1-12      [001] .....     0.004000: do_numa_page: pte_same failed addr=0x7f0000000000\n"
		"       kdamond.0-1234567 [063] ..... 12345.679000: x\n"
		"a-very-long-thread-name-3       [000] .....     0.000001: y\n"
		"               t-0       [000] .....     0.000002: \n");
	free(out);
	/* outside a simulated thread: pid 0; cpu from "cpu<N>" */
	out = capture(log_line);
	assert_string_equal(out,
		"           cpu12-0       [012] .....     0.000002: hello 7\n"
		"            cpux-0       [000] .....     0.000002: scanner\n"
		"         cpu1000-0       [000] .....     0.000000: too big for the column\n");
	free(out);
	out = capture(sim_trace_log_header);
	assert_non_null(strstr(out,
		"#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
		"#              | |         |   |||||     |         |\n"));
	assert_true(!strncmp(out, "# tracer: faultsim\n#\n", 21));
	free(out);
}

/* inside one: the simulated thread's id is the pid */
static FILE *logf_;

static int logger_fn(void *arg)
{
	sim_trace_log_line(logf_, sim_now_ns(), arg, "in thread");
	return 0;
}

static void log_in_thread(FILE *f)
{
	logf_ = f;
	sim_reset(1);
	sim_start_thread(sim_thread_create("other", logger_fn, "other", NULL));
	sim_start_thread(sim_thread_create("cpu3", logger_fn, "cpu3", NULL));
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	sim_reset(1);
}

static void test_log_line_in_thread(void **state)
{
	char *out = capture(log_in_thread);

	/* thread ids count from 1 after sim_reset(), in creation order */
	assert_string_equal(out,
		"           other-1       [000] .....     0.000000: in thread\n"
		"            cpu3-2       [003] .....     0.000000: in thread\n");
	free(out);
}

int main(void)
{
	struct CMUnitTest tests[NR_BAD + 20];
	size_t n = 0, i;

	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_round_trip);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_write_layout);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_write_refuses_bad);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_long_fields);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_good_fixture);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		test_good_fixture_versions);
	for (i = 0; i < NR_BAD; i++) {
		tests[n] = (struct CMUnitTest)cmocka_unit_test(test_bad_fixture);
		tests[n].name = bad_cases[i].file;
		tests[n].initial_state = (void *)&bad_cases[i];
		n++;
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_bad_fixtures_all_listed);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_missing_file);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_compatible);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_binary_id);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_sha256_vectors);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_obj_index);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_event_hash);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_bytes_hash);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_event_hash_class);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_log_format);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_log_line_in_thread);
	return _cmocka_run_group_tests("trace", tests, n, setup_dir, remove_dir);
}

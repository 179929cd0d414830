// SPDX-License-Identifier: GPL-2.0-only
/*
 * app/scenario_load.c: the scenario loader.  Good fixtures load with exactly
 * the values they spell (defaults, size suffixes, hex, placement
 * expansion); each bad fixture breaks one rule and gets exactly one
 * message; mutated files never crash it; every built-in scenario loads.
 *
 * FIXTURE_DIR and SCENARIO_DIR come from tests/unit/CMakeLists.txt.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "app/scenario.h"

#define ERR_LEN 512

static char *read_text(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc(n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = n;
	return buf;
}

static struct scenario *load_ok(const char *path)
{
	struct scenario *s = NULL;
	char err[ERR_LEN] = "";

	if (scenario_load_file(path, &s, err, sizeof(err)))
		fail_msg("%s", err);
	assert_non_null(s);
	return s;
}

/* Load text; expect failure with "<name>: <tail>" exactly */
static void expect_error(const char *text, const char *tail)
{
	struct scenario *s = (struct scenario *)1;
	char err[ERR_LEN], want[ERR_LEN];

	assert_int_equal(scenario_load_string(text, strlen(text), "t.json", &s,
					      err, sizeof(err)),
			 -1);
	assert_null(s);
	snprintf(want, sizeof(want), "t.json: %s", tail);
	assert_string_equal(err, want);
}

#define MACHINE                                                   \
	"\"machine\": {\"nodes\": [{\"id\": 0, \"pages\": 4096}," \
	"{\"id\": 1, \"pages\": 4096}], \"cpus\": [{\"id\": 0, "  \
	"\"node\": 0}, {\"id\": 1, \"node\": 1}]}"
#define HEAD "{\"faultsim_scenario\": 1, \"name\": \"t\", " MACHINE ", "
#define TASK "\"tasks\": [{\"name\": \"t0\", \"cpu\": 0}]"

/* ------------------------------------------------------------------ */

static void test_good_minimal(void **state)
{
	struct scenario *s = load_ok(FIXTURE_DIR "/good/minimal.json");

	assert_string_equal(s->name, "minimal");
	assert_string_equal(s->description, "");
	assert_int_equal(s->nr_requires, 0);
	assert_int_equal(s->sysctl.numa_balancing, SCN_NUMAB_BOOT_DEFAULT);
	assert_int_equal(s->sysctl.scan[SCN_SCAN_SIZE_MB], SCN_TUNABLE_UNSET);
	assert_int_equal(s->nr_nodes, 1);
	assert_int_equal(s->nodes[0].pages, 1024);
	assert_true(s->nodes[0].toptier);
	assert_int_equal(s->nr_cpus, 1);
	assert_int_equal(s->cpus[0].node, 0);
	assert_int_equal(s->nr_tasks, 1);
	assert_string_equal(s->tasks[0].name, "main");
	assert_int_equal(s->tasks[0].policy.mode, SCN_MPOL_DEFAULT);
	assert_int_equal(s->tasks[0].policy.flags, 0);
	assert_int_equal(s->tasks[0].policy.nodes, 0);
	assert_int_equal(s->nr_mms, 1);
	assert_string_equal(s->mms[0].name, "mm0");
	assert_int_equal(s->mms[0].nr_tasks, 1);
	assert_int_equal(s->nr_vmas, 0);
	assert_int_equal(s->nr_steps, 0);
	assert_null(s->expect);
	scenario_free(s);
}

static void test_good_full_machine_tasks(void **state)
{
	struct scenario *s = load_ok(FIXTURE_DIR "/good/full.json");

	assert_string_equal(s->name, "full-v1.0");
	assert_string_equal(
		s->description,
		"Every field of the format, for the loader's tests.");
	assert_int_equal(s->nr_requires, 2);
	assert_string_equal(s->requires[0], "CONFIG_NUMA_BALANCING");
	assert_string_equal(s->requires[1], "CONFIG_TRANSPARENT_HUGEPAGE");
	assert_int_equal(s->sysctl.numa_balancing, 1);

	/* ids in any order land at their index */
	assert_int_equal(s->nr_nodes, 2);
	assert_int_equal(s->nodes[0].pages, 131072);
	assert_true(s->nodes[0].toptier);
	assert_int_equal(s->nodes[1].pages, 65536);
	assert_false(s->nodes[1].toptier);
	assert_int_equal(s->nr_cpus, 4);
	assert_int_equal(s->cpus[0].node, 0);
	assert_int_equal(s->cpus[1].node, 0);
	assert_int_equal(s->cpus[2].node, 1);
	assert_int_equal(s->cpus[3].node, 1);

	assert_int_equal(s->nr_tasks, 4);
	assert_int_equal(s->nr_mms, 2);
	assert_string_equal(s->mms[0].name, "mm0");
	assert_int_equal(s->mms[0].nr_tasks, 2);
	assert_string_equal(s->mms[1].name, "other");
	assert_int_equal(s->mms[1].nr_tasks, 2);
	assert_int_equal(s->tasks[0].mm, 0);
	assert_int_equal(s->tasks[1].mm, 0);
	assert_int_equal(s->tasks[2].mm, 1);
	assert_int_equal(s->tasks[3].mm, 1);
	assert_int_equal(s->tasks[1].cpu, 2);
	/* numa_balancing brings MOF|MORON, as sanitize_mpol_flags() */
	assert_int_equal(s->tasks[1].policy.mode, SCN_MPOL_BIND);
	assert_int_equal(s->tasks[1].policy.nodes, 0x2);
	assert_int_equal(s->tasks[1].policy.flags, SCN_MPOL_F_NUMA_BALANCING |
							   SCN_MPOL_F_MOF |
							   SCN_MPOL_F_MORON);
	assert_int_equal(s->tasks[2].policy.mode, SCN_MPOL_INTERLEAVE);
	assert_int_equal(s->tasks[2].policy.nodes, 0x3);
	assert_int_equal(s->tasks[2].policy.flags, SCN_MPOL_F_STATIC_NODES);
	/* preferred without nodes is local, as mpol_new() makes it */
	assert_int_equal(s->tasks[3].policy.mode, SCN_MPOL_LOCAL);
	assert_int_equal(scenario_find_task(s, "c"), 2);
	assert_int_equal(scenario_find_task(s, "nope"), -1);
	assert_int_equal(scenario_find_mm(s, "other"), 1);
	scenario_free(s);
}

static void test_good_full_vmas(void **state)
{
	struct scenario *s = load_ok(FIXTURE_DIR "/good/full.json");
	const struct scn_vma *v;

	assert_int_equal(s->nr_vmas, 8);

	v = &s->vmas[0]; /* heap: hex start, "4M", split [0, 1], defaults */
	assert_string_equal(v->name, "heap");
	assert_int_equal(v->mm, 0);
	assert_int_equal(v->start, 0x7f0000000000ULL);
	assert_int_equal(v->size, 4ULL << 20);
	assert_int_equal(v->prot, SCN_PROT_READ | SCN_PROT_WRITE);
	assert_int_equal(v->flags, 0);
	assert_false(v->thp);
	assert_int_equal(v->folio_order, 0);
	assert_false(v->cow_shared);
	assert_true(v->dirty); /* private writable: populated by a write */
	assert_int_equal(v->nr_ranges, 2);
	assert_int_equal(v->ranges[0].offset, 0);
	assert_int_equal(v->ranges[0].size, 2ULL << 20);
	assert_int_equal(v->ranges[0].nr_nodes, 1);
	assert_int_equal(v->ranges[0].nodes[0], 0);
	assert_int_equal(v->ranges[1].offset, 2ULL << 20);
	assert_int_equal(v->ranges[1].size, 2ULL << 20);
	assert_int_equal(v->ranges[1].nodes[0], 1);
	assert_int_equal(scenario_vma_node(v, 0), 0);
	assert_int_equal(scenario_vma_node(v, (2ULL << 20) - 4096), 0);
	assert_int_equal(scenario_vma_node(v, 2ULL << 20), 1);
	assert_int_equal(scenario_vma_node(v, 4ULL << 20), -1);

	v = &s->vmas[1]; /* huge: automatic start after heap, 2M aligned */
	assert_int_equal(v->start, 0x7f0000600000ULL);
	assert_true(v->thp);
	assert_int_equal(v->flags, SCN_VMA_HUGEPAGE);
	assert_int_equal(scenario_vma_granule(v), 2ULL << 20);
	assert_int_equal(v->nr_ranges, 1);
	assert_int_equal(v->ranges[0].size, 4ULL << 20);
	assert_int_equal(v->ranges[0].nodes[0], 1);

	v = &s->vmas[2]; /* mthp: decimal start, order 4, ranges */
	assert_int_equal(v->start, 1ULL << 30);
	assert_int_equal(v->size, 128 << 10);
	assert_int_equal(v->folio_order, 4);
	assert_int_equal(scenario_vma_granule(v), 64 << 10);
	assert_int_equal(v->prot, SCN_PROT_READ);
	assert_false(v->dirty); /* read-only: populated by a read */
	assert_int_equal(v->nr_ranges, 2);
	assert_int_equal(v->ranges[1].offset, 0x10000);
	assert_int_equal(v->ranges[1].nr_nodes, 2);
	assert_int_equal(scenario_vma_node(v, 0), 1);
	/* interleave is per folio: 64K -> node 0, next folio node 1 */
	assert_int_equal(scenario_vma_node(v, 0x10000), 0);
	assert_int_equal(scenario_vma_node(v, 0x1f000), 0);

	v = &s->vmas[3]; /* shm: private anon, rw, clean by "dirty" */
	assert_int_equal(v->flags, 0);
	assert_false(v->dirty);
	/* default placement: first task of mm0 ("a") runs on node 0 */
	assert_int_equal(v->nr_ranges, 1);
	assert_int_equal(v->ranges[0].size, 1 << 20);
	assert_int_equal(v->ranges[0].nodes[0], 0);

	v = &s->vmas[4]; /* cow: cow_shared, dirty overridden */
	assert_true(v->cow_shared);
	assert_false(v->dirty);

	v = &s->vmas[5]; /* lazy: prot none, not populated */
	assert_int_equal(v->prot, 0);
	assert_int_equal(v->nr_ranges, 0);
	assert_int_equal(scenario_vma_node(v, 0), -1);

	v = &s->vmas[6]; /* lib: mm "other", its own automatic start */
	assert_int_equal(v->mm, 1);
	assert_int_equal(v->start, SCN_AUTO_BASE);
	assert_int_equal(v->prot, SCN_PROT_READ | SCN_PROT_EXEC);
	assert_int_equal(v->flags, SCN_VMA_NOHUGEPAGE);
	assert_int_equal(scenario_vma_node(v, 0), -1);
	assert_int_equal(scenario_vma_node(v, 4096), 0);
	assert_int_equal(scenario_vma_node(v, 12288), -1);

	v = &s->vmas[7]; /* inter: first task of "other" interleaves 0,1 */
	assert_int_equal(v->start, SCN_AUTO_BASE + (4ULL << 20));
	assert_int_equal(v->ranges[0].nr_nodes, 2);
	assert_int_equal(scenario_vma_node(v, 0), 0);
	assert_int_equal(scenario_vma_node(v, 4096), 1);
	assert_int_equal(scenario_vma_node(v, 8192), 0);
	assert_int_equal(scenario_find_vma(s, "lib"), 6);
	scenario_free(s);
}

static void test_good_full_steps(void **state)
{
	struct scenario *s = load_ok(FIXTURE_DIR "/good/full.json");
	const struct scn_step *st = s->steps;
	const struct scn_expect *e;

	assert_int_equal(s->nr_steps, 13);
	assert_int_equal(st[0].op, SCN_OP_SCAN);
	assert_int_equal(st[0].scan.task, 0);
	assert_true(st[0].scan.force);

	assert_int_equal(st[1].op, SCN_OP_ACCESS);
	assert_int_equal(st[1].access.task, 0);
	assert_int_equal(st[1].access.vma, 0);
	assert_int_equal(st[1].access.offset, 2ULL << 20);
	assert_int_equal(st[1].access.pages, 3);
	assert_true(st[1].access.write);

	/* addr resolves to VMA + offset in the task's mm */
	assert_int_equal(st[2].access.task, 2);
	assert_int_equal(st[2].access.vma, 7);
	assert_int_equal(st[2].access.offset, 0);
	assert_int_equal(st[2].access.pages, 1);
	assert_false(st[2].access.write);

	assert_int_equal(st[3].op, SCN_OP_EXPECT);
	e = st[3].expect;
	assert_int_equal(e->vmstat_mask,
			 (1U << SCN_NUMA_HINT_FAULTS) | (1U << SCN_PGFAULT));
	assert_int_equal(e->vmstat[SCN_NUMA_HINT_FAULTS], 3);
	assert_int_equal(e->vmstat[SCN_PGFAULT], 4);
	assert_int_equal(e->nr_ptes, 0);
	assert_false(e->check_findings);

	assert_int_equal(st[4].op, SCN_OP_SYSCTL);
	assert_int_equal(st[4].sysctl.numa_balancing, 0);

	assert_int_equal(st[5].op, SCN_OP_MPROTECT);
	assert_int_equal(st[5].mprotect.offset, 1 << 20);
	assert_int_equal(st[5].mprotect.size, 3 << 20); /* rest of the VMA */
	assert_int_equal(st[5].mprotect.prot, SCN_PROT_READ);

	assert_int_equal(st[6].op, SCN_OP_MADVISE);
	assert_int_equal(st[6].madvise.advice, SCN_MADV_DONTNEED);
	assert_int_equal(st[6].madvise.offset, 0);
	assert_int_equal(st[6].madvise.size, 8192);

	assert_int_equal(st[7].op, SCN_OP_SPLIT_THP);
	assert_int_equal(st[7].split_thp.vma, 1);
	assert_int_equal(st[7].split_thp.offset, 2ULL << 20);
	assert_false(st[7].split_thp.folio);	/* "folio" is refused */
	assert_int_equal(st[8].split_thp.offset, 0);
	assert_false(st[8].split_thp.folio);

	assert_int_equal(st[9].op, SCN_OP_ADVANCE);
	assert_int_equal(st[9].advance.ms, 1500);
	assert_int_equal(st[10].op, SCN_OP_MIGRATE_FAIL);
	assert_int_equal(st[10].migrate_fail.when, SCN_FAIL_AFTER_UNMAP);
	assert_int_equal(st[10].migrate_fail.count, 2);
	assert_int_equal(st[11].op, SCN_OP_MOVE_TASK);
	assert_int_equal(st[11].move_task.task, 1);
	assert_int_equal(st[11].move_task.cpu, 1);
	assert_false(st[12].scan.force);

	e = s->expect;
	assert_non_null(e);
	assert_int_equal(e->vmstat[SCN_NUMA_PTE_UPDATES], 512);
	assert_true(e->vmstat_mask & (1U << SCN_NUMA_HINT_FAULTS_LOCAL));
	assert_int_equal(e->vmstat[SCN_NUMA_HINT_FAULTS_LOCAL], 0);
	assert_int_equal(e->vmstat[SCN_THP_SPLIT_PMD], 1);
	assert_int_equal(e->nr_ptes, 3);
	assert_int_equal(e->ptes[0].vma, 0);
	assert_int_equal(e->ptes[0].offset, 2ULL << 20);
	assert_int_equal(e->ptes[0].pages, 512);
	assert_int_equal(e->ptes[0].mask, SCN_PTE_PROTNONE | SCN_PTE_NODE);
	assert_true(e->ptes[0].protnone);
	assert_int_equal(e->ptes[0].node, 1);
	assert_int_equal(e->ptes[1].mask, SCN_PTE_PRESENT | SCN_PTE_WRITE |
						  SCN_PTE_YOUNG |
						  SCN_PTE_DIRTY | SCN_PTE_HUGE);
	assert_int_equal(e->ptes[1].pages, 1);
	assert_int_equal(e->ptes[1].node, -1);
	assert_int_equal(e->ptes[2].mask, SCN_PTE_PRESENT);
	assert_false(e->ptes[2].present);
	assert_true(e->check_findings);
	assert_int_equal(e->nr_findings, 2);
	assert_string_equal(e->findings[0], "fault_loop");
	assert_string_equal(e->findings[1], "warning");
	scenario_free(s);
}

/* The steps of #13 item 4: policies, loops, samples, the THP knob */
static void test_good_vocab(void **state)
{
	struct scenario *s = load_ok(FIXTURE_DIR "/good/vocab.json");
	const struct scn_step *st = s->steps, *l, *in;

	assert_int_equal(s->sysctl.thp_enabled, SCN_THP_MADVISE);
	assert_int_equal(s->nr_steps, 8);
	assert_int_equal(st[0].op, SCN_OP_SET_MEMPOLICY);
	assert_int_equal(st[0].set_mempolicy.task, 1);
	assert_int_equal(st[0].set_mempolicy.policy.mode,
			 SCN_MPOL_PREFERRED_MANY);
	assert_int_equal(st[0].set_mempolicy.policy.nodes, 0x5);
	assert_int_equal(st[0].set_mempolicy.policy.flags,
			 SCN_MPOL_F_NUMA_BALANCING | SCN_MPOL_F_STATIC_NODES |
				 SCN_MPOL_F_MOF | SCN_MPOL_F_MORON);
	assert_int_equal(st[1].op, SCN_OP_MBIND);
	assert_int_equal(st[1].mbind.vma, 0);
	assert_int_equal(st[1].mbind.offset, 1 << 20);
	assert_int_equal(st[1].mbind.size, 2 << 20);
	assert_int_equal(st[1].mbind.policy.mode, SCN_MPOL_INTERLEAVE);
	assert_int_equal(st[1].mbind.policy.nodes, 0x6);
	assert_int_equal(st[1].mbind.policy.flags, SCN_MPOL_F_RELATIVE_NODES);
	assert_true(st[1].mbind.strict);

	l = &st[2];
	assert_int_equal(l->op, SCN_OP_LOOP);
	assert_int_equal(l->loop.times, 1000);
	assert_int_equal(l->loop.nr, 3);
	assert_int_equal(l->loop.steps[0].access.repeat, 10);
	in = &l->loop.steps[1];
	assert_int_equal(in->op, SCN_OP_LOOP);
	assert_int_equal(in->loop.times, 3);
	assert_int_equal(in->loop.steps[0].concurrently.nr, 2);
	assert_int_equal(in->loop.steps[0].concurrently.steps[1].op,
			 SCN_OP_SET_MEMPOLICY);
	assert_int_equal(in->loop.steps[1].op, SCN_OP_SAMPLE);
	assert_string_equal(in->loop.steps[1].sample->name, "");
	assert_int_equal(in->loop.steps[1].sample->nr_vmas, 2);
	assert_int_equal(in->loop.steps[1].sample->vmas[0], 1);
	assert_int_equal(in->loop.steps[1].sample->vmas[1], 0);
	assert_int_equal(in->loop.steps[1].sample->tasks[0], 1);
	assert_int_equal(in->loop.steps[1].sample->vmstat_mask, 0);
	assert_int_equal(l->loop.steps[2].op, SCN_OP_EXPECT);
	/* 1000 x (1 + 3 x (2 + 1) + 1), and the seven others */
	assert_int_equal(s->nr_exec_steps, 1000 * 11 + 7);

	assert_string_equal(st[3].sample->name, "end");
	assert_false(st[3].sample->vmstat_all);
	assert_int_equal(st[3].sample->vmstat_mask,
			 (1U << SCN_THP_FAULT_ALLOC) | (1U << SCN_PGFAULT));
	assert_true(st[4].sample->vmstat_all);
	assert_int_equal(st[5].madvise.advice, SCN_MADV_HUGEPAGE);
	assert_int_equal(st[5].madvise.size, 2 << 20);
	assert_int_equal(st[6].madvise.advice, SCN_MADV_NOHUGEPAGE);
	assert_int_equal(st[6].madvise.offset, 2 << 20);
	assert_int_equal(st[7].sysctl.thp_enabled, SCN_THP_NEVER);
	assert_int_equal(st[7].sysctl.numa_balancing, SCN_NUMAB_BOOT_DEFAULT);
	scenario_free(s);
}

/* Names of ops, counters: spelled as documented */
static void test_names(void **state)
{
	assert_string_equal(scn_op_names[SCN_OP_SPLIT_THP], "split_thp");
	assert_string_equal(scn_op_names[SCN_OP_SET_MEMPOLICY],
			    "set_mempolicy");
	assert_string_equal(scn_op_names[SCN_OP_MBIND], "mbind");
	assert_string_equal(scn_op_names[SCN_OP_LOOP], "loop");
	assert_string_equal(scn_op_names[SCN_OP_SAMPLE], "sample");
	assert_string_equal(scn_vmstat_names[SCN_NUMA_HINT_FAULTS_LOCAL],
			    "numa_hint_faults_local");
	assert_string_equal(scn_vmstat_names[SCN_PGMIGRATE_FAIL],
			    "pgmigrate_fail");
}

/* ------------------------------------------------------------------ */
/* one fixture per rule, each with its exact message */

struct bad_case {
	const char *file;
	const char *tail;
};

static const struct bad_case bad_cases[] = {
	{ "concurrently-expect",
	  "steps[0].steps[1]: expect cannot run concurrently" },
	{ "concurrently-one", "steps[0].steps: 1 steps, at least 2 needed" },
	/* loaded before it is refused: its steps are freed too (ASan) */
	{ "concurrently-nested",
	  "steps[0].steps[1]: concurrently cannot run concurrently" },
	{ "concurrently-same-task",
	  "steps[0].steps[1]: task \"t0\" already has a step here" },
	{ "concurrently-two-driver",
	  "steps[0].steps[1]: only one step without a task can run "
	  "concurrently (the scenario driver's)" },
	{ "access-addr-outside",
	  "steps[1].addr: 0x7f0000400000 is in no VMA of mm \"mm0\"" },
	{ "access-other-mm",
	  "steps[1].vma: VMA \"theirs\" is in mm \"other\", task \"t0\" uses mm \"mm0\"" },
	{ "access-past-end",
	  "steps[1].pages: 513 pages from offset 2M run past the end of VMA \"heap\" (4M)" },
	{ "access-vma-and-addr", "steps[1]: give exactly one of vma, addr" },
	{ "advance-zero", "steps[1].ms: 0 is out of range (1..86400000)" },
	{ "access-repeat-zero",
	  "steps[1].repeat: 0 is out of range (1..1000000)" },
	{ "access-repeat-no-every",
	  "steps[0].every_us: required with \"repeat\" 10: the sleep after each repetition, in microseconds" },
	{ "access-every-zero", "steps[0].every_us: 0 is less than 1" },
	{ "damon-ops-unknown",
	  "steps[0].ops: unknown operations set \"vadr\"; did you mean \"vaddr\"?" },
	{ "damon-ops-missing", "steps[0].ops: required" },
	{ "damon-vaddr-no-task",
	  "steps[0].task: required: vaddr-fault monitors a task's address space" },
	{ "damon-paddr-task",
	  "steps[0].task: paddr-fault monitors physical memory: no task" },
	{ "damon-task-unknown", "steps[0].task: no task named \"t9\"" },
	{ "damon-sample-zero",
	  "steps[0].sample_us: 0 is out of range (1..10000000)" },
	{ "damon-aggr-below-sample",
	  "steps[0].aggr_us: 1000 is less than sample_us 5000 (damon_set_attrs(): EINVAL)" },
	{ "damon-min-regions",
	  "steps[0].min_nr_regions: 2 is out of range (3..100000)" },
	{ "damon-max-below-min",
	  "steps[0].max_nr_regions: 50 is less than min_nr_regions 100 (damon_set_attrs(): EINVAL)" },
	{ "damon-unknown-key",
	  "steps[0].sample_interval: unknown key (one of: op, ops, task, sample_us, aggr_us, min_nr_regions, max_nr_regions)" },
	{ "damon-start-twice",
	  "steps[1]: DAMON is already running (one kdamond at a time: damon_stop it first)" },
	{ "damon-stop-not-running",
	  "steps[1]: DAMON is not running (no damon_start before this step)" },
	{ "damon-stop-key", "steps[1].task: unknown key (one of: op)" },
	{ "damon-concurrently",
	  "steps[0].steps[1]: damon_start cannot run concurrently" },
	{ "cow-shared-thp",
	  "vmas[0].cow_shared: not modelled with \"thp\" (fork's copy of a PMD-mapped THP)" },
	{ "cpu-unknown-node",
	  "machine.cpus[1].node: no node 2 (the machine has 2 nodes)" },
	{ "expect-counter-negative",
	  "expect.vmstat.numa_hint_faults: -1 is less than 0" },
	{ "expect-empty",
	  "steps[1]: expects nothing: give vmstat, pte or findings" },
	{ "expect-finding-name",
	  "expect.findings[0]: \"Fault-Loop\" is not a finding name (lower case: a-z, then a-z 0-9 _; at most 31)" },
	{ "expect-findings-number",
	  "expect.findings: expected 0 or an array of finding names, got 1" },
	{ "expect-pte-checks-nothing",
	  "expect.pte[0]: checks nothing: give present, protnone, write, young, dirty, node, huge or zero" },
	{ "expect-pte-contradiction",
	  "expect.pte[0].protnone: cannot be checked on a non-present entry (\"present\": false)" },
	{ "expect-unknown-counter",
	  "expect.vmstat.numa_hint_fault: unknown counter; did you mean \"numa_hint_faults\"?" },
	{ "flag-thp",
	  "vmas[0].flags[0]: unknown flag \"thp\": for VM_HUGEPAGE/VM_NOHUGEPAGE say \"hugepage\"/\"nohugepage\"; for PMD-mapped THPs set \"thp\": true" },
	{ "flags-conflict",
	  "vmas[0].flags[1]: \"private\" and \"shared\" exclude each other" },
	{ "folio-order-range",
	  "vmas[0].folio_order: 10 is out of range (0..9)" },
	{ "folio-order-one",
	  "vmas[0].folio_order: 1: anonymous large folios are of order 2 to 8 (0: small folios)" },
	{ "folio-order-pmd",
	  "vmas[0].folio_order: 9 is PMD-sized: \"thp\": true (then a split_thp step to PTE-map it)" },
	{ "vma-file",
	  "vmas[0].flags[1]: \"file\": file-backed VMAs are not modelled yet (anonymous memory only)" },
	{ "set-mempolicy-bind-no-nodes",
	  "steps[0].nodes: mode bind needs at least one node (EINVAL)" },
	{ "set-mempolicy-numab-interleave",
	  "steps[0].flags: numa_balancing needs mode bind or preferred_many (EINVAL)" },
	{ "set-mempolicy-offline-node",
	  "steps[0].nodes[1]: no node 2 (the machine has 2 nodes)" },
	{ "set-mempolicy-strict",
	  "steps[0].flags[0]: unknown flag \"strict\" (one of: static_nodes, relative_nodes, numa_balancing)" },
	{ "mbind-local-nodes",
	  "steps[0].nodes: mode local takes no nodes (EINVAL)" },
	{ "mbind-move",
	  "steps[1].flags[0]: \"move\": migrating the pages mbind() finds misplaced (MPOL_MF_MOVE) is not modelled" },
	{ "mbind-move-all",
	  "steps[0].flags[1]: \"move_all\": migrating the pages mbind() finds misplaced (MPOL_MF_MOVE_ALL) is not modelled" },
	{ "mbind-past-end",
	  "steps[0].size: 4M from offset 2M runs past the end of VMA \"heap\" (4M)" },
	{ "mbind-strict-default",
	  "steps[0].flags: flags have no effect with mode default" },
	{ "loop-damon-start",
	  "steps[0]: the steps start DAMON and do not stop it: each time round would find it running" },
	{ "loop-empty", "steps[0].steps: is empty; needs at least one of steps" },
	{ "loop-exec-limit",
	  "steps[0]: executes more than 10000000 steps (a run's limit)" },
	{ "loop-exec-limit-total",
	  "steps[2]: the steps up to here execute more than 10000000 steps (a run's limit)" },
	{ "loop-sleep-limit",
	  "steps[0]: sleeps more than 100 virtual years (a run's limit)" },
	{ "loop-run-limit",	/* time on the CPU moves the clock too */
	  "steps[0]: sleeps more than 100 virtual years (a run's limit)" },
	{ "loop-sleep-limit-total",
	  "steps[1]: the steps up to here sleep more than 100 virtual years (a run's limit)" },
	{ "loop-in-concurrently",
	  "steps[0].steps[1]: loop cannot run concurrently" },
	{ "loop-no-steps", "steps[0].steps: required" },
	{ "loop-times-zero",
	  "steps[0].times: 0 is out of range (1..1000000)" },
	{ "loop-too-deep",
	  "steps[0].steps[0].steps[0].steps[0].steps[0]: loops nest at most 4 deep" },
	{ "sample-bad-name",
	  "steps[0].name: \"a b\" is not a name (1 to 31 of A-Z a-z 0-9 _ . -)" },
	{ "sample-in-concurrently",
	  "steps[0].steps[1]: sample cannot run concurrently" },
	{ "sample-nothing",
	  "steps[0]: a sample records vmstat, vmas or tasks: give at least one" },
	{ "sample-task-twice", "steps[0].tasks[1]: \"t0\" is listed twice" },
	{ "sample-vma-unknown", "steps[0].vmas[0]: no VMA named \"haep\"" },
	{ "sample-vmstat-false",
	  "steps[0].vmstat: false records nothing: leave it out, or give true or a list" },
	{ "sample-vmstat-unknown",
	  "steps[0].vmstat[0]: unknown counter \"numa_hint_fault\"; did you mean \"numa_hint_faults\"?" },
	{ "thp-enabled-unknown",
	  "sysctl.transparent_hugepage: unknown mode \"alway\"; did you mean \"always\"?" },
	{ "invalid-utf8", "line 2: JSON syntax error: invalid utf-8 string" },
	{ "madvise-unknown-advice",
	  "steps[1].advice: unknown advice \"dontned\"; did you mean \"dontneed\"?" },
	{ "mprotect-past-end",
	  "steps[1].size: 4M from offset 2M runs past the end of VMA \"heap\" (4M)" },
	{ "no-tasks", "tasks: is empty; needs at least one of tasks" },
	{ "no-toptier-node",
	  "machine.nodes: no node is toptier; the kernel always has a top tier" },
	{ "node-id-duplicate",
	  "machine.nodes[1].id: id 0 is already used by machine.nodes[0]" },
	{ "node-id-gap",
	  "machine.nodes[1].id: 2 is out of range: 2 nodes have ids 0..1" },
	{ "node-over-capacity",
	  "vmas[0].placement: node 1 is full: 1024 pages placed there so far, capacity 512" },
	{ "node-pages-zero",
	  "machine.nodes[1].pages: 0 is out of range (1..16777216)" },
	{ "not-an-object",
	  "top level: expected a scenario object, got an array" },
	{ "numa-balancing-range",
	  "sysctl.numa_balancing: 5 is out of range (0..4)" },
	{ "scan-tunable-range",
	  "sysctl.numa_balancing_scan_size_mb: 4294967296 is out of range (0..4294967295)" },
	{ "sysctl-step-empty",
	  "steps[1]: a sysctl step sets numa_balancing, a numa_balancing_scan_* tunable or transparent_hugepage" },
	{ "placement-range-past-end",
	  "vmas[0].placement[0].size: range [2M, 6M) runs past the end of the VMA (4M)" },
	{ "placement-ranges-overlap",
	  "vmas[0].placement[1].offset: 1M overlaps or precedes the range before (ranges are sorted and disjoint)" },
	{ "placement-split-uneven",
	  "vmas[0].placement.split: 4M does not split into 3 equal parts that are multiples of 4096" },
	{ "placement-two-forms",
	  "vmas[0].placement: give exactly one of node, interleave, split" },
	{ "placement-unknown-node",
	  "vmas[0].placement.node: no node 2 (the machine has 2 nodes)" },
	{ "placement-without-populate",
	  "vmas[0].placement: given, but \"populate\" is false" },
	{ "policy-bind-no-nodes",
	  "tasks[0].policy.nodes: mode bind needs at least one node (EINVAL)" },
	{ "policy-default-nodes",
	  "tasks[0].policy.nodes: mode default takes no nodes (EINVAL)" },
	{ "policy-numab-interleave",
	  "tasks[0].policy.flags: numa_balancing needs mode bind or preferred_many (EINVAL)" },
	{ "policy-static-relative",
	  "tasks[0].policy.flags: static_nodes and relative_nodes exclude each other (EINVAL)" },
	{ "policy-unknown-mode",
	  "tasks[0].policy.mode: unknown mode \"prefered\"; did you mean \"preferred\"?" },
	{ "prot-bad",
	  "vmas[0].prot: \"rwz\" is not a protection (\"none\", or each of r, w, x at most once)" },
	{ "requires-bad",
	  "requires[0]: \"NUMA_BALANCING\" is not a kernel config option (CONFIG_ and A-Z 0-9 _)" },
	{ "size-bad-suffix",
	  "vmas[0].size: \"2Q\" is not a byte count (decimal with optional suffix K, M, G or T, or 0x hex)" },
	{ "size-negative", "vmas[0].size: -4096 is negative" },
	{ "size-not-integer", "vmas[0].size: 4096.5 is not an integer" },
	{ "size-not-page-multiple",
	  "vmas[1].size: \"3K\" is not a multiple of 4096" },
	{ "size-null", "vmas[0].size: null is not allowed here" },
	{ "size-too-large",
	  "vmas[0].size: 128G is larger than the limit, 64G" },
	{ "split-thp-folio",
	  "steps[0].split: \"folio\": split_huge_page() is not modelled (6.12 remaps zero-filled subpages to the zero page: page contents, which the model does not keep)" },
	{ "split-thp-misaligned",
	  "steps[1].offset: 0x7f0000000000 + 1M is not 2M aligned: no PMD maps it" },
	{ "start-above-user-space",
	  "vmas[0].start: 0x7ffffffff000 + 8K ends above user space (0x7ffffffff000)" },
	{ "start-misaligned",
	  "vmas[0].start: \"0x7f0000000800\" is not a multiple of 4096" },
	{ "start-zero", "vmas[0].start: is 0; user space starts at 0x1000" },
	{ "step-key-of-other-op",
	  "steps[0].write: unknown key (one of: op, task, force)" },
	{ "step-missing-op", "steps[1].op: required" },
	{ "step-unknown-op",
	  "steps[1].op: unknown op \"acess\"; did you mean \"access\"?" },
	{ "step-unknown-task", "steps[0].task: no task named \"t1\"" },
	{ "step-unknown-vma", "steps[4].vma: no VMA named \"haep\"" },
	{ "syntax-missing-comma",
	  "line 4: JSON syntax error: object value separator ',' expected" },
	{ "task-bad-name",
	  "tasks[0].name: \"t 0\" is not a name (1 to 31 of A-Z a-z 0-9 _ . -)" },
	{ "task-unknown-cpu",
	  "tasks[0].cpu: no cpu 2 (the machine has 2 cpus)" },
	{ "thp-and-folio-order",
	  "vmas[0].folio_order: thp and folio_order exclude each other: \"thp\": true is a PMD-mapped folio of order 9" },
	{ "thp-size-misaligned",
	  "vmas[0].size: \"3M\" is not a multiple of 2097152 (the THP size)" },
	{ "tiering-slow-node",
	  "sysctl.numa_balancing: 2 sets NUMA_BALANCING_MEMORY_TIERING and node 1 is not toptier: memory-tiering promotion is not modelled" },
	{ "tiering-step-slow-node",
	  "steps[1].numa_balancing: 3 sets NUMA_BALANCING_MEMORY_TIERING and node 1 is not toptier: memory-tiering promotion is not modelled" },
	{ "too-many-nodes", "machine.nodes: 65 nodes, at most 64 allowed" },
	{ "trailing-text",
	  "line 9: JSON syntax error: unexpected text after the scenario object" },
	{ "truncated", "line 7: JSON syntax error: unexpected end of input" },
	{ "unknown-key", "vmas[0].sise: unknown key; did you mean \"size\"?" },
	{ "unknown-top-key", "step: unknown key; did you mean \"steps\"?" },
	{ "version-missing", "faultsim_scenario: required" },
	{ "version-unsupported",
	  "faultsim_scenario: version 2 is not supported (this faultsim reads 1)" },
	{ "vma-duplicate-name",
	  "vmas[1].name: VMA \"heap\" is already defined by vmas[0]" },
	{ "vma-mm-required", "vmas[0].mm: required: the tasks use 2 mms" },
	{ "vma-mm-unknown", "vmas[0].mm: no task uses mm \"mm1\"" },
	{ "vma-overlap",
	  "vmas[1]: [0x7f0000200000, 0x7f0000600000) overlaps VMA \"heap\" [0x7f0000000000, 0x7f0000400000)" },
	{ "vma-shared",
	  "vmas[0].flags[1]: \"shared\": MAP_SHARED memory (shmem, the page cache) is not modelled" },
};

#define NR_BAD (sizeof(bad_cases) / sizeof(bad_cases[0]))

static void test_bad_fixture(void **state)
{
	const struct bad_case *bc = *state;
	struct scenario *s = (struct scenario *)1;
	char path[512], err[ERR_LEN], want[ERR_LEN + 512];

	snprintf(path, sizeof(path), FIXTURE_DIR "/bad/%s.json", bc->file);
	assert_int_equal(scenario_load_file(path, &s, err, sizeof(err)), -1);
	assert_null(s);
	snprintf(want, sizeof(want), "%s: %s", path, bc->tail);
	assert_string_equal(err, want);
}

/* every file in bad/ has a case, so no fixture goes unchecked */
static void test_bad_fixtures_all_listed(void **state)
{
	DIR *d = opendir(FIXTURE_DIR "/bad");
	struct dirent *de;
	int files = 0;
	size_t i;

	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (len < 6 || strcmp(de->d_name + len - 5, ".json"))
			continue;
		files++;
		for (i = 0; i < NR_BAD; i++)
			if (strlen(bad_cases[i].file) == len - 5 &&
			    !strncmp(bad_cases[i].file, de->d_name, len - 5))
				break;
		if (i == NR_BAD)
			fail_msg("bad/%s has no expected message", de->d_name);
	}
	closedir(d);
	assert_int_equal(files, NR_BAD);
}

/* ------------------------------------------------------------------ */
/* errors from strings: parse positions, escaping, limits */

static void test_parse_errors(void **state)
{
	struct scenario *s;
	char err[ERR_LEN];

	expect_error("", "line 1: JSON syntax error: empty input");
	expect_error("\n\n  {\"faultsim_scenario\": 1,\n  \"name\": }",
		     "line 4: JSON syntax error: unexpected character");
	expect_error(
		"{\"faultsim_scenario\": 1} x",
		"line 1: JSON syntax error: unexpected text after the scenario object");
	/* comments are not JSON ("comment" keys are the way) */
	expect_error(
		"{/* c */}",
		"line 1: JSON syntax error: quoted object property name expected");
	/* json-c's strict mode still takes single-quoted keys: tolerated */
	expect_error("{'a': 1}", "faultsim_scenario: required");
	/* a NUL inside the text: json-c would stop there */
	assert_int_equal(scenario_load_string("{\n}\0{}", 5, "t.json", &s, err,
					      sizeof(err)),
			 -1);
	assert_string_equal(
		err, "t.json: line 2: JSON syntax error: NUL byte in input");
}

static void test_nesting_too_deep(void **state)
{
	char text[200];
	int i, n = 0;

	for (i = 0; i < 40; i++)
		text[n++] = '[';
	for (i = 0; i < 40; i++)
		text[n++] = ']';
	text[n] = '\0';
	expect_error(text, "line 1: JSON syntax error: nesting too deep");
}

static void test_string_errors(void **state)
{
	/* user text in a message is escaped and the message is one line */
	expect_error(
		HEAD TASK ", \"vmas\": [{\"name\": \"a\", \"size\": 4096, "
			  "\"bad\\nkey\": 1}]}",
		"vmas[0].bad\\x0akey: unknown key (one of: name, mm, start, size, prot, flags, placement, populate, thp, folio_order, cow_shared, dirty)");
	expect_error(
		HEAD TASK ", \"vmas\": [{\"name\": \"a\\u0000b\", "
			  "\"size\": 4096}]}",
		"vmas[0].name: \"a\\x00b\" is not a name (1 to 31 of A-Z a-z 0-9 _ . -)");
	/* long user strings are cut */
	expect_error(
		HEAD TASK
		", \"steps\": [{\"op\": \"scan\", \"task\": "
		"\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}]}",
		"steps[0].task: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\" is not a name (1 to 31 of A-Z a-z 0-9 _ . -)");
	expect_error(HEAD TASK ", \"comment\": 3}",
		     "comment: expected a string, got a number");
	expect_error(HEAD "\"tasks\": [null]}",
		     "tasks[0]: expected a task object, got null");
	expect_error(HEAD TASK ", \"vmas\": [{\"name\": \"a\", \"size\": "
			       "\"99999999999999999999\"}]}",
		     "vmas[0].size: \"99999999999999999999\" is too large");
	expect_error(HEAD TASK ", \"vmas\": [{\"name\": \"a\", \"size\": "
			       "99999999999999999999}]}",
		     "vmas[0].size: the number is too large");
	expect_error(
		HEAD TASK ", \"vmas\": [{\"name\": \"a\", \"size\": "
			  "\"0x\"}]}",
		"vmas[0].size: \"0x\" is not a byte count (decimal with optional suffix K, M, G or T, or 0x hex)");
	expect_error(
		HEAD TASK ", \"vmas\": [{\"name\": \"a\", \"size\": "
			  "\"4KB\"}]}",
		"vmas[0].size: \"4KB\" is not a byte count (decimal with optional suffix K, M, G or T, or 0x hex)");
	expect_error(HEAD TASK ", \"vmas\": [{\"name\": \"a\", \"size\": 4096,"
			       " \"flags\": [\"shared\", \"shared\"]}]}",
		     "vmas[0].flags[1]: \"shared\" is listed twice");
	expect_error(
		HEAD TASK ", \"vmas\": [{\"name\": \"a\", \"size\": 4096,"
			  " \"thp\": true}]}",
		"vmas[0].size: 4096 is not a multiple of 2097152 (the THP size)");
	expect_error(HEAD TASK ", \"steps\": [{\"op\": \"scan\", \"task\": "
			       "\"t0\", \"force\": 1}]}",
		     "steps[0].force: expected true or false, got a number");
	expect_error(HEAD TASK ", \"steps\": [{\"op\": \"expect\", \"vmstat\": "
			       "{\"numa_hint_faults\": 1.5}}]}",
		     "steps[0].vmstat.numa_hint_faults: 1.5 is not an integer");
	expect_error(HEAD TASK
		     ", \"steps\": [{\"op\": \"expect\", \"findings\": "
		     "[\"bug\", \"bug\"]}]}",
		     "steps[0].findings[1]: \"bug\" is listed twice");
	expect_error(HEAD TASK ", \"steps\": 7}",
		     "steps: expected an array of steps, got a number");
	expect_error("{\"faultsim_scenario\": \"1\"}",
		     "faultsim_scenario: expected an integer, got a string");
	expect_error("{\"faultsim_scenario\": 1, \"name\": \"t\", " TASK "}",
		     "machine: required");
	expect_error(
		HEAD TASK ", \"vmas\": [{\"name\": \"a\", \"size\": 8192,"
			  " \"folio_order\": 2}]}",
		"vmas[0].size: 8192 is not a multiple of 16384 (the folio size)");
	expect_error(
		HEAD
		"\"tasks\": [{\"name\": \"t0\", \"cpu\": 0, "
		"\"policy\": {\"mode\": \"preferred\", \"nodes\": [0, 1]}}]}",
		"tasks[0].policy.nodes: mode preferred takes one node (the kernel would use the first); use preferred_many");
	expect_error(
		HEAD "\"tasks\": [{\"name\": \"t0\", \"cpu\": 0}, "
		     "{\"name\": \"t0\", \"cpu\": 1}]}",
		"tasks[1].name: task \"t0\" is already defined by tasks[0]");
}

/* the scan clock: "run" steps and a task's "mm_start" */
static void test_run_and_mm_start(void **state)
{
	const char *text =
		HEAD "\"tasks\": [{\"name\": \"t0\", \"cpu\": 0, "
		"\"mm_start\": \"exec\"}, {\"name\": \"t1\", \"cpu\": 1, "
		"\"mm\": \"b\", \"mm_start\": \"fork\"}, {\"name\": \"t2\", "
		"\"cpu\": 1, \"mm\": \"b\"}], \"steps\": [{\"op\": \"run\", "
		"\"task\": \"t2\", \"ms\": 20000}]}";
	struct scenario *s = NULL;
	char err[ERR_LEN];

	assert_int_equal(scenario_load_string(text, strlen(text), "t.json", &s,
					      err, sizeof(err)),
			 0);
	assert_int_equal(s->tasks[0].mm_start, SCN_MM_EXEC);
	assert_int_equal(s->tasks[1].mm_start, SCN_MM_FORK);
	assert_int_equal(s->tasks[2].mm_start, SCN_MM_FORK);
	assert_int_equal(s->steps[0].op, SCN_OP_RUN);
	assert_int_equal(s->steps[0].run.task, 2);
	assert_int_equal(s->steps[0].run.ms, 20000);
	scenario_free(s);

	expect_error(HEAD "\"tasks\": [{\"name\": \"t0\", \"cpu\": 0, "
			  "\"mm_start\": \"spawn\"}]}",
		     "tasks[0].mm_start: unknown mm_start \"spawn\" (one of: "
		     "fork, exec)");
	expect_error(HEAD "\"tasks\": [{\"name\": \"t0\", \"cpu\": 0}, "
			  "{\"name\": \"t1\", \"cpu\": 1, "
			  "\"mm_start\": \"exec\"}]}",
		     "tasks[1].mm_start: an exec'd mm has one task; mm \"mm0\" "
		     "has 2");
	expect_error(HEAD TASK ", \"steps\": [{\"op\": \"run\", "
			  "\"task\": \"t0\", \"ms\": 0}]}",
		     "steps[0].ms: 0 is out of range (1..86400000)");
	expect_error(HEAD TASK ", \"steps\": [{\"op\": \"run\", "
			  "\"task\": \"t0\"}]}",
		     "steps[0].ms: required");
	expect_error(HEAD TASK ", \"steps\": [{\"op\": \"run\", "
			  "\"ms\": 5, \"force\": true}]}",
		     "steps[0].force: unknown key (one of: op, task, ms)");
}

static void test_error_buffer(void **state)
{
	struct scenario *s;
	char small[12];

	/* a short buffer truncates, a NULL one is allowed */
	assert_int_equal(scenario_load_string("[", 1, "file.json", &s, small,
					      sizeof(small)),
			 -1);
	assert_string_equal(small, "file.json: ");
	assert_int_equal(scenario_load_string("[", 1, "f", &s, NULL, 0), -1);
	assert_null(s);
}

static void test_missing_file(void **state)
{
	struct scenario *s = (struct scenario *)1;
	char err[ERR_LEN];

	assert_int_equal(scenario_load_file(FIXTURE_DIR "/nope.json", &s, err,
					    sizeof(err)),
			 -1);
	assert_null(s);
	assert_string_equal(
		err, FIXTURE_DIR
		"/nope.json: cannot open: No such file or directory");
}

/* text of a scenario with n VMAs or n steps */
static char *many(int vmas, int steps)
{
	size_t room = 256 + vmas * 80 + steps * 48, n;
	char *t = malloc(room);
	int i;

	assert_non_null(t);
	n = snprintf(t, room, HEAD TASK ", \"vmas\": [");
	for (i = 0; i < vmas; i++)
		n += snprintf(t + n, room - n,
			      "%s{\"name\": \"v%d\", \"size\": 4096, "
			      "\"populate\": false}",
			      i ? "," : "", i);
	n += snprintf(t + n, room - n, "], \"steps\": [");
	for (i = 0; i < steps; i++)
		n += snprintf(t + n, room - n,
			      "%s{\"op\": \"advance\", \"ms\": 1}",
			      i ? "," : "");
	snprintf(t + n, room - n, "]}");
	return t;
}

/* One loop of @steps advance steps */
static char *looped(int steps)
{
	size_t room = 256 + steps * 48, n;
	char *t = malloc(room);
	int i;

	assert_non_null(t);
	n = snprintf(t, room, HEAD TASK ", \"steps\": [{\"op\": \"loop\", "
		     "\"times\": 2, \"steps\": [");
	for (i = 0; i < steps; i++)
		n += snprintf(t + n, room - n,
			      "%s{\"op\": \"advance\", \"ms\": 1}",
			      i ? "," : "");
	snprintf(t + n, room - n, "]}]}");
	return t;
}

static void test_limits(void **state)
{
	struct scenario *s;
	char err[ERR_LEN];
	char *t;

	t = many(SCN_MAX_VMAS, SCN_MAX_STEPS);
	if (scenario_load_string(t, strlen(t), "t.json", &s, err, sizeof(err)))
		fail_msg("%s", err);
	assert_int_equal(s->nr_vmas, SCN_MAX_VMAS);
	assert_int_equal(s->nr_steps, SCN_MAX_STEPS);
	/* automatic starts: 2M aligned, a 2M gap after each */
	assert_int_equal(s->vmas[1].start, SCN_AUTO_BASE + (4ULL << 20));
	scenario_free(s);
	free(t);

	t = many(SCN_MAX_VMAS + 1, 0);
	expect_error(t, "vmas: 257 VMAs, at most 256 allowed");
	free(t);
	t = many(1, SCN_MAX_STEPS + 1);
	expect_error(t, "steps: 100001 steps, at most 100000 allowed");
	free(t);

	/* the steps in a loop count: the loop and its body, 100001 */
	t = looped(SCN_MAX_STEPS);
	expect_error(t, "steps[0].steps[99999]: more than 100000 steps "
		     "listed (those in loops and concurrently count)");
	free(t);
}

/* ------------------------------------------------------------------ */
/* mutation fuzzing: never crash, one line of error or a scenario */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64*: deterministic, seeded below */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static const char *const tokens[] = {
	"{",	       "}",
	"[",	       "]",
	",",	       ":",
	"\"",	       "null",
	"true",	       "0",
	"-1",	       "4096",
	"1e999",       "0.5",
	"\"2M\"",      "\"0x7fffffffffff\"",
	"\"\"",	       "9223372036854775808",
	"\"\\u0000\"", "\"\\n\"",
	"\xff",	       "[]",
	"{}",	       "\"op\"",
	"\"vma\"",     "\"heap\"",
	"\"node\"",    "64",
	"4",
};

static size_t mutate(const char *src, size_t len, char *dst, size_t room)
{
	size_t a = rnd() % (len + 1), b = a + rnd() % 64, n = 0;
	const char *tok = tokens[rnd() % (sizeof(tokens) / sizeof(tokens[0]))];

	if (b > len)
		b = len;
	memcpy(dst, src, len);
	n = len;
	switch (rnd() % 6) {
	case 0: /* truncate */
		return a;
	case 1: /* flip a byte */
		if (a < len)
			dst[a] ^= 1 << (rnd() % 8);
		return n;
	case 2: /* delete a span */
		memmove(dst + a, src + b, len - b);
		return len - (b - a);
	case 3: /* insert a token */
	case 4: /* replace a span with a token */
		if (rnd() & 1)
			b = a;
		if (len - (b - a) + strlen(tok) > room)
			return n;
		memcpy(dst + a, tok, strlen(tok));
		memcpy(dst + a + strlen(tok), src + b, len - b);
		return len - (b - a) + strlen(tok);
	default: /* duplicate a span */
		if (len + (b - a) > room)
			return n;
		memcpy(dst + b, src + a, len - a);
		return len + (b - a);
	}
}

static void check_one(const char *text, size_t len, int *loaded)
{
	struct scenario *s = NULL;
	char err[ERR_LEN];

	memset(err, 'X', sizeof(err));
	if (!scenario_load_string(text, len, "fuzz.json", &s, err,
				  sizeof(err))) {
		assert_non_null(s);
		(*loaded)++;
		scenario_free(s);
		return;
	}
	assert_null(s);
	assert_non_null(memchr(err, '\0', sizeof(err)));
	assert_null(strchr(err, '\n'));
	assert_int_equal(strncmp(err, "fuzz.json: ", 11), 0);
	assert_true(strlen(err) > 11);
}

static void test_fuzz(void **state)
{
	static const char *const seeds[] = {
		FIXTURE_DIR "/good/full.json",
		SCENARIO_DIR "/hint-half-remote.json",
		SCENARIO_DIR "/thp-pmd-hint.json",
	};
	int i, round, loaded = 0, total = 0;
	clock_t t0 = clock();

	rng_state = 0x5eed5eed5eedULL;
	for (i = 0; i < 3; i++) {
		size_t len, room, n;
		char *src = read_text(seeds[i], &len);
		char *buf, *buf2;

		room = len * 2 + 256;
		buf = malloc(room);
		buf2 = malloc(room);
		assert_non_null(buf);
		assert_non_null(buf2);
		for (round = 0; round < 1500; round++) {
			n = mutate(src, len, buf, room);
			/* sometimes stack a second mutation */
			if (rnd() & 1) {
				n = mutate(buf, n, buf2, room);
				memcpy(buf, buf2, n);
			}
			check_one(buf, n, &loaded);
			total++;
		}
		free(buf);
		free(buf2);
		free(src);
	}
	/* the mutations are not all trivially fatal, nor all harmless */
	assert_true(loaded > 0);
	assert_true(loaded < total);
	print_message("fuzz: %d mutations, %d loaded, %.2f s\n", total, loaded,
		      (double)(clock() - t0) / CLOCKS_PER_SEC);
}

/* ------------------------------------------------------------------ */

static void test_builtin_scenarios(void **state)
{
	DIR *d = opendir(SCENARIO_DIR);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char path[512];
		struct scenario *s;

		if (len < 6 || strcmp(de->d_name + len - 5, ".json"))
			continue;
		snprintf(path, sizeof(path), SCENARIO_DIR "/%s", de->d_name);
		s = load_ok(path);
		/* the name says what the file is called */
		assert_int_equal(strlen(s->name), len - 5);
		assert_memory_equal(s->name, de->d_name, len - 5);
		assert_non_null(s->expect);
		assert_true(s->nr_steps > 0);
		scenario_free(s);
		n++;
	}
	closedir(d);
	assert_true(n >= 4);
}

static void test_builtin_half_remote(void **state)
{
	struct scenario *s = load_ok(SCENARIO_DIR "/hint-half-remote.json");
	const struct scn_expect *e = s->steps[1].expect;

	assert_int_equal(s->sysctl.numa_balancing, 1);
	assert_int_equal(s->vmas[0].size, 4 << 20);
	assert_int_equal(scenario_vma_node(&s->vmas[0], 0), 0);
	assert_int_equal(scenario_vma_node(&s->vmas[0], 2 << 20), 1);
	assert_int_equal(e->vmstat[SCN_NUMA_PTE_UPDATES], 512);
	assert_int_equal(e->ptes[1].offset, 2 << 20);
	assert_int_equal(e->ptes[1].pages, 512);
	assert_true(s->expect->check_findings);
	assert_int_equal(s->expect->nr_findings, 0);
	scenario_free(s);
}

int main(void)
{
	const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_good_minimal),
		cmocka_unit_test(test_good_vocab),
		cmocka_unit_test(test_good_full_machine_tasks),
		cmocka_unit_test(test_good_full_vmas),
		cmocka_unit_test(test_good_full_steps),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_bad_fixtures_all_listed),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_nesting_too_deep),
		cmocka_unit_test(test_string_errors),
		cmocka_unit_test(test_run_and_mm_start),
		cmocka_unit_test(test_error_buffer),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_fuzz),
		cmocka_unit_test(test_builtin_scenarios),
		cmocka_unit_test(test_builtin_half_remote),
	};
	size_t nf = sizeof(fixed) / sizeof(fixed[0]), i;
	struct CMUnitTest *tests = calloc(nf + NR_BAD, sizeof(*tests));
	int ret;

	if (!tests)
		return 1;
	memcpy(tests, fixed, sizeof(fixed));
	/* one named test per bad fixture */
	for (i = 0; i < NR_BAD; i++) {
		tests[nf + i] = (struct CMUnitTest)cmocka_unit_test_prestate(
			test_bad_fixture, (void *)&bad_cases[i]);
		tests[nf + i].name = bad_cases[i].file;
	}
	ret = _cmocka_run_group_tests("scenario", tests, nf + NR_BAD, NULL,
				      NULL);
	free(tests);
	return ret;
}

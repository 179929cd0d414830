// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario loader: "steps" (docs/scenarios.md), each op with its own
 * keys; the steps of a "concurrently" and the DAMON steps.
 */
#include <string.h>
#include <json-c/json.h>
#include "app/scenario_load.h"

const char *const scn_op_names[SCN_NR_OPS] = {
	[SCN_OP_ACCESS] = "access",
	[SCN_OP_SCAN] = "scan",
	[SCN_OP_SYSCTL] = "sysctl",
	[SCN_OP_MPROTECT] = "mprotect",
	[SCN_OP_MADVISE] = "madvise",
	[SCN_OP_SPLIT_THP] = "split_thp",
	[SCN_OP_ADVANCE] = "advance",
	[SCN_OP_MIGRATE_FAIL] = "migrate_fail",
	[SCN_OP_MOVE_TASK] = "move_task",
	[SCN_OP_EXPECT] = "expect",
	[SCN_OP_CONCURRENTLY] = "concurrently",
	[SCN_OP_DAMON_START] = "damon_start",
	[SCN_OP_DAMON_STOP] = "damon_stop",
	[SCN_OP_DAMON_HINT] = "damon_hint",
	[SCN_OP_SET_MEMPOLICY] = "set_mempolicy",
	[SCN_OP_MBIND] = "mbind",
	[SCN_OP_LOOP] = "loop",
	[SCN_OP_SAMPLE] = "sample",
	[SCN_OP_RUN] = "run",
};

const char *const scn_damon_ops_names[SCN_NR_DAMON_OPS] = {
	[SCN_DAMON_VADDR] = "vaddr",
	[SCN_DAMON_VADDR_FAULT] = "vaddr-fault",
	[SCN_DAMON_PADDR_FAULT] = "paddr-fault",
	[SCN_DAMON_PADDR] = "paddr",
};

static const char *const advice_names[] = { "dontneed", "hugepage",
					    "nohugepage", NULL };
static const char *const when_names[] = { "before_unmap", "after_unmap", NULL };
static const char *const split_names[] = { "pmd", "folio", NULL };

static int load_step(struct ctx *c, json_object *o, struct scn_step *st);

static int step_task(const struct scn_step *st)
{
	if (st->op == SCN_OP_ACCESS)
		return st->access.task;
	if (st->op == SCN_OP_SCAN)
		return st->scan.task;
	if (st->op == SCN_OP_SET_MEMPOLICY)
		return st->set_mempolicy.task;
	if (st->op == SCN_OP_RUN)
		return st->run.task;
	return -1;
}

/*
 * {"op": "concurrently", "steps": [...]}: the steps start together, each
 * in its task's thread (one at most in the driver); the next step waits
 * for all of them.
 */
static int load_concurrently(struct ctx *c, json_object *o,
			     struct scn_step *st)
{
	static const char *const keys[] = { "op", "steps", NULL };
	json_object *v;
	size_t i, j, n, mark;
	int driver_steps = 0;

	if (scn_check_object(c, o, "a step object", keys))
		return -1;
	v = scn_field(o, "steps");
	if (scn_need(c, v))
		return -1;
	mark = scn_push_key(c, "steps");
	if (scn_as_array(c, v, "steps", 2, SCN_MAX_CONCURRENT, &n))
		return -1;
	st->concurrently.steps = scn_zalloc(n, sizeof(*st->concurrently.steps));
	if (!st->concurrently.steps)
		return scn_oom(c);
	for (i = 0; i < n; i++) {
		struct scn_step *sub = &st->concurrently.steps[i];
		size_t m = scn_push_idx(c, i);
		int t;

		st->concurrently.nr++;
		if (load_step(c, scn_elem(v, i), sub))
			return -1;
		if (sub->op == SCN_OP_EXPECT || sub->op == SCN_OP_CONCURRENTLY ||
		    sub->op == SCN_OP_DAMON_START ||
		    sub->op == SCN_OP_DAMON_STOP || sub->op == SCN_OP_LOOP ||
		    sub->op == SCN_OP_SAMPLE)
			return scn_fail(c, "%s cannot run concurrently",
					scn_op_names[sub->op]);
		t = step_task(sub);
		if (t < 0 && ++driver_steps > 1)
			return scn_fail(c,
					"only one step without a task can run "
					"concurrently (the scenario driver's)");
		for (j = 0; t >= 0 && j < i; j++)
			if (step_task(&st->concurrently.steps[j]) == t)
				return scn_fail(
					c, "task %s already has a step here",
					scn_qstr(c, c->s->tasks[t].name));
		scn_pop(c, m);
	}
	scn_pop(c, mark);
	return 0;
}

/*
 * "repeat" (default 1) and "every_us" (default 0) of an access: the
 * pages are touched repeat times, the task sleeping every_us after each
 * time, so the step lasts repeat * every_us and steps in a row keep the
 * period.  Repetitions need a period (back to back they would mostly
 * hit the TLB and mean nothing).
 */
static int rd_repeat(struct ctx *c, json_object *o, struct scn_step *st)
{
	int64_t x;

	if (scn_rd_int(c, o, "repeat", false, 1, SCN_MAX_REPEAT, 1, &x))
		return -1;
	st->access.repeat = x;
	if (x > 1 && !scn_field(o, "every_us"))
		return scn_push_key(c, "every_us"),
		       scn_fail(c,
				"required with \"repeat\" %lld: the sleep "
				"after each repetition, in microseconds",
				(long long)x);
	if (scn_rd_int(c, o, "every_us", false, 1, SCN_MAX_EVERY_US, 0, &x))
		return -1;
	st->access.every_us = x;
	if (st->access.repeat * st->access.every_us >
	    SCN_MAX_ADVANCE_MS * 1000)
		return scn_push_key(c, "every_us"),
		       scn_fail(c,
				"%u repetitions of %lld us last more than a "
				"virtual day",
				st->access.repeat, (long long)x);
	return 0;
}

/*
 * {"op": "damon_start", "ops": ..., "task": ..., "sample_us": ...}: the
 * attributes are checked as 6.12's damon_set_attrs() would (EINVAL), and
 * at most one kdamond runs at a time.
 */
static int load_damon_start(struct ctx *c, json_object *o,
			    struct scn_step *st)
{
	int w;
	int64_t x;

	if (c->damon_running)
		return scn_fail(c, "DAMON is already running (one kdamond at a "
				   "time: damon_stop it first)");
	if (scn_rd_word(c, o, "ops", true, "operations set",
			scn_damon_ops_names, SCN_NR_DAMON_OPS, 0, &w))
		return -1;
	st->damon_start.ops = w;
	st->damon_start.task = -1;
	if (w == SCN_DAMON_PADDR_FAULT || w == SCN_DAMON_PADDR) {
		if (scn_field(o, "task"))
			return scn_push_key(c, "task"),
			       scn_fail(c,
					"%s monitors physical memory: no task",
					scn_damon_ops_names[w]);
	} else {
		if (!scn_field(o, "task"))
			return scn_push_key(c, "task"),
			       scn_fail(c,
					"required: %s monitors a task's "
					"address space",
					scn_damon_ops_names[w]);
		if (scn_rd_task(c, o, &st->damon_start.task))
			return -1;
	}
	if (scn_rd_int(c, o, "sample_us", false, 1, SCN_MAX_DAMON_SAMPLE_US,
		       5000, &x))
		return -1;
	st->damon_start.sample_us = x;
	if (scn_rd_int(c, o, "aggr_us", false, 1, SCN_MAX_DAMON_AGGR_US, 100000,
		       &x))
		return -1;
	st->damon_start.aggr_us = x;
	if (st->damon_start.aggr_us < st->damon_start.sample_us) {
		return scn_push_key(c, "aggr_us"),
		       scn_fail(c,
				"%llu is less than sample_us %llu "
				"(damon_set_attrs(): EINVAL)",
				(unsigned long long)st->damon_start.aggr_us,
				(unsigned long long)st->damon_start.sample_us);
	}
	/* damon_set_attrs(): min_nr_regions < 3 is EINVAL */
	if (scn_rd_int(c, o, "min_nr_regions", false, 3, SCN_MAX_DAMON_REGIONS,
		       10, &x))
		return -1;
	st->damon_start.min_nr_regions = x;
	if (scn_rd_int(c, o, "max_nr_regions", false, 3, SCN_MAX_DAMON_REGIONS,
		       1000, &x))
		return -1;
	st->damon_start.max_nr_regions = x;
	if (st->damon_start.max_nr_regions < st->damon_start.min_nr_regions) {
		return scn_push_key(c, "max_nr_regions"),
		       scn_fail(c,
				"%u is less than min_nr_regions %u "
				"(damon_set_attrs(): EINVAL)",
				st->damon_start.max_nr_regions,
				st->damon_start.min_nr_regions);
	}
	c->damon_running = true;
	return 0;
}

/* {"op": "access", "addr": ...}: in the VMA of the task's mm holding it */
static int load_access_addr(struct ctx *c, json_object *o,
			    struct scn_step *st)
{
	struct scenario *s = c->s;
	int mm = s->tasks[st->access.task].mm;
	const struct scn_vma *vma;
	uint64_t addr;
	unsigned int i;
	size_t mark;
	int64_t x;

	if (scn_field(o, "offset"))
		return scn_push_key(c, "offset"),
		       scn_fail(c, "goes with \"vma\"; \"addr\" is absolute");
	if (scn_rd_bytes(c, o, "addr", true, 0, SCN_PAGE_SIZE, "", &addr))
		return -1;
	mark = scn_push_key(c, "addr");
	for (i = 0; i < s->nr_vmas; i++)
		if (s->vmas[i].mm == mm && addr >= s->vmas[i].start &&
		    addr < s->vmas[i].start + s->vmas[i].size)
			break;
	if (i == s->nr_vmas)
		return scn_fail(c, "0x%llx is in no VMA of mm %s",
				(unsigned long long)addr,
				scn_qstr(c, s->mms[mm].name));
	scn_pop(c, mark);
	st->access.vma = i;
	st->access.offset = addr - s->vmas[i].start;
	if (scn_rd_int(c, o, "pages", false, 1, SCN_MAX_VMA_SIZE >> 12, 1, &x))
		return -1;
	mark = scn_push_key(c, "pages");
	vma = &s->vmas[i];
	if (st->access.offset + x * SCN_PAGE_SIZE > vma->size)
		return scn_fail(
			c,
			"%lld pages from 0x%llx run past the end of VMA %s (0x%llx)",
			(long long)x, (unsigned long long)addr,
			scn_qstr(c, vma->name),
			(unsigned long long)(vma->start + vma->size));
	scn_pop(c, mark);
	st->access.pages = x;
	return 0;
}

/* {"op": "access"}: pages of a VMA ("vma") or at an address ("addr") */
static int load_access(struct ctx *c, json_object *o, struct scn_step *st)
{
	struct scenario *s = c->s;
	const struct scn_task *t;
	const struct scn_vma *vma;
	uint64_t len;
	json_object *f;

	if (scn_rd_task(c, o, &st->access.task) ||
	    scn_rd_vma(c, o, false, &st->access.vma) ||
	    scn_rd_bool(c, o, "write", false, &st->access.write) ||
	    rd_repeat(c, o, st))
		return -1;
	f = scn_field(o, "addr");
	if (!!f == (st->access.vma >= 0))
		return scn_fail(c, "give exactly one of vma, addr");
	if (f)
		return load_access_addr(c, o, st);
	vma = &s->vmas[st->access.vma];
	t = &s->tasks[st->access.task];
	if (vma->mm != t->mm)
		return scn_push_key(c, "vma"),
		       scn_fail(c, "VMA %s is in mm %s, task %s uses mm %s",
				scn_qstr(c, vma->name),
				scn_qstr(c, s->mms[vma->mm].name),
				scn_qstr(c, t->name),
				scn_qstr(c, s->mms[t->mm].name));
	if (scn_rd_span(c, o, vma, "pages", &st->access.offset, &len))
		return -1;
	st->access.pages = len / SCN_PAGE_SIZE;
	return 0;
}

static int load_scan(struct ctx *c, json_object *o, struct scn_step *st)
{
	if (scn_rd_task(c, o, &st->scan.task) ||
	    scn_rd_bool(c, o, "force", false, &st->scan.force))
		return -1;
	return 0;
}

static int load_run(struct ctx *c, json_object *o, struct scn_step *st)
{
	int64_t x;

	if (scn_rd_task(c, o, &st->run.task) ||
	    scn_rd_int(c, o, "ms", true, 1, SCN_MAX_ADVANCE_MS, 0, &x))
		return -1;
	st->run.ms = x;
	return 0;
}

static int load_sysctl(struct ctx *c, json_object *o, struct scn_step *st)
{
	return scn_load_sysctl(c, o, true, &st->sysctl);
}

static int load_mprotect(struct ctx *c, json_object *o, struct scn_step *st)
{
	size_t mark;

	if (scn_rd_vma(c, o, true, &st->mprotect.vma) ||
	    scn_rd_span(c, o, &c->s->vmas[st->mprotect.vma], "size",
			&st->mprotect.offset, &st->mprotect.size))
		return -1;
	mark = scn_push_key(c, "prot");
	if (scn_as_prot(c, scn_field(o, "prot"), &st->mprotect.prot))
		return -1;
	scn_pop(c, mark);
	return 0;
}

static int load_madvise(struct ctx *c, json_object *o, struct scn_step *st)
{
	int w;

	if (scn_rd_vma(c, o, true, &st->madvise.vma) ||
	    scn_rd_span(c, o, &c->s->vmas[st->madvise.vma], "size",
			&st->madvise.offset, &st->madvise.size) ||
	    scn_rd_word(c, o, "advice", true, "advice", advice_names,
			ARRAY_SIZE(advice_names), 0, &w))
		return -1;
	st->madvise.advice = w;
	return 0;
}

/*
 * {"op": "set_mempolicy", "task": ..., "mode": ..., "nodes": [...],
 * "flags": [...]}: set_mempolicy(2) in the task, checked as
 * sanitize_mpol_flags() and mpol_new() do.
 */
static int load_set_mempolicy(struct ctx *c, json_object *o,
			      struct scn_step *st)
{
	if (scn_rd_task(c, o, &st->set_mempolicy.task) ||
	    scn_load_policy(c, o, false, &st->set_mempolicy.policy, NULL))
		return -1;
	return 0;
}

/*
 * {"op": "mbind", "vma": ..., "offset": ..., "size": ..., "mode": ...,
 * "nodes": [...], "flags": [...]}: mbind(2) of the range; "flags" takes
 * the mode flags and "strict" (MPOL_MF_STRICT).
 */
static int load_mbind(struct ctx *c, json_object *o, struct scn_step *st)
{
	if (scn_rd_vma(c, o, true, &st->mbind.vma) ||
	    scn_rd_span(c, o, &c->s->vmas[st->mbind.vma], "size",
			&st->mbind.offset, &st->mbind.size) ||
	    scn_load_policy(c, o, false, &st->mbind.policy, &st->mbind.strict))
		return -1;
	return 0;
}

static uint64_t max_u64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/* Steps a run executes for @st, loops unrolled; saturates past the cap */
static uint64_t exec_count(const struct scn_step *st)
{
	uint64_t n = 0;
	unsigned int i;

	if (st->op == SCN_OP_CONCURRENTLY)
		return st->concurrently.nr;
	if (st->op != SCN_OP_LOOP)
		return 1;
	for (i = 0; i < st->loop.nr && n <= SCN_MAX_EXEC_STEPS; i++)
		n += exec_count(&st->loop.steps[i]);
	if (n > SCN_MAX_EXEC_STEPS / st->loop.times)
		return SCN_MAX_EXEC_STEPS + 1;
	return n * st->loop.times;
}

/*
 * Virtual time @st asks to sleep (advance, access every_us) or to run
 * (run), loops unrolled; saturates past the cap.  msleep()'s rounding up to jiffies
 * is left out: a few ms a step, far below the cap's margin.
 */
static uint64_t sleep_ns(const struct scn_step *st)
{
	uint64_t n = 0;
	unsigned int i;

	switch (st->op) {
	case SCN_OP_ADVANCE:
		return st->advance.ms * 1000000;
	case SCN_OP_RUN:	/* on the CPU, not asleep: the clock all the same */
		return st->run.ms * 1000000;
	case SCN_OP_ACCESS:
		return (uint64_t)st->access.repeat * st->access.every_us * 1000;
	case SCN_OP_CONCURRENTLY:
		for (i = 0; i < st->concurrently.nr; i++)
			n = max_u64(n, sleep_ns(&st->concurrently.steps[i]));
		return n;
	case SCN_OP_LOOP:
		for (i = 0; i < st->loop.nr && n <= SCN_MAX_RUN_NS; i++)
			n += sleep_ns(&st->loop.steps[i]);
		if (n > SCN_MAX_RUN_NS / st->loop.times)
			return SCN_MAX_RUN_NS + 1;
		return n * st->loop.times;
	default:
		return 0;
	}
}

/*
 * {"op": "loop", "times": N, "steps": [...]}: the steps, N times over.
 * Loops nest SCN_MAX_LOOP_DEPTH deep; a body must leave DAMON running
 * or not as it found it (each time round starts where the last ended).
 */
static int load_loop(struct ctx *c, json_object *o, struct scn_step *st)
{
	bool damon = c->damon_running;
	json_object *v;
	size_t i, n, mark;
	int64_t x;

	if (c->loop_depth >= SCN_MAX_LOOP_DEPTH)
		return scn_fail(c, "loops nest at most %d deep",
				SCN_MAX_LOOP_DEPTH);
	if (scn_rd_int(c, o, "times", true, 1, SCN_MAX_LOOP_TIMES, 1, &x))
		return -1;
	st->loop.times = x;
	v = scn_field(o, "steps");
	mark = scn_push_key(c, "steps");
	if (scn_need(c, v) ||
	    scn_as_array(c, v, "steps", 1, SCN_MAX_STEPS, &n))
		return -1;
	st->loop.steps = scn_zalloc(n, sizeof(*st->loop.steps));
	if (!st->loop.steps)
		return scn_oom(c);
	c->loop_depth++;
	for (i = 0; i < n; i++) {
		size_t m = scn_push_idx(c, i);

		st->loop.nr++;
		if (load_step(c, scn_elem(v, i), &st->loop.steps[i]))
			return -1;
		scn_pop(c, m);
	}
	c->loop_depth--;
	scn_pop(c, mark);
	if (c->damon_running != damon)
		return scn_fail(c, "the steps %s DAMON and do not %s it: each "
				"time round would find it %s",
				damon ? "stop" : "start",
				damon ? "start" : "stop",
				damon ? "stopped" : "running");
	if (exec_count(st) > SCN_MAX_EXEC_STEPS)
		return scn_fail(c, "executes more than %u steps (a run's "
				"limit)", SCN_MAX_EXEC_STEPS);
	if (sleep_ns(st) > SCN_MAX_RUN_NS)
		return scn_fail(c, "sleeps more than %llu virtual years (a "
				"run's limit)", SCN_MAX_RUN_YEARS);
	return 0;
}

/* A list of names (VMAs or tasks) into indices, none twice */
static int rd_name_list(struct ctx *c, json_object *o, const char *key,
			int (*find)(const struct scenario *, const char *),
			const char *what, int **out, unsigned int *nr)
{
	json_object *v = scn_field(o, key);
	size_t i, j, n, mark;

	if (!v)
		return 0;
	mark = scn_push_key(c, key);
	if (scn_as_array(c, v, key, 1, SCN_MAX_SAMPLE_LIST, &n))
		return -1;
	*out = scn_zalloc(n, sizeof(**out));
	if (!*out)
		return scn_oom(c);
	for (i = 0; i < n; i++) {
		size_t m = scn_push_idx(c, i);
		char name[SCN_NAME_MAX + 1];

		if (scn_as_name(c, scn_elem(v, i), SCN_NAME_MAX, name))
			return -1;
		(*out)[i] = find(c->s, name);
		if ((*out)[i] < 0)
			return scn_fail(c, "no %s named %s", what,
					scn_qstr(c, name));
		for (j = 0; j < i; j++)
			if ((*out)[j] == (*out)[i])
				return scn_fail(c, "%s is listed twice",
						scn_qstr(c, name));
		(*nr)++;
		scn_pop(c, m);
	}
	scn_pop(c, mark);
	return 0;
}

/* "vmstat": true (every counter) or a list of /proc/vmstat names */
static int rd_sample_vmstat(struct ctx *c, json_object *o,
			    struct scn_sample *sm)
{
	json_object *v = scn_field(o, "vmstat");
	size_t i, n, mark;

	if (!v)
		return 0;
	mark = scn_push_key(c, "vmstat");
	if (scn_is(v, json_type_boolean)) {
		if (!json_object_get_boolean(v))
			return scn_fail(c, "false records nothing: leave it "
				       "out, or give true or a list");
		sm->vmstat_all = true;
		sm->vmstat_mask = (1U << SCN_NR_VMSTAT) - 1;
		scn_pop(c, mark);
		return 0;
	}
	if (!scn_is(v, json_type_array))
		return scn_fail(c, "expected true or a list of /proc/vmstat "
			       "counters, got %s", scn_jtype(v));
	if (scn_as_array(c, v, "vmstat", 1, SCN_NR_VMSTAT, &n))
		return -1;
	for (i = 0; i < n; i++) {
		size_t m = scn_push_idx(c, i);
		int w;

		if (scn_as_word(c, scn_elem(v, i), "counter", scn_vmstat_names,
				SCN_NR_VMSTAT, &w))
			return -1;
		if (sm->vmstat_mask & (1U << w))
			return scn_fail(c, "\"%s\" is listed twice",
					scn_vmstat_names[w]);
		sm->vmstat_mask |= 1U << w;
		scn_pop(c, m);
	}
	scn_pop(c, mark);
	return 0;
}

/*
 * {"op": "sample", "name": ..., "vmstat": ..., "vmas": [...],
 * "tasks": [...]}: a row of observations at this point of virtual time.
 */
static int load_sample(struct ctx *c, json_object *o, struct scn_step *st)
{
	struct scn_sample *sm = scn_zalloc(1, sizeof(*sm));
	json_object *v;

	if (!sm)
		return scn_oom(c);
	st->sample = sm;
	v = scn_field(o, "name");
	if (v) {
		size_t mark = scn_push_key(c, "name");

		if (scn_as_name(c, v, SCN_NAME_MAX, sm->name))
			return -1;
		scn_pop(c, mark);
	}
	if (rd_sample_vmstat(c, o, sm) ||
	    rd_name_list(c, o, "vmas", scenario_find_vma, "VMA", &sm->vmas,
			 &sm->nr_vmas) ||
	    rd_name_list(c, o, "tasks", scenario_find_task, "task",
			 &sm->tasks, &sm->nr_tasks))
		return -1;
	if (!sm->vmstat_mask && !sm->nr_vmas && !sm->nr_tasks)
		return scn_fail(c, "a sample records vmstat, vmas or tasks: "
			       "give at least one");
	return 0;
}

/* {"op": "split_thp"}: the PMD at "offset" must be inside the VMA */
static int load_split_thp(struct ctx *c, json_object *o, struct scn_step *st)
{
	const struct scn_vma *vma;
	size_t mark;
	int w;

	if (scn_rd_vma(c, o, true, &st->split_thp.vma) ||
	    scn_rd_word(c, o, "split", false, "split", split_names,
			ARRAY_SIZE(split_names), 0, &w) ||
	    scn_rd_bytes(c, o, "offset", false, 0, SCN_PAGE_SIZE, "",
			 &st->split_thp.offset))
		return -1;
	/*
	 * split_huge_page() in 6.12 maps every zero-filled subpage of an
	 * anonymous THP to the shared zero page when it remaps the split
	 * (remap_page(RMP_USE_SHARED_ZEROPAGE)): the result depends on
	 * page contents, which the model does not keep.
	 */
	if (w)
		return scn_push_key(c, "split"),
		       scn_fail(
			       c,
			       "\"folio\": split_huge_page() is not modelled (6.12 remaps zero-filled subpages to the zero page: page contents, which the model does not keep)");
	st->split_thp.folio = w;
	vma = &c->s->vmas[st->split_thp.vma];
	mark = scn_push_key(c, "offset");
	if ((vma->start + st->split_thp.offset) % SCN_PMD_SIZE)
		return scn_fail(c,
				"0x%llx + %s is not 2M aligned: no PMD maps it",
				(unsigned long long)vma->start,
				scn_human(c, st->split_thp.offset));
	if (st->split_thp.offset + SCN_PMD_SIZE > vma->size)
		return scn_fail(c, "%s + 2M runs past the end of VMA %s (%s)",
				scn_human(c, st->split_thp.offset),
				scn_qstr(c, vma->name),
				scn_human(c, vma->size));
	scn_pop(c, mark);
	return 0;
}

static int load_advance(struct ctx *c, json_object *o, struct scn_step *st)
{
	int64_t x;

	if (scn_rd_int(c, o, "ms", true, 1, SCN_MAX_ADVANCE_MS, 0, &x))
		return -1;
	st->advance.ms = x;
	return 0;
}

static int load_migrate_fail(struct ctx *c, json_object *o,
			     struct scn_step *st)
{
	int64_t x;
	int w;

	if (scn_rd_word(c, o, "when", true, "when", when_names,
			ARRAY_SIZE(when_names), 0, &w) ||
	    scn_rd_int(c, o, "count", false, 1, SCN_MAX_MIGRATE_FAIL, 1, &x))
		return -1;
	st->migrate_fail.when = w;
	st->migrate_fail.count = x;
	return 0;
}

static int load_move_task(struct ctx *c, json_object *o, struct scn_step *st)
{
	struct scenario *s = c->s;
	int64_t x;

	if (scn_rd_task(c, o, &st->move_task.task) ||
	    scn_rd_int(c, o, "cpu", true, 0, SCN_MAX_CPUS - 1, 0, &x))
		return -1;
	if (x >= s->nr_cpus)
		return scn_push_key(c, "cpu"),
		       scn_fail(c, "no cpu %lld (the machine has %u cpu%s)",
				(long long)x, s->nr_cpus,
				s->nr_cpus == 1 ? "" : "s");
	st->move_task.cpu = x;
	return 0;
}

static int load_damon_hint(struct ctx *c, json_object *o, struct scn_step *st)
{
	if (scn_rd_vma(c, o, true, &st->damon_hint.vma) ||
	    scn_rd_span(c, o, &c->s->vmas[st->damon_hint.vma], "size",
			&st->damon_hint.offset, &st->damon_hint.size))
		return -1;
	return 0;
}

static int load_damon_stop(struct ctx *c, json_object *o, struct scn_step *st)
{
	if (!c->damon_running)
		return scn_fail(c, "DAMON is not running (no damon_start "
				   "before this step)");
	c->damon_running = false;
	return 0;
}

static int load_expect_step(struct ctx *c, json_object *o,
			    struct scn_step *st)
{
	return scn_load_expect(c, o, true, &st->expect);
}

/*
 * Each op: the keys its step may have and its loader.  No keys: the
 * loader checks them itself (an expect step has those of "expect").
 */
static const struct step_op {
	const char *keys[10];
	int (*load)(struct ctx *c, json_object *o, struct scn_step *st);
} step_ops[SCN_NR_OPS] = {
	[SCN_OP_ACCESS] = { { "op", "task", "vma", "addr", "offset", "pages",
			      "write", "repeat", "every_us" },
			    load_access },
	[SCN_OP_SCAN] = { { "op", "task", "force" }, load_scan },
	[SCN_OP_SYSCTL] = { { "op", "numa_balancing",
			      "numa_balancing_scan_delay_ms",
			      "numa_balancing_scan_period_min_ms",
			      "numa_balancing_scan_period_max_ms",
			      "numa_balancing_scan_size_mb",
			      "transparent_hugepage" },
			    load_sysctl },
	[SCN_OP_MPROTECT] = { { "op", "vma", "offset", "size", "prot" },
			      load_mprotect },
	[SCN_OP_MADVISE] = { { "op", "vma", "offset", "size", "advice" },
			     load_madvise },
	[SCN_OP_SPLIT_THP] = { { "op", "vma", "offset", "split" },
			       load_split_thp },
	[SCN_OP_ADVANCE] = { { "op", "ms" }, load_advance },
	[SCN_OP_MIGRATE_FAIL] = { { "op", "when", "count" },
				  load_migrate_fail },
	[SCN_OP_MOVE_TASK] = { { "op", "task", "cpu" }, load_move_task },
	[SCN_OP_EXPECT] = { { NULL }, load_expect_step },
	[SCN_OP_CONCURRENTLY] = { { NULL }, load_concurrently },
	[SCN_OP_DAMON_START] = { { "op", "ops", "task", "sample_us", "aggr_us",
				   "min_nr_regions", "max_nr_regions" },
				 load_damon_start },
	[SCN_OP_DAMON_STOP] = { { "op" }, load_damon_stop },
	[SCN_OP_DAMON_HINT] = { { "op", "vma", "offset", "size" },
				load_damon_hint },
	[SCN_OP_SET_MEMPOLICY] = { { "op", "task", "mode", "nodes", "flags" },
				   load_set_mempolicy },
	[SCN_OP_MBIND] = { { "op", "vma", "offset", "size", "mode", "nodes",
			     "flags" },
			   load_mbind },
	[SCN_OP_LOOP] = { { "op", "times", "steps" }, load_loop },
	[SCN_OP_SAMPLE] = { { "op", "name", "vmstat", "vmas", "tasks" },
			    load_sample },
	[SCN_OP_RUN] = { { "op", "task", "ms" }, load_run },
};

static int load_step(struct ctx *c, json_object *o, struct scn_step *st)
{
	const struct step_op *sop;
	int op;

	if (!scn_is(o, json_type_object))
		return scn_fail(c, "expected a step object, got %s",
				scn_jtype(o));
	if (++c->nr_listed > SCN_MAX_STEPS)
		return scn_fail(c, "more than %u steps listed (those in loops "
				"and concurrently count)", SCN_MAX_STEPS);
	if (scn_rd_word(c, o, "op", true, "op", scn_op_names,
			ARRAY_SIZE(scn_op_names), 0, &op))
		return -1;
	st->op = op;
	sop = &step_ops[op];
	if (sop->keys[0] &&
	    scn_check_object(c, o, "a step object", sop->keys))
		return -1;
	return sop->load(c, o, st);
}

int scn_load_steps(struct ctx *c, json_object *v)
{
	struct scenario *s = c->s;
	size_t i, n;

	if (scn_as_array(c, v, "steps", 0, SCN_MAX_STEPS, &n))
		return -1;
	s->steps = scn_zalloc(n, sizeof(*s->steps));
	if (!s->steps)
		return scn_oom(c);
	for (i = 0; i < n; i++) {
		size_t mark = scn_push_idx(c, i);

		s->nr_steps++;
		if (load_step(c, scn_elem(v, i), &s->steps[i]))
			return -1;
		s->nr_exec_steps += exec_count(&s->steps[i]);
		if (s->nr_exec_steps > SCN_MAX_EXEC_STEPS)
			return scn_fail(c, "the steps up to here execute more "
					"than %u steps (a run's limit)",
					SCN_MAX_EXEC_STEPS);
		s->sleep_ns += sleep_ns(&s->steps[i]);
		if (s->sleep_ns > SCN_MAX_RUN_NS)
			return scn_fail(c, "the steps up to here sleep more "
					"than %llu virtual years (a run's "
					"limit)", SCN_MAX_RUN_YEARS);
		scn_pop(c, mark);
	}
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scenario generator (scenario_gen.h).  Every scenario it writes is
 * one the loader accepts: the shapes below stay inside the rules of
 * docs/scenarios.md (one step per task in a `concurrently`, at most one
 * driver step there, ranges inside their VMA, THP VMAs 2 MiB aligned).
 * Sizes are kept small on purpose: the differential test explores every
 * schedule of each scenario without reduction, so a few scheduling
 * points more multiply its cost.  The text is built with json-c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "app/scenario_gen.h"

#define GEN_MAX_TASKS	3
#define GEN_MAX_VMAS	3

/* Where the choices come from: a seeded splitmix64, or a fuzzer's bytes */
struct gen {
	const struct scenario_gen_opts *o;
	uint64_t state;
	const uint8_t *data;
	size_t len, pos;
	int nr_nodes, nr_tasks, nr_vmas;
	bool numab;			/* the sysctl starts or may go on */
	/* most steps aim here, so that they race on the same entries */
	int hot_vma;
	unsigned int hot_page;
	struct {
		unsigned int pages;	/* 4 KiB pages, or 512 for a THP */
		bool thp, writable, populated;
	} vma[GEN_MAX_VMAS];
};

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A choice in [0, n) */
static unsigned int pick(struct gen *g, unsigned int n)
{
	if (n <= 1)
		return 0;
	if (g->data)
		return g->pos < g->len ? g->data[g->pos++] % n : 0;
	return (unsigned int)(splitmix64(&g->state) % n);
}

/* True with probability num/den */
static bool chance(struct gen *g, unsigned int num, unsigned int den)
{
	return pick(g, den) < num;
}

static void put(json_object *o, const char *key, json_object *v)
{
	json_object_object_add(o, key, v);
}

static void put_str(json_object *o, const char *key, const char *v)
{
	put(o, key, json_object_new_string(v));
}

static void put_int(json_object *o, const char *key, int64_t v)
{
	put(o, key, json_object_new_int64(v));
}

static const char *task_name(int i)
{
	static const char *const names[GEN_MAX_TASKS] = { "t0", "t1", "t2" };

	return names[i];
}

static const char *vma_name(int i)
{
	static const char *const names[GEN_MAX_VMAS] = { "v0", "v1", "v2" };

	return names[i];
}

static json_object *gen_machine(struct gen *g)
{
	json_object *m = json_object_new_object();
	json_object *nodes = json_object_new_array();
	json_object *cpus = json_object_new_array();
	int i;

	for (i = 0; i < g->nr_nodes; i++) {
		json_object *n = json_object_new_object();

		put_int(n, "id", i);
		put_int(n, "pages", 2048);
		json_object_array_add(nodes, n);
	}
	for (i = 0; i < g->nr_tasks; i++) {
		json_object *c = json_object_new_object();

		put_int(c, "id", i);
		put_int(c, "node", i % g->nr_nodes);
		json_object_array_add(cpus, c);
	}
	put(m, "nodes", nodes);
	put(m, "cpus", cpus);
	return m;
}

static json_object *gen_tasks(struct gen *g)
{
	json_object *tasks = json_object_new_array();
	int i;

	for (i = 0; i < g->nr_tasks; i++) {
		json_object *t = json_object_new_object();

		put_str(t, "name", task_name(i));
		put_int(t, "cpu", i);
		json_object_array_add(tasks, t);
	}
	return tasks;
}

static json_object *gen_vma(struct gen *g, int i)
{
	json_object *v = json_object_new_object();
	bool thp = g->o->thp && chance(g, 1, 10);
	/* mostly writable: a write to a read-only VMA only signals */
	const char *prot = thp || !chance(g, 1, 8) ? "rw" : "r";

	g->vma[i].thp = thp;
	g->vma[i].pages = thp ? 512 : 1U << pick(g, 3);
	g->vma[i].writable = strchr(prot, 'w');
	g->vma[i].populated = thp || chance(g, 1, 2);
	put_str(v, "name", vma_name(i));
	put_str(v, "size", thp ? "2M" : g->vma[i].pages == 1 ? "4K" :
			   g->vma[i].pages == 2 ? "8K" : "16K");
	put_str(v, "prot", prot);
	if (thp) {
		put(v, "thp", json_object_new_boolean(true));
	} else if (chance(g, 1, 3)) {
		json_object *flags = json_object_new_array();

		json_object_array_add(flags,
				      json_object_new_string("nohugepage"));
		put(v, "flags", flags);
	}
	if (!g->vma[i].populated) {
		put(v, "populate", json_object_new_boolean(false));
		return v;
	}
	if (g->nr_nodes > 1) {
		json_object *p = json_object_new_object();

		put_int(p, "node", pick(g, g->nr_nodes));
		put(v, "placement", p);
	}
	/* a forked child shares the pages copy-on-write */
	if (!thp && g->vma[i].writable && chance(g, 1, 6))
		put(v, "cow_shared", json_object_new_boolean(true));
	return v;
}

/* A range of @pages pages in VMA @v, mostly over the hot page */
static unsigned int pick_first(struct gen *g, int v, unsigned int pages)
{
	unsigned int span = g->vma[v].thp ? 4 : g->vma[v].pages;
	unsigned int lo, hi;

	if (v != g->hot_vma || chance(g, 1, 4))
		return pick(g, span - pages + 1);
	/* the ranges that hold the hot page: first in [lo, hi] */
	lo = g->hot_page + 1 >= pages ? g->hot_page + 1 - pages : 0;
	hi = g->hot_page < span - pages ? g->hot_page : span - pages;
	return lo + pick(g, hi - lo + 1);
}

/* An access by task @t, mostly to the hot VMA */
static json_object *gen_access(struct gen *g, int t)
{
	json_object *s = json_object_new_object();
	int v = chance(g, 3, 4) ? g->hot_vma : pick(g, g->nr_vmas);
	unsigned int span = g->vma[v].thp ? 4 : g->vma[v].pages;
	unsigned int pages = 1 + pick(g, span < 2 ? span : 2);
	unsigned int first = pick_first(g, v, pages);

	put_str(s, "op", "access");
	put_str(s, "task", task_name(t));
	put_str(s, "vma", vma_name(v));
	if (first)
		put_int(s, "offset", (int64_t)first * 4096);
	if (pages > 1)
		put_int(s, "pages", pages);
	if (g->vma[v].writable && chance(g, 1, 2))
		put(s, "write", json_object_new_boolean(true));
	return s;
}

static json_object *gen_scan(struct gen *g, int t)
{
	json_object *s = json_object_new_object();

	put_str(s, "op", "scan");
	put_str(s, "task", task_name(t));
	put(s, "force", json_object_new_boolean(true));
	return s;
}

/* A step of task @t: mostly an access, a scan when balancing may run */
static json_object *gen_task_step(struct gen *g, int t)
{
	if (g->numab && chance(g, 1, 4))
		return gen_scan(g, t);
	return gen_access(g, t);
}

/* "offset"/"size" of a page range of VMA @v, mostly over the hot page */
static void put_range(struct gen *g, json_object *s, int v)
{
	unsigned int span = g->vma[v].thp ? 4 : g->vma[v].pages;
	unsigned int first, n;

	/* all of it (for a THP: the PMD is zapped or changed whole) */
	if (chance(g, 1, 3))
		return;
	n = 1 + pick(g, span);
	first = pick_first(g, v, n);
	if (first)
		put_int(s, "offset", (int64_t)first * 4096);
	put_int(s, "size", (int64_t)n * 4096);
}

/* A step of the scenario's own thread (the driver) */
static json_object *gen_driver_step(struct gen *g)
{
	static const char *const prots[] = { "rw", "r", "none" };
	json_object *s = json_object_new_object();
	int v = chance(g, 3, 4) ? g->hot_vma : pick(g, g->nr_vmas);

	switch (pick(g, g->o->numa_balancing ? 5 : 3)) {
	case 0:
		put_str(s, "op", "madvise");
		put_str(s, "vma", vma_name(v));
		put_str(s, "advice", "dontneed");
		put_range(g, s, v);
		break;
	case 1:
		put_str(s, "op", "mprotect");
		put_str(s, "vma", vma_name(v));
		put_range(g, s, v);
		put_str(s, "prot", prots[pick(g, 3)]);
		break;
	case 2:
		if (g->vma[v].thp) {
			put_str(s, "op", "split_thp");
			put_str(s, "vma", vma_name(v));
		} else {
			put_str(s, "op", "migrate_fail");
			put_str(s, "when", chance(g, 1, 2) ? "before_unmap" :
							     "after_unmap");
		}
		break;
	default:
		put_str(s, "op", "sysctl");
		g->numab = !g->numab;
		put_int(s, "numa_balancing", g->numab);
		break;
	}
	return s;
}

/* Tasks (at least one) and maybe the driver, started together */
static json_object *gen_concurrently(struct gen *g)
{
	json_object *s = json_object_new_object();
	json_object *steps = json_object_new_array();
	bool driver = chance(g, 3, 4);
	int nr_tasks = 1 + pick(g, g->nr_tasks), first = pick(g, g->nr_tasks);
	int i;

	if (!driver && nr_tasks == 1)
		nr_tasks = 2;	/* two steps at least */
	if (nr_tasks > g->nr_tasks)
		driver = true;	/* one task only: it races the driver */
	nr_tasks = nr_tasks > g->nr_tasks ? g->nr_tasks : nr_tasks;
	for (i = 0; i < nr_tasks; i++)
		json_object_array_add(steps, gen_task_step(g,
					(first + i) % g->nr_tasks));
	if (driver)
		json_object_array_add(steps, gen_driver_step(g));
	put_str(s, "op", "concurrently");
	put(s, "steps", steps);
	return s;
}

static json_object *gen_steps(struct gen *g)
{
	json_object *steps = json_object_new_array();
	int i, before = pick(g, 3);

	for (i = 0; i < before; i++) {
		if (g->numab && chance(g, 1, 2))
			json_object_array_add(steps,
					      gen_scan(g, pick(g, g->nr_tasks)));
		else
			json_object_array_add(steps,
				gen_access(g, pick(g, g->nr_tasks)));
	}
	json_object_array_add(steps, gen_concurrently(g));
	if (chance(g, 1, 3))
		json_object_array_add(steps,
				      gen_access(g, pick(g, g->nr_tasks)));
	return steps;
}

static char *generate(struct gen *g, const char *name)
{
	json_object *root = json_object_new_object();
	json_object *vmas = json_object_new_array();
	json_object *requires = json_object_new_array();
	bool any_thp = false;
	const char *text;
	char *out = NULL;
	int i;

	if (!root || !vmas || !requires)
		goto out;
	g->nr_nodes = 1 + pick(g, 2);
	g->nr_tasks = 2 + pick(g, GEN_MAX_TASKS - 1);
	g->nr_vmas = 1 + pick(g, GEN_MAX_VMAS);
	g->numab = g->o->numa_balancing && chance(g, 3, 4);
	put_int(root, "faultsim_scenario", 1);
	put_str(root, "name", name);
	put(root, "machine", gen_machine(g));
	if (g->o->numa_balancing) {
		json_object *sysctl = json_object_new_object();

		put_int(sysctl, "numa_balancing", g->numab);
		put(root, "sysctl", sysctl);
		json_object_array_add(requires,
			json_object_new_string("CONFIG_NUMA_BALANCING"));
	}
	put(root, "tasks", gen_tasks(g));
	for (i = 0; i < g->nr_vmas; i++) {
		json_object_array_add(vmas, gen_vma(g, i));
		any_thp |= g->vma[i].thp;
	}
	g->hot_vma = pick(g, g->nr_vmas);
	g->hot_page = pick(g, g->vma[g->hot_vma].thp ? 4 :
			      g->vma[g->hot_vma].pages);
	if (any_thp)
		json_object_array_add(requires,
			json_object_new_string("CONFIG_TRANSPARENT_HUGEPAGE"));
	put(root, "vmas", vmas);
	put(root, "steps", gen_steps(g));
	if (json_object_array_length(requires))
		put(root, "requires", json_object_get(requires));
	text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN);
	if (text)
		out = strdup(text);
out:
	json_object_put(requires);
	json_object_put(root);
	return out;
}

char *scenario_gen(uint64_t seed, const struct scenario_gen_opts *o)
{
	struct gen g = { .o = o, .state = seed };
	char name[32];

	snprintf(name, sizeof(name), "gen-%llu", (unsigned long long)seed);
	return generate(&g, name);
}

char *scenario_gen_bytes(const uint8_t *data, size_t len,
			 const struct scenario_gen_opts *o)
{
	struct gen g = { .o = o, .data = data, .len = len };

	return generate(&g, "gen-fuzz");
}

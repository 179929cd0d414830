// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario loader: "machine" (the nodes and CPUs) and "sysctl", the
 * top-level object or a step (docs/scenarios.md).
 */
#include <string.h>
#include <json-c/json.h>
#include "app/scenario_load.h"

/*
 * ids of nodes/cpus: any order, but unique and together exactly 0..n-1.
 * seen[] holds the array index that defined each id, or -1.
 */
static int rd_id(struct ctx *c, json_object *o, const char *what,
		 const char *arr, size_t n, int *seen, size_t idx, int *out)
{
	int64_t id;
	size_t mark;

	if (scn_rd_int(c, o, "id", true, 0, INT32_MAX, 0, &id))
		return -1;
	mark = scn_push_key(c, "id");
	if ((size_t)id >= n)
		return scn_fail(c,
				"%lld is out of range: %zu %s have ids 0..%zu",
				(long long)id, n, what, n - 1);
	if (seen[id] >= 0)
		return scn_fail(c, "id %lld is already used by %s[%d]",
				(long long)id, arr, seen[id]);
	seen[id] = idx;
	scn_pop(c, mark);
	*out = id;
	return 0;
}

static int load_nodes(struct ctx *c, json_object *v)
{
	static const char *const keys[] = { "id", "pages", "toptier", NULL };
	struct scenario *s = c->s;
	int seen[SCN_MAX_NODES];
	bool any_top = false;
	size_t i, n;

	if (scn_as_array(c, v, "nodes", 1, SCN_MAX_NODES, &n))
		return -1;
	s->nodes = scn_zalloc(n, sizeof(*s->nodes));
	if (!s->nodes)
		return scn_oom(c);
	s->nr_nodes = n;
	memset(seen, -1, sizeof(seen));
	for (i = 0; i < n; i++) {
		json_object *o = scn_elem(v, i);
		size_t mark = scn_push_idx(c, i);
		struct scn_node *node;
		int64_t pages;
		int id;

		if (scn_check_object(c, o, "a node object", keys) ||
		    rd_id(c, o, "nodes", "machine.nodes", n, seen, i, &id))
			return -1;
		node = &s->nodes[id];
		if (scn_rd_int(c, o, "pages", true, 1, SCN_MAX_NODE_PAGES, 0,
			       &pages) ||
		    scn_rd_bool(c, o, "toptier", true, &node->toptier))
			return -1;
		node->pages = pages;
		any_top |= node->toptier;
		scn_pop(c, mark);
	}
	if (!any_top)
		return scn_fail(
			c,
			"no node is toptier; the kernel always has a top tier");
	return 0;
}

static int load_cpus(struct ctx *c, json_object *v)
{
	static const char *const keys[] = { "id", "node", NULL };
	struct scenario *s = c->s;
	int seen[SCN_MAX_CPUS];
	size_t i, n;

	if (scn_as_array(c, v, "cpus", 1, SCN_MAX_CPUS, &n))
		return -1;
	s->cpus = scn_zalloc(n, sizeof(*s->cpus));
	if (!s->cpus)
		return scn_oom(c);
	s->nr_cpus = n;
	memset(seen, -1, sizeof(seen));
	for (i = 0; i < n; i++) {
		json_object *o = scn_elem(v, i);
		size_t mark = scn_push_idx(c, i);
		int id;

		if (scn_check_object(c, o, "a cpu object", keys) ||
		    rd_id(c, o, "cpus", "machine.cpus", n, seen, i, &id) ||
		    scn_rd_node(c, o, "node", true, &s->cpus[id].node))
			return -1;
		scn_pop(c, mark);
	}
	return 0;
}

int scn_load_machine(struct ctx *c, json_object *v)
{
	static const char *const keys[] = { "nodes", "cpus", NULL };
	size_t mark;

	if (scn_check_object(c, v, "an object", keys))
		return -1;
	mark = scn_push_key(c, "nodes");
	if (load_nodes(c, scn_field(v, "nodes")))
		return -1;
	scn_pop(c, mark);
	mark = scn_push_key(c, "cpus");
	if (load_cpus(c, scn_field(v, "cpus")))
		return -1;
	scn_pop(c, mark);
	return 0;
}

/* The scan tunables' keys, in enum scn_scan_tunable's order */
static const char *const scan_keys[SCN_NR_SCAN_TUNABLES] = {
	[SCN_SCAN_DELAY_MS] = "numa_balancing_scan_delay_ms",
	[SCN_SCAN_PERIOD_MIN_MS] = "numa_balancing_scan_period_min_ms",
	[SCN_SCAN_PERIOD_MAX_MS] = "numa_balancing_scan_period_max_ms",
	[SCN_SCAN_SIZE_MB] = "numa_balancing_scan_size_mb",
};

/*
 * The top-level "sysctl" object, or a "sysctl" step (has "op" and
 * changes at least one value): kernel.numa_balancing and the scan
 * tunables, each a u32 as debugfs takes it (no other bound in 6.12).
 */
int scn_load_sysctl(struct ctx *c, json_object *v, bool step,
		    struct scn_sysctl *out)
{
	static const char *const keys[] = {
		"numa_balancing", "numa_balancing_scan_delay_ms",
		"numa_balancing_scan_period_min_ms",
		"numa_balancing_scan_period_max_ms",
		"numa_balancing_scan_size_mb", "transparent_hugepage", NULL
	};
	static const char *const step_keys[] = {
		"op", "numa_balancing", "numa_balancing_scan_delay_ms",
		"numa_balancing_scan_period_min_ms",
		"numa_balancing_scan_period_max_ms",
		"numa_balancing_scan_size_mb", "transparent_hugepage", NULL
	};
	static const char *const thp_names[] = { "always", "madvise", "never",
						 NULL };
	int64_t x;
	int i;

	if (scn_check_object(c, v, "an object", step ? step_keys : keys) ||
	    scn_rd_int(c, v, "numa_balancing", false, 0, SCN_NUMAB_MAX,
		       SCN_NUMAB_BOOT_DEFAULT, &x))
		return -1;
	for (i = 0; i < SCN_NR_SCAN_TUNABLES; i++)
		if (scn_rd_int(c, v, scan_keys[i], false, 0, UINT32_MAX,
			       SCN_TUNABLE_UNSET, &out->scan[i]))
			return -1;
	/* /sys/kernel/mm/transparent_hugepage/enabled */
	if (scn_rd_word(c, v, "transparent_hugepage", false, "mode", thp_names,
			3, SCN_THP_UNSET, &out->thp_enabled))
		return -1;
	if (step && json_object_object_length(v) < 2)
		return scn_fail(c, "a sysctl step sets numa_balancing, a "
			       "numa_balancing_scan_* tunable or "
			       "transparent_hugepage");
	/*
	 * NUMA_BALANCING_MEMORY_TIERING hints slow-tier folios and promotes
	 * them at fault time (should_numa_migrate_memory()'s access-time
	 * path, numa_promotion_*), which the model does not have.  Without
	 * a slow node the mode hints nothing and faults behave as in mode 0.
	 */
	if (x != SCN_NUMAB_BOOT_DEFAULT && (x & SCN_NUMAB_TIERING)) {
		unsigned int i;

		for (i = 0; i < c->s->nr_nodes; i++)
			if (!c->s->nodes[i].toptier)
				return scn_push_key(c, "numa_balancing"),
				       scn_fail(
					       c,
					       "%lld sets NUMA_BALANCING_MEMORY_TIERING and node %u is not toptier: memory-tiering promotion is not modelled",
					       (long long)x, i);
	}
	out->numa_balancing = x;
	return 0;
}

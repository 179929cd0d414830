// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario loader: a VMA's "placement" (docs/scenarios.md), which node
 * each populated folio is on: one node, an interleave, an even split or
 * an array of ranges, expanded to sorted, disjoint ranges; without one,
 * where the first task of the mm would have touched the pages.  And the
 * lookup the executor makes in them, scenario_vma_node().
 */
#include <string.h>
#include <json-c/json.h>
#include "app/scenario_load.h"

/* Node list of one range: {"node": n} or {"interleave": [..]} */
static int range_nodes(struct ctx *c, json_object *o, struct scn_range *r,
		       bool split_ok, json_object **split)
{
	json_object *nv = scn_field(o, "node"),
		    *iv = scn_field(o, "interleave");
	uint64_t mask;
	int node;

	*split = split_ok ? scn_field(o, "split") : NULL;
	if (!!nv + !!iv + !!*split != 1)
		return scn_fail(
			c,
			split_ok ?
				"give exactly one of node, interleave, split" :
				"give exactly one of node, interleave");
	if (nv) {
		if (scn_rd_node(c, o, "node", true, &node))
			return -1;
		r->nr_nodes = 1;
		r->nodes[0] = node;
	} else if (iv) {
		size_t mark = scn_push_key(c, "interleave");

		/* repeats allowed: [0, 0, 1] weights node 0 twice */
		if (scn_as_node_list(c, iv, true, 1, r->nodes, &r->nr_nodes,
				     &mask))
			return -1;
		scn_pop(c, mark);
	}
	return 0;
}

/* {"split": [..]}: equal parts in the order of the nodes listed */
static int load_split(struct ctx *c, json_object *split, struct scn_vma *vma)
{
	uint64_t g = scenario_vma_granule(vma), mask, part;
	size_t mark = scn_push_key(c, "split"), i, n;
	unsigned char nodes[SCN_MAX_NODES];
	unsigned int nr;

	if (scn_as_node_list(c, split, true, 1, nodes, &nr, &mask))
		return -1;
	n = nr;
	part = vma->size / n;
	if (vma->size % n || part % g)
		return scn_fail(
			c,
			"%s does not split into %zu equal parts that are multiples of %llu%s",
			scn_human(c, vma->size), n, (unsigned long long)g,
			scn_granule_what(vma));
	scn_pop(c, mark);
	vma->ranges = scn_zalloc(n, sizeof(*vma->ranges));
	if (!vma->ranges)
		return scn_oom(c);
	vma->nr_ranges = n;
	for (i = 0; i < n; i++) {
		vma->ranges[i].offset = i * part;
		vma->ranges[i].size = part;
		vma->ranges[i].nr_nodes = 1;
		vma->ranges[i].nodes[0] = nodes[i];
	}
	return 0;
}

/* {"node": n}, {"interleave": [..]} (the whole VMA) or {"split": [..]} */
static int load_placement_object(struct ctx *c, json_object *v,
				 struct scn_vma *vma)
{
	static const char *const keys[] = { "node", "interleave", "split",
					    NULL };
	struct scn_range one = { 0 };
	json_object *split;

	if (scn_check_object(c, v, "an object", keys) ||
	    range_nodes(c, v, &one, true, &split))
		return -1;
	if (split)
		return load_split(c, split, vma);
	one.size = vma->size;
	vma->ranges = scn_zalloc(1, sizeof(*vma->ranges));
	if (!vma->ranges)
		return scn_oom(c);
	vma->nr_ranges = 1;
	vma->ranges[0] = one;
	return 0;
}

/* One range of the array form; the one before it ended at @end */
static int load_range(struct ctx *c, json_object *o, struct scn_vma *vma,
		      struct scn_range *r, uint64_t end)
{
	static const char *const keys[] = { "offset", "size", "node",
					    "interleave", NULL };
	uint64_t g = scenario_vma_granule(vma);
	const char *gw = scn_granule_what(vma);
	json_object *split;
	size_t mark;

	if (scn_check_object(c, o, "a range object", keys) ||
	    scn_rd_bytes(c, o, "offset", true, 0, g, gw, &r->offset) ||
	    scn_rd_bytes(c, o, "size", true, 0, g, gw, &r->size) ||
	    range_nodes(c, o, r, false, &split))
		return -1;
	mark = scn_push_key(c, "offset");
	if (r->offset < end)
		return scn_fail(
			c,
			"%s overlaps or precedes the range before (ranges are sorted and disjoint)",
			scn_human(c, r->offset));
	scn_pop(c, mark);
	mark = scn_push_key(c, "size");
	if (!r->size)
		return scn_fail(c, "is zero");
	if (r->offset + r->size > vma->size)
		return scn_fail(
			c, "range [%s, %s) runs past the end of the VMA (%s)",
			scn_human(c, r->offset),
			scn_human(c, r->offset + r->size),
			scn_human(c, vma->size));
	scn_pop(c, mark);
	return 0;
}

/* An array of ranges, sorted and disjoint */
static int load_ranges(struct ctx *c, json_object *v, struct scn_vma *vma)
{
	uint64_t end = 0;
	size_t i, n;

	if (scn_as_array(c, v, "ranges", 1, SCN_MAX_RANGES, &n))
		return -1;
	vma->ranges = scn_zalloc(n, sizeof(*vma->ranges));
	if (!vma->ranges)
		return scn_oom(c);
	vma->nr_ranges = n;
	for (i = 0; i < n; i++) {
		struct scn_range *r = &vma->ranges[i];
		size_t mark = scn_push_idx(c, i);

		if (load_range(c, scn_elem(v, i), vma, r, end))
			return -1;
		end = r->offset + r->size;
		scn_pop(c, mark);
	}
	return 0;
}

int scn_load_placement(struct ctx *c, json_object *v, struct scn_vma *vma)
{
	if (scn_need(c, v))
		return -1;
	if (scn_is(v, json_type_object))
		return load_placement_object(c, v, vma);
	if (!scn_is(v, json_type_array))
		return scn_fail(
			c,
			"expected {\"node\": N}, {\"interleave\": [..]}, {\"split\": [..]} or an array of ranges, got %s",
			scn_jtype(v));
	return load_ranges(c, v, vma);
}

/*
 * No placement: the pages are where the first task of the mm would have
 * touched them under its policy (local node for default/local).
 */
int scn_default_placement(struct ctx *c, struct scn_vma *vma)
{
	struct scenario *s = c->s;
	const struct scn_task *t = NULL;
	struct scn_range *r;
	unsigned int i;

	for (i = 0; i < s->nr_tasks && !t; i++)
		if (s->tasks[i].mm == vma->mm)
			t = &s->tasks[i];
	vma->ranges = r = scn_zalloc(1, sizeof(*r));
	if (!r)
		return scn_oom(c);
	vma->nr_ranges = 1;
	r->size = vma->size;
	r->nr_nodes = 1;
	r->nodes[0] = s->cpus[t->cpu].node;
	switch (t->policy.mode) {
	case SCN_MPOL_INTERLEAVE:
	case SCN_MPOL_WEIGHTED_INTERLEAVE:
		r->nr_nodes = 0;
		for (i = 0; i < s->nr_nodes; i++)
			if (t->policy.nodes & (1ULL << i))
				r->nodes[r->nr_nodes++] = i;
		break;
	case SCN_MPOL_PREFERRED:
	case SCN_MPOL_BIND:
	case SCN_MPOL_PREFERRED_MANY:
		/* the local node if allowed, else the first allowed */
		if (!(t->policy.nodes & (1ULL << r->nodes[0])))
			r->nodes[0] = __builtin_ctzll(t->policy.nodes);
		break;
	default:
		break;
	}
	return 0;
}

int scenario_vma_node(const struct scn_vma *v, uint64_t off)
{
	uint64_t g = scenario_vma_granule(v);
	unsigned int i;

	for (i = 0; i < v->nr_ranges; i++) {
		const struct scn_range *r = &v->ranges[i];

		if (off >= r->offset && off < r->offset + r->size)
			return r->nodes[((off - r->offset) / g) % r->nr_nodes];
	}
	return -1;
}

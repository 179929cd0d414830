// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario loader: "vmas" (docs/scenarios.md): each VMA's layout, flags
 * and populated state (its placement is scenario_placement.c's), then
 * the checks across VMAs (overlaps within an mm, node capacity).
 */
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include "app/scenario_load.h"

static const char *const vma_flag_names[] = {
	"shared", "private", "anon", "file", "hugepage", "nohugepage",
	"uffd-wp", NULL
};

uint64_t scenario_vma_granule(const struct scn_vma *v)
{
	return v->thp ? SCN_PMD_SIZE : SCN_PAGE_SIZE << v->folio_order;
}

static int load_vma_flags(struct ctx *c, json_object *v, unsigned int *flags)
{
	/* bit, and the bit of the word it excludes */
	static const unsigned int bit[] = {
		SCN_VMA_SHARED,	   0, 0, SCN_VMA_FILE, SCN_VMA_HUGEPAGE,
		SCN_VMA_NOHUGEPAGE, SCN_VMA_UFFD_WP
	};
	unsigned int seen = 0;
	size_t i, n;
	int w;

	if (scn_as_array(c, v, "flags", 0, 7, &n))
		return -1;
	for (i = 0; i < n; i++) {
		json_object *f = scn_elem(v, i);
		size_t mark = scn_push_idx(c, i);
		const char *s;

		if (scn_as_string(c, f, &s))
			return -1;
		if (!strcmp(s, "thp") || !strcmp(s, "nothp"))
			return scn_fail(
				c,
				"unknown flag %s: for VM_HUGEPAGE/VM_NOHUGEPAGE say \"hugepage\"/\"nohugepage\"; for PMD-mapped THPs set \"thp\": true",
				scn_show(c, f));
		if (!strcmp(s, "exec"))
			return scn_fail(
				c,
				"unknown flag \"exec\": executable is \"x\" in \"prot\"");
		if (scn_as_word(c, f, "flag", vma_flag_names, 7, &w))
			return -1;
		/* refused here, not found by the run */
		if (bit[w] == SCN_VMA_FILE)
			return scn_fail(c,
					"\"file\": file-backed VMAs are not "
					"modelled yet (anonymous memory only)");
		if (seen & (1U << w))
			return scn_fail(c, "%s is listed twice",
					scn_show(c, f));
		if (vma_flag_names[w ^ 1] && (seen & (1U << (w ^ 1))))
			return scn_fail(
				c, "\"%s\" and \"%s\" exclude each other",
				vma_flag_names[w ^ 1], vma_flag_names[w]);
		seen |= 1U << w;
		*flags |= bit[w];
		scn_pop(c, mark);
	}
	/*
	 * MAP_SHARED memory is shmem (or the page cache): its folios are
	 * not anonymous and its faults go through ->fault(), which the
	 * model does not have.  Checked after the loop, so that a conflict
	 * is reported as one.
	 */
	for (i = 0; i < n; i++) {
		const char *s;

		if (scn_as_string(c, scn_elem(v, i), &s) || strcmp(s, "shared"))
			continue;
		scn_push_idx(c, i);
		return scn_fail(
			c,
			"\"shared\": MAP_SHARED memory (shmem, the page cache) is not modelled");
	}
	return 0;
}

static int load_vma_name(struct ctx *c, json_object *o, struct scn_vma *vma)
{
	struct scenario *s = c->s;
	size_t mark = scn_push_key(c, "name");
	int dup;

	if (scn_as_name(c, scn_field(o, "name"), SCN_NAME_MAX, vma->name))
		return -1;
	/* this VMA is already counted: look only at the ones before */
	for (dup = 0; dup < (int)s->nr_vmas - 1; dup++)
		if (!strcmp(s->vmas[dup].name, vma->name))
			break;
	if (dup < (int)s->nr_vmas - 1)
		return scn_fail(c, "VMA %s is already defined by vmas[%d]",
				scn_qstr(c, vma->name), dup);
	scn_pop(c, mark);
	return 0;
}

/* "mm": required when the tasks use more than one */
static int load_vma_mm(struct ctx *c, json_object *o, struct scn_vma *vma)
{
	struct scenario *s = c->s;
	size_t mark = scn_push_key(c, "mm");
	json_object *f = scn_field(o, "mm");

	if (f) {
		char mm[SCN_NAME_MAX + 1];

		if (scn_as_name(c, f, SCN_NAME_MAX, mm))
			return -1;
		vma->mm = scenario_find_mm(s, mm);
		if (vma->mm < 0)
			return scn_fail(c, "no task uses mm %s",
					scn_qstr(c, mm));
	} else if (s->nr_mms > 1) {
		return scn_fail(c, "required: the tasks use %u mms", s->nr_mms);
	}
	scn_pop(c, mark);
	return 0;
}

/* "thp" or "folio_order": the folio size, which the rest must align to */
static int load_vma_folios(struct ctx *c, json_object *o, struct scn_vma *vma)
{
	int64_t order;

	if (scn_rd_bool(c, o, "thp", false, &vma->thp) ||
	    scn_rd_int(c, o, "folio_order", false, 0, SCN_MAX_FOLIO_ORDER, 0,
		       &order))
		return -1;
	vma->folio_order = order;
	/* what populating them would refuse (populate_anon_large()) */
	if (order == 1)
		return scn_push_key(c, "folio_order"),
		       scn_fail(c,
				"1: anonymous large folios are of order 2 to 8 "
				"(0: small folios)");
	if (order == SCN_MAX_FOLIO_ORDER)
		return scn_push_key(c, "folio_order"),
		       scn_fail(c,
				"9 is PMD-sized: \"thp\": true (then a "
				"split_thp step to PTE-map it)");
	if (vma->thp && scn_field(o, "folio_order"))
		return scn_push_key(c, "folio_order"),
		       scn_fail(
			       c,
			       "thp and folio_order exclude each other: \"thp\": true is a PMD-mapped folio of order 9");
	return 0;
}

/*
 * "size" and "start"; a VMA without start goes after the previous ones
 * of its mm (@cursors[mm]), 2M aligned.
 */
static int load_vma_extent(struct ctx *c, json_object *o, struct scn_vma *vma,
			   uint64_t *cursors)
{
	uint64_t g = scenario_vma_granule(vma), *cursor = &cursors[vma->mm];
	const char *gw = scn_granule_what(vma);
	json_object *start_v;
	size_t mark;

	if (scn_rd_bytes(c, o, "size", true, 0, g, gw, &vma->size))
		return -1;
	mark = scn_push_key(c, "size");
	if (!vma->size)
		return scn_fail(c, "is zero");
	if (vma->size > SCN_MAX_VMA_SIZE)
		return scn_fail(c, "%s is larger than the limit, %s",
				scn_human(c, vma->size),
				scn_human(c, SCN_MAX_VMA_SIZE));
	scn_pop(c, mark);

	start_v = scn_field(o, "start");
	if (scn_rd_bytes(c, o, "start", false, 0, g, gw, &vma->start))
		return -1;
	mark = scn_push_key(c, start_v ? "start" : "size");
	if (!start_v) {
		vma->start = (*cursor + SCN_PMD_SIZE - 1) & ~(SCN_PMD_SIZE - 1);
		if (vma->start + vma->size > SCN_USER_TOP)
			return scn_fail(
				c,
				"%s does not fit above 0x%llx (automatic start); give \"start\"",
				scn_human(c, vma->size),
				(unsigned long long)*cursor);
	}
	if (!vma->start)
		return scn_fail(c, "is 0; user space starts at 0x1000");
	if (vma->start + vma->size > SCN_USER_TOP)
		return scn_fail(c, "0x%llx + %s ends above user space (0x%llx)",
				(unsigned long long)vma->start,
				scn_human(c, vma->size),
				(unsigned long long)SCN_USER_TOP);
	scn_pop(c, mark);
	/* leave a gap, so that nothing would merge it with the next */
	if (vma->start + vma->size + SCN_PMD_SIZE > *cursor)
		*cursor = vma->start + vma->size + SCN_PMD_SIZE;
	return 0;
}

/* "prot" (default rw) and "flags" */
static int load_vma_prot(struct ctx *c, json_object *o, struct scn_vma *vma)
{
	json_object *f;
	size_t mark;

	vma->prot = SCN_PROT_READ | SCN_PROT_WRITE;
	f = scn_field(o, "prot");
	if (f) {
		mark = scn_push_key(c, "prot");
		if (scn_as_prot(c, f, &vma->prot))
			return -1;
		scn_pop(c, mark);
	}
	f = scn_field(o, "flags");
	if (f) {
		mark = scn_push_key(c, "flags");
		if (load_vma_flags(c, f, &vma->flags))
			return -1;
		scn_pop(c, mark);
	}
	return 0;
}

/*
 * "populate" (default true), and what describes populated memory and so
 * needs it: thp, folio_order, cow_shared, dirty.
 */
static int load_vma_populate(struct ctx *c, json_object *o,
			     struct scn_vma *vma, bool *populate)
{
	json_object *f;
	size_t mark;
	bool dirty;

	if (scn_rd_bool(c, o, "populate", true, populate) ||
	    scn_rd_bool(c, o, "cow_shared", false, &vma->cow_shared) ||
	    scn_rd_bool(c, o, "dirty", false, &dirty))
		return -1;
	if (vma->thp) {
		mark = scn_push_key(c, "thp");
		if (!*populate)
			return scn_fail(
				c,
				"describes populated memory, but \"populate\" is false");
		if (vma->flags & SCN_VMA_FILE)
			return scn_fail(
				c,
				"needs an anonymous VMA (file THPs are not modelled)");
		if (vma->flags & SCN_VMA_NOHUGEPAGE)
			return scn_fail(c, "contradicts flag \"nohugepage\"");
		scn_pop(c, mark);
	}
	if (vma->folio_order && !*populate)
		return scn_push_key(c, "folio_order"),
		       scn_fail(
			       c,
			       "describes populated memory, but \"populate\" is false");
	if ((vma->flags & SCN_VMA_UFFD_WP) && (vma->thp || vma->cow_shared))
		return scn_push_key(c, "flags"),
		       scn_fail(c, "\"uffd-wp\" is modelled on private "
				"PTE-mapped memory only (not with \"thp\" or "
				"\"cow_shared\")");
	if (vma->cow_shared) {
		mark = scn_push_key(c, "cow_shared");
		if (!*populate)
			return scn_fail(
				c,
				"describes populated memory, but \"populate\" is false");
		/* shared and file VMAs are refused by "flags" already */
		if (vma->thp)
			return scn_fail(
				c,
				"not modelled with \"thp\" (fork's copy of a PMD-mapped THP)");
		scn_pop(c, mark);
	}
	f = scn_field(o, "dirty");
	if (f && dirty && !*populate)
		return scn_push_key(c, "dirty"),
		       scn_fail(
			       c,
			       "describes populated memory, but \"populate\" is false");
	/* as MAP_POPULATE leaves it: a write fault where private writable */
	vma->dirty = f ? dirty :
			 *populate && (vma->prot & SCN_PROT_WRITE) &&
				 !(vma->flags & SCN_VMA_SHARED);
	return 0;
}

/* "placement", or where the first task's faults would have put pages */
static int load_vma_placement(struct ctx *c, json_object *o,
			      struct scn_vma *vma, bool populate)
{
	json_object *place = scn_field(o, "placement");
	size_t mark = scn_push_key(c, "placement");

	if (place && !populate)
		return scn_fail(c, "given, but \"populate\" is false");
	if (place) {
		if (scn_load_placement(c, place, vma))
			return -1;
	} else if (populate) {
		if (scn_default_placement(c, vma))
			return -1;
	}
	scn_pop(c, mark);
	return 0;
}

/* One VMA: its keys are read in this order, each after what it needs */
static int load_vma(struct ctx *c, json_object *o, struct scn_vma *vma,
		    uint64_t *cursors)
{
	static const char *const keys[] = {
		"name",	      "mm",	   "start",    "size", "prot",
		"flags",      "placement", "populate", "thp",  "folio_order",
		"cow_shared", "dirty",	   NULL
	};
	bool populate;

	if (scn_check_object(c, o, "a VMA object", keys) ||
	    load_vma_name(c, o, vma) || load_vma_mm(c, o, vma) ||
	    load_vma_folios(c, o, vma) ||
	    load_vma_extent(c, o, vma, cursors) ||
	    load_vma_prot(c, o, vma) ||
	    load_vma_populate(c, o, vma, &populate) ||
	    load_vma_placement(c, o, vma, populate))
		return -1;
	return 0;
}

static int cmp_vma_start(const void *a, const void *b, void *arg)
{
	const struct scn_vma *v = arg;
	uint64_t x = v[*(const int *)a].start, y = v[*(const int *)b].start;

	return x < y ? -1 : x > y;
}

/* Sort indices by start without qsort_r (not C11) */
static void sort_by_start(int *idx, int n, const struct scn_vma *v)
{
	int i, j;

	for (i = 1; i < n; i++) {
		int k = idx[i];

		for (j = i;
		     j > 0 && cmp_vma_start(&idx[j - 1], &k, (void *)v) > 0;
		     j--)
			idx[j] = idx[j - 1];
		idx[j] = k;
	}
}

static int check_overlaps(struct ctx *c)
{
	struct scenario *s = c->s;
	int idx[SCN_MAX_VMAS], n = 0, i;
	unsigned int mm;
	char where[32];

	for (mm = 0; mm < s->nr_mms; mm++) {
		n = 0;
		for (i = 0; i < (int)s->nr_vmas; i++)
			if (s->vmas[i].mm == (int)mm)
				idx[n++] = i;
		sort_by_start(idx, n, s->vmas);
		for (i = 1; i < n; i++) {
			const struct scn_vma *a = &s->vmas[idx[i - 1]];
			const struct scn_vma *b = &s->vmas[idx[i]];
			const struct scn_vma *later =
				idx[i] > idx[i - 1] ? b : a;
			const struct scn_vma *other = later == b ? a : b;

			if (a->start + a->size <= b->start)
				continue;
			snprintf(where, sizeof(where), "vmas[%d]",
				 (int)(later - s->vmas));
			return scn_fail_at(
				c, where,
				"[0x%llx, 0x%llx) overlaps VMA %s [0x%llx, 0x%llx)",
				(unsigned long long)later->start,
				(unsigned long long)(later->start +
						     later->size),
				scn_qstr(c, other->name),
				(unsigned long long)other->start,
				(unsigned long long)(other->start +
						     other->size));
		}
	}
	return 0;
}

/* Pages each range puts on each node must fit the node's capacity */
static int check_capacity(struct ctx *c)
{
	struct scenario *s = c->s;
	uint64_t used[SCN_MAX_NODES] = { 0 };
	unsigned int i, j, k;
	char where[48];

	for (i = 0; i < s->nr_vmas; i++) {
		const struct scn_vma *v = &s->vmas[i];
		uint64_t g = scenario_vma_granule(v);

		for (j = 0; j < v->nr_ranges; j++) {
			const struct scn_range *r = &v->ranges[j];
			uint64_t nr = r->size / g;

			for (k = 0; k < r->nr_nodes; k++) {
				uint64_t folios = nr / r->nr_nodes +
						  (k < nr % r->nr_nodes);
				int node = r->nodes[k];

				used[node] += folios * (g / SCN_PAGE_SIZE);
				if (used[node] <= s->nodes[node].pages)
					continue;
				snprintf(where, sizeof(where),
					 "vmas[%u].placement", i);
				return scn_fail_at(
					c, where,
					"node %d is full: %llu pages placed there so far, capacity %llu",
					node, (unsigned long long)used[node],
					(unsigned long long)s->nodes[node]
						.pages);
			}
		}
	}
	return 0;
}

int scn_load_vmas(struct ctx *c, json_object *v)
{
	struct scenario *s = c->s;
	uint64_t cursor[SCN_MAX_TASKS];
	size_t i, n;

	if (scn_as_array(c, v, "VMAs", 0, SCN_MAX_VMAS, &n))
		return -1;
	s->vmas = scn_zalloc(n, sizeof(*s->vmas));
	if (!s->vmas)
		return scn_oom(c);
	for (i = 0; i < SCN_MAX_TASKS; i++)
		cursor[i] = SCN_AUTO_BASE;
	for (i = 0; i < n; i++) {
		json_object *o = scn_elem(v, i);
		struct scn_vma *vma = &s->vmas[i];
		size_t mark = scn_push_idx(c, i);

		/* counted first, so scenario_free() sees its ranges */
		s->nr_vmas++;
		if (load_vma(c, o, vma, cursor))
			return -1;
		scn_pop(c, mark);
	}
	return check_overlaps(c) || check_capacity(c) ? -1 : 0;
}

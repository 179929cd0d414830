// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario loader: "expect", at the top level or as a step
 * (docs/scenarios.md): vmstat deltas, page-table entry checks and
 * findings.
 */
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "app/scenario_load.h"

const char *const scn_vmstat_names[SCN_NR_VMSTAT] = {
	[SCN_PGFAULT] = "pgfault",
	[SCN_NUMA_PTE_UPDATES] = "numa_pte_updates",
	[SCN_NUMA_HUGE_PTE_UPDATES] = "numa_huge_pte_updates",
	[SCN_NUMA_HINT_FAULTS] = "numa_hint_faults",
	[SCN_NUMA_HINT_FAULTS_LOCAL] = "numa_hint_faults_local",
	[SCN_NUMA_PAGES_MIGRATED] = "numa_pages_migrated",
	[SCN_PGMIGRATE_SUCCESS] = "pgmigrate_success",
	[SCN_PGMIGRATE_FAIL] = "pgmigrate_fail",
	[SCN_THP_MIGRATION_SUCCESS] = "thp_migration_success",
	[SCN_THP_MIGRATION_FAIL] = "thp_migration_fail",
	[SCN_THP_MIGRATION_SPLIT] = "thp_migration_split",
	[SCN_THP_SPLIT_PAGE] = "thp_split_page",
	[SCN_THP_SPLIT_PMD] = "thp_split_pmd",
	[SCN_THP_FAULT_ALLOC] = "thp_fault_alloc",
	[SCN_THP_FAULT_FALLBACK] = "thp_fault_fallback",
	[SCN_THP_SPLIT_PAGE_FAILED] = "thp_split_page_failed",
	[SCN_THP_ZERO_PAGE_ALLOC] = "thp_zero_page_alloc",
};

static int load_pte_check(struct ctx *c, json_object *o,
			  struct scn_pte_check *p)
{
	static const char *const keys[] = { "vma",     "offset",   "pages",
					    "present", "protnone", "write",
					    "young",   "dirty",	   "node",
					    "huge",    "zero",	   NULL };
	static const char *const bools[] = { "present", "protnone", "write",
					     "young",	"dirty",    NULL,
					     "huge",	"zero" };
	bool *vals[] = { &p->present, &p->protnone, &p->write, &p->young,
			 &p->dirty,   NULL,	    &p->huge,  &p->zero };
	uint64_t len;
	int i;

	if (scn_check_object(c, o, "a pte check object", keys) ||
	    scn_rd_vma(c, o, true, &p->vma) ||
	    scn_rd_span(c, o, &c->s->vmas[p->vma], "pages", &p->offset, &len))
		return -1;
	p->pages = len / SCN_PAGE_SIZE;
	for (i = 0; i < 8; i++) {
		if (!bools[i] || !scn_field(o, bools[i]))
			continue;
		if (scn_rd_bool(c, o, bools[i], false, vals[i]))
			return -1;
		p->mask |= 1U << i;
	}
	p->node = -1;
	if (scn_field(o, "node")) {
		if (scn_rd_node(c, o, "node", true, &p->node))
			return -1;
		p->mask |= SCN_PTE_NODE;
	}
	if (!p->mask)
		return scn_fail(
			c,
			"checks nothing: give present, protnone, write, young, dirty, node, huge or zero");
	if ((p->mask & SCN_PTE_PRESENT) && !p->present &&
	    (p->mask & ~SCN_PTE_PRESENT)) {
		for (i = 1; i < 8; i++)
			if (p->mask & (1U << i))
				break;
		scn_push_key(c, i == 5 ? "node" : bools[i]);
		/* pte_present() is true for protnone entries too */
		return scn_fail(
			c,
			"cannot be checked on a non-present entry (\"present\": false)");
	}
	return 0;
}

static int load_findings(struct ctx *c, json_object *v, struct scn_expect *e)
{
	size_t i, j, n;

	e->check_findings = true;
	if (scn_need(c, v))
		return -1;
	if (scn_is(v, json_type_int)) {
		if (json_object_get_int64(v) != 0)
			return scn_fail(
				c,
				"expected 0 or an array of finding names, got %s",
				scn_show(c, v));
		return 0;
	}
	if (!scn_is(v, json_type_array))
		return scn_fail(
			c, "expected 0 or an array of finding names, got %s",
			scn_jtype(v));
	if (scn_as_array(c, v, "finding names", 0, SCN_MAX_FINDINGS, &n))
		return -1;
	e->findings = scn_zalloc(n, sizeof(*e->findings));
	if (!e->findings)
		return scn_oom(c);
	for (i = 0; i < n; i++) {
		json_object *f = scn_elem(v, i);
		size_t mark = scn_push_idx(c, i), len;
		const char *s;

		if (scn_as_string(c, f, &s))
			return -1;
		len = json_object_get_string_len(f);
		for (j = 0; j < len; j++)
			if (!((s[j] >= 'a' && s[j] <= 'z') ||
			      (j && s[j] >= '0' && s[j] <= '9') ||
			      (j && s[j] == '_')))
				break;
		if (!len || j < len || len > SCN_NAME_MAX)
			return scn_fail(
				c,
				"%s is not a finding name (lower case: a-z, then a-z 0-9 _; at most %d)",
				scn_show(c, f), SCN_NAME_MAX);
		for (j = 0; j < i; j++)
			if (!strcmp(e->findings[j], s))
				return scn_fail(c, "%s is listed twice",
						scn_show(c, f));
		memcpy(e->findings[i], s, len + 1);
		e->nr_findings++;
		scn_pop(c, mark);
	}
	return 0;
}

static int load_vmstat(struct ctx *c, json_object *v, struct scn_expect *e)
{
	if (scn_need(c, v))
		return -1;
	if (!scn_is(v, json_type_object))
		return scn_fail(
			c,
			"expected an object of /proc/vmstat counters, got %s",
			scn_jtype(v));
	json_object_object_foreach(v, key, val) {
		size_t mark = scn_push_key(c, key);
		int i = scn_lookup_word(key, scn_vmstat_names, SCN_NR_VMSTAT);
		int64_t x;

		if (!val)
			val = JNULL;
		if (i < 0)
			return scn_fail(c, "unknown counter%s",
					scn_suggest(c, key, scn_vmstat_names,
						    SCN_NR_VMSTAT));
		if (scn_as_int(c, val, 0, 1LL << 53, &x))
			return -1;
		e->vmstat[i] = x;
		e->vmstat_mask |= 1U << i;
		scn_pop(c, mark);
	}
	return 0;
}

/* extra: keys besides the expect keys (an inline step has "op") */
int scn_load_expect(struct ctx *c, json_object *o, bool step,
		    struct scn_expect **out)
{
	static const char *const keys[] = { "vmstat", "pte", "findings", NULL };
	static const char *const step_keys[] = { "op", "vmstat", "pte",
						 "findings", NULL };
	struct scn_expect *e;
	json_object *v;
	size_t mark, i, n;

	if (scn_check_object(c, o, "an object", step ? step_keys : keys))
		return -1;
	e = *out = scn_zalloc(1, sizeof(*e));
	if (!e)
		return scn_oom(c);
	v = scn_field(o, "vmstat");
	if (v) {
		mark = scn_push_key(c, "vmstat");
		if (load_vmstat(c, v, e))
			return -1;
		scn_pop(c, mark);
	}
	v = scn_field(o, "pte");
	if (v) {
		mark = scn_push_key(c, "pte");
		if (scn_as_array(c, v, "pte checks", 1, SCN_MAX_PTE_CHECKS, &n))
			return -1;
		e->ptes = scn_zalloc(n, sizeof(*e->ptes));
		if (!e->ptes)
			return scn_oom(c);
		for (i = 0; i < n; i++) {
			size_t m2 = scn_push_idx(c, i);

			if (load_pte_check(c, scn_elem(v, i), &e->ptes[i]))
				return -1;
			e->nr_ptes++;
			scn_pop(c, m2);
		}
		scn_pop(c, mark);
	}
	v = scn_field(o, "findings");
	if (v) {
		mark = scn_push_key(c, "findings");
		if (load_findings(c, v, e))
			return -1;
		scn_pop(c, mark);
	}
	if (!e->vmstat_mask && !e->nr_ptes && !e->check_findings)
		return scn_fail(
			c, "expects nothing: give vmstat, pte or findings");
	return 0;
}

void scn_free_expect(struct scn_expect *e)
{
	if (!e)
		return;
	free(e->ptes);
	free(e->findings);
	free(e);
}

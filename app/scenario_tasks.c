// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario loader: "tasks", the mms they share and their memory
 * policies (docs/scenarios.md).
 */
#include <string.h>
#include <json-c/json.h>
#include "app/scenario_load.h"

static const char *const mpol_names[SCN_MPOL_NR_MODES] = {
	[SCN_MPOL_DEFAULT] = "default",
	[SCN_MPOL_PREFERRED] = "preferred",
	[SCN_MPOL_BIND] = "bind",
	[SCN_MPOL_INTERLEAVE] = "interleave",
	[SCN_MPOL_LOCAL] = "local",
	[SCN_MPOL_PREFERRED_MANY] = "preferred_many",
	[SCN_MPOL_WEIGHTED_INTERLEAVE] = "weighted_interleave",
};

/* the mode flags, then mbind()'s own flags (MPOL_MF_*) */
static const char *const mpol_flag_names[] = { "static_nodes", "relative_nodes",
					       "numa_balancing", "strict",
					       "move", "move_all", NULL };
static const unsigned int mpol_flag_bits[] = { SCN_MPOL_F_STATIC_NODES,
					       SCN_MPOL_F_RELATIVE_NODES,
					       SCN_MPOL_F_NUMA_BALANCING };
#define NR_MODE_FLAGS 3
#define NR_ALL_FLAGS 6
#define MBIND_STRICT 3	/* index of "strict" */

/*
 * "flags": each known, none twice, and what sanitize_mpol_flags() wants.
 * With @strict (an mbind step) also mbind()'s flags: "strict"
 * (MPOL_MF_STRICT) into *strict; "move" and "move_all" are refused.
 */
static int load_policy_flags(struct ctx *c, json_object *fv, int mode,
			     struct scn_policy *p, bool *strict)
{
	size_t i, n, nr = strict ? NR_ALL_FLAGS : NR_MODE_FLAGS;

	if (scn_as_array(c, fv, "flags", 0, nr, &n))
		return -1;
	for (i = 0; i < n; i++) {
		size_t mark = scn_push_idx(c, i);
		int f;

		if (scn_as_word(c, scn_elem(fv, i), "flag", mpol_flag_names, nr,
				&f))
			return -1;
		if (f == MBIND_STRICT) {
			if (*strict)
				return scn_fail(c,
						"\"strict\" is listed twice");
			*strict = true;
		} else if (f > MBIND_STRICT) {
			return scn_fail(
				c,
				"\"%s\": migrating the pages mbind() finds misplaced (MPOL_MF_MOVE%s) is not modelled",
				mpol_flag_names[f],
				f == MBIND_STRICT + 1 ? "" : "_ALL");
		} else {
			if (p->flags & mpol_flag_bits[f])
				return scn_fail(c, "\"%s\" is listed twice",
						mpol_flag_names[f]);
			p->flags |= mpol_flag_bits[f];
		}
		scn_pop(c, mark);
	}
	if ((p->flags & SCN_MPOL_F_STATIC_NODES) &&
	    (p->flags & SCN_MPOL_F_RELATIVE_NODES))
		return scn_fail(
			c,
			"static_nodes and relative_nodes exclude each other (EINVAL)");
	if ((p->flags & SCN_MPOL_F_NUMA_BALANCING) && mode != SCN_MPOL_BIND &&
	    mode != SCN_MPOL_PREFERRED_MANY)
		return scn_fail(
			c,
			"numa_balancing needs mode bind or preferred_many (EINVAL)");
	if ((p->flags || (strict && *strict)) && mode == SCN_MPOL_DEFAULT)
		return scn_fail(c, "flags have no effect with mode default");
	return 0;
}

/* The nodes (@nr of them) against the mode, as mpol_new() checks them */
static int check_policy_nodes(struct ctx *c, int mode, unsigned int nr,
			      struct scn_policy *p)
{
	switch (mode) {
	case SCN_MPOL_DEFAULT:
	case SCN_MPOL_LOCAL:
		if (nr)
			return scn_fail(c, "mode %s takes no nodes (EINVAL)",
					mpol_names[mode]);
		if (p->flags &
		    (SCN_MPOL_F_STATIC_NODES | SCN_MPOL_F_RELATIVE_NODES))
			return scn_fail(
				c,
				"mode local takes no static_nodes or relative_nodes (EINVAL)");
		break;
	case SCN_MPOL_PREFERRED:
		if (nr > 1)
			return scn_fail(
				c,
				"mode preferred takes one node (the kernel would use the first); use preferred_many");
		if (!nr) {
			if (p->flags)
				return scn_fail(
					c,
					"mode preferred without nodes takes no static_nodes or relative_nodes (EINVAL)");
			/* as mpol_new() does */
			p->mode = SCN_MPOL_LOCAL;
		}
		break;
	default:
		if (!nr)
			return scn_fail(
				c, "mode %s needs at least one node (EINVAL)",
				mpol_names[mode]);
		break;
	}
	return 0;
}

/*
 * The checks of sanitize_mpol_flags() and mpol_new() in mm/mempolicy.c,
 * plus a few the kernel lets pass silently (flags on "default", several
 * nodes for "preferred"), which in a scenario are surely mistakes.
 */
int scn_load_policy(struct ctx *c, json_object *v, bool own_object,
		    struct scn_policy *p, bool *strict)
{
	static const char *const keys[] = { "mode", "nodes", "flags", NULL };
	json_object *nv, *fv;
	unsigned int nr = 0;
	size_t mark;
	int mode;

	if ((own_object && scn_check_object(c, v, "a policy object", keys)) ||
	    scn_rd_word(c, v, "mode", true, "mode", mpol_names,
			ARRAY_SIZE(mpol_names), 0, &mode))
		return -1;
	p->mode = mode;
	nv = scn_field(v, "nodes");
	if (nv) {
		mark = scn_push_key(c, "nodes");
		if (scn_as_node_list(c, nv, false, 0, NULL, &nr, &p->nodes))
			return -1;
		scn_pop(c, mark);
	}
	fv = scn_field(v, "flags");
	if (fv) {
		mark = scn_push_key(c, "flags");
		if (load_policy_flags(c, fv, mode, p, strict))
			return -1;
		scn_pop(c, mark);
	}
	if (p->flags & SCN_MPOL_F_NUMA_BALANCING)
		p->flags |= SCN_MPOL_F_MOF | SCN_MPOL_F_MORON;

	mark = scn_push_key(c, "nodes");
	if (check_policy_nodes(c, mode, nr, p))
		return -1;
	scn_pop(c, mark);
	return 0;
}

static int add_mm(struct ctx *c, const char *name)
{
	struct scenario *s = c->s;
	int i = scenario_find_mm(s, name);

	if (i < 0) {
		i = s->nr_mms++;
		strcpy(s->mms[i].name, name);
	}
	s->mms[i].nr_tasks++;
	return i;
}

int scn_load_tasks(struct ctx *c, json_object *v)
{
	static const char *const keys[] = { "name", "cpu", "mm", "policy",
					    "mm_start", NULL };
	static const char *const starts[] = { "fork", "exec", NULL };
	struct scenario *s = c->s;
	size_t i, n;

	if (scn_as_array(c, v, "tasks", 1, SCN_MAX_TASKS, &n))
		return -1;
	s->tasks = scn_zalloc(n, sizeof(*s->tasks));
	s->mms = scn_zalloc(n, sizeof(*s->mms));
	if (!s->tasks || !s->mms)
		return scn_oom(c);
	for (i = 0; i < n; i++) {
		json_object *o = scn_elem(v, i);
		struct scn_task *t = &s->tasks[i];
		size_t mark = scn_push_idx(c, i), m2;
		char mm[SCN_NAME_MAX + 1] = "mm0";
		json_object *f;
		int64_t cpu;
		int dup;

		if (scn_check_object(c, o, "a task object", keys))
			return -1;
		m2 = scn_push_key(c, "name");
		if (scn_as_name(c, scn_field(o, "name"), SCN_NAME_MAX, t->name))
			return -1;
		dup = scenario_find_task(s, t->name);
		if (dup >= 0)
			return scn_fail(
				c, "task %s is already defined by tasks[%d]",
				scn_qstr(c, t->name), dup);
		scn_pop(c, m2);
		s->nr_tasks++;
		if (scn_rd_int(c, o, "cpu", true, 0, SCN_MAX_CPUS - 1, 0, &cpu))
			return -1;
		if (cpu >= s->nr_cpus)
			return scn_push_key(c, "cpu"),
			       scn_fail(
				       c,
				       "no cpu %lld (the machine has %u cpu%s)",
				       (long long)cpu, s->nr_cpus,
				       s->nr_cpus == 1 ? "" : "s");
		t->cpu = cpu;
		f = scn_field(o, "mm");
		if (f) {
			m2 = scn_push_key(c, "mm");
			if (scn_as_name(c, f, SCN_NAME_MAX, mm))
				return -1;
			scn_pop(c, m2);
		}
		t->mm = add_mm(c, mm);
		if (scn_rd_word(c, o, "mm_start", false, "mm_start", starts,
				ARRAY_SIZE(starts), SCN_MM_FORK, &dup))
			return -1;
		t->mm_start = dup;
		f = scn_field(o, "policy");
		if (f) {
			m2 = scn_push_key(c, "policy");
			if (scn_need(c, f) ||
			    scn_load_policy(c, f, true, &t->policy, NULL))
				return -1;
			scn_pop(c, m2);
		}
		scn_pop(c, mark);
	}
	/* execve() leaves one thread: an exec'd mm is its task's own */
	for (i = 0; i < n; i++) {
		const struct scn_task *t = &s->tasks[i];

		if (t->mm_start == SCN_MM_EXEC && s->mms[t->mm].nr_tasks > 1)
			return scn_push_idx(c, i), scn_push_key(c, "mm_start"),
			       scn_fail(c, "an exec'd mm has one task; mm %s "
					   "has %d",
					scn_qstr(c, s->mms[t->mm].name),
					s->mms[t->mm].nr_tasks);
	}
	return 0;
}

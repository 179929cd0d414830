// SPDX-License-Identifier: GPL-2.0-only
/*
 * Findings of a run: kernel WARN/BUG, deadlocks, oracle violations,
 * oopses.
 * Bounded: past SIM_MAX_FINDINGS only the count grows.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "sim/sched.h"

#define SIM_MAX_FINDINGS 64

static struct sim_finding findings[SIM_MAX_FINDINGS];
static int nr_findings;

void sim_findings_reset(void)
{
	nr_findings = 0;
}

int sim_findings_count(void)
{
	return nr_findings;
}

const struct sim_finding *sim_finding_get(int i)
{
	if (i < 0 || i >= nr_findings || i >= SIM_MAX_FINDINGS)
		return NULL;
	return &findings[i];
}

const char *sim_finding_kind_name(enum sim_finding_kind kind)
{
	switch (kind) {
	case SIM_FINDING_WARN:
		return "WARNING";
	case SIM_FINDING_BUG:
		return "BUG";
	case SIM_FINDING_DEADLOCK:
		return "DEADLOCK";
	case SIM_FINDING_ORACLE:
		return "ORACLE";
	case SIM_FINDING_OOPS:
		return "OOPS";
	}
	return "?";
}

void sim_finding(enum sim_finding_kind kind, const char *file, int line,
		 const char *func, const char *fmt, ...)
{
	struct sim_finding *f;
	struct sim_thread *t = sim_current();
	va_list ap;

	SIM_BUG_ON((unsigned int)kind > SIM_FINDING_OOPS);
	SIM_BUG_ON(nr_findings < 0);
	if (nr_findings++ >= SIM_MAX_FINDINGS)
		return;
	f = &findings[nr_findings - 1];
	f->kind = kind;
	f->time_ns = sim_now_ns();
	snprintf(f->where, sizeof(f->where), "%s:%d %s", file ? file : "?",
		 line, func ? func : "?");
	snprintf(f->thread, sizeof(f->thread), "%s",
		 t ? sim_thread_name(t) : "(boot)");
	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof(f->msg), fmt, ap);
	va_end(ap);
	f->detail[0] = '\0';
	if (t) {
		int n = snprintf(f->detail, sizeof(f->detail), "%s: ",
				 sim_thread_name(t));

		if (!sim_kstack_format(t, f->detail + n,
				       sizeof(f->detail) - n))
			f->detail[0] = '\0';
	}
}

void sim_finding_set_detail(const char *detail)
{
	if (nr_findings && nr_findings <= SIM_MAX_FINDINGS)
		snprintf(findings[nr_findings - 1].detail,
			 sizeof(findings[0].detail), "%s", detail);
}

void sim_finding_set_where(const char *where)
{
	if (nr_findings && nr_findings <= SIM_MAX_FINDINGS)
		snprintf(findings[nr_findings - 1].where,
			 sizeof(findings[0].where), "%s", where);
}

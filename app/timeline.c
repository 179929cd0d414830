// SPDX-License-Identifier: GPL-2.0-only
/*
 * Recording a replay's scheduling points (app/timeline.h): the object
 * of each is named by the model, through the scenario's live address
 * spaces, so the engine below stays blind to what it schedules on.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <kshim/sim.h>
#include "app/scenario_exec.h"
#include "app/timeline.h"
#include "mm_model/hw/pgtable_names.h"
#include "sim/trace.h"

#define MAX_MMS 16

/* The model's name for @obj in any live address space, else its index */
static bool name_obj(const void *obj, uint32_t index, char *buf, size_t len,
		     uint64_t *val)
{
	struct mm_struct *mms[MAX_MMS];
	enum pgtable_obj what;
	unsigned int i, n;

	*val = 0;
	buf[0] = 0;
	if (!obj)
		return false;
	n = scenario_exec_mms(mms, MAX_MMS);
	for (i = 0; i < n; i++) {
		what = pgtable_name_obj(mms[i], obj, buf, len, val);
		if (what == PGTABLE_OBJ_PTE || what == PGTABLE_OBJ_PMD ||
		    what == PGTABLE_OBJ_UPPER)
			return true;
		if (what != PGTABLE_OBJ_NONE)
			return false;
	}
	snprintf(buf, len, "obj=%u", index);
	return false;
}

/* x86: _PAGE_PROTNONE is bit 8 (the global bit of a non-present entry);
 * arm64: pte_protnone() of the raw entry (kshim_raw_protnone()) */
static bool protnone_flips(uint64_t before, uint64_t after)
{
	if (kshim_arch_arm64())
		return kshim_raw_protnone(before) != kshim_raw_protnone(after);
	return (before ^ after) & (1ULL << 8);
}

/* The thread's last store is done by its next point: read the entry */
static void close_store(struct timeline *tl, int tid)
{
	struct timeline_event *e;
	size_t i, n;
	char name[64];
	uint64_t v;

	for (i = tl->nr; i-- > 0;) {
		e = &tl->ev[i];
		if (e->tid != tid)
			continue;
		if (!e->slot)
			return;
		/* still an entry of a live table, for the same address */
		n = strcspn(e->obj, " ");
		if (name_obj(e->slot, 0, name, sizeof(name), &v) &&
		    strcspn(name, " ") == n && !strncmp(name, e->obj, n)) {
			e->after = v;
			e->stored = true;
			e->hint = protnone_flips(e->before, v);
		}
		e->slot = NULL;
		return;
	}
}

static struct timeline_event *push(struct timeline *tl)
{
	struct timeline_event *ev;
	size_t cap;

	if (tl->nr == tl->cap) {
		cap = tl->cap ? 2 * tl->cap : 256;
		ev = realloc(tl->ev, cap * sizeof(*ev));
		if (!ev)
			sim_out_of_memory("the replay's timeline");
		tl->ev = ev;
		tl->cap = cap;
	}
	return memset(&tl->ev[tl->nr++], 0, sizeof(*ev));
}

void timeline_point(void *priv, const struct sim_thread *t,
		    enum sim_point_kind kind, uint32_t obj_index,
		    const void *obj)
{
	struct timeline *tl = priv;
	struct task_struct *task = sim_thread_task((struct sim_thread *)t);
	const char *fn = sim_kstack_top(t);
	struct timeline_event e = { 0 }, *p;
	bool entry;

	if (tl->keep)
		close_store(tl, sim_thread_id(t));
	e.step = tl->nr;
	e.ns = sim_now_ns();
	e.tid = sim_thread_id(t);
	e.cpu = task ? task->cpu : 0;
	e.kind = kind;
	snprintf(e.thread, sizeof(e.thread), "%s", sim_thread_name(t));
	snprintf(e.fn, sizeof(e.fn), "%s", fn ? fn : "faultsim");
	entry = name_obj(obj, obj_index, e.obj, sizeof(e.obj), &e.before);
	e.entry = entry;
	if (entry && kind == SIM_PT_PT_STORE)
		e.slot = obj;
	if (tl->log)
		sim_trace_log_event(tl->log, e.ns, e.thread, e.tid, e.cpu,
				    "%s: %s%s%s", e.fn,
				    sim_point_kind_name(kind),
				    e.obj[0] ? " " : "", e.obj);
	if (!tl->keep)
		return;
	p = push(tl);
	*p = e;
	p->step = tl->nr - 1;
}

void timeline_finish(struct timeline *tl)
{
	size_t i;

	/* after the run the address spaces are gone: unknown stays so */
	for (i = 0; i < tl->nr; i++)
		tl->ev[i].slot = NULL;
}

void timeline_free(struct timeline *tl)
{
	free(tl->ev);
	tl->ev = NULL;
	tl->nr = tl->cap = 0;
}

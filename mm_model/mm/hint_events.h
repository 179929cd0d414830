/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hints as the model sees them: who installs one (the NUMA scanner's
 * change_prot_numa(), a design's DAMON install), bracketed on the
 * installing task, and the effects of a resolved hint (NUMA balancing's
 * task_numa_fault() accounting, DAMON's report).  The model announces
 * these events; an observer (the routing oracle, oracles/hint_owner.c)
 * checks them.  With no observer attached the events cost a test.
 */
#ifndef FAULTSIM_MM_MODEL_MM_HINT_EVENTS_H
#define FAULTSIM_MM_MODEL_MM_HINT_EVENTS_H

#include <stdint.h>
#include <linux/mm_types.h>

enum hint_owner {
	HINT_OWNER_NONE,	/* not a hint, or nobody claims it */
	HINT_OWNER_NUMA,	/* NUMA balancing: task_numa_work() */
	HINT_OWNER_DAMON,	/* DAMON: a design's damon_install */
	HINT_OWNER_GENERIC,	/* a handler that serves every consumer */
	HINT_NR_OWNERS,
};

extern const char *const hint_owner_names[HINT_NR_OWNERS];

/* Brackets an install by @who on this thread (nests: returns the old). */
enum hint_owner hint_install_begin(enum hint_owner who);
void hint_install_end(enum hint_owner old);

struct hint_observer {
	void (*reset)(void);			/* a new machine */
	void (*numa_effect)(const char *what);	/* task_numa_fault() */
	void (*damon_report)(void);		/* a DAMON access report */
	/* hint_consume()'s handler returned: hints it ended, none rebuilt */
	void (*handler_done)(void);
};

/* One observer at a time; NULL detaches. */
void hint_observer_set(const struct hint_observer *obs);

void hint_event_reset(void);
void hint_event_numa_effect(const char *what);
void hint_event_damon_report(void);

/*
 * Runs @handler as the fault handler of @consumer for the fault in
 * @vmf (a design's dispatch calls the consumer's handler through it):
 * while it runs, every hint it restores is checked by the observer
 * against the consumer that installed it (routing) and against the
 * kernel's rules for the restored entry (restoration).
 */
struct vm_fault;
vm_fault_t hint_consume(enum hint_owner consumer,
			vm_fault_t (*handler)(struct vm_fault *),
			struct vm_fault *vmf);

#endif

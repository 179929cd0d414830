/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hints as the model sees them, announced to one observer (the routing
 * and restoration oracles, oracles/hint_owner.c) from points the model
 * owns, never from inside a fault handler, so that a handler a kernel
 * tree calls directly is judged like one a design dispatches to:
 *
 *  - who installs a hint: an installer bracket on the task (the NUMA
 *    scanner's task_numa_work(), a design's DAMON install), and the
 *    cp_flags of every change_protection() and change_protection_range()
 *    call from outside mm/mprotect.c, a tree's own callers included
 *    (the link wraps them, hint_cp.c);
 *  - each fault, bracketed at the model's calls of handle_mm_fault()
 *    (fault.c): the observer sees which hints the fault ends through
 *    the page-table stores (mm_model/hw/pgtable.h);
 *  - the consumers' endpoints: NUMA balancing's task_numa_fault()
 *    (numa_balancing.c) and its numa_hint_faults counter, which the
 *    observer reads, and every DAMON access report.
 *
 * With no observer attached the events cost a test.
 */
#ifndef FAULTSIM_MM_MODEL_MM_HINT_EVENTS_H
#define FAULTSIM_MM_MODEL_MM_HINT_EVENTS_H

#include <stdint.h>
#include <linux/mm_types.h>

enum hint_owner {
	HINT_OWNER_NONE,	/* no hint (a PROT_NONE VMA's entry), nobody's */
	HINT_OWNER_NUMA,	/* NUMA balancing: task_numa_work() */
	HINT_OWNER_DAMON,	/* DAMON: a design's damon_install */
	/*
	 * change_protection() with a flag 6.12 does not have, nothing
	 * bracketing it: a tree's own installer, known by its flags
	 */
	HINT_OWNER_FLAGS,
	HINT_NR_OWNERS,
};

extern const char *const hint_owner_names[HINT_NR_OWNERS];

/* Brackets an install by @who on this thread (nests: returns the old). */
enum hint_owner hint_install_begin(enum hint_owner who);
void hint_install_end(enum hint_owner old);

/* What a DAMON access report says about the access, for the observer */
#define HINT_REPORT_NO_ADDR (~0UL)
struct hint_report {
	unsigned long paddr;	/* physical address, or HINT_REPORT_NO_ADDR */
	unsigned long vaddr;	/* virtual address, or HINT_REPORT_NO_ADDR */
	unsigned long size;	/* bytes from the address (the RFC: 1) */
};

struct hint_observer {
	void (*reset)(void);			/* a new machine */
	/* change_protection(@cp_flags) starts on this task; returns the
	 * flags of the call it nests in, for cp_exit() */
	unsigned long (*cp_enter)(unsigned long cp_flags);
	void (*cp_exit)(unsigned long outer_flags);
	/* this task calls handle_mm_fault(), and it returned @ret */
	void (*fault_begin)(struct vm_area_struct *vma, unsigned long address,
			    unsigned int flags);
	void (*fault_end)(vm_fault_t ret);
	void (*numa_effect)(const char *what);	/* task_numa_fault() */
	void (*damon_report)(const struct hint_report *report);
};

/* One observer at a time; NULL detaches. */
void hint_observer_set(const struct hint_observer *obs);

void hint_event_reset(void);
unsigned long hint_event_cp_enter(unsigned long cp_flags);
void hint_event_cp_exit(unsigned long outer_flags);
void hint_event_fault_begin(struct vm_area_struct *vma, unsigned long address,
			    unsigned int flags);
void hint_event_fault_end(vm_fault_t ret);
void hint_event_numa_effect(const char *what);

/*
 * A DAMON access report, from the task the access is reported on (a
 * fault handler's, after it restored the entry): faultsim's sink calls
 * it (faultsim_damon_report_access()), and so must a kernel tree's own
 * report path (its damon_report_access(), issue #12 item 5), with the
 * report's physical and/or virtual address.  Inside a fault it counts
 * for the hints that fault ended; elsewhere it is not judged.
 */
void hint_event_damon_report(unsigned long paddr, unsigned long vaddr,
			     unsigned long size);

#endif

// SPDX-License-Identifier: GPL-2.0-only
/* Hint events of the model (see hint_events.h). */
#include <linux/mm_types.h>
#include <linux/sched.h>
#include "mm_model/mm/hint_events.h"

const char *const hint_owner_names[HINT_NR_OWNERS] = {
	[HINT_OWNER_NONE] = "unowned",
	[HINT_OWNER_NUMA] = "NUMA",
	[HINT_OWNER_DAMON] = "DAMON",
	[HINT_OWNER_FLAGS] = "cp_flags",
};

static const struct hint_observer *observer;

void hint_observer_set(const struct hint_observer *obs)
{
	observer = obs;
}

enum hint_owner hint_install_begin(enum hint_owner who)
{
	struct task_struct *t = current;
	enum hint_owner old = t->hint_installer;

	t->hint_installer = who;
	return old;
}

void hint_install_end(enum hint_owner old)
{
	current->hint_installer = old;
}

void hint_event_reset(void)
{
	if (observer)
		observer->reset();
}

unsigned long hint_event_cp_enter(unsigned long cp_flags)
{
	return observer ? observer->cp_enter(cp_flags) : 0;
}

void hint_event_cp_exit(unsigned long outer_flags)
{
	if (observer)
		observer->cp_exit(outer_flags);
}

void hint_event_fault_begin(struct vm_area_struct *vma, unsigned long address,
			    unsigned int flags)
{
	if (observer)
		observer->fault_begin(vma, address, flags);
}

void hint_event_fault_end(vm_fault_t ret)
{
	if (observer)
		observer->fault_end(ret);
}

void hint_event_numa_effect(const char *what)
{
	if (observer)
		observer->numa_effect(what);
}

void hint_event_damon_report(unsigned long paddr, unsigned long vaddr,
			     unsigned long size)
{
	struct hint_report report = {
		.paddr = paddr,
		.vaddr = vaddr,
		.size = size,
	};

	if (observer)
		observer->damon_report(&report);
}

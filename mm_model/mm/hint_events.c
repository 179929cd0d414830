// SPDX-License-Identifier: GPL-2.0-only
/* Hint events of the model (see hint_events.h). */
#include <linux/mm_types.h>
#include <linux/sched.h>
#include "mm_model/mm/hint_events.h"

const char *const hint_owner_names[HINT_NR_OWNERS] = {
	[HINT_OWNER_NONE] = "unowned",
	[HINT_OWNER_NUMA] = "NUMA",
	[HINT_OWNER_DAMON] = "DAMON",
	[HINT_OWNER_GENERIC] = "generic",
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

void hint_event_numa_effect(const char *what)
{
	if (observer)
		observer->numa_effect(what);
}

void hint_event_damon_report(void)
{
	if (observer)
		observer->damon_report();
}

vm_fault_t hint_consume(enum hint_owner consumer,
			vm_fault_t (*handler)(struct vm_fault *),
			struct vm_fault *vmf)
{
	struct task_struct *t = current;
	int old_consumer = t->hint_consumer;
	struct vm_fault *old_vmf = t->hint_vmf;
	int old_resolved = t->hint_resolved;
	vm_fault_t ret;

	t->hint_consumer = consumer;
	t->hint_vmf = vmf;
	t->hint_resolved = HINT_OWNER_NONE;
	ret = handler(vmf);
	if (observer)
		observer->handler_done();
	t->hint_consumer = old_consumer;
	t->hint_vmf = old_vmf;
	t->hint_resolved = old_resolved;
	return ret;
}

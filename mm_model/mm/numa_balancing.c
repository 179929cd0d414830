// SPDX-License-Identifier: GPL-2.0-only
/*
 * NUMA-balancing control (see numa_balancing.h): the sysctl and the
 * static key.  task_numa_fault() and the rest of the statistics are
 * kernel/sched/fair.c's own (the manifest's unit sched_numa).
 */
/* the owner of kernel.numa_balancing: it sees the variable itself */
#define KSHIM_NUMA_BALANCING_MODE_OWNER
#include <linux/errno.h>
#include <linux/memory-tiers.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sched/numa_balancing.h>
#include <linux/sched/sysctl.h>
#include <linux/topology.h>
#include "mm_model/mm/machine.h"
#include "mm_model/hw/memmap.h"
#include "mm_model/mm/numa_balancing.h"
#include "mm_model/mm/hint_events.h"

#ifdef CONFIG_NUMA_BALANCING
int sysctl_numa_balancing_mode;
DEFINE_STATIC_KEY_FALSE(sched_numa_balancing);
/* the static key is flipped under jump_label_mutex: scheduling points */
static DEFINE_MUTEX(jump_label_mutex);

static void set_numabalancing_state(bool enabled)
{
	mutex_lock(&jump_label_mutex);
	if (enabled)
		static_branch_enable(&sched_numa_balancing);
	else
		static_branch_disable(&sched_numa_balancing);
	mutex_unlock(&jump_label_mutex);
}

/*
 * The entry of kernel/sched/fair.c:task_numa_fault() (6.12, unit
 * sched_numa): the link wraps it (ld --wrap, mm_model/CMakeLists.txt),
 * so every caller in another object (do_numa_page(), the THP one, a
 * design's handler) tells the routing oracle first: only a NUMA hint
 * may come this far.
 */
void __real_task_numa_fault(int last_cpupid, int mem_node, int pages,
			    int flags);
void __wrap_task_numa_fault(int last_cpupid, int mem_node, int pages,
			    int flags);

void __wrap_task_numa_fault(int last_cpupid, int mem_node, int pages,
			    int flags)
{
	hint_event_numa_effect("task_numa_fault");
	__real_task_numa_fault(last_cpupid, mem_node, pages, flags);
}
#endif /* CONFIG_NUMA_BALANCING */

/*
 * The functions below are defined once for every kconfig (coverage
 * merges them line by line); without the config there is no
 * kernel.numa_balancing and nothing to count.
 */

/* kernel/sched/core.c:sysctl_numa_balancing() (6.12) */
int numa_balancing_sysctl_write(int state)
{
#ifdef CONFIG_NUMA_BALANCING
	if (state < 0 || state > 4)	/* proc_dointvec_minmax, 0..4 */
		return -EINVAL;
	/*
	 * Newly set MEMORY_TIERING would reset_memory_tiering() first: the
	 * promotion rate-limit state, which the model does not keep.
	 */
	sim_point(SIM_PT_WRITE_ONCE, &sysctl_numa_balancing_mode);
	WRITE_ONCE(sysctl_numa_balancing_mode, state);
	set_numabalancing_state(state);
	return 0;
#else
	return -EINVAL;
#endif
}

/*
 * mm/mempolicy.c:check_numabalancing_enable() with
 * CONFIG_NUMA_BALANCING_DEFAULT_ENABLED: on only with more than one
 * online node.
 */
void numa_balancing_boot(int nr_online_nodes)
{
#ifdef CONFIG_NUMA_BALANCING
	bool on = IS_ENABLED(CONFIG_NUMA_BALANCING_DEFAULT_ENABLED) &&
		  nr_online_nodes > 1;

	sysctl_numa_balancing_mode = on ? NUMA_BALANCING_NORMAL : 0;
	if (on)
		static_branch_enable(&sched_numa_balancing);
	else
		static_branch_disable(&sched_numa_balancing);
#endif
}

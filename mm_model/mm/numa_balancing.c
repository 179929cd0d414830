// SPDX-License-Identifier: GPL-2.0-only
/*
 * NUMA-balancing control and statistics (see numa_balancing.h).
 * task_numa_fault() keeps the kernel's early returns and per-task
 * counters; numa groups, task placement and preferred-node migration
 * (task_numa_group(), task_numa_placement(), numa_migrate_preferred())
 * are not modelled: they move tasks, never page-table entries.
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

static int task_faults_idx(enum numa_faults_stats s, int nid, int priv)
{
	return 2 * (s * memmap_nr_nodes() + nid) + priv;
}

static bool cpupid_valid(int cpupid)
{
	return cpupid_to_cpu(cpupid) < machine_nr_cpus();
}

/* kernel/sched/fair.c:task_numa_fault() (6.12), statistics only */
void task_numa_fault(int last_cpupid, int mem_node, int pages, int flags)
{
	struct task_struct *p = current;
	bool migrated = flags & TNF_MIGRATED;
	int cpu_node = cpu_to_node(task_cpu(p));
	int local = !!(flags & TNF_FAULT_LOCAL);
	int priv;

	/* the routing oracle: only a NUMA hint may come this far */
	hint_event_numa_effect("task_numa_fault");
	if (!static_branch_likely(&sched_numa_balancing))
		return;
	if (!p->mm)
		return;
	if (!node_is_toptier(mem_node) &&
	    (kshim_numa_balancing_mode() & NUMA_BALANCING_MEMORY_TIERING ||
	     !cpupid_valid(last_cpupid)))
		return;
	if (unlikely(!p->numa_faults)) {
		p->numa_faults = kcalloc(4 * 2 * memmap_nr_nodes(),
					 sizeof(*p->numa_faults),
					 GFP_KERNEL | __GFP_NOWARN);
		if (!p->numa_faults)
			return;
		p->total_numa_faults = 0;
		memset(p->numa_faults_locality, 0,
		       sizeof(p->numa_faults_locality));
	}
	/* first accesses count as private, else private iff same pid */
	if (unlikely(last_cpupid == (int)(-1 & LAST_CPUPID_MASK)))
		priv = 1;
	else
		priv = (p->pid & LAST__PID_MASK) == cpupid_to_pid(last_cpupid);
	if (migrated)
		p->numa_pages_migrated += pages;
	if (flags & TNF_MIGRATE_FAIL)
		p->numa_faults_locality[2] += pages;
	p->numa_faults[task_faults_idx(NUMA_MEMBUF, mem_node, priv)] += pages;
	p->numa_faults[task_faults_idx(NUMA_CPUBUF, cpu_node, priv)] += pages;
	p->numa_faults_locality[local] += pages;
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

unsigned long task_numa_faults(const struct task_struct *p,
			       enum numa_faults_stats s, int nid, int priv)
{
#ifdef CONFIG_NUMA_BALANCING
	if (p->numa_faults)
		return p->numa_faults[task_faults_idx(s, nid, priv)];
#endif
	return 0;
}

void task_numa_free(struct task_struct *p)
{
	kfree(p->numa_faults);
	p->numa_faults = NULL;
}

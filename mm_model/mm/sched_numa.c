// SPDX-License-Identifier: GPL-2.0-only
/*
 * Below the cut of the manifest's unit sched_numa (kernel/sched/fair.c,
 * 6.12): what the extracted NUMA-balancing code calls and the model
 * stands in for.  The model has no runqueues and no load balancer:
 * a task runs on its simulated CPU and nothing moves it.  Each stand-in
 * is kernel-matching for what the model simulates, or loud.
 */
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <linux/sched.h>
#include <kshim/hooks.h>
#include <kshim/unmodelled.h>
#include <kernel/sched/sched.h>
#include "mm_model/hw/memmap.h"
#include "mm_model/mm/hint_events.h"
#include "mm_model/mm/machine.h"

#ifdef CONFIG_NUMA_BALANCING
/*
 * kernel/sched/fair.c:task_numa_group() (6.12): numa groups are not
 * modelled; the task stays ungrouped (p->numa_group NULL) and *priv is
 * left as cpupid_match_pid() found it.
 */
void task_numa_group(struct task_struct *p, int cpupid, int flags, int *priv)
{
}

/*
 * kernel/sched/fair.c:task_numa_migrate() (6.12): moving the task to its
 * preferred node is load balancing, which the model does not do; the
 * kernel's own "no CPU found" outcome (the task stays where it is).
 */
int task_numa_migrate(struct task_struct *p)
{
	return -EINVAL;
}

/* kernel/sched/fair.c:preferred_group_nid() (6.12): only with a group */
int preferred_group_nid(struct task_struct *p, int nid)
{
	kshim_unmodelled("numa groups (preferred_group_nid)");
}

/* kernel/sched/fair.c:numa_group_count_active_nodes() (6.12): groups */
void numa_group_count_active_nodes(struct numa_group *numa_group)
{
	kshim_unmodelled("numa groups (numa_group_count_active_nodes)");
}

/*
 * kernel/sched/fair.c:pgdat_free_space_enough() (6.12): the first step
 * of memory-tiering promotion, which the model does not simulate
 * (watermarks); the tiering helpers after it are loud too.
 */
bool pgdat_free_space_enough(struct pglist_data *pgdat)
{
	kshim_unmodelled("memory-tiering promotion "
			 "(should_numa_migrate_memory)");
}

/* kernel/sched/fair.c:numa_promotion_adjust_threshold() (6.12): tiering */
void numa_promotion_adjust_threshold(struct pglist_data *pgdat,
				     unsigned long rate_limit,
				     unsigned int ref_th)
{
	kshim_unmodelled("memory-tiering promotion threshold");
}

/* kernel/sched/fair.c:numa_hint_fault_latency() (6.12): tiering */
int numa_hint_fault_latency(struct folio *folio)
{
	kshim_unmodelled("memory-tiering hint-fault latency");
}

/* kernel/sched/fair.c:numa_promotion_rate_limit() (6.12): tiering */
bool numa_promotion_rate_limit(struct pglist_data *pgdat,
			       unsigned long rate_limit, int nr)
{
	kshim_unmodelled("memory-tiering promotion rate limit");
}

/*
 * kernel/sched/core.c:sched_setnuma() (6.12): the store of the new
 * preferred node; no runqueue to dequeue the task from and requeue on.
 */
void sched_setnuma(struct task_struct *p, int nid)
{
	p->numa_preferred_nid = nid;
}

/*
 * task_numa_work()'s change_prot_numa() (the manifest's rename): the
 * real one (mm/mempolicy.c), its stores owned by NUMA balancing for the
 * hint oracles.
 */
unsigned long faultsim_hook_change_prot_numa(struct vm_area_struct *vma,
					     unsigned long addr,
					     unsigned long end)
{
	enum hint_owner owner = hint_install_begin(HINT_OWNER_NUMA);
	unsigned long nr_updated = change_prot_numa(vma, addr, end);

	hint_install_end(owner);
	return nr_updated;
}
#endif /* CONFIG_NUMA_BALANCING */

/* kernel/sched/sched.h:cpu_rq(): the simulated CPU's, no queue */
struct rq *kshim_cpu_rq(int cpu)
{
	static struct rq rqs[MACHINE_MAX_CPUS];

	BUG_ON(cpu < 0 || cpu >= MACHINE_MAX_CPUS);
	rqs[cpu].cpu = cpu;
	return &rqs[cpu];
}

/*
 * arch/x86/include/asm/mmzone_64.h:NODE_DATA(): the node's pglist_data,
 * one zone (the model's memmap node, mm_model/mm/migrate.c reads it)
 */
struct pglist_data *kshim_node_data(int nid)
{
	static struct pglist_data nodes[MEMMAP_MAX_NODES];
	struct pglist_data *pgdat;

	BUG_ON(nid < 0 || nid >= MEMMAP_MAX_NODES);
	pgdat = &nodes[nid];
	pgdat->node_id = nid;
	pgdat->nr_zones = 1;
	pgdat->node_zones[0].zone_pgdat = pgdat;
	pgdat->node_zones[0].node = nid;
	return pgdat;
}

/* mm/page_alloc.c:nr_node_ids: the machine's nodes (all online) */
unsigned int kshim_nr_node_ids(void)
{
	return memmap_nr_nodes();
}

/* include/linux/cpumask.h:nr_cpu_ids */
unsigned int kshim_nr_cpu_ids(void)
{
	return machine_nr_cpus();
}

/*
 * include/linux/nodemask.h:node_state(): every node of the machine is
 * possible, online and has memory; N_CPU if a CPU of it is there.
 */
int node_state(int node, enum node_states state)
{
	int cpu;

	if (node < 0 || node >= memmap_nr_nodes())
		return 0;
	if (state != N_CPU)
		return 1;
	for (cpu = 0; cpu < machine_nr_cpus(); cpu++)
		if (cpu_to_node(cpu) == node)
			return 1;
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Below the cut of the manifest's unit sched_numa (kernel/sched/fair.c,
 * 6.12): what the extracted NUMA-balancing code calls and the model
 * stands in for.  The model has no runqueues and no load balancer:
 * a task runs on its simulated CPU and nothing moves it.  Each stand-in
 * is kernel-matching for what the model simulates, or loud.
 */
#include <stdio.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <linux/sched.h>
#include <linux/topology.h>
#include <kshim/sim.h>
#include <kshim/hooks.h>
#include <kshim/unmodelled.h>
#include <kernel/sched/sched.h>
#include "mm_model/hw/memmap.h"
#include "mm_model/mm/hint_events.h"
#include "mm_model/mm/machine.h"

#ifdef CONFIG_NUMA_BALANCING
/*
 * kernel/sched/fair.c:task_numa_migrate() (6.12): moving the task to its
 * preferred node is load balancing, which the model does not do; the
 * kernel's own "no CPU found" outcome (the task stays where it is).
 */
int task_numa_migrate(struct task_struct *p)
{
	return -EINVAL;
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

/* kernel/sched/topology.c (6.12): two distances make NUMA_DIRECT */
enum numa_topology_type sched_numa_topology_type = NUMA_DIRECT;
int sched_max_numa_distance = REMOTE_DISTANCE;

static struct rq rqs[MACHINE_MAX_CPUS];

/*
 * kernel/sched/sched.h:cpu_rq() (see the stand-in header): curr is
 * worked out at each call; the idle task (pid 0, no mm) is each CPU's
 * own, as kernel/sched/core.c:init_idle() makes it.
 */
struct rq *kshim_cpu_rq(int cpu)
{
	static struct task_struct idle[MACHINE_MAX_CPUS];
	struct task_struct *curr = current;
	struct rq *rq;

	BUG_ON(cpu < 0 || cpu >= MACHINE_MAX_CPUS);
	rq = &rqs[cpu];
	rq->cpu = cpu;
	if (curr->flags & PF_KTHREAD || task_cpu(curr) != cpu) {
		/* another CPU's: racing a move of a task there */
		sim_point(SIM_PT_READ_ONCE, &rq->curr);
		curr = kshim_user_task_on(cpu);
	}
	if (!curr) {
		curr = &idle[cpu];
		curr->pid = 0;
		curr->flags = PF_KTHREAD;
		curr->cpu = cpu;
		snprintf(curr->comm, sizeof(curr->comm), "swapper/%d", cpu);
	}
	rq->curr = curr;
	return rq;
}

/* the scenario's move_task step: @p's CPU, both rqs' curr */
void kshim_rq_move_task(struct task_struct *p, int cpu)
{
	BUG_ON(cpu < 0 || cpu >= MACHINE_MAX_CPUS);
	sim_point(SIM_PT_WRITE_ONCE, &rqs[task_cpu(p)].curr);
	sim_point(SIM_PT_WRITE_ONCE, &rqs[cpu].curr);
	WRITE_ONCE(p->cpu, cpu);
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

nodemask_t node_states[NR_NODE_STATES];

void kshim_node_states_init(void)
{
	int state, node;

	for (state = 0; state < NR_NODE_STATES; state++) {
		nodes_clear(node_states[state]);
		for (node = 0; node < memmap_nr_nodes(); node++)
			if (node_state(node, state))
				node_set(node, node_states[state]);
	}
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

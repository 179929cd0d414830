/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/topology.h (6.12): the running CPU's node. */
#ifndef _LINUX_TOPOLOGY_H
#define _LINUX_TOPOLOGY_H

/*
 * Mirrors include/linux/topology.h:cpu_to_node() and numa_node_id() (the
 * running CPU's node), on the model's CPUs (mm_model/mm/machine.c).
 */
int cpu_to_node(int cpu);
int numa_node_id(void);

/*
 * include/linux/topology.h:node_distance(): the model's machines are
 * NUMA_DIRECT, every remote node at the same distance
 */
#define LOCAL_DISTANCE 10
#define REMOTE_DISTANCE 20
#define node_distance(a, b) ((a) == (b) ? LOCAL_DISTANCE : REMOTE_DISTANCE)

/* include/linux/sched/topology.h:task_node() (6.12) */
#define task_node(p) cpu_to_node(task_cpu(p))

#endif

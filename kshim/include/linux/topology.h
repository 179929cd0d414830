/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/topology.h (6.12): the running CPU's node. */
#ifndef _LINUX_TOPOLOGY_H
#define _LINUX_TOPOLOGY_H

/*
 * Mirrors include/linux/topology.h:numa_node_id() (cpu_to_node() of the
 * running CPU).  Simulated CPUs and their nodes do not exist yet, so this
 * is a loud stand-in (mm_model/unmodelled.c), never a guessed node 0.
 */
int numa_node_id(void);

#endif

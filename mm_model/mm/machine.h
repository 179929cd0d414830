/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated machine as a whole: NUMA nodes (memmap.h), CPUs placed
 * on nodes, their TLBs, and the boot-time values the kernel code reads
 * (highest_memmap_pfn, zero_pfn).  machine_init() comes after
 * kshim_boot(), which gives the kernel code its pristine statics.
 */
#ifndef FAULTSIM_MM_MODEL_MACHINE_H
#define FAULTSIM_MM_MODEL_MACHINE_H

#include <stdbool.h>

#define MACHINE_MAX_CPUS 64

struct machine_config {
	int nr_nodes;
	unsigned long node_pages[64];
	bool node_toptier[64];
	int nr_cpus;
	int cpu_node[MACHINE_MAX_CPUS];
};

int machine_init(const struct machine_config *cfg);
void machine_destroy(void);
int machine_nr_cpus(void);
/* include/linux/topology.h */
int cpu_to_node(int cpu);
int numa_node_id(void);

#endif

// SPDX-License-Identifier: GPL-2.0-only
/* The simulated machine (see machine.h). */
#include <linux/mm.h>
#include <linux/errno.h>
#include "mm_model/hw/access_truth.h"
#include "mm_model/mm/hint_events.h"
#include "mm_model/mm/machine.h"
#include "mm_model/mm/fault.h"
#include "mm_model/hw/memmap.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/mm/migrate.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/numa_balancing.h"
#include "mm_model/mm/numa_scan.h"
#include <linux/nodemask.h>
#include "mm_model/mm/thp.h"
#include "mm_model/hw/tlb.h"

static int nr_cpus;
static int cpu_node[MACHINE_MAX_CPUS];

int machine_init(const struct machine_config *cfg)
{
	int cpu, err;

	if (cfg->nr_cpus < 1 || cfg->nr_cpus > MACHINE_MAX_CPUS)
		return -EINVAL;
	err = memmap_init(cfg->nr_nodes, cfg->node_pages, cfg->node_toptier);
	if (err)
		return err;
	for (cpu = 0; cpu < cfg->nr_cpus; cpu++) {
		if (cfg->cpu_node[cpu] < 0 ||
		    cfg->cpu_node[cpu] >= cfg->nr_nodes) {
			memmap_destroy();
			return -EINVAL;
		}
		cpu_node[cpu] = cfg->cpu_node[cpu];
	}
	nr_cpus = cfg->nr_cpus;
	kshim_node_states_init();
	tlb_reset(nr_cpus);
	thp_reset();
	/* mm/mm_init.c: the largest pfn with a struct page */
	highest_memmap_pfn = kshim_memmap_end_pfn - 1;
	numa_balancing_boot(cfg->nr_nodes);
	numa_scan_reset();
	mpol_boot();
	migrate_reset();
	hint_event_reset();
	mmu_set_fault_handler(mmu_kernel_fault);
	return 0;
}

void machine_destroy(void)
{
	memmap_destroy();
	hint_event_reset();
	access_truth_disable();
	nr_cpus = 0;
}

int machine_nr_cpus(void)
{
	return nr_cpus;
}

int cpu_to_node(int cpu)
{
	BUG_ON(cpu < 0 || cpu >= nr_cpus);
	return cpu_node[cpu];
}

/* include/linux/topology.h:numa_node_id(): the running CPU's node */
int numa_node_id(void)
{
	return cpu_to_node(smp_processor_id());
}

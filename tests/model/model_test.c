// SPDX-License-Identifier: GPL-2.0-only
#include <linux/mm.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/machine.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/vma.h"
#include "model_test.h"

int model_boot(uint64_t seed, int nr_nodes, unsigned long node_pages)
{
	struct machine_config cfg = { .nr_nodes = nr_nodes,
				      .nr_cpus = nr_nodes };
	int i;

	for (i = 0; i < nr_nodes; i++) {
		cfg.node_pages[i] = node_pages;
		cfg.node_toptier[i] = true;
		cfg.cpu_node[i] = i;
	}
	sim_reset(seed);
	if (kshim_boot() || sim_run(UINT64_MAX) != SIM_RUN_DONE ||
	    kshim_initcalls_failed())
		return -1;
	return machine_init(&cfg) ? -1 : 0;
}

struct vm_area_struct *model_half_remote_task(unsigned long va,
					      unsigned long nr_pages,
					      struct mm_struct **mmp)
{
	unsigned long mid = va + nr_pages / 2 * PAGE_SIZE;
	unsigned long end = va + nr_pages * PAGE_SIZE;
	struct vm_area_struct *vma;

	*mmp = mm_create();
	if (!*mmp)
		return NULL;
	current->mm = *mmp;
	current->cpu = 0;
	current->numa_preferred_nid = NUMA_NO_NODE;
	vma = vma_create(*mmp, va, end, VM_READ | VM_WRITE, NULL);
	if (!vma || populate_anon(vma, va, mid, 0, true) ||
	    populate_anon(vma, mid, end, 1, true))
		return NULL;
	return vma;
}

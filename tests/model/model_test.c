// SPDX-License-Identifier: GPL-2.0-only
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/machine.h"
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

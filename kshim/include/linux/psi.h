/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/psi.h and psi_types.h (6.12).  Memory
 * pressure is not simulated: psi_system stays zero and, as with
 * CONFIG_PSI_DEFAULT_DISABLED=y and no psi=1, psi_disabled is on.
 */
#ifndef _LINUX_PSI_H
#define _LINUX_PSI_H

#include <linux/types.h>
#include <linux/jump_label.h>

enum psi_res {
	PSI_IO,
	PSI_MEM,
	PSI_CPU,
	PSI_IRQ,
	NR_PSI_RESOURCES,
};

enum psi_states {
	PSI_IO_SOME,
	PSI_IO_FULL,
	PSI_MEM_SOME,
	PSI_MEM_FULL,
	PSI_CPU_SOME,
	PSI_CPU_FULL,
	PSI_IRQ_FULL,
	PSI_NONIDLE,
	NR_PSI_STATES,
};

enum psi_aggregators {
	PSI_AVGS = 0,
	PSI_POLL,
	NR_PSI_AGGREGATORS,
};

struct psi_group {
	u64 total[NR_PSI_AGGREGATORS][NR_PSI_STATES - 1];
};

extern struct psi_group psi_system;
DECLARE_STATIC_KEY_FALSE(psi_disabled);

#endif

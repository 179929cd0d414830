/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/memory-tiers.h (6.12, CONFIG_NUMA). */
#ifndef _LINUX_MEMORY_TIERS_H
#define _LINUX_MEMORY_TIERS_H

#include <linux/types.h>

/* mm/memory-tiers.c: answered from the model's nodes (mm_model/mm/kernel_stubs.c) */
bool node_is_toptier(int node);

#endif

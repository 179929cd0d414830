/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/compaction.h (6.12), empty: compaction is not simulated (the extracted migration is NUMA balancing's, MR_NUMA_MISPLACED). */
#ifndef _KSHIM_LINUX_COMPACTION_H
#define _KSHIM_LINUX_COMPACTION_H
#endif

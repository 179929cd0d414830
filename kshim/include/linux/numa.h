/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/numa.h (6.12): the node count of the
 * kconfig; NUMA_NO_NODE is defined by linux/mm.h.
 */
#ifndef _KSHIM_LINUX_NUMA_H
#define _KSHIM_LINUX_NUMA_H

/* Mirrors include/linux/numa.h:NODES_SHIFT, MAX_NUMNODES */
#define NODES_SHIFT	CONFIG_NODES_SHIFT
#define MAX_NUMNODES	(1 << NODES_SHIFT)

#endif

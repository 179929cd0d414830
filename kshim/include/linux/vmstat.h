/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/vmstat.h and mmzone.h counters (6.12). */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

enum zone_stat_item {
	NR_FREE_PAGES,
	NR_ZONE_LRU_BASE,
	NR_VM_ZONE_STAT_ITEMS,
};

unsigned long global_zone_page_state(enum zone_stat_item item);

#endif

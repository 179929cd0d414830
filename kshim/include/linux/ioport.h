/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/ioport.h (6.12).  "System RAM" resources
 * are the simulated machine's physical memory map (kshim/src/memmap.c).
 */
#ifndef _LINUX_IOPORT_H
#define _LINUX_IOPORT_H

#include <linux/types.h>

struct resource {
	resource_size_t start;
	resource_size_t end;	/* inclusive, as in the kernel */
	const char *name;
	unsigned long flags;
};

#define IORESOURCE_MEM 0x00000200
#define IORESOURCE_SYSRAM 0x01000000
#define IORESOURCE_BUSY 0x80000000

static inline resource_size_t resource_size(const struct resource *res)
{
	return res->end - res->start + 1;
}

int walk_system_ram_res(u64 start, u64 end, void *arg,
			int (*func)(struct resource *, void *));

#endif

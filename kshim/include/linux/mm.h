/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/mm.h (6.12) — for now only what
 * mm/damon/core.c needs.  The page-table, folio and VMA names come with
 * mm_model (x86-64 encodings, include/linux/pgtable.h semantics).
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/ioport.h>
#include <linux/vmstat.h>
#include <linux/init.h>
#include <linux/ktime.h>
#include <linux/sched.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) ALIGN(addr, PAGE_SIZE)
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x) ((unsigned long)((x) >> PAGE_SHIFT))
#define NUMA_NO_NODE (-1)

unsigned long totalram_pages(void);

#endif

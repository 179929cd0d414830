/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the NUMA-scanner tests share (test_numa_scan.c, test_numa_sysctl.c):
 * the machine they boot, a task's mm with anonymous VMAs, counting hints.
 */
#ifndef FAULTSIM_TESTS_NUMA_SCAN_UTIL_H
#define FAULTSIM_TESTS_NUMA_SCAN_UTIL_H

#include <linux/mm.h>
#include "mm_model/hw/mmu.h"

#define VA 0x40000000UL
#define MB (1UL << 20)
#define PAGES(bytes) ((bytes) >> PAGE_SHIFT)
/* msecs_to_jiffies(1000) at HZ=250 */
#define DELAY_J 250UL

int setup(void **state);
int teardown(void **state);
unsigned long updates(void);
struct mm_struct *task_mm(void);
struct vm_area_struct *anon_vma(struct mm_struct *mm, unsigned long start,
				unsigned long size, unsigned long local,
				unsigned long remote);
unsigned long nr_protnone(struct vm_area_struct *vma, unsigned long from,
			  unsigned long to);
void drop_mm(struct mm_struct *mm);
enum mmu_result hint_fault(struct mm_struct *mm, unsigned long addr);
unsigned long pid_bit(void);

#endif

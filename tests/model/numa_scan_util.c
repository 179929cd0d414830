// SPDX-License-Identifier: GPL-2.0-only
/* What the NUMA-scanner tests share (see numa_scan_util.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/sched/numa_balancing.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <linux/sched/sysctl.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/machine.h"
#include "model_test.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/numa_balancing.h"
#include "mm_model/mm/numa_scan.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/vma.h"
#include "numa_scan_util.h"

int setup(void **state)
{
	return model_boot(1, 2, 16384);
}

int teardown(void **state)
{
	sim_set_preempt(NULL, NULL);
	machine_destroy();
	return 0;
}

unsigned long updates(void)
{
	return kshim_vm_event_read(NUMA_PTE_UPDATES);
}

/* current's mm, running on cpu0 (node 0) */
struct mm_struct *task_mm(void)
{
	struct mm_struct *mm = mm_create();

	if (!mm)
		return NULL;
	current->mm = mm;
	current->cpu = 0;
	current->numa_preferred_nid = NUMA_NO_NODE;
	return mm;
}

/*
 * A private RW anon VMA at @start of @size: @local pages on node 0,
 * then @remote pages on node 1, the rest unpopulated.
 */
struct vm_area_struct *anon_vma(struct mm_struct *mm, unsigned long start,
				unsigned long size, unsigned long local,
				unsigned long remote)
{
	struct vm_area_struct *vma;

	vma = vma_create(mm, start, start + size, VM_READ | VM_WRITE, NULL);
	if (!vma)
		return NULL;
	if (local &&
	    populate_anon(vma, start, start + local * PAGE_SIZE, 0, true))
		return NULL;
	if (remote &&
	    populate_anon(vma, start + local * PAGE_SIZE,
			  start + (local + remote) * PAGE_SIZE, 1, true))
		return NULL;
	return vma;
}

unsigned long nr_protnone(struct vm_area_struct *vma, unsigned long from,
			  unsigned long to)
{
	unsigned long addr, n = 0;

	for (addr = from; addr < to; addr += PAGE_SIZE) {
		pte_t *pte = populate_ptep(vma, addr);

		if (pte && pte_present(ptep_get(pte)) &&
		    pte_protnone(ptep_get(pte)))
			n++;
	}
	return n;
}

/* zap every VMA, free the mm and current's NUMA statistics */
void drop_mm(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	list_for_each_entry (vma, &mm->kshim_vmas, kshim_node)
		populate_zap_all(vma);
	task_numa_free(current, true);
	if (current->mm == mm)
		current->mm = NULL;
	mm_destroy(mm);
}

/*
 * A hint fault on @addr by current, under a bound policy without
 * MPOL_F_MOF: do_numa_page() restores the entry, no migration.
 */
enum mmu_result hint_fault(struct mm_struct *mm, unsigned long addr)
{
	struct mempolicy *saved = current->mempolicy;
	enum mmu_result res;
	int nf;

	current->mempolicy = mpol_new(MPOL_BIND, 0x3, false);
	res = mmu_access(current->cpu, mm, addr, false, &nf);
	mpol_free(current->mempolicy);
	current->mempolicy = saved;
	return res;
}

unsigned long pid_bit(void)
{
	return 1UL << hash_32(current->pid, ilog2(BITS_PER_LONG));
}

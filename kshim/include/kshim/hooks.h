/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * faultsim's hook points in the extracted kernel code (renames in
 * tools/manifests/<version>.json): the protnone fault dispatch, where a
 * DAMON fault-reporting design decides who handles a hint fault.  The
 * 6.12 baseline (designs/dispatch.c) calls the kernel's own handlers.
 */
#ifndef _KSHIM_HOOKS_H
#define _KSHIM_HOOKS_H

#include <linux/mm_types.h>

/* in place of handle_pte_fault()'s call of do_numa_page() (mm/memory.c) */
vm_fault_t faultsim_hook_pte_protnone(struct vm_fault *vmf);
/* Routes protnone PTE faults to @fn (NULL: the baseline do_numa_page). */
void faultsim_set_pte_protnone_handler(vm_fault_t (*fn)(struct vm_fault *));
/*
 * in place of task_numa_work()'s call of change_prot_numa()
 * (kernel/sched/fair.c, unit sched_numa): the install, owned by NUMA
 * balancing for the hint oracles (mm_model/mm/hint_events.h)
 */
struct vm_area_struct;
unsigned long faultsim_hook_change_prot_numa(struct vm_area_struct *vma,
					     unsigned long addr,
					     unsigned long end);
/* in place of __handle_mm_fault()'s call of do_huge_pmd_numa_page() */
vm_fault_t faultsim_hook_pmd_protnone(struct vm_fault *vmf);

/*
 * A manifest overlay's design (tools/kextract.py, docs/extractor.md):
 * each call of the tree's own DAMON report function goes here first, so
 * the oracles see the report (FAULTSIM_NO_ADDR: the report does not say
 * that address).
 */
#define FAULTSIM_NO_ADDR (~0UL)
void faultsim_hook_damon_report(unsigned long paddr, unsigned long vaddr,
				unsigned long size);

/* mm/memory.c, made extern by the manifest's "export" (unit fault_memory) */
vm_fault_t do_numa_page(struct vm_fault *vmf);
vm_fault_t __handle_mm_fault(struct vm_area_struct *vma,
			     unsigned long address, unsigned int flags);
void numa_rebuild_single_mapping(struct vm_fault *vmf,
				 struct vm_area_struct *vma,
				 unsigned long fault_addr, pte_t *fault_pte,
				 bool writable);
void numa_rebuild_large_mapping(struct vm_fault *vmf,
				struct vm_area_struct *vma, struct folio *folio,
				pte_t fault_pte, bool ignore_writable,
				bool pte_write_upgrade);
int numa_migrate_check(struct folio *folio, struct vm_fault *vmf,
		       unsigned long addr, int *flags, bool writable,
		       int *last_cpupid);
/* mm/huge_memory.c, exported (unit fault_huge_memory, THP only) */
bool can_change_pmd_writable(struct vm_area_struct *vma, unsigned long addr,
			     pmd_t pmd);
/* mm/mprotect.c, exported by the manifest (unit fault_mprotect) */
struct mmu_gather;
long change_protection_range(struct mmu_gather *tlb,
			     struct vm_area_struct *vma, unsigned long addr,
			     unsigned long end, pgprot_t newprot,
			     unsigned long cp_flags);

#endif

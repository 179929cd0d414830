/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Address spaces and VMAs of the simulated machine: mm_struct with its
 * page tables, VMAs kept sorted (standing in for the maple tree), and
 * vm_page_prot derived from vm_flags as mm/mmap.c:vma_set_page_prot()
 * does.
 */
#ifndef FAULTSIM_MM_MODEL_VMA_H
#define FAULTSIM_MM_MODEL_VMA_H

#include <linux/mm.h>

struct mm_struct *mm_create(void);
/* Unmaps nothing: tables and VMAs are freed, folios must be gone. */
void mm_destroy(struct mm_struct *mm);

/*
 * Every live mm, in creation order (mm_create() adds, mm_destroy()
 * removes): what the model's rmap walks (rmap.c), standing for the
 * anon_vma / i_mmap trees.  mm_registry_reset() forgets them all
 * (machine_init(): a new boot's slab has freed the old ones).
 */
int mm_registry_count(void);
struct mm_struct *mm_registry_get(int i);
void mm_registry_reset(void);

/*
 * A VMA [start, end) with @vm_flags (VM_READ/WRITE/EXEC/SHARED; the
 * VM_MAY* bits are added as mmap() would).  Anonymous unless @vm_ops.
 * NULL if it overlaps another VMA, is not page aligned, or lies beyond
 * the user address space.
 */
struct vm_area_struct *vma_create(struct mm_struct *mm, unsigned long start,
				  unsigned long end, vm_flags_t vm_flags,
				  const struct vm_operations_struct *vm_ops);
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* mm/mmap.c:vma_set_page_prot() */
void vma_set_page_prot(struct vm_area_struct *vma);

#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * mprotect() and MADV_DONTNEED (see syscalls.h).  mprotect keeps the
 * kernel's order under the mmap write lock: split the VMA to the range,
 * vma_start_write() (waits for per-VMA-lock faults, blocks new ones),
 * set the flags, TRY_CHANGE_WRITABLE when a manual write upgrade is
 * wanted, vm_page_prot from the flags, then the real change_protection()
 * inside one mmu_gather.  VMA merging afterwards is not modelled (it
 * changes no page-table entry).  The zap clears entries under the PTL,
 * records the flush in the gather and frees folios only after the
 * flush, as the kernel's page batching does.
 */
#include <limits.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kshim/unmodelled.h>
#include <asm/tlb.h>
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/syscalls.h"
#include "mm_model/mm/vma.h"

struct vm_area_struct *vma_split_at(struct vm_area_struct *vma,
				    unsigned long addr)
{
	struct vm_area_struct *new;

	if (addr <= vma->vm_start || addr >= vma->vm_end ||
	    (addr & ~PAGE_MASK))
		return ERR_PTR(-EINVAL);
	new = kmalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return ERR_PTR(-ENOMEM);
	vma_start_write(vma);
	memcpy(new, vma, sizeof(*new));
	init_rwsem(&new->vm_lock);
	new->vm_lock_seq = UINT_MAX;
	new->numab_state = NULL;	/* vm_area_dup() does not copy it */
	new->vm_start = addr;
	new->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	WRITE_ONCE(vma->vm_end, addr);
	list_add(&new->kshim_node, &vma->kshim_node);
	return new;
}

/* include/linux/mman.h:calc_vm_prot_bits() */
static unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) |
	       ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

int sys_mprotect(struct mm_struct *mm, unsigned long start, size_t len,
		 unsigned long prot)
{
	unsigned long end = start + PAGE_ALIGN(len), nstart, tmp;
	struct vm_area_struct *vma;
	struct mmu_gather tlb;
	int error = 0;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	if (end <= start || prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	mmap_write_lock(mm);
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start) {
		error = -ENOMEM;
		goto out;
	}
	tlb_gather_mmu(&tlb, mm);
	for (nstart = start; nstart < end; nstart = tmp) {
		unsigned long newflags;
		unsigned int mm_cp_flags = 0;

		if (!vma || vma->vm_start != nstart) {
			error = -ENOMEM;	/* a hole in the range */
			break;
		}
		newflags = calc_vm_prot_bits(prot) |
			   (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC));
		/* newflags >> 4 shifts VM_MAY% in place of VM_% */
		if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS) {
			error = -EACCES;
			break;
		}
		tmp = min(vma->vm_end, end);
		if (newflags != vma->vm_flags) {
			/* vma_modify_flags(): split to [nstart, tmp) */
			if (vma->vm_start < nstart)
				vma = vma_split_at(vma, nstart);
			if (!IS_ERR(vma) && vma->vm_end > tmp)
				vma_split_at(vma, tmp);
			if (IS_ERR(vma)) {
				error = PTR_ERR(vma);
				break;
			}
			/* mprotect_fixup() */
			vma_start_write(vma);
			WRITE_ONCE(vma->__vm_flags, newflags);
			if (vma_wants_manual_pte_write_upgrade(vma))
				mm_cp_flags |= MM_CP_TRY_CHANGE_WRITABLE;
			vma_set_page_prot(vma);
			change_protection(&tlb, vma, nstart, tmp, mm_cp_flags);
		}
		vma = list_is_last(&vma->kshim_node, &mm->kshim_vmas) ? NULL :
			list_next_entry(vma, kshim_node);
	}
	tlb_finish_mmu(&tlb);
out:
	mmap_write_unlock(mm);
	return error;
}

struct zapped {
	struct folio *folio;
	struct zapped *next;
};

/* mm/memory.c:zap_pte_range() for present, protnone and migration PTEs */
static void zap_pte_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
			  pmd_t *pmd, unsigned long addr, unsigned long end,
			  struct zapped **freed)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	pte_t *pte;

	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	if (!pte)
		return;
	for (; addr < end; addr += PAGE_SIZE, pte++) {
		pte_t ptent = ptep_get(pte);
		struct zapped *z;
		struct folio *folio;

		if (pte_none(ptent))
			continue;
		ptent = ptep_get_and_clear(mm, addr, pte);
		if (!pte_present(ptent))
			continue;	/* swap/migration entry: dropped */
		tlb_flush_pte_range(tlb, addr, PAGE_SIZE);
		folio = vm_normal_folio(vma, addr, ptent);
		if (!folio)
			continue;
		/* folio_remove_rmap_pte(); the free waits for the flush */
		WARN_ON(atomic_dec_return(&folio->_mapcount) < -1);
		z = kmalloc(sizeof(*z), GFP_KERNEL | __GFP_NOFAIL);
		z->folio = folio;
		z->next = *freed;
		*freed = z;
	}
	pte_unmap_unlock(pte - 1, ptl);
}

/*
 * mm/memory.c:unmap_page_range() down through zap_p4d_range(),
 * zap_pud_range() and zap_pmd_range(): a level whose entry is none has
 * nothing below it.  The fault path populates these entries
 * concurrently (the zap holds only the mmap read lock), so each is
 * loaded once, through the accessors that announce the load.
 */
static void zap_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
		      unsigned long start, unsigned long end,
		      struct zapped **freed)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr, next;

	for (addr = start; addr < end; addr = next) {
		pgd_t *pgd = pgd_offset(mm, addr);
		p4d_t *p4d;
		pud_t *pud;
		pmd_t *pmd;

		next = pmd_addr_end(addr, end);
		if (pgd_none_or_clear_bad(pgd)) {
			next = pgd_addr_end(addr, end);
			continue;
		}
		p4d = p4d_offset(pgd, addr);
		pud = pud_offset(p4d, addr);
		if (pud_none_or_clear_bad(pud)) {
			next = pud_addr_end(addr, end);
			continue;
		}
		pmd = pmd_offset(pud, addr);
		if (pmd_leaf(pmdp_get(pmd)))
			kshim_unmodelled("MADV_DONTNEED of a huge PMD "
					 "(zap_huge_pmd)");
		zap_pte_range(tlb, vma, pmd, addr, next, freed);
	}
}

int sys_madvise_dontneed(struct mm_struct *mm, unsigned long start,
			 size_t len)
{
	unsigned long end = start + PAGE_ALIGN(len);
	struct zapped *freed = NULL, *z;
	struct vm_area_struct *vma;
	struct mmu_gather tlb;
	int error = 0;

	if (start & ~PAGE_MASK || end < start)
		return -EINVAL;
	mmap_read_lock(mm);	/* MADV_DONTNEED runs under the read lock */
	tlb_gather_mmu(&tlb, mm);
	while (start < end) {
		vma = find_vma(mm, start);
		if (!vma || vma->vm_start >= end) {
			error = -ENOMEM;
			break;
		}
		if (vma->vm_start > start)
			error = -ENOMEM;	/* a hole, the rest still goes */
		start = max(start, vma->vm_start);
		zap_range(&tlb, vma, start, min(end, vma->vm_end), &freed);
		start = vma->vm_end;
	}
	tlb_finish_mmu(&tlb);
	mmap_read_unlock(mm);
	while ((z = freed)) {
		freed = z->next;
		folio_put(z->folio);
		kfree(z);
	}
	return error;
}

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
#include <linux/huge_mm.h>
#include <linux/swapops.h>
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/rmap.h"
#include "mm_model/mm/thp.h"
#include "mm_model/mm/syscalls.h"
#include "mm_model/mm/vma.h"
#include "mm_model/mm/mempolicy.h"

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
	memcpy(new, vma, sizeof(*new));
	/* vma_dup_policy(): each part owns a copy */
	if (vma->vm_policy) {
		new->vm_policy = mpol_dup(vma->vm_policy);
		if (!new->vm_policy) {
			kfree(new);
			return ERR_PTR(-ENOMEM);
		}
	}
	/*
	 * mm/vma.c:vma_iter_store(): @new over the tail of @vma's range
	 * (the kernel preallocates first and stores last, under the mmap
	 * write lock as here: no reader sees the order)
	 */
	if (mtree_store_range(&vma->vm_mm->mm_mt, addr, vma->vm_end - 1, new,
			      GFP_KERNEL)) {
		if (new->vm_policy)
			mpol_free(new->vm_policy);
		kfree(new);
		return ERR_PTR(-ENOMEM);
	}
	vma_start_write(vma);
	/*
	 * mm/vma.c:__split_vma() -> vma_adjust_trans_huge() (6.12): a huge
	 * PMD across the new boundary is split first (its folio stays)
	 */
	if (!IS_ALIGNED(addr, PMD_SIZE) &&
	    ALIGN_DOWN(addr, PMD_SIZE) >= vma->vm_start &&
	    ALIGN(addr, PMD_SIZE) <= vma->vm_end)
		thp_split_pmd_at(vma, addr);
	init_rwsem(&new->vm_lock);
	new->vm_lock_seq = UINT_MAX;
	new->numab_state = NULL;	/* vm_area_dup() does not copy it */
	new->vm_start = addr;
	new->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	WRITE_ONCE(vma->vm_end, addr);
	list_add(&new->kshim_node, &vma->kshim_node);
	return new;
}

/*
 * mm/vma.c:vma_modify() (6.12) without the merge (the model never
 * merges VMAs): @vma split so that [start, end) is a VMA of its own,
 * which is returned; either split's failure is the result.
 */
static struct vm_area_struct *vma_modify_split(struct vm_area_struct *vma,
					       unsigned long start,
					       unsigned long end)
{
	struct vm_area_struct *rest;

	if (vma->vm_start < start) {
		vma = vma_split_at(vma, start);
		if (IS_ERR(vma))
			return vma;
	}
	if (vma->vm_end > end) {
		rest = vma_split_at(vma, end);
		if (IS_ERR(rest))
			return rest;
	}
	return vma;
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
	/*
	 * do_mprotect_pkey()'s walk: tmp is where the next VMA must start
	 * (the first one may start below @start: only its part from
	 * nstart on changes), a gap is -ENOMEM
	 */
	nstart = start;
	tmp = vma->vm_start;
	for (; vma && vma->vm_start < end; nstart = tmp) {
		unsigned long newflags;
		unsigned int mm_cp_flags = 0;

		if (vma->vm_start != tmp) {
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
			vma = vma_modify_split(vma, nstart, tmp);
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
	if (!error && tmp < end)
		error = -ENOMEM;	/* the range ends in a hole */
	tlb_finish_mmu(&tlb);
out:
	mmap_write_unlock(mm);
	return error;
}

struct zapped {
	struct folio *folio;
	struct zapped *next;
};

/*
 * The page batch of include/asm-generic/tlb.h:tlb_remove_page_size():
 * a folio reference the zap dropped from the tables, put only after
 * tlb_finish_mmu()'s flush, so that no CPU reaches a freed page through
 * a stale TLB entry.
 */
static void zap_defer_put(struct zapped **freed, struct folio *folio)
{
	struct zapped *z = kmalloc(sizeof(*z), GFP_KERNEL | __GFP_NOFAIL);

	z->folio = folio;
	z->next = *freed;
	*freed = z;
}

/*
 * Mirrors mm/memory.c:zap_pte_range() (6.12) for present (protnone
 * included) and migration PTEs.  Returns where it stopped: @end, or
 * @addr when the PMD no longer points at a PTE table (a huge PMD raced
 * in, or none), for zap_pmd_range() to look at the PMD again.
 */
static unsigned long zap_pte_range(struct mmu_gather *tlb,
				   struct vm_area_struct *vma, pmd_t *pmd,
				   unsigned long addr, unsigned long end,
				   struct zapped **freed)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	pte_t *pte;

	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	if (!pte)
		return addr;
	for (; addr < end; addr += PAGE_SIZE, pte++) {
		pte_t ptent = ptep_get(pte);
		struct page *page;

		if (pte_none(ptent))
			continue;
		ptent = ptep_get_and_clear(mm, addr, pte);
		if (!pte_present(ptent))
			continue;	/* swap/migration entry: dropped */
		tlb_flush_pte_range(tlb, addr, PAGE_SIZE);
		page = vm_normal_page(vma, addr, ptent);
		if (!page)
			continue;	/* the zero page holds nothing */
		/* folio_remove_rmap_ptes(); the free waits for the flush */
		rmap_remove_pte(page_folio(page), page);
		zap_defer_put(freed, page_folio(page));
	}
	pte_unmap_unlock(pte - 1, ptl);
	return end;
}

#ifdef CONFIG_TRANSPARENT_HUGEPAGE
/*
 * Mirrors mm/huge_memory.c:zap_huge_pmd() (6.12) for anonymous VMAs:
 * under the PMD lock (0 if the PMD is no longer huge: split under us,
 * zap_pmd_range() then takes the PTE path), clear the entry, record the
 * PMD range in the gather, free the deposited table; a huge zero PMD
 * holds nothing else; a THP loses its entire mapping
 * (folio_remove_rmap_pmd()) and its reference goes after the flush; a
 * PMD migration entry holds no reference, and the migration finds
 * nothing to restore.  Returns 1 when the PMD was zapped.
 */
static int __zap_huge_pmd(struct mmu_gather *tlb, struct vm_area_struct *vma,
			  pmd_t *pmd, unsigned long addr, struct zapped **freed)
{
	struct folio *folio;
	spinlock_t *ptl;
	pmd_t orig_pmd;

	tlb_change_page_size(tlb, HPAGE_PMD_SIZE);
	ptl = __pmd_trans_huge_lock(pmd, vma);
	if (!ptl)
		return 0;
	orig_pmd = pmdp_huge_get_and_clear(vma->vm_mm, addr, pmd);
	tlb_flush_pmd_range(tlb, addr, HPAGE_PMD_SIZE);
	if (is_huge_zero_pmd(orig_pmd)) {
		thp_zap_deposited_table(vma->vm_mm, pmd);
		spin_unlock(ptl);
		return 1;
	}
	if (pmd_present(orig_pmd)) {
		folio = page_folio(pmd_page(orig_pmd));
		thp_remove_rmap_pmd(folio);
		WARN_ON_ONCE(folio_mapcount(folio) < 0);
	} else {
		/* thp_migration_supported(): a PMD migration entry */
		WARN_ON(!is_pmd_migration_entry(orig_pmd));
		folio = NULL;
	}
	thp_zap_deposited_table(vma->vm_mm, pmd);	/* an anon folio */
	spin_unlock(ptl);
	if (folio)
		zap_defer_put(freed, folio);	/* tlb_remove_page_size() */
	return 1;
}
#endif

/* One definition for every kconfig (gcov merges functions by line). */
static int zap_huge_pmd(struct mmu_gather *tlb, struct vm_area_struct *vma,
			pmd_t *pmd, unsigned long addr, struct zapped **freed)
{
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	return __zap_huge_pmd(tlb, vma, pmd, addr, freed);
#else
	BUG();		/* no huge PMD without THP */
	return 0;
#endif
}

/*
 * Mirrors mm/memory.c:zap_pmd_range() (6.12): a huge PMD (or a PMD
 * migration entry) is zapped whole when the range covers it, else split
 * first and zapped at the PTE level; a PTE-level zap that finds the PMD
 * changed under it looks at the PMD again.
 */
static void zap_pmd_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
			  pud_t *pud, unsigned long addr, unsigned long end,
			  struct zapped **freed)
{
	pmd_t *pmd = pmd_offset(pud, addr);
	unsigned long next;

	do {
		pmd_t val = pmdp_get(pmd);

		next = pmd_addr_end(addr, end);
		if (is_swap_pmd(val) || pmd_trans_huge(val) || pmd_devmap(val)) {
			if (next - addr != HPAGE_PMD_SIZE)
				__split_huge_pmd(vma, pmd, addr, false, NULL);
			else if (zap_huge_pmd(tlb, vma, pmd, addr, freed)) {
				addr = next;
				continue;
			}
			/* fall through */
		}
		if (pmd_none(pmdp_get(pmd))) {
			addr = next;
			continue;
		}
		addr = zap_pte_range(tlb, vma, pmd, addr, next, freed);
		if (addr != next)
			pmd--;
	} while (pmd++, addr != end);
}

/*
 * mm/memory.c:unmap_page_range() down through zap_p4d_range() and
 * zap_pud_range(): a level whose entry is none has nothing below it.
 * The fault path populates these entries concurrently (the zap holds
 * only the mmap read lock), so each is loaded once, through the
 * accessors that announce the load.
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

		next = pud_addr_end(addr, end);
		if (pgd_none_or_clear_bad(pgd)) {
			next = pgd_addr_end(addr, end);
			continue;
		}
		p4d = p4d_offset(pgd, addr);
		pud = pud_offset(p4d, addr);
		if (pud_none_or_clear_bad(pud))
			continue;
		zap_pmd_range(tlb, vma, pud, addr, next, freed);
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

/*
 * mm/mempolicy.c:do_set_mempolicy() (6.12) for current: the new policy
 * (none for MPOL_DEFAULT) replaces the task's, which is freed.  The
 * checks of mpol_new() are the loader's; here a refusal is -EINVAL.
 */
int sys_set_mempolicy(unsigned short mode, u64 nodes, bool numa_balancing)
{
	struct mempolicy *new = NULL, *old;

	if (mode != MPOL_DEFAULT) {
		new = mpol_new(mode, nodes, numa_balancing);
		if (!new)
			return -EINVAL;
	}
	old = current->mempolicy;
	current->mempolicy = new;
	mpol_free(old);
	return 0;
}

/*
 * The MPOL_MF_STRICT part of mm/mempolicy.c:queue_pages_range() (6.12)
 * without MPOL_MF_MOVE: -EFAULT for a hole in [start, end), -EIO for a
 * folio mapped there on a node outside @nodes (the huge zero page and
 * the zero page are nobody's).  Each VMA is write-locked first, as
 * MPOL_MF_WRLOCK's walk does, so no fault runs under it.
 */
static int mbind_queue_pages(struct mm_struct *mm, unsigned long start,
			     unsigned long end, u64 nodes, bool strict)
{
	struct vm_area_struct *vma = NULL;
	unsigned long addr, next;

	for (addr = start; addr < end; addr = next) {
		struct page *page = NULL;
		pmd_t *pmdp;
		pte_t *ptep;

		if (!vma || addr >= vma->vm_end) {
			vma = find_vma(mm, addr);
			if (!vma || vma->vm_start > addr)
				return -EFAULT;
			vma_start_write(vma);
		}
		next = min(vma->vm_end, end);
		if (!strict)
			continue;
		next = addr + PAGE_SIZE;
		if (!pgtable_lookup(mm, addr, &pmdp, &ptep) || !pmdp)
			continue;
		if (!ptep) {
			pmd_t pmd = pmdp_get(pmdp);

			if (pmd_trans_huge(pmd)) {
#ifdef CONFIG_PGTABLE_HAS_HUGE_LEAVES
				page = vm_normal_page_pmd(vma, addr, pmd);
#endif
				next = min((addr & PMD_MASK) + PMD_SIZE, end);
			}
		} else {
			pte_t pte = ptep_get(ptep);

			if (pte_present(pte))
				page = vm_normal_page(vma, addr, pte);
		}
		if (page && !((nodes >> folio_nid(page_folio(page))) & 1))
			return -EIO;
	}
	return 0;
}

/*
 * mm/mempolicy.c:mbind_range() (6.12): the part of @vma in [start, end)
 * split off (vma_modify_policy(); no merge in the model) and given its
 * own copy of @new (vma_replace_policy()); nothing when equal.
 */
static int mbind_range(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, const struct mempolicy *new)
{
	struct mempolicy *copy = NULL, *old;

	if (mpol_equal(vma->vm_policy, new))
		return 0;
	vma = vma_modify_split(vma, start, end);	/* vma_modify_policy() */
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if (new) {
		copy = mpol_dup(new);
		if (!copy)
			return -ENOMEM;
	}
	vma_start_write(vma);
	old = vma->vm_policy;
	WRITE_ONCE(vma->vm_policy, copy);
	mpol_free(old);
	return 0;
}

/*
 * mm/mempolicy.c:do_mbind() (6.12) under the mmap write lock, with
 * MPOL_MF_STRICT (@strict) and without MPOL_MF_MOVE: nothing changes
 * when the strict check fails (-EIO) or the range has a hole (-EFAULT).
 */
int sys_mbind(struct mm_struct *mm, unsigned long start, size_t len,
	      unsigned short mode, u64 nodes, bool numa_balancing, bool strict)
{
	struct vm_area_struct *vma, *next;
	struct mempolicy *new = NULL;
	unsigned long end;
	int err;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (mode == MPOL_DEFAULT)
		strict = false;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	if (mode != MPOL_DEFAULT) {
		new = mpol_new(mode, nodes, numa_balancing);
		if (!new)
			return -EINVAL;
	}
	mmap_write_lock(mm);
	err = mbind_queue_pages(mm, start, end, nodes, strict);
	for (vma = find_vma(mm, start); !err && vma && vma->vm_start < end;
	     vma = next) {
		next = list_is_last(&vma->kshim_node, &mm->kshim_vmas) ? NULL :
		       list_next_entry(vma, kshim_node);
		/* a split adds the parts after vma, before next */
		err = mbind_range(vma, start, end, new);
	}
	mmap_write_unlock(mm);
	mpol_free(new);
	return err;
}

/*
 * mm/madvise.c:madvise_vma_behavior() for MADV_HUGEPAGE and
 * MADV_NOHUGEPAGE (6.12): mm/khugepaged.c:hugepage_madvise() sets one
 * flag and clears the other, madvise_update_vma() splits the VMA to the
 * range (no merge in the model) and sets vm_flags under its write lock.
 * Mapped THPs stay; later faults see the flags (khugepaged is not
 * modelled).  A hole is -ENOMEM, the rest still done, as madvise does.
 */
int sys_madvise_hugepage(struct mm_struct *mm, unsigned long start,
			 size_t len, bool huge)
{
	unsigned long end = start + PAGE_ALIGN(len), tmp;
	struct vm_area_struct *vma;
	int error = 0;

	if (start & ~PAGE_MASK || end < start)
		return -EINVAL;
	mmap_write_lock(mm);	/* madvise_need_mmap_write() */
	while (start < end) {
		vm_flags_t newflags;

		vma = find_vma(mm, start);
		if (!vma || vma->vm_start >= end) {
			error = -ENOMEM;
			break;
		}
		if (vma->vm_start > start)
			error = -ENOMEM;
		start = max(start, vma->vm_start);
		tmp = min(end, vma->vm_end);
		newflags = vma->vm_flags;
		if (huge) {
			newflags &= ~VM_NOHUGEPAGE;
			newflags |= VM_HUGEPAGE;
		} else {
			newflags &= ~VM_HUGEPAGE;
			newflags |= VM_NOHUGEPAGE;
		}
		if (newflags != vma->vm_flags) {
			vma = vma_modify_split(vma, start, tmp);
			if (IS_ERR(vma)) {
				error = PTR_ERR(vma);
				break;
			}
			vma_start_write(vma);
			WRITE_ONCE(vma->__vm_flags, newflags);
		}
		start = tmp;
	}
	mmap_write_unlock(mm);
	return error;
}

// SPDX-License-Identifier: GPL-2.0-only
/* Address spaces and VMAs (see vma.h). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/huge_mm.h>
#include <linux/minmax.h>
#include <kshim/sim.h>
#include "mm_model/hw/memmap.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/thp.h"
#include "mm_model/mm/vma.h"

/* The live mms (see vma.h); process heap, so it outlives a boot's slab */
static struct mm_struct **mm_registry;
static int mm_registry_nr, mm_registry_cap;

int mm_registry_count(void)
{
	return mm_registry_nr;
}

struct mm_struct *mm_registry_get(int i)
{
	return i >= 0 && i < mm_registry_nr ? mm_registry[i] : NULL;
}

void mm_registry_reset(void)
{
	mm_registry_nr = 0;
}

static int mm_registry_add(struct mm_struct *mm)
{
	if (mm_registry_nr == mm_registry_cap) {
		int cap = mm_registry_cap ? 2 * mm_registry_cap : 16;
		struct mm_struct **n = realloc(mm_registry, cap * sizeof(*n));

		if (!n)
			sim_out_of_memory("the registry of address spaces");
		mm_registry = n;
		mm_registry_cap = cap;
	}
	mm_registry[mm_registry_nr++] = mm;
	return 0;
}

static void mm_registry_del(struct mm_struct *mm)
{
	int i;

	for (i = 0; i < mm_registry_nr; i++) {
		if (mm_registry[i] != mm)
			continue;
		memmove(&mm_registry[i], &mm_registry[i + 1],
			(mm_registry_nr - i - 1) * sizeof(*mm_registry));
		mm_registry_nr--;
		return;
	}
}

struct mm_struct *mm_create(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->pgd = pgtable_alloc_pgd();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	spin_lock_init(&mm->page_table_lock);
	init_rwsem(&mm->mmap_lock);
	INIT_LIST_HEAD(&mm->kshim_vmas);
	mt_init_flags(&mm->mm_mt, MM_MT_FLAGS);
	mm->task_size = KSHIM_USER_VA_END;
	if (mm_registry_add(mm)) {
		pgtable_free_all(mm->pgd);
		kfree(mm);
		return NULL;
	}
	return mm;
}

void mm_destroy(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;

	mm_registry_del(mm);
	mm_put_huge_zero_folio(mm);	/* __mmput() */
	list_for_each_entry_safe(vma, next, &mm->kshim_vmas, kshim_node) {
		list_del(&vma->kshim_node);
		kfree(vma->numab_state);
		kfree(vma);
	}
	mtree_destroy(&mm->mm_mt);
	pgtable_free_all(mm->pgd);
	kfree(mm);
}

/*
 * mm/vma.c:vma_wants_writenotify() (6.12) for what the model has: no
 * vm_ops with page_mkwrite/pfn_mkwrite, and no backing store that
 * tracks dirty pages (shared memory is shmem, which does not); soft-
 * dirty tracking (VM_SOFTDIRTY cleared by clear_refs) and uffd-wp do
 * want write faults.
 */
bool vma_wants_writenotify(struct vm_area_struct *vma, pgprot_t vm_page_prot)
{
	if ((vma->vm_flags & (VM_SHARED | VM_WRITE)) != (VM_SHARED | VM_WRITE))
		return false;
	if (!(vma->vm_flags & VM_SOFTDIRTY))	/* vma_soft_dirty_enabled() */
		return true;
	if (vma->vm_flags & VM_UFFD_WP)		/* userfaultfd_wp() */
		return true;
	return false;
}

/* mm/mmap.c:vma_set_page_prot(): no write-notify, so no RW removal */
void vma_set_page_prot(struct vm_area_struct *vma)
{
	pgprot_t prot = vm_get_page_prot(vma->vm_flags);

	if (vma_wants_writenotify(vma, prot))
		prot = vm_get_page_prot(vma->vm_flags & ~VM_SHARED);
	WRITE_ONCE(vma->vm_page_prot, prot);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->kshim_vmas, kshim_node)
		if (addr < vma->vm_end)
			return vma;
	return NULL;
}

struct vm_area_struct *vma_create(struct mm_struct *mm, unsigned long start,
				  unsigned long end, vm_flags_t vm_flags,
				  const struct vm_operations_struct *vm_ops)
{
	struct vm_area_struct *vma, *next;

	if (start >= end || (start | end) & ~PAGE_MASK || !start ||
	    end > mm->task_size)
		return NULL;
	next = find_vma(mm, start);
	if (next && next->vm_start < end)
		return NULL;
	vma = kzalloc(sizeof(*vma), GFP_KERNEL);
	if (!vma)
		return NULL;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_mm = mm;
	vma->vm_ops = vm_ops;
	/* kernel/fork.c:vma_lock_init(): not write-locked in any cycle */
	vma->vm_lock_seq = UINT_MAX;
	init_rwsem(&vma->vm_lock);
	/* mm/mmap.c:do_mmap(): VM_MAY* follow, MAYSHARE with SHARED */
	vma->__vm_flags = vm_flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC |
			  ((vm_flags & VM_SHARED) ? VM_MAYSHARE : 0) |
			  VM_SOFTDIRTY;
	vma_set_page_prot(vma);
	/* mm/vma.c:vma_iter_store() into the mm's maple tree */
	if (mtree_store_range(&mm->mm_mt, start, end - 1, vma, GFP_KERNEL)) {
		kfree(vma);
		return NULL;
	}
	if (next)
		list_add_tail(&vma->kshim_node, &next->kshim_node);
	else
		list_add_tail(&vma->kshim_node, &mm->kshim_vmas);
	return vma;
}

/* mm/swap.c:__folio_put(): the pages go back to their node */
void kshim_folio_free(struct folio *folio)
{
	memmap_free_folio(folio);
}

/*
 * include/linux/mm.h:get_mm_rss() (6.12): the model keeps no rss_stat
 * counters, so this counts what they would count: present entries
 * (protnone included) mapping a page other than the zero page, and 512
 * for a present huge PMD other than the huge zero page (which
 * set_huge_zero_folio() does not count).  The walk is not announced (no
 * scheduling points, as the kernel's counter read has none).
 */
unsigned long get_mm_rss(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long rss = 0, addr, next;
	pmd_t *pmd;
	pte_t *pte;

	list_for_each_entry(vma, &mm->kshim_vmas, kshim_node) {
		for (addr = vma->vm_start; addr < vma->vm_end; addr = next) {
			if (!pgtable_peek(mm, addr, &pmd, &pte)) {
				next = (addr + PUD_SIZE) & PUD_MASK;
				continue;
			}
			next = min((addr + PMD_SIZE) & PMD_MASK, vma->vm_end);
			if (!pte) {
				if (pmd_leaf(*pmd) && pmd_present(*pmd) &&
				    !is_huge_zero_pmd(*pmd))
					rss += HPAGE_PMD_NR;
				continue;
			}
			for (; addr < next; addr += PAGE_SIZE, pte++)
				if (pte_present(*pte) &&
				    !is_zero_pfn(pte_pfn(*pte)))
					rss++;
		}
	}
	return rss;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loud stand-ins for the kernel functions the extracted fault and
 * protection code (tools/manifests/6.12.json) can call but the model
 * does not provide yet.  Each one stops the run with
 *   faultsim: <name> is not modelled (kernel path not covered)
 * instead of returning something plausible: a scenario that reaches one
 * of them needs that part of the model first.  Delete a stand-in here
 * when the model implements the function.
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/migrate.h>
#include <linux/mempolicy.h>
#include <linux/swapops.h>
#include <linux/topology.h>
#include <linux/userfaultfd_k.h>
#include <linux/sched/numa_balancing.h>
#include <asm/tlb.h>
#include <mm/internal.h>
#include <linux/pagemap.h>
#include <linux/swap.h>
#include <kshim/unmodelled.h>

void kshim_unmodelled(const char *what)
{
	fflush(stdout);
	fprintf(stderr, "faultsim: %s is not modelled (kernel path not covered)\n",
		what);
	fflush(stderr);
	abort();
}

#define UNMODELLED(name) kshim_unmodelled(#name)

/* ---- cut from mm/memory.c (unit fault_memory) ---- */




/* Mirrors mm/memory.c:create_huge_pud() (no PUD THP: never reached) */
vm_fault_t create_huge_pud(struct vm_fault *vmf)
{
	UNMODELLED(create_huge_pud);
}

/* Mirrors mm/memory.c:wp_huge_pud() (no PUD THP: never reached) */
vm_fault_t wp_huge_pud(struct vm_fault *vmf, pud_t orig_pud)
{
	UNMODELLED(wp_huge_pud);
}

/*
 * Mirrors mm/memory.c:print_bad_pte(): cut because it reads file and
 * address_space operations the model lacks; a bad PTE (pfn beyond
 * highest_memmap_pfn, or a special PTE vm_normal_page() cannot explain)
 * is a model bug here, so stop.
 */
void print_bad_pte(struct vm_area_struct *vma, unsigned long addr, pte_t pte,
		   struct page *page)
{
	fprintf(stderr, "faultsim: bad page map at %#lx pte:%08llx\n", addr,
		(unsigned long long)pte_val(pte));
	UNMODELLED(print_bad_pte);
}

/* ---- mm/huge_memory.c ---- */

#ifndef CONFIG_TRANSPARENT_HUGEPAGE
/*
 * Mirrors mm/huge_memory.c:huge_pmd_set_accessed() (real code, unit
 * fault_huge_memory, with THP): referenced behind pmd_trans_huge(),
 * which is 0 without THP; -O0 keeps the reference.
 */
void huge_pmd_set_accessed(struct vm_fault *vmf)
{
	UNMODELLED(huge_pmd_set_accessed);
}

/*
 * Mirrors mm/huge_memory.c:change_huge_pmd(): declared whatever the
 * config, called from change_pmd_range() only behind pmd_trans_huge(),
 * which is 0 without THP; the kernel's -O2 drops the call, our -O0
 * builds keep the reference.
 */
int change_huge_pmd(struct mmu_gather *tlb, struct vm_area_struct *vma,
		    pmd_t *pmd, unsigned long addr, pgprot_t newprot,
		    unsigned long cp_flags)
{
	UNMODELLED(change_huge_pmd);
}
#endif

/* ---- NUMA balancing: migration, mempolicy, scheduler ---- */



/* Mirrors fs/userfaultfd.c:handle_userfault(): uffd contexts are not modelled */
vm_fault_t handle_userfault(struct vm_fault *vmf, unsigned long reason)
{
	UNMODELLED(handle_userfault);
}

/*
 * Mirrors fs/userfaultfd.c:userfaultfd_wp_async() and
 * userfaultfd_wp_unpopulated(): a feature of the VMA's uffd context.
 * The only VM_UFFD_WP VMAs are a scenario's "uffd-wp" ones
 * (docs/scenarios.md), which stand for a context registered with
 * UFFDIO_REGISTER_MODE_WP and no features: neither async
 * (UFFD_FEATURE_WP_ASYNC) nor unpopulated (UFFD_FEATURE_WP_UNPOPULATED),
 * so a write fault on a uffd-wp'd entry is handle_userfault()'s (loud
 * above) and pte_none entries get no marker.  Without VM_UFFD_WP there
 * is no context: false, as the kernel's !ctx check.
 */
bool userfaultfd_wp_async(struct vm_area_struct *vma)
{
	return false;
}

bool userfaultfd_wp_unpopulated(struct vm_area_struct *vma)
{
	return false;
}

/*
 * ---- what mm/damon/vaddr.c and paddr.c (whole units) reach only
 * through DAMOS schemes: the model has no reclaim, no LRU lists, no
 * madvise beyond MADV_DONTNEED, no DAMOS migration, no file or KSM
 * folios ----
 */

/* mm/madvise.c:do_madvise(): DAMOS vaddr actions (no madvise but DONTNEED) */
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in,
	       int behavior)
{
	UNMODELLED(do_madvise (DAMOS vaddr action));
}

/* mm/vmscan.c:reclaim_pages(): DAMOS_PAGEOUT (no reclaim, no swap) */
unsigned long reclaim_pages(struct list_head *folio_list)
{
	UNMODELLED(reclaim_pages (DAMOS_PAGEOUT));
}

/* mm/swap.c:folio_mark_accessed(): DAMOS_LRU_PRIO (no LRU lists) */
void folio_mark_accessed(struct folio *folio)
{
	UNMODELLED(folio_mark_accessed (DAMOS_LRU_PRIO));
}

/* mm/swap.c:folio_deactivate(): DAMOS_LRU_DEPRIO (no LRU lists) */
void folio_deactivate(struct folio *folio)
{
	UNMODELLED(folio_deactivate (DAMOS_LRU_DEPRIO));
}

#ifndef CONFIG_NUMA_BALANCING
/*
 * mm/migrate.c:migrate_pages(): extracted with the NUMA migration path
 * (the migrate unit, CONFIG_NUMA_BALANCING); without it only DAMOS_MIGRATE_*
 * would call it
 */
int migrate_pages(struct list_head *l, new_folio_t new, free_folio_t free,
		  unsigned long private, enum migrate_mode mode, int reason,
		  unsigned int *ret_succeeded)
{
	UNMODELLED(migrate_pages (DAMOS_MIGRATE_HOT/COLD));
}
#endif

/*
 * mm/vmscan.c:alloc_migrate_folio(): DAMOS_MIGRATE_* only (migrate_pages()'s
 * get_new_folio for DAMOS; NUMA balancing's is alloc_misplaced_dst_folio())
 */
struct folio *alloc_migrate_folio(struct folio *src, unsigned long private)
{
	UNMODELLED(alloc_migrate_folio (DAMOS_MIGRATE_HOT/COLD));
}

/* include/linux/vmstat.h:node_stat_add_folio(): no node counters */
void node_stat_add_folio(struct folio *folio, enum node_stat_item item)
{
	UNMODELLED(node_stat_add_folio (DAMOS_MIGRATE_HOT/COLD));
}

/* include/linux/vmstat.h:node_stat_sub_folio(): no node counters */
void node_stat_sub_folio(struct folio *folio, enum node_stat_item item)
{
	UNMODELLED(node_stat_sub_folio (DAMOS_MIGRATE_HOT/COLD));
}

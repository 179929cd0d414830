/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/mm.h (6.12): what mm/damon/core.c and the
 * fault and protection paths need — folio accessors over the model's
 * memmap, VMA predicates, cpupid packing.  Out-of-line functions are
 * the model's (mm_model/).
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <asm/page_types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/string.h>
#include <linux/ioport.h>
#include <linux/vmstat.h>
#include <linux/init.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/vm_flags.h>
#include <linux/pgtable.h>
#include <asm-generic/memory_model.h>
#include <asm/pgprot_map.h>
/* as include/linux/mm.h gets it through mmzone.h */
#include <linux/topology.h>

#define PAGE_ALIGN(addr) ALIGN(addr, PAGE_SIZE)
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x) ((unsigned long)((x) >> PAGE_SHIFT))
#define NUMA_NO_NODE (-1)

unsigned long totalram_pages(void);

/* The accessors asm/pgtable.h leaves to this header. */
static inline unsigned long kshim_vma_flags(const struct vm_area_struct *vma)
{
	return vma->vm_flags;
}

static inline int kshim_mm_tlb_flush_pending(const struct mm_struct *mm)
{
	return atomic_read(&mm->tlb_flush_pending);
}

extern unsigned long zero_pfn;

/* Mirrors include/linux/mm.h:mm_tlb_flush_pending() */
static inline bool mm_tlb_flush_pending(struct mm_struct *mm)
{
	return atomic_read(&mm->tlb_flush_pending);
}

/* Mirrors include/linux/pgtable.h:my_zero_pfn() (no coloured zero pages) */
static inline unsigned long my_zero_pfn(unsigned long addr)
{
	return zero_pfn;
}

static inline int is_zero_pfn(unsigned long pfn)
{
	return pfn == zero_pfn;
}

#define pfn_folio(pfn) page_folio(pfn_to_page(pfn))

static inline unsigned long folio_pfn(const struct folio *folio)
{
	return page_to_pfn(&folio->page);
}

static inline int folio_ref_count(const struct folio *folio)
{
	return atomic_read(&folio->_refcount);
}

static inline void folio_get(struct folio *folio)
{
	WARN_ON_ONCE(folio_ref_count(folio) <= 0);
	atomic_inc(&folio->_refcount);
}

/* Mirrors include/linux/mm.h:folio_ref_add() (page_ref.h) */
static inline void folio_ref_add(struct folio *folio, int nr)
{
	atomic_add(nr, &folio->_refcount);
}

/*
 * Mirrors include/linux/page_ref.h:folio_try_get() (6.12): a reference
 * unless the folio is already free (refcount 0).
 */
static inline bool folio_try_get(struct folio *folio)
{
	int old = atomic_read(&folio->_refcount);

	do {
		if (!old)
			return false;
	} while (!atomic_try_cmpxchg(&folio->_refcount, &old, old + 1));
	return true;
}

/*
 * Mirrors include/linux/memory_hotplug.h:pfn_to_online_page() (6.12,
 * !MEMORY_HOTPLUG): every pfn of the model's memmap is online memory
 * (no hotplug, no ZONE_DEVICE).
 */
static inline struct page *pfn_to_online_page(unsigned long pfn)
{
	return pfn_valid(pfn) ? pfn_to_page(pfn) : NULL;
}

/* mm/swap.c:__folio_put(): the model frees the folio's pages */
void kshim_folio_free(struct folio *folio);

static inline void folio_put(struct folio *folio)
{
	if (atomic_dec_and_test(&folio->_refcount))
		kshim_folio_free(folio);
}

static inline int folio_entire_mapcount(const struct folio *folio)
{
	return atomic_read(&folio->_entire_mapcount) + 1;
}

static inline int folio_large_mapcount(const struct folio *folio)
{
	return atomic_read(&folio->_large_mapcount) + 1;
}

static inline int folio_mapcount(const struct folio *folio)
{
	if (likely(!folio_test_large(folio)))
		return atomic_read(&folio->_mapcount) + 1;
	return folio_large_mapcount(folio);
}

static inline bool folio_mapped(const struct folio *folio)
{
	return folio_mapcount(folio) >= 1;
}

/* include/linux/mm.h:folio_likely_mapped_shared() (6.12) */
static inline bool folio_likely_mapped_shared(struct folio *folio)
{
	int mapcount = folio_mapcount(folio);

	if (!folio_test_large(folio))
		return mapcount > 1;
	if (mapcount <= 1)
		return false;
	if (folio_entire_mapcount(folio) || mapcount > folio_nr_pages(folio))
		return true;
	return atomic_read(&folio->_mapcount) > 0;
}

#define GUP_PIN_COUNTING_BIAS (1U << 10)

/* include/linux/mm.h:folio_maybe_dma_pinned() (6.12) */
static inline bool folio_maybe_dma_pinned(struct folio *folio)
{
	if (folio_test_large(folio))
		return atomic_read(&folio->_pincount) > 0;
	return ((unsigned int)folio_ref_count(folio)) >= GUP_PIN_COUNTING_BIAS;
}

/* include/linux/mm_inline.h:folio_is_file_lru() */
static inline int folio_is_file_lru(struct folio *folio)
{
	return !folio_test_swapbacked(folio);
}


static inline bool vma_is_anonymous(struct vm_area_struct *vma)
{
	return !vma->vm_ops;
}

static inline bool vma_is_accessible(struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_ACCESS_FLAGS;
}

static inline bool is_cow_mapping(vm_flags_t flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* as include/linux/mm.h includes them */
#include <linux/memremap.h>
#include <linux/pgalloc_tag.h>

/* Mirrors include/linux/mm.h:mk_pte() (6.12) */
static inline pte_t mk_pte(struct page *page, pgprot_t pgprot)
{
	return pfn_pte(page_to_pfn(page), pgprot);
}

/* Mirrors include/linux/mm.h:vma_is_temporary_stack() (6.12) */
static inline bool vma_is_temporary_stack(struct vm_area_struct *vma)
{
	int maybe_stack = vma->vm_flags & (VM_GROWSDOWN | VM_GROWSUP);

	if (!maybe_stack)
		return false;
	if ((vma->vm_flags & VM_STACK_INCOMPLETE_SETUP) ==
	    VM_STACK_INCOMPLETE_SETUP)
		return true;
	return false;
}

/*
 * include/linux/mm.h: mm->rss_stat (MM_ANONPAGES...) is not kept (the
 * model's scanner counts RSS by walking the tables), so the counter
 * updates the extracted code makes change nothing; likewise the
 * high-water mark.
 */
enum { MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES };

static inline int mm_counter(struct folio *folio)
{
	return folio_test_anon(folio) ? MM_ANONPAGES : MM_FILEPAGES;
}

static inline void dec_mm_counter(struct mm_struct *mm, int member)
{
}

static inline void inc_mm_counter(struct mm_struct *mm, int member)
{
}

static inline void add_mm_counter(struct mm_struct *mm, int member,
				  long value)
{
}

static inline int mm_counter_file(struct folio *folio)
{
	return folio_test_swapbacked(folio) ? MM_SHMEMPAGES : MM_FILEPAGES;
}

/* Mirrors include/linux/mm.h:maybe_mkwrite() */
static inline pte_t maybe_mkwrite(pte_t pte, struct vm_area_struct *vma)
{
	if (likely(vma->vm_flags & VM_WRITE))
		pte = pte_mkwrite(pte, vma);
	return pte;
}

/*
 * Mirrors include/linux/oom.h:check_stable_address_space(): the OOM
 * reaper is not simulated, no mm is ever MMF_UNSTABLE.
 */
static inline vm_fault_t check_stable_address_space(struct mm_struct *mm)
{
	return 0;
}

/*
 * include/linux/gfp.h:vma_alloc_folio() (6.12), the model's
 * (mm_model/mm/anon_fault.c): from the node the VMA's policy picks
 * (mm_model/mm/mempolicy.c); and x86's vma_alloc_zeroed_movable_folio()
 * (page contents are not simulated: zeroed is free).
 */
struct folio *vma_alloc_folio(gfp_t gfp, int order, struct vm_area_struct *vma,
			      unsigned long addr, bool hugepage);
struct folio *vma_alloc_zeroed_movable_folio(struct vm_area_struct *vma,
					     unsigned long vaddr);

static inline void update_hiwater_rss(struct mm_struct *mm)
{
}

/*
 * Mirrors mm/util.c:folio_mapping() (6.12): NULL for an anon (or KSM,
 * or movable) folio; the swap cache is not simulated (loud).
 */
static inline struct address_space *folio_mapping(struct folio *folio)
{
	struct address_space *mapping;

	if (unlikely(folio_test_swapcache(folio)))
		kshim_unmodelled("folio_mapping of a swap-cache folio");
	mapping = folio->mapping;
	if ((unsigned long)mapping & PAGE_MAPPING_FLAGS)
		return NULL;
	return mapping;
}

/*
 * Mirrors include/linux/mm.h:folio_expected_ref_count() (6.12): swap
 * cache, page cache and PG_private references, plus one per page-table
 * mapping.  (No page types are simulated, so its WARN cannot fire.)
 */
static inline int folio_expected_ref_count(const struct folio *folio)
{
	const int order = folio_order(folio);
	int ref_count = 0;

	/* One reference per page from the swapcache. */
	ref_count += folio_test_swapcache(folio) << order;
	if (!folio_test_anon(folio)) {
		/* One reference per page from the pagecache. */
		ref_count += !!folio->mapping << order;
		/* One reference from PG_private. */
		ref_count += folio_test_private(folio);
	}
	/* One reference per page table mapping. */
	return ref_count + folio_mapcount(folio);
}

/* mm/util.c:folio_mc_copy() (6.12): page contents are not simulated (mm_model/mm/migrate.c) */
int folio_mc_copy(struct folio *dst, struct folio *src);

/* mm/page-writeback.c:folio_mark_dirty() (6.12), mm_model/mm/kernel_stubs.c */
bool folio_mark_dirty(struct folio *folio);

/* mm/vma.c (6.12): the model's version, see mm_model/mm/vma.c */
bool vma_wants_writenotify(struct vm_area_struct *vma, pgprot_t vm_page_prot);

/* mm/vma.h:vma_wants_manual_pte_write_upgrade() (6.12) */
static inline bool vma_wants_manual_pte_write_upgrade(struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_SHARED)
		return vma_wants_writenotify(vma, vma->vm_page_prot);
	return !!(vma->vm_flags & VM_WRITE);
}

/* include/linux/mm.h: cpupid packing (page-flags-layout.h widths) */
static inline int cpu_pid_to_cpupid(int cpu, int pid)
{
	return ((cpu & LAST__CPU_MASK) << LAST__PID_SHIFT) |
	       (pid & LAST__PID_MASK);
}

static inline int cpupid_to_pid(int cpupid)
{
	return cpupid & LAST__PID_MASK;
}

static inline int cpupid_to_cpu(int cpupid)
{
	return (cpupid >> LAST__PID_SHIFT) & LAST__CPU_MASK;
}

static inline bool cpupid_pid_unset(int cpupid)
{
	return cpupid_to_pid(cpupid) == (-1 & LAST__PID_MASK);
}

static inline bool cpupid_cpu_unset(int cpupid)
{
	return cpupid_to_cpu(cpupid) == (-1 & LAST__CPU_MASK);
}

static inline int cpupid_to_nid(int cpupid)
{
	return cpu_to_node(cpupid_to_cpu(cpupid));
}

static inline bool cpupid_match_pid(struct task_struct *task, int cpupid)
{
	return (task->pid & LAST__PID_MASK) == cpupid_to_pid(cpupid);
}

/*
 * include/linux/mm.h:get_mm_rss() (6.12): the model keeps no rss_stat
 * counters; mm_model/mm/vma.c counts what they would count.
 */
unsigned long get_mm_rss(struct mm_struct *mm);

/*
 * Mirrors include/linux/mm.h:vma_iter_init() (6.12): over the mm's
 * maple tree (kshim's, kept with the model's VMA list), from @addr
 */
static inline void vma_iter_init(struct vma_iterator *vmi,
				 struct mm_struct *mm, unsigned long addr)
{
	vmi->mas = (struct ma_state){
		.tree = &mm->mm_mt,
		.index = addr,
		.last = addr,
		.max = ULONG_MAX,
		.status = ma_start,
	};
}

/* Mirrors include/linux/mm.h:vma_iter_set() */
static inline void vma_iter_set(struct vma_iterator *vmi, unsigned long addr)
{
	mas_set(&vmi->mas, addr);
}

#ifdef CONFIG_NUMA_BALANCING
/* last cpupid in page->flags (it fits: !LAST_CPUPID_NOT_IN_PAGE_FLAGS) */
static inline int folio_last_cpupid(struct folio *folio)
{
	return (folio->flags >> LAST_CPUPID_PGSHIFT) & LAST_CPUPID_MASK;
}

/* mm/mmzone.c (6.12, the manifest's unit mmzone): a try_cmpxchg loop */
int folio_xchg_last_cpupid(struct folio *folio, int cpupid);
#else
/* include/linux/mm.h (6.12): no cpupid kept, the node stands in ("XXX") */
static inline int folio_last_cpupid(struct folio *folio)
{
	return folio_nid(folio);
}

static inline int folio_xchg_last_cpupid(struct folio *folio, int cpupid)
{
	return folio_nid(folio);
}
#endif

/*
 * ---- For the extracted fault and protection paths (mm/memory.c,
 * mm/huge_memory.c, mm/mprotect.c, mm/mempolicy.c; 6.12) ----
 */
#include <linux/hash.h>
#include <linux/log2.h>

/*
 * include/linux/mm.h: MM_CP_* flags of change_protection(), taken from the
 * tree (the "owned" list of tools/manifests/<version>.json): generated at
 * build time from the tree's own #define lines (docs/extractor.md).
 */
#include <kshim-tree/linux/mm.h>

/* Mirrors include/linux/pgtable.h:pmd_page()/pmd_folio() (x86: pfn_to_page(pmd_pfn)) */
#define pmd_page(pmd) pfn_to_page(pmd_pfn(pmd))
#define pmd_folio(pmd) page_folio(pmd_page(pmd))

/*
 * Mirrors include/linux/mm.h: p4d_alloc() with the p4d level folded into
 * the pgd entry (nothing to allocate); pud_alloc(), pmd_alloc() and
 * __pte_alloc() are the model's (mm_model/hw/pgtable.c), each allocating its
 * table when the entry above is none, as __pud_alloc()/__pmd_alloc() do.
 */
static inline p4d_t *p4d_alloc(struct mm_struct *mm, pgd_t *pgd,
			       unsigned long address)
{
	return p4d_offset(pgd, address);
}

pud_t *pud_alloc(struct mm_struct *mm, p4d_t *p4d, unsigned long address);
pmd_t *pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long addr);
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd);
#define pte_alloc(mm, pmd) (unlikely(pmd_none(*(pmd))) && __pte_alloc(mm, pmd))

/* mm/memory.c (vm_normal_page/folio: real kernel code, unit fault_memory) */
extern unsigned long highest_memmap_pfn;
struct folio *vm_normal_folio(struct vm_area_struct *vma, unsigned long addr,
			      pte_t pte);
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr,
			    pte_t pte);
struct folio *vm_normal_folio_pmd(struct vm_area_struct *vma,
				  unsigned long addr, pmd_t pmd);
struct page *vm_normal_page_pmd(struct vm_area_struct *vma, unsigned long addr,
				pmd_t pmd);

/* mm/mprotect.c, mm/mempolicy.c (real kernel code) */
bool can_change_pte_writable(struct vm_area_struct *vma, unsigned long addr,
			     pte_t pte);
struct mmu_gather;
long change_protection(struct mmu_gather *tlb, struct vm_area_struct *vma,
		       unsigned long start, unsigned long end,
		       unsigned long cp_flags);
unsigned long change_prot_numa(struct vm_area_struct *vma,
			       unsigned long start, unsigned long end);

/* Mirrors include/linux/mm.h: PAGE_ACCESS_TIME_* (last-cpupid field reuse) */
#define PAGE_ACCESS_TIME_MIN_BITS 12
#if LAST_CPUPID_SHIFT < PAGE_ACCESS_TIME_MIN_BITS
#define PAGE_ACCESS_TIME_BUCKETS (PAGE_ACCESS_TIME_MIN_BITS - LAST_CPUPID_SHIFT)
#else
#define PAGE_ACCESS_TIME_BUCKETS 0
#endif

#ifdef CONFIG_NUMA_BALANCING
/* Mirrors include/linux/mm.h:folio_xchg_access_time() */
static inline int folio_xchg_access_time(struct folio *folio, int time)
{
	int last_time;

	last_time = folio_xchg_last_cpupid(folio,
					   time >> PAGE_ACCESS_TIME_BUCKETS);
	return last_time << PAGE_ACCESS_TIME_BUCKETS;
}

/* Mirrors include/linux/mm.h:vma_set_access_pid_bit() (a plain, racy RMW) */
static inline void vma_set_access_pid_bit(struct vm_area_struct *vma)
{
	unsigned int pid_bit;

	pid_bit = hash_32(current->pid, ilog2(BITS_PER_LONG));
	if (vma->numab_state &&
	    !test_bit(pid_bit, &vma->numab_state->pids_active[1]))
		__set_bit(pid_bit, &vma->numab_state->pids_active[1]);
}

/* mm/memory-tiers.c:folio_use_access_time() (mm_model/mm/kernel_stubs.c) */
bool folio_use_access_time(struct folio *folio);
#else
/* Mirrors include/linux/mm.h: !NUMA_BALANCING stubs */
static inline int folio_xchg_access_time(struct folio *folio, int time)
{
	return 0;
}

static inline void vma_set_access_pid_bit(struct vm_area_struct *vma)
{
}

static inline bool folio_use_access_time(struct folio *folio)
{
	return false;
}
#endif


/*
 * include/linux/mm.h:find_vma(): mm/mmap.c's (6.12), the model's
 * (mm_model/mm/vma.c: its sorted VMA list)
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);

/* Mirrors include/linux/mm.h:vma_find() (the mm's maple tree) */
static inline struct vm_area_struct *vma_find(struct vma_iterator *vmi,
					      unsigned long max)
{
	return mas_find(&vmi->mas, max - 1);
}

/* Mirrors include/linux/mm.h:vma_next() */
static inline struct vm_area_struct *vma_next(struct vma_iterator *vmi)
{
	return mas_find(&vmi->mas, ULONG_MAX);
}

/* Mirrors include/linux/mm.h:for_each_vma() */
#define for_each_vma(__vmi, __vma)					\
	while (((__vma) = vma_next(&(__vmi))) != NULL)

/*
 * mm/madvise.c:do_madvise() (6.12): DAMOS's vaddr actions; not modelled
 * (mm_model/mm/unmodelled.c), the model's madvise is MADV_DONTNEED
 * alone (mm_model/mm/syscalls.h).
 */
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in,
	       int behavior);

/* as include/linux/mm.h includes it */
#include <linux/mmap_lock.h>

#endif

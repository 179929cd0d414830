// SPDX-License-Identifier: GPL-2.0-only
/*
 * Transparent huge pages in the model (see thp.h): the THP sysfs policy,
 * deposited page tables, vm_normal_page_pmd(), the huge zero folio, the
 * anonymous THP fault (do_huge_pmd_anonymous_page(), the huge zero page
 * for reads) and write fault (do_huge_pmd_wp_page()), and the anonymous
 * PMD split (present, huge zero, migration entry) and PMD migration
 * entries.  Hand-written after Linux 6.12; each function names what it
 * mirrors.  Simplified, and said where: no file/shmem/DAX THP (their
 * PMD splits are loud), no "freeze" split and no split_huge_page()
 * (loud), no huge zero shrinker (the folio stays once allocated), no
 * mmu notifiers, no mlock, no memcg or per-size (mTHP) statistics, no
 * khugepaged, no deferred-split queue.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/pagemap.h>
#include <linux/pgtable.h>
#include <linux/rmap.h>
#include <asm/tlbflush.h>
#include <linux/swapops.h>
#include <linux/vmstat.h>
#include <kshim/unmodelled.h>
#include <kshim/sim.h>
#include "mm_model/hw/memmap.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/mm/migrate.h"
#include "mm_model/mm/rmap.h"
#include "mm_model/mm/thp.h"

#ifdef CONFIG_TRANSPARENT_HUGEPAGE
/*
 * mm/huge_memory.c (6.12): the huge zero folio, allocated at the first
 * read fault that wants it, pinned by the shrinker's reference (1) and
 * one per mm that maps it (MMF_HUGE_ZERO_PAGE).  Its entries take no
 * folio reference and no mapcount.  huge_zero_pfn is read without a
 * scheduling point (is_huge_zero_pmd(), as the kernel's plain load): it
 * is written once, before any entry that holds the pfn is stored, and
 * never again (no shrinker), so a reader that compares an entry against
 * it gets the same answer in every schedule.
 */
struct folio *huge_zero_folio;
unsigned long huge_zero_pfn = ~0UL;
static atomic_t huge_zero_refcount;
static spinlock_t huge_zero_lock;
#endif

/* ---- deposited page tables ---- */

struct deposit {
	struct mm_struct *mm;
	pmd_t *pmd;
	void *pgtable;
};

static struct deposit *deposits;
static unsigned long nr_deposits, deposits_cap;

void *thp_pte_alloc_one(void)
{
	return pgtable_alloc_table();
}

/*
 * Mirrors mm/pgtable-generic.c:pgtable_trans_huge_deposit() (6.12): the
 * kernel chains the spare table on the PMD table's ptdesc; here a side
 * list keyed by the PMD slot.
 */
void thp_deposit(struct mm_struct *mm, pmd_t *pmd, void *pgtable)
{
	if (nr_deposits == deposits_cap)
		deposits = sim_array_grow(deposits, &deposits_cap,
					  sizeof(*deposits), 16,
					  "the deposited page tables");
	deposits[nr_deposits++] = (struct deposit){ mm, pmd, pgtable };
}

/* Mirrors mm/pgtable-generic.c:pgtable_trans_huge_withdraw() (6.12) */
void *thp_withdraw(struct mm_struct *mm, pmd_t *pmd)
{
	unsigned long i;

	for (i = nr_deposits; i-- > 0;) {
		void *pgtable;

		if (deposits[i].mm != mm || deposits[i].pmd != pmd)
			continue;
		pgtable = deposits[i].pgtable;
		deposits[i] = deposits[--nr_deposits];
		return pgtable;
	}
	WARN(1, "no page table deposited for pmd %p\n", pmd);
	return NULL;
}

unsigned long thp_nr_deposited(void)
{
	return nr_deposits;
}

/*
 * Mirrors mm/huge_memory.c:zap_deposited_table() (6.12): the spare
 * table goes back (pte_free()); the model keeps no nr_ptes counter.
 */
void thp_zap_deposited_table(struct mm_struct *mm, pmd_t *pmd)
{
	free(thp_withdraw(mm, pmd));
}

/* ---- the THP sysfs policy (mm/huge_memory.c, 6.12) ---- */

static enum thp_enabled thp_enabled = THP_ENABLED_ALWAYS;
/*
 * /sys/kernel/mm/transparent_hugepage/use_zero_page:
 * TRANSPARENT_HUGEPAGE_USE_ZERO_PAGE_FLAG is in the boot value of
 * transparent_hugepage_flags (mm/huge_memory.c, 6.12).
 */
static bool thp_use_zero_page = true;
/*
 * Per-size knobs /sys/kernel/mm/transparent_hugepage/hugepages-*kB/enabled:
 * at boot only the PMD size follows the global setting ("inherit");
 * mm/huge_memory.c:hugepage_init_sysfs() sets huge_anon_orders_inherit.
 */
static unsigned long huge_anon_orders_always;
static unsigned long huge_anon_orders_madvise;
static unsigned long huge_anon_orders_inherit = BIT(HPAGE_PMD_ORDER);

void thp_reset(void)
{
	unsigned long i;

	/* tables a run left deposited (its mm is gone): free them */
	for (i = 0; i < nr_deposits; i++)
		free(deposits[i].pgtable);
	free(deposits);
	deposits = NULL;
	nr_deposits = deposits_cap = 0;
	thp_enabled = THP_ENABLED_ALWAYS;
	thp_use_zero_page = true;
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	/* the memmap it lived in is gone with the old machine */
	huge_zero_folio = NULL;
	huge_zero_pfn = ~0UL;
	atomic_set(&huge_zero_refcount, 0);
	spin_lock_init(&huge_zero_lock);
#endif
	huge_anon_orders_always = 0;
	huge_anon_orders_madvise = 0;
	huge_anon_orders_inherit = BIT(HPAGE_PMD_ORDER);
}

void thp_set_enabled(enum thp_enabled mode)
{
	thp_enabled = mode;
}

enum thp_enabled thp_get_enabled(void)
{
	return thp_enabled;
}

void thp_set_use_zero_page(bool use)
{
	thp_use_zero_page = use;
}

/* A plant's split window (thp.h); in every kconfig, for designs/planted.c */
static thp_split_window_fn split_window;

void thp_set_split_window(thp_split_window_fn fn)
{
	split_window = fn;
}

thp_split_window_fn thp_get_split_window(void)
{
	return split_window;
}

#ifdef CONFIG_TRANSPARENT_HUGEPAGE

/* include/linux/sched/coredump.h: prctl(PR_SET_THP_DISABLE) */
#define MMF_DISABLE_THP 24
/* include/linux/huge_mm.h:THP_ORDERS_ALL_ANON (orders 2..PMD_ORDER) */
#define THP_ORDERS_ALL_ANON \
	((BIT(HPAGE_PMD_ORDER + 1) - 1) & ~(BIT(0) | BIT(1)))

/*
 * highest_order(), next_order() and thp_vma_suitable_order() are
 * kshim's (linux/huge_mm.h), as the kernel's header has them.
 */

/*
 * Mirrors include/linux/huge_mm.h:thp_vma_allowable_orders() and
 * mm/huge_memory.c:__thp_vma_allowable_orders() (6.12) for anonymous
 * VMAs.  Simplified: a file-backed VMA gets 0 (the model has no
 * page-cache, shmem or DAX THP); no hardware THP opt-out.
 */
unsigned long thp_vma_allowable_orders(struct vm_area_struct *vma,
				       vm_flags_t vm_flags,
				       unsigned long tva_flags,
				       unsigned long orders)
{
	bool smaps = tva_flags & TVA_SMAPS;
	bool in_pf = tva_flags & TVA_IN_PF;
	bool enforce_sysfs = tva_flags & TVA_ENFORCE_SYSFS;

	if (!vma_is_anonymous(vma))
		return 0;
	if (enforce_sysfs) {
		unsigned long mask = READ_ONCE(huge_anon_orders_always);
		bool global_always = thp_enabled == THP_ENABLED_ALWAYS;
		bool global_enabled = global_always ||
				      thp_enabled == THP_ENABLED_MADVISE;

		if (vm_flags & VM_HUGEPAGE)
			mask |= READ_ONCE(huge_anon_orders_madvise);
		if (global_always || ((vm_flags & VM_HUGEPAGE) && global_enabled))
			mask |= READ_ONCE(huge_anon_orders_inherit);
		orders &= mask;
		if (!orders)
			return 0;
	}
	orders &= THP_ORDERS_ALL_ANON;
	if (!orders || !vma->vm_mm)
		return 0;
	if ((vm_flags & VM_NOHUGEPAGE) ||
	    test_bit(MMF_DISABLE_THP, &vma->vm_mm->flags))
		return 0;
	if (!in_pf && !smaps && (vm_flags & VM_NO_KHUGEPAGED))
		return 0;
	if (!in_pf) {
		int order = highest_order(orders);

		while (orders) {
			if (thp_vma_suitable_order(vma, vma->vm_end -
						   (PAGE_SIZE << order), order))
				break;
			order = next_order(&orders, order);
		}
		if (!orders)
			return 0;
	}
	if (vma_is_temporary_stack(vma))
		return 0;
	if (!vma->anon_vma)
		return (smaps || in_pf) ? orders : 0;
	return orders;
}

#endif /* CONFIG_TRANSPARENT_HUGEPAGE */

/* ---- vm_normal_page_pmd() (mm/memory.c, CONFIG_PGTABLE_HAS_HUGE_LEAVES) ---- */

#ifdef CONFIG_PGTABLE_HAS_HUGE_LEAVES
/*
 * Mirrors mm/memory.c:vm_normal_page_pmd() (6.12).  Hand-written: the
 * kernel compiles it only with CONFIG_PGTABLE_HAS_HUGE_LEAVES, and
 * kextract's "config" applies to whole units, not single functions.
 */
struct page *vm_normal_page_pmd(struct vm_area_struct *vma, unsigned long addr,
				pmd_t pmd)
{
	unsigned long pfn = pmd_pfn(pmd);

	if (unlikely(pmd_special(pmd)))
		return NULL;
	if (unlikely(vma->vm_flags & (VM_PFNMAP | VM_MIXEDMAP))) {
		if (vma->vm_flags & VM_MIXEDMAP) {
			if (!pfn_valid(pfn))
				return NULL;
			return pfn_to_page(pfn);
		}
		if (pfn == vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT))
			return NULL;
		if (!is_cow_mapping(vma->vm_flags))
			return NULL;
	}
	if (pmd_devmap(pmd) || is_huge_zero_pmd(pmd))
		return NULL;
	if (unlikely(pfn > highest_memmap_pfn))
		return NULL;
	return pfn_to_page(pfn);
}

/* Mirrors mm/memory.c:vm_normal_folio_pmd() (6.12) */
struct folio *vm_normal_folio_pmd(struct vm_area_struct *vma,
				  unsigned long addr, pmd_t pmd)
{
	struct page *page = vm_normal_page_pmd(vma, addr, pmd);

	return page ? page_folio(page) : NULL;
}
#endif

/* ---- the huge zero folio (mm/huge_memory.c, 6.12) ---- */

#ifdef CONFIG_TRANSPARENT_HUGEPAGE

/* include/linux/sched/coredump.h: the mm holds a huge zero reference */
#define MMF_HUGE_ZERO_PAGE 23

/* Mirrors include/linux/atomic.h:atomic_inc_not_zero() */
static bool atomic_inc_not_zero(atomic_t *v)
{
	int c = atomic_read(v);

	do {
		if (!c)
			return false;
	} while (!atomic_try_cmpxchg(v, &c, c + 1));
	return true;
}

/*
 * Mirrors mm/huge_memory.c:get_huge_zero_page() (6.12).  The folio
 * comes from node @nid: the kernel's folio_alloc() follows the task's
 * policy, which the caller resolved for the faulting address (the same
 * node unless the policy interleaves).  No large_rmappable flag to clear
 * in the model.
 */
static bool get_huge_zero_page(int nid)
{
	struct folio *zero_folio;

	if (likely(atomic_inc_not_zero(&huge_zero_refcount)))
		return true;
	zero_folio = memmap_alloc_folio(nid, HPAGE_PMD_ORDER, false);
	if (!zero_folio) {
		count_vm_event(THP_ZERO_PAGE_ALLOC_FAILED);
		return false;
	}
	spin_lock(&huge_zero_lock);
	if (huge_zero_folio) {
		/* somebody else installed it first */
		atomic_inc(&huge_zero_refcount);
		spin_unlock(&huge_zero_lock);
		folio_put(zero_folio);
		return true;
	}
	WRITE_ONCE(huge_zero_folio, zero_folio);
	WRITE_ONCE(huge_zero_pfn, folio_pfn(zero_folio));
	/* +1 for the shrinker's pin */
	atomic_set_release(&huge_zero_refcount, 2);
	spin_unlock(&huge_zero_lock);
	count_vm_event(THP_ZERO_PAGE_ALLOC);
	return true;
}

/* Mirrors mm/huge_memory.c:put_huge_zero_page(): only the shrinker frees */
static void put_huge_zero_page(void)
{
	BUG_ON(atomic_dec_and_test(&huge_zero_refcount));
}

/* Mirrors mm/huge_memory.c:mm_get_huge_zero_folio() (6.12), see above */
static struct folio *mm_get_huge_zero_folio(struct mm_struct *mm, int nid)
{
	/* test_bit(): a plain load of a word other threads set */
	sim_point(SIM_PT_READ_ONCE, &mm->flags);
	if (test_bit(MMF_HUGE_ZERO_PAGE, &mm->flags))
		return READ_ONCE(huge_zero_folio);
	if (!get_huge_zero_page(nid))
		return NULL;
	if (test_and_set_bit(MMF_HUGE_ZERO_PAGE, &mm->flags))
		put_huge_zero_page();
	return READ_ONCE(huge_zero_folio);
}

/* Mirrors mm/huge_memory.c:mm_put_huge_zero_folio() (6.12) */
static void __mm_put_huge_zero_folio(struct mm_struct *mm)
{
	if (test_bit(MMF_HUGE_ZERO_PAGE, &mm->flags))
		put_huge_zero_page();
}

int thp_huge_zero_refcount(void)
{
	return atomic_read(&huge_zero_refcount);
}

/*
 * Mirrors mm/huge_memory.c:set_huge_zero_folio() (6.12), PMD lock held:
 * a read-only huge entry from vm_page_prot, the spare table deposited.
 */
static void set_huge_zero_folio(void *pgtable, struct mm_struct *mm,
				struct vm_area_struct *vma, unsigned long haddr,
				pmd_t *pmd, struct folio *zero_folio)
{
	pmd_t entry;

	if (!pmd_none(pmdp_get(pmd)))
		return;
	entry = pmd_mkhuge(pfn_pmd(folio_pfn(zero_folio), vma->vm_page_prot));
	thp_deposit(mm, pmd, pgtable);
	set_pmd_at(mm, haddr, pmd, entry);
}

/* Mirrors include/linux/huge_mm.h:transparent_hugepage_use_zero_page() */
static bool transparent_hugepage_use_zero_page(void)
{
	return thp_use_zero_page;
}

#endif /* CONFIG_TRANSPARENT_HUGEPAGE */

/* One definition for every kconfig (gcov merges functions by line). */
void mm_put_huge_zero_folio(struct mm_struct *mm)
{
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	__mm_put_huge_zero_folio(mm);
#endif
}

/* ---- anonymous THP faults (mm/huge_memory.c, 6.12) ---- */

#ifdef CONFIG_TRANSPARENT_HUGEPAGE

/*
 * The mapping half of mm/huge_memory.c:__do_huge_pmd_anonymous_page()
 * (6.12), PMD lock held and the PMD none: entry =
 * maybe_pmd_mkwrite(pmd_mkdirty(mk_huge_pmd(page, vm_page_prot))),
 * folio_add_new_anon_rmap(RMAP_EXCLUSIVE) on a PMD-mappable folio
 * (_entire_mapcount 0, _large_mapcount 0, _nr_pages_mapped
 * ENTIRELY_MAPPED, the head page anon-exclusive), folio_add_lru_vma(),
 * pgtable_trans_huge_deposit(), set_pmd_at().
 */
void thp_map_anon_folio_pmd(struct vm_area_struct *vma, unsigned long haddr,
			    pmd_t *pmd, struct folio *folio, void *pgtable)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t entry;

	folio->index = linear_page_index(vma, haddr);
	entry = pmd_mkhuge(pfn_pmd(folio_pfn(folio), vma->vm_page_prot));
	entry = pmd_mkdirty(entry);
	if (vma->vm_flags & VM_WRITE)		/* maybe_pmd_mkwrite() */
		entry = pmd_mkwrite(entry, vma);
	atomic_set(&folio->_entire_mapcount, 0);
	atomic_set(&folio->_large_mapcount, 0);
	atomic_set(&folio->_nr_pages_mapped, THP_ENTIRELY_MAPPED);
	SetPageAnonExclusive(&folio->page);
	folio_set_lru(folio);
	thp_deposit(mm, pmd, pgtable);
	set_pmd_at(mm, haddr, pmd, entry);
}

/*
 * Mirrors mm/huge_memory.c:__do_huge_pmd_anonymous_page() (6.12): the
 * spare table, then under the PMD lock the re-check that nobody mapped
 * the PMD meanwhile (then both go back and the fault returns 0, to be
 * retried), else the mapping and THP_FAULT_ALLOC.  No memcg charge, no
 * userfaultfd, no deferred-split queue; folio_zero_user() is contents.
 */
static vm_fault_t __do_huge_pmd_anonymous_page(struct vm_fault *vmf,
					       struct folio *folio)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long haddr = vmf->address & HPAGE_PMD_MASK;
	void *pgtable;

	pgtable = thp_pte_alloc_one();		/* pte_alloc_one() */
	if (unlikely(!pgtable)) {
		folio_put(folio);
		return VM_FAULT_OOM;
	}
	folio_set_uptodate(folio);		/* __folio_mark_uptodate() */
	vmf->ptl = pmd_lock(vma->vm_mm, vmf->pmd);
	if (unlikely(!pmd_none(pmdp_get(vmf->pmd)))) {
		spin_unlock(vmf->ptl);
		free(pgtable);			/* pte_free() */
		folio_put(folio);
		return 0;
	}
	thp_map_anon_folio_pmd(vma, haddr, vmf->pmd, folio, pgtable);
	spin_unlock(vmf->ptl);
	count_vm_event(THP_FAULT_ALLOC);
	return 0;
}

/*
 * Mirrors mm/huge_memory.c:do_huge_pmd_anonymous_page() (6.12): the
 * 2 MiB around the address must lie inside the VMA
 * (thp_vma_suitable_order(), which thp_vma_allowable_order() in the
 * fault skips), else the fault falls back to PTEs.  A read maps the
 * huge zero page (mm_forbids_zeropage() is false on x86; the
 * use_zero_page knob is on at boot); a write a new THP from the
 * policy's node, or falls back (THP_FAULT_FALLBACK) when that node has
 * no free aligned block.  vmf_anon_prepare() has nothing to prepare
 * (no anon_vma in the model), no khugepaged, no userfaultfd.
 */
vm_fault_t do_huge_pmd_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long haddr = vmf->address & HPAGE_PMD_MASK;
	int nid = mpol_alloc_nid(vma, haddr, HPAGE_PMD_ORDER);
	struct folio *folio;

	if (!thp_vma_suitable_order(vma, haddr, HPAGE_PMD_ORDER))
		return VM_FAULT_FALLBACK;
	if (!(vmf->flags & FAULT_FLAG_WRITE) &&
	    transparent_hugepage_use_zero_page()) {
		struct folio *zero_folio;
		void *pgtable;

		pgtable = thp_pte_alloc_one();
		if (unlikely(!pgtable))
			return VM_FAULT_OOM;
		zero_folio = mm_get_huge_zero_folio(vma->vm_mm, nid);
		if (unlikely(!zero_folio)) {
			free(pgtable);
			count_vm_event(THP_FAULT_FALLBACK);
			return VM_FAULT_FALLBACK;
		}
		vmf->ptl = pmd_lock(vma->vm_mm, vmf->pmd);
		if (pmd_none(pmdp_get(vmf->pmd))) {
			set_huge_zero_folio(pgtable, vma->vm_mm, vma, haddr,
					    vmf->pmd, zero_folio);
			pgtable = NULL;
		}
		spin_unlock(vmf->ptl);
		free(pgtable);		/* someone else mapped the PMD */
		return 0;
	}
	folio = memmap_alloc_folio(nid, HPAGE_PMD_ORDER, true);
	if (unlikely(!folio)) {
		count_vm_event(THP_FAULT_FALLBACK);
		return VM_FAULT_FALLBACK;
	}
	return __do_huge_pmd_anonymous_page(vmf, folio);
}

/*
 * Mirrors mm/huge_memory.c:do_huge_pmd_wp_page() (6.12) for anonymous
 * VMAs.  A write to the huge zero page splits it to zero-page PTEs and
 * falls back, so that the PTE-level fault allocates one page
 * (do_wp_page()'s copy of the zero page).  A THP whose head page is
 * anon-exclusive is reused in place (young, dirty, writable).  The
 * model makes no PMD-mapped THP that is not exclusive (no fork, and
 * migration restores exclusivity from the entry), so the kernel's
 * folio-lock and refcount path for one is loud.
 */
vm_fault_t do_huge_pmd_wp_page(struct vm_fault *vmf)
{
	const bool unshare = vmf->flags & FAULT_FLAG_UNSHARE;
	struct vm_area_struct *vma = vmf->vma;
	unsigned long haddr = vmf->address & HPAGE_PMD_MASK;
	pmd_t orig_pmd = vmf->orig_pmd, entry;
	struct page *page;

	vmf->ptl = pmd_lockptr(vma->vm_mm, vmf->pmd);
	if (is_huge_zero_pmd(orig_pmd))
		goto fallback;
	spin_lock(vmf->ptl);
	if (unlikely(!pmd_same(pmdp_get(vmf->pmd), orig_pmd))) {
		spin_unlock(vmf->ptl);
		return 0;
	}
	page = pmd_page(orig_pmd);
	if (!PageAnonExclusive(page)) {
		spin_unlock(vmf->ptl);
		kshim_unmodelled("do_huge_pmd_wp_page of a THP not "
				 "anon-exclusive (folio lock, reuse check)");
	}
	/* reuse: */
	if (unlikely(unshare)) {
		spin_unlock(vmf->ptl);
		return 0;
	}
	entry = pmd_mkyoung(orig_pmd);
	entry = pmd_mkdirty(entry);
	if (vma->vm_flags & VM_WRITE)		/* maybe_pmd_mkwrite() */
		entry = pmd_mkwrite(entry, vma);
	pmdp_set_access_flags(vma, haddr, vmf->pmd, entry, 1);
	spin_unlock(vmf->ptl);
	return 0;
fallback:
	__split_huge_pmd(vma, vmf->pmd, vmf->address, false, NULL);
	return VM_FAULT_FALLBACK;
}

#endif /* CONFIG_TRANSPARENT_HUGEPAGE */

/* ---- splitting an anonymous huge PMD (mm/huge_memory.c, 6.12) ---- */

#ifdef CONFIG_TRANSPARENT_HUGEPAGE

/*
 * Mirrors mm/pgtable-generic.c:pmdp_invalidate() with x86's
 * pmdp_establish() (an xchg): the entry becomes invalid (PSE kept, so
 * pmd_present() and pmd_trans_huge() stay true) and the range is
 * flushed from every TLB before the PTEs go in.
 */
pmd_t pmdp_invalidate(struct vm_area_struct *vma, unsigned long address,
		      pmd_t *pmdp)
{
	pmd_t old;

	sim_point(SIM_PT_PT_STORE, pmdp);
	old = READ_ONCE(*pmdp);
	kshim_pmd_store(pmdp, pmd_mkinvalid(old));
	flush_tlb_range(vma, address, address + HPAGE_PMD_SIZE);
	return old;
}

/* Mirrors include/linux/pgtable.h:pmd_populate() (x86: the table's address) */
static void thp_pmd_populate(struct mm_struct *mm, pmd_t *pmd, void *pgtable)
{
	set_pmd_at(mm, 0, pmd,
		   __pmd(__pa(pgtable) | kshim_page_table_bits()));
}

/*
 * Mirrors mm/rmap.c:folio_add_anon_rmap_ptes() on a PMD-mapped folio
 * being split (6.12): every page gains a PTE mapping; _nr_pages_mapped
 * counts the pages now PTE-mapped (still above ENTIRELY_MAPPED while the
 * PMD mapping lasts, so no statistics change); exclusivity is set per
 * page.
 */
static void thp_add_anon_rmap_ptes(struct folio *folio, struct page *page,
				   int nr_pages, bool exclusive)
{
	int first = 0, i;

	for (i = 0; i < nr_pages; i++)
		first += atomic_inc_and_test(&page[i]._mapcount);
	if (first)
		atomic_add(first, &folio->_nr_pages_mapped);
	atomic_add(nr_pages, &folio->_large_mapcount);
	if (exclusive)
		for (i = 0; i < nr_pages; i++)
			SetPageAnonExclusive(page + i);
}

/*
 * Mirrors mm/rmap.c:folio_remove_rmap_pmd() (6.12), bookkeeping only:
 * the entire mapping goes; the last one takes ENTIRELY_MAPPED off
 * _nr_pages_mapped.
 */
void thp_remove_rmap_pmd(struct folio *folio)
{
	int entire;

	/* mapcounts start at -1 (unmapped): below it, a mapping went twice */
	WARN_ON(atomic_dec_return(&folio->_large_mapcount) < -1);
	entire = atomic_dec_return(&folio->_entire_mapcount);
	WARN_ON(entire < -1);
	if (entire < 0)
		WARN_ON(atomic_add_return(-THP_ENTIRELY_MAPPED,
					  &folio->_nr_pages_mapped) < 0);
}

/*
 * Mirrors mm/rmap.c:folio_add_anon_rmap_pmd() (6.12), bookkeeping only:
 * the first entire mapping puts ENTIRELY_MAPPED in _nr_pages_mapped;
 * RMAP_EXCLUSIVE marks the head page anon-exclusive.
 */
void thp_add_anon_rmap_pmd(struct folio *folio, bool exclusive)
{
	if (atomic_inc_and_test(&folio->_entire_mapcount))
		atomic_add(THP_ENTIRELY_MAPPED, &folio->_nr_pages_mapped);
	atomic_inc(&folio->_large_mapcount);
	if (exclusive)
		SetPageAnonExclusive(&folio->page);
}

/* mm/rmap.c:folio_remove_rmap_pmd() (6.12): see thp_remove_rmap_pmd() */
void folio_remove_rmap_pmd(struct folio *folio, struct page *page,
			   struct vm_area_struct *vma)
{
	thp_remove_rmap_pmd(folio);
}

/* mm/rmap.c:folio_add_anon_rmap_pmd() (6.12): see thp_add_anon_rmap_pmd() */
void folio_add_anon_rmap_pmd(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma, unsigned long address,
			     rmap_t flags)
{
	WARN_ON_ONCE(page != &folio->page);	/* a PMD maps the head */
	thp_add_anon_rmap_pmd(folio, flags & RMAP_EXCLUSIVE);
}

/* mm/rmap.c:folio_add_file_rmap_pmd() (6.12): no file THP is simulated */
void folio_add_file_rmap_pmd(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma)
{
	kshim_unmodelled("a PMD mapping of a file THP (folio_add_file_rmap_pmd)");
}

/*
 * Mirrors mm/pgtable-generic.c:pmdp_huge_clear_flush() (6.12): the
 * entry cleared (x86: an xchg), then the 2 MiB flushed from every TLB.
 */
static pmd_t pmdp_huge_clear_flush(struct vm_area_struct *vma,
				   unsigned long haddr, pmd_t *pmd)
{
	pmd_t old = pmdp_huge_get_and_clear(vma->vm_mm, haddr, pmd);

	flush_tlb_range(vma, haddr, haddr + HPAGE_PMD_SIZE);
	return old;
}

/*
 * Mirrors mm/huge_memory.c:__split_huge_zero_page_pmd() (6.12): the PMD
 * is cleared and flushed (a racing fault sees it none and waits for the
 * PMD lock), the deposited table filled with special zero-page entries
 * from vm_page_prot (uffd-wp carried over), then populated.
 */
static void split_huge_zero_page_pmd(struct vm_area_struct *vma,
				     unsigned long haddr, pmd_t *pmd)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr;
	pmd_t old_pmd, tmp;
	void *pgtable;
	pte_t *pte;
	int i;

	old_pmd = pmdp_huge_clear_flush(vma, haddr, pmd);
	pgtable = thp_withdraw(mm, pmd);
	BUG_ON(!pgtable);
	tmp = __pmd(__pa(pgtable) | kshim_page_table_bits());
	pte = pte_offset_map(&tmp, haddr);
	for (i = 0, addr = haddr; i < HPAGE_PMD_NR; i++, addr += PAGE_SIZE) {
		pte_t entry;

		/* my_zero_pfn(): x86 has one zero page */
		entry = pte_mkspecial(pfn_pte(zero_pfn, vma->vm_page_prot));
		if (pmd_uffd_wp(old_pmd))
			entry = pte_mkuffd_wp(entry);
		WARN_ON(!pte_none(ptep_get(pte)));
		set_pte_at(mm, addr, pte, entry);
		pte++;
	}
	thp_pmd_populate(mm, pmd, pgtable);
}

/*
 * Mirrors mm/huge_memory.c:__split_huge_pmd_locked() (6.12) for an
 * anonymous VMA, PMD lock held: THP_SPLIT_PMD counted, then
 *  - the huge zero PMD: zero-page PTEs (split_huge_zero_page_pmd());
 *  - a PMD migration entry: 512 PTE migration entries with its
 *    write/exclusive/young/dirty/soft-dirty/uffd-wp bits, no rmap or
 *    reference change (the migration restores them page by page);
 *  - a present THP (a NUMA hint too): invalidated and flushed first
 *    (pmdp_invalidate()), then 512 PTEs built from vm_page_prot (so a
 *    hint is dropped and, pmd_write() being false for one, the PTEs come
 *    out read-only), A, D (as pte_mkdirty(), which also sets
 *    soft-dirty), soft-dirty and uffd-wp carried over, each page
 *    inheriting the head's anon-exclusive bit and the entire mapping
 *    becoming 512 PTE mappings with 511 new references.  A planted
 *    bug may run between the invalidation and the rest (thp.h:
 *    thp_set_split_window()); the kernel has nothing there.
 * No "freeze" (split_huge_page()'s unmap to migration entries), which
 * only split_huge_page() asks for: thp_split_huge_pmd_locked() is loud.
 */
static void __split_huge_pmd_locked(struct vm_area_struct *vma, pmd_t *pmd,
				    unsigned long haddr)
{
	struct mm_struct *mm = vma->vm_mm;
	bool young, write, soft_dirty, pmd_migration, uffd_wp;
	bool anon_exclusive = false, dirty = false;
	struct folio *folio = NULL;
	struct page *page;
	unsigned long addr;
	void *pgtable;
	pmd_t old_pmd, tmp;
	pte_t *pte;
	int i;

	count_vm_event(THP_SPLIT_PMD);
	old_pmd = pmdp_get(pmd);
	if (is_huge_zero_pmd(old_pmd)) {
		split_huge_zero_page_pmd(vma, haddr, pmd);
		return;
	}
	pmd_migration = is_pmd_migration_entry(old_pmd);
	if (unlikely(pmd_migration)) {
		swp_entry_t entry = pmd_to_swp_entry(old_pmd);

		page = pfn_swap_entry_to_page(entry);
		write = is_writable_migration_entry(entry);
		if (PageAnon(page))
			anon_exclusive =
				is_readable_exclusive_migration_entry(entry);
		young = is_migration_entry_young(entry);
		dirty = is_migration_entry_dirty(entry);
		soft_dirty = pmd_swp_soft_dirty(old_pmd);
		uffd_wp = pmd_swp_uffd_wp(old_pmd);
	} else {
		old_pmd = pmdp_invalidate(vma, haddr, pmd);
		/* a plant's window (thp_set_split_window()); none in 6.12 */
		if (unlikely(split_window) &&
		    !split_window(vma, pmd, haddr, old_pmd))
			return;
		page = pmd_page(old_pmd);
		folio = page_folio(page);
		if (pmd_dirty(old_pmd)) {
			dirty = true;
			folio_set_dirty(folio);
		}
		write = pmd_write(old_pmd);
		young = pmd_young(old_pmd);
		soft_dirty = pmd_soft_dirty(old_pmd);
		uffd_wp = pmd_uffd_wp(old_pmd);
		WARN_ON_ONCE(!folio_ref_count(folio) ||
			     !folio_test_anon(folio));

		anon_exclusive = PageAnonExclusive(page);
		folio_ref_add(folio, HPAGE_PMD_NR - 1);
		thp_add_anon_rmap_ptes(folio, page, HPAGE_PMD_NR,
				       anon_exclusive);
	}

	/* withdraw only after the PMD is invalid */
	pgtable = thp_withdraw(mm, pmd);
	BUG_ON(!pgtable);
	tmp = __pmd(__pa(pgtable) | kshim_page_table_bits());
	pte = pte_offset_map(&tmp, haddr);

	if (pmd_migration) {
		for (i = 0, addr = haddr; i < HPAGE_PMD_NR;
		     i++, addr += PAGE_SIZE) {
			unsigned long pfn = page_to_pfn(page + i);
			swp_entry_t swp_entry;
			pte_t entry;

			if (write)
				swp_entry = make_writable_migration_entry(pfn);
			else if (anon_exclusive)
				swp_entry =
				   make_readable_exclusive_migration_entry(pfn);
			else
				swp_entry = make_readable_migration_entry(pfn);
			if (young)
				swp_entry = make_migration_entry_young(swp_entry);
			if (dirty)
				swp_entry = make_migration_entry_dirty(swp_entry);
			entry = swp_entry_to_pte(swp_entry);
			if (soft_dirty)
				entry = pte_swp_mksoft_dirty(entry);
			if (uffd_wp)
				entry = pte_swp_mkuffd_wp(entry);
			WARN_ON(!pte_none(ptep_get(pte + i)));
			set_pte_at(mm, addr, pte + i, entry);
		}
	} else {
		pte_t entry;

		entry = pfn_pte(page_to_pfn(page), READ_ONCE(vma->vm_page_prot));
		if (write)
			entry = pte_mkwrite(entry, vma);
		if (!young)
			entry = pte_mkold(entry);
		if (dirty)
			entry = pte_mkdirty(entry);
		if (soft_dirty)
			entry = pte_mksoft_dirty(entry);
		if (uffd_wp)
			entry = pte_mkuffd_wp(entry);
		for (i = 0; i < HPAGE_PMD_NR; i++)
			WARN_ON(!pte_none(ptep_get(pte + i)));
		set_ptes(mm, haddr, pte, entry, HPAGE_PMD_NR);
	}

	if (!pmd_migration)
		thp_remove_rmap_pmd(folio);
	thp_pmd_populate(mm, pmd, pgtable);
}

/*
 * Mirrors mm/huge_memory.c:split_huge_pmd_locked() (6.12): split a
 * huge PMD or PMD migration entry if it still is one and, when @folio
 * is given, still maps @folio (a migration entry never matches: the
 * folio lock the caller holds means it is another folio's).  Only
 * anonymous VMAs are modelled; a file or devmap PMD is loud, and so is
 * @freeze (see __split_huge_pmd_locked()).
 */
void thp_split_huge_pmd_locked(struct vm_area_struct *vma,
			       unsigned long address, pmd_t *pmd, bool freeze,
			       struct folio *folio)
{
	pmd_t cur = pmdp_get(pmd);
	bool pmd_migration = is_pmd_migration_entry(cur);

	if (!(pmd_trans_huge(cur) || pmd_devmap(cur) || pmd_migration))
		return;
	if (folio && (pmd_migration || folio != pmd_folio(cur)))
		return;
	if (!vma_is_anonymous(vma))
		kshim_unmodelled("__split_huge_pmd of a file THP (zap)");
	/* a migration entry's offset bits may read as _PAGE_DEVMAP */
	if (!pmd_migration && pmd_devmap(cur))
		kshim_unmodelled("__split_huge_pmd of a devmap PMD");
	if (freeze)
		kshim_unmodelled("__split_huge_pmd with freeze "
				 "(split_huge_page's unmap)");
	BUG_ON(address < vma->vm_start ||
	       address + HPAGE_PMD_SIZE > vma->vm_end);
	__split_huge_pmd_locked(vma, pmd, address);
}

/* Mirrors mm/huge_memory.c:__split_huge_pmd() (6.12): under pmd_lock */
void __split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd,
		      unsigned long address, bool freeze, struct folio *folio)
{
	spinlock_t *ptl;

	ptl = pmd_lock(vma->vm_mm, pmd);
	thp_split_huge_pmd_locked(vma, address & HPAGE_PMD_MASK, pmd, freeze,
				  folio);
	spin_unlock(ptl);
}

/*
 * PMD migration entries: mm/huge_memory.c's set_pmd_migration_entry()
 * and remove_migration_pmd() are extracted (the fault_huge_memory unit)
 * and run on the model's page_vma_mapped_walk() (rmap.c).
 */

/*
 * Mirrors mm/huge_memory.c:split_huge_pmd_address() with mm/rmap.c's
 * mm_find_pmd() (no PMD table: nothing to split) and the
 * include/linux/huge_mm.h:split_huge_pmd() pre-check.
 */
static int __thp_split_pmd_at(struct vm_area_struct *vma, unsigned long addr)
{
	pmd_t *pmd;
	pte_t *pte;
	pmd_t val;

	if (!pgtable_lookup(vma->vm_mm, addr, &pmd, &pte) || !pmd)
		return 0;
	val = pmdp_get(pmd);
	if (is_swap_pmd(val) || pmd_trans_huge(val) || pmd_devmap(val))
		__split_huge_pmd(vma, pmd, addr, false, NULL);
	return 0;
}

#endif /* CONFIG_TRANSPARENT_HUGEPAGE */

/*
 * mm/huge_memory.c:split_huge_pmd_address() (6.12): try_to_migrate()'s
 * TTU_SPLIT_HUGE_PMD (freeze), which only split_huge_page() asks for,
 * and that is not modelled: loud; else as thp_split_pmd_at().
 */
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
void split_huge_pmd_address(struct vm_area_struct *vma, unsigned long address,
			    bool freeze, struct folio *folio)
{
	if (freeze)
		kshim_unmodelled("split_huge_pmd_address(freeze) (split_huge_page)");
	__thp_split_pmd_at(vma, address);
}
#endif

/* One definition for every kconfig (gcov merges functions by line). */
int thp_split_pmd_at(struct vm_area_struct *vma, unsigned long addr)
{
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	return __thp_split_pmd_at(vma, addr);
#else
	return -EINVAL;
#endif
}

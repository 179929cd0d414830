// SPDX-License-Identifier: GPL-2.0-only
/*
 * Transparent huge pages in the model (see thp.h): the THP sysfs policy,
 * deposited page tables, vm_normal_page_pmd() and the anonymous PMD
 * split.  Hand-written after Linux 6.12; each function names what it
 * mirrors.  Simplified, and said where: no file/shmem/DAX THP (their PMD
 * splits are loud), no huge zero folio, no PMD migration entries and no
 * "freeze" splits (both belong to migration; loud), no mmu notifiers,
 * no mlock, no memcg or per-size (mTHP) statistics, no deferred-split
 * queue.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/pgtable.h>
#include <asm/tlbflush.h>
#include <kshim/unmodelled.h>
#include <kshim/sim.h>
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/thp.h"

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
	if (nr_deposits == deposits_cap) {
		unsigned long cap = deposits_cap ? 2 * deposits_cap : 16;
		struct deposit *d = realloc(deposits, cap * sizeof(*d));

		if (!d)
			sim_out_of_memory("the deposited page tables");
		deposits = d;
		deposits_cap = cap;
	}
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

/* ---- the THP sysfs policy (mm/huge_memory.c, 6.12) ---- */

static enum thp_enabled thp_enabled = THP_ENABLED_ALWAYS;
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

#ifdef CONFIG_TRANSPARENT_HUGEPAGE

/* include/linux/sched/coredump.h: prctl(PR_SET_THP_DISABLE) */
#define MMF_DISABLE_THP 24
/* include/linux/huge_mm.h:THP_ORDERS_ALL_ANON (orders 2..PMD_ORDER) */
#define THP_ORDERS_ALL_ANON \
	((BIT(HPAGE_PMD_ORDER + 1) - 1) & ~(BIT(0) | BIT(1)))

/* Mirrors include/linux/huge_mm.h:highest_order()/next_order() */
static int highest_order(unsigned long orders)
{
	return fls64(orders) - 1;
}

static int next_order(unsigned long *orders, int prev)
{
	*orders &= ~BIT(prev);
	return highest_order(*orders);
}

/* Mirrors include/linux/huge_mm.h:thp_vma_suitable_order() (anon only) */
static bool thp_vma_suitable_order(struct vm_area_struct *vma,
				   unsigned long addr, int order)
{
	unsigned long hpage_size = PAGE_SIZE << order;
	unsigned long haddr = ALIGN_DOWN(addr, hpage_size);

	return haddr >= vma->vm_start && haddr + hpage_size <= vma->vm_end;
}

/* Mirrors include/linux/mm.h:vma_is_temporary_stack() */
static bool vma_is_temporary_stack(struct vm_area_struct *vma)
{
	if (!(vma->vm_flags & (VM_GROWSDOWN | VM_GROWSUP)))
		return false;
	return (vma->vm_flags & VM_STACK_INCOMPLETE_SETUP) ==
	       VM_STACK_INCOMPLETE_SETUP;
}

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

/* ---- splitting an anonymous huge PMD (mm/huge_memory.c, 6.12) ---- */

#ifdef CONFIG_TRANSPARENT_HUGEPAGE

/*
 * Mirrors mm/pgtable-generic.c:pmdp_invalidate() with x86's
 * pmdp_establish() (an xchg): the entry becomes invalid (PSE kept, so
 * pmd_present() and pmd_trans_huge() stay true) and the range is
 * flushed from every TLB before the PTEs go in.
 */
static pmd_t thp_pmdp_invalidate(struct vm_area_struct *vma,
				 unsigned long haddr, pmd_t *pmd)
{
	pmd_t old;

	sim_point(SIM_PT_PT_STORE, pmd);
	old = READ_ONCE(*pmd);
	kshim_pmd_store(pmd, pmd_mkinvalid(old));
	flush_tlb_range(vma, haddr, haddr + HPAGE_PMD_SIZE);
	return old;
}

/* Mirrors include/linux/pgtable.h:pmd_populate() (x86: the table's address) */
static void thp_pmd_populate(struct mm_struct *mm, pmd_t *pmd, void *pgtable)
{
	set_pmd_at(mm, 0, pmd, __pmd(__pa(pgtable) | _PAGE_TABLE));
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
 * Mirrors mm/huge_memory.c:__split_huge_pmd_locked() (6.12) for a
 * present anonymous THP without freeze.  The PTEs are built from
 * vm_page_prot, so a NUMA hint (protnone PMD) is dropped and, as
 * pmd_write() is false for it, the PTEs come out read-only; A, D (as
 * pte_mkdirty(), which also sets soft-dirty), soft-dirty and uffd-wp
 * carry over; each page inherits the head page's anon-exclusive bit;
 * the entire mapping becomes 512 PTE mappings with 511 new references.
 */
static void split_anon_pmd_locked(struct vm_area_struct *vma, pmd_t *pmd,
				  unsigned long haddr)
{
	struct mm_struct *mm = vma->vm_mm;
	bool young, write, soft_dirty, uffd_wp, dirty = false, anon_exclusive;
	struct folio *folio;
	struct page *page;
	void *pgtable;
	pmd_t old_pmd, tmp;
	pte_t *pte, entry;
	int i;

	count_vm_event(THP_SPLIT_PMD);
	old_pmd = thp_pmdp_invalidate(vma, haddr, pmd);
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
	WARN_ON_ONCE(!folio_ref_count(folio) || !folio_test_anon(folio));

	anon_exclusive = PageAnonExclusive(page);
	atomic_add(HPAGE_PMD_NR - 1, &folio->_refcount);	/* folio_ref_add() */
	thp_add_anon_rmap_ptes(folio, page, HPAGE_PMD_NR, anon_exclusive);

	/* withdraw only after the PMD is invalid */
	pgtable = thp_withdraw(mm, pmd);
	BUG_ON(!pgtable);
	tmp = __pmd(__pa(pgtable) | _PAGE_TABLE);
	pte = pte_offset_map(&tmp, haddr);

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

	thp_remove_rmap_pmd(folio);
	thp_pmd_populate(mm, pmd, pgtable);
}

/*
 * Mirrors mm/huge_memory.c:split_huge_pmd_locked() + __split_huge_pmd()
 * (6.12): under pmd_lock, split a huge (or migration) PMD if it still
 * is one and, when @folio is given, still maps @folio.  Only the present
 * anonymous case is modelled; the rest is loud.
 */
void __split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd,
		      unsigned long address, bool freeze, struct folio *folio)
{
	unsigned long haddr = address & HPAGE_PMD_MASK;
	spinlock_t *ptl;
	pmd_t cur;

	ptl = pmd_lock(vma->vm_mm, pmd);
	cur = pmdp_get(pmd);
	if (is_swap_pmd(cur))
		kshim_unmodelled("__split_huge_pmd of a PMD migration entry");
	if (pmd_trans_huge(cur) || pmd_devmap(cur)) {
		if (folio && folio != pmd_folio(cur))
			goto out;
		if (freeze)
			kshim_unmodelled("__split_huge_pmd with freeze (migration)");
		if (!vma_is_anonymous(vma))
			kshim_unmodelled("__split_huge_pmd of a file THP (zap)");
		if (is_huge_zero_pmd(cur) || pmd_devmap(cur))
			kshim_unmodelled("__split_huge_pmd of a huge zero/devmap PMD");
		BUG_ON(haddr < vma->vm_start ||
		       haddr + HPAGE_PMD_SIZE > vma->vm_end);
		split_anon_pmd_locked(vma, pmd, haddr);
	}
out:
	spin_unlock(ptl);
}

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

/* One definition for every kconfig (gcov merges functions by line). */
int thp_split_pmd_at(struct vm_area_struct *vma, unsigned long addr)
{
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	return __thp_split_pmd_at(vma, addr);
#else
	return -EINVAL;
#endif
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Transparent huge pages in the model (mm_model/mm/thp.c,
 * mm_model/mm/populate_large.c): the THP sysfs policy behind
 * thp_vma_allowable_orders(), the deposited page table of each huge PMD
 * (pgtable_trans_huge_deposit()/withdraw()), PMD splitting as
 * mm/huge_memory.c:__split_huge_pmd() does for anonymous THPs, and
 * kernel-made large folios: PTE-mapped (mTHP, order 2..8) and
 * PMD-mapped (order 9) anonymous folios.  All 6.12.
 */
#ifndef FAULTSIM_MM_MODEL_THP_H
#define FAULTSIM_MM_MODEL_THP_H

#include <linux/mm_types.h>

/* mm/internal.h: _nr_pages_mapped while the folio is entirely (PMD) mapped */
#define THP_ENTIRELY_MAPPED 0x800000
#define THP_FOLIO_PAGES_MAPPED (THP_ENTIRELY_MAPPED - 1)

/*
 * /sys/kernel/mm/transparent_hugepage/enabled.  The boot default is
 * CONFIG_TRANSPARENT_HUGEPAGE_ALWAYS, mm/Kconfig's default choice (a
 * Debian amd64 kernel keeps it, as far as we know; not verifiable from
 * the source tarball, which ships no Debian config).
 */
enum thp_enabled {
	THP_ENABLED_ALWAYS,
	THP_ENABLED_MADVISE,
	THP_ENABLED_NEVER,
};

/* Back to boot state: sysfs defaults, no deposited tables (machine_init). */
void thp_reset(void);
void thp_set_enabled(enum thp_enabled mode);
enum thp_enabled thp_get_enabled(void);

/*
 * mm/pgtable-generic.c:pgtable_trans_huge_deposit()/_withdraw(): one
 * spare PTE table per huge PMD, kept here by PMD slot.  Withdraw returns
 * NULL (and WARNs) when nothing was deposited.  Callers hold pmd_lock.
 */
void thp_deposit(struct mm_struct *mm, pmd_t *pmd, void *pgtable);
void *thp_withdraw(struct mm_struct *mm, pmd_t *pmd);
/* Deposited tables alive (for tests: 0 after every THP is gone). */
unsigned long thp_nr_deposited(void);
/* A zeroed PTE table with its split lock (mm/memory.c:pte_alloc_one()). */
void *thp_pte_alloc_one(void);

/* /sys/kernel/mm/transparent_hugepage/use_zero_page (boot: on) */
void thp_set_use_zero_page(bool use);

/* mm/huge_memory.c:zap_deposited_table(): withdraw and free the table */
void thp_zap_deposited_table(struct mm_struct *mm, pmd_t *pmd);

/*
 * mm/rmap.c:folio_remove_rmap_pmd() / folio_add_anon_rmap_pmd()
 * bookkeeping (THP kernels only); the kernel-signature wrappers are
 * declared in kshim's linux/rmap.h.
 */
void thp_remove_rmap_pmd(struct folio *folio);
void thp_add_anon_rmap_pmd(struct folio *folio, bool exclusive);

/*
 * The huge zero folio (mm/huge_memory.c): mm_put_huge_zero_folio() is
 * __mmput()'s, called by mm_destroy(); thp_huge_zero_refcount() is
 * huge_zero_refcount, for the oracles and tests (0: never allocated;
 * else 1, the shrinker's pin, plus one per mm that mapped it).
 */
void mm_put_huge_zero_folio(struct mm_struct *mm);
int thp_huge_zero_refcount(void);

/*
 * The anonymous THP faults (mm/huge_memory.c, THP kernels only):
 * do_huge_pmd_anonymous_page() (a new THP for a write, the huge zero
 * page for a read; VM_FAULT_FALLBACK when the 2 MiB do not fit the VMA
 * or no THP can be had) for memory.c:create_huge_pmd(), and
 * do_huge_pmd_wp_page() for memory.c:wp_huge_pmd().
 */
vm_fault_t do_huge_pmd_anonymous_page(struct vm_fault *vmf);
vm_fault_t do_huge_pmd_wp_page(struct vm_fault *vmf);
/*
 * The mapping part of __do_huge_pmd_anonymous_page(): PMD lock held,
 * the PMD none; maps @folio (order 9, fresh) with @pgtable deposited.
 */
void thp_map_anon_folio_pmd(struct vm_area_struct *vma, unsigned long haddr,
			    pmd_t *pmd, struct folio *folio, void *pgtable);

/*
 * mm/huge_memory.c:split_huge_pmd_locked(), PMD lock held: splits the
 * huge PMD (present, huge zero or a migration entry) at @address (PMD
 * aligned) if it is one and maps @folio (when given).  @freeze
 * (split_huge_page()'s unmap to migration entries) is not modelled.
 */
void thp_split_huge_pmd_locked(struct vm_area_struct *vma,
			       unsigned long address, pmd_t *pmd, bool freeze,
			       struct folio *folio);

/*
 * A plant's hook inside the split window (designs/planted.c): called by
 * __split_huge_pmd_locked() with the PMD lock held, right after
 * pmdp_invalidate() made the present huge PMD invalid and before the
 * PTEs are built from @old_pmd, the entry it returned.  It may drop and
 * retake the lock, and returns with it held: true to go on with the
 * split, false to abandon it (nothing else done, the PMD left as the
 * hook found it).  NULL, the default, costs a load and a branch;
 * thp_reset() keeps it (a plant outlives the machine),
 * faultsim_plant(NULL) clears it.
 */
typedef bool (*thp_split_window_fn)(struct vm_area_struct *vma, pmd_t *pmd,
				    unsigned long haddr, pmd_t old_pmd);
void thp_set_split_window(thp_split_window_fn fn);
thp_split_window_fn thp_get_split_window(void);

/*
 * mm/huge_memory.c:split_huge_pmd_address(vma, addr, false, NULL): the
 * scenario step "split_thp".  Splits the huge PMD mapping @addr, if
 * any; 0, or -EINVAL without CONFIG_TRANSPARENT_HUGEPAGE.
 */
int thp_split_pmd_at(struct vm_area_struct *vma, unsigned long addr);

/*
 * ---- populate_large.c: starting states as the kernel's fault path
 * would have made them ----
 *
 * populate_anon_large(): an anonymous order-@order (2..8) folio on @nid
 * mapped by consecutive PTEs at @start (folio-size aligned, inside @vma
 * and one PMD), as mm/memory.c:do_anonymous_page() with an mTHP order
 * does: one reference per PTE, folio_add_new_anon_rmap() bookkeeping,
 * every page anon-exclusive; writable and dirty after a write in a
 * VM_WRITE VMA, read-only otherwise (as populate_anon()).
 *
 * populate_anon_thp(): an order-9 folio mapped by the PMD at @haddr
 * (2 MiB aligned, the whole PMD inside @vma, PMD none), as
 * mm/huge_memory.c:__do_huge_pmd_anonymous_page(): the entry is
 * mk_huge_pmd(vm_page_prot) + maybe_pmd_mkwrite(pmd_mkdirty()),
 * entire-mapped once, the head page anon-exclusive, a PTE table
 * deposited.  @write is ignored: a populated THP holds data (a read
 * fault of an untouched range maps the huge zero page instead, which
 * only a fault makes).  Both return 0, -EINVAL or -ENOMEM; must run in
 * a simulated thread.
 */
int populate_anon_large(struct vm_area_struct *vma, unsigned long start,
			int nid, unsigned int order, bool write);
int populate_anon_thp(struct vm_area_struct *vma, unsigned long haddr, int nid,
		      bool write);
/*
 * Unmaps and frees everything mapped in @vma: PMD-mapped THPs
 * (zap_huge_pmd(): entry cleared, deposited table freed, entire mapping
 * dropped; a huge zero PMD only loses its table) and PTE-mapped folios
 * of any order (zap_pte_range() with folio_remove_rmap_ptes()); then
 * flushes the range from every TLB.
 */
void populate_zap_large(struct vm_area_struct *vma);

#endif

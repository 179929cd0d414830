/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/pgtable.h and the x86 page-table accessors
 * (6.12) on the model's page tables (mm_model/hw/pgtable.c): x86-64 4-level
 * paging, pgd -> (p4d folded, asm-generic/pgtable-nop4d.h) -> pud -> pmd
 * -> pte, 128 TiB of user space.  Table entries hold the host address of
 * the next table, as __pa() of a direct-mapped page.
 *
 * Every page-table load and store the kernel code makes through these
 * accessors is a scheduling point; a plain dereference (`*pmd`) is not,
 * just as it is one untracked load in the kernel.
 */
#ifndef _LINUX_PGTABLE_H
#define _LINUX_PGTABLE_H

#include <linux/mm_types.h>
#include <linux/spinlock.h>
#include <asm/page_types.h>
#include <asm/pgtable.h>
#include <kshim/sim.h>

#define PTRS_PER_PTE 512
#define PTRS_PER_PMD 512
#define PTRS_PER_PUD 512
#define PTRS_PER_P4D 1
#define PTRS_PER_PGD 512
#define PMD_SHIFT 21
#define PMD_SIZE (1UL << PMD_SHIFT)
#define PMD_MASK (~(PMD_SIZE - 1))
#define PUD_SHIFT 30
#define PUD_SIZE (1UL << PUD_SHIFT)
#define PUD_MASK (~(PUD_SIZE - 1))
#define PGDIR_SHIFT 39
#define PGDIR_SIZE (1UL << PGDIR_SHIFT)
#define PGDIR_MASK (~(PGDIR_SIZE - 1))
#define P4D_SHIFT PGDIR_SHIFT
#define P4D_SIZE PGDIR_SIZE
#define P4D_MASK PGDIR_MASK
#define HPAGE_PMD_SHIFT PMD_SHIFT
#define HPAGE_PMD_ORDER (HPAGE_PMD_SHIFT - 12)
#define HPAGE_PMD_NR (1 << HPAGE_PMD_ORDER)
#define HPAGE_PMD_SIZE PMD_SIZE
#define HPAGE_PMD_MASK PMD_MASK
#define PMD_ORDER HPAGE_PMD_ORDER
/* arch/x86/include/asm/page_64_types.h: TASK_SIZE_MAX (4-level) */
#define KSHIM_USER_VA_END ((1UL << 47) - PAGE_SIZE)
/*
 * arch/x86/include/asm/page_64_types.h:TASK_SIZE_MAX/TASK_SIZE: every
 * simulated task is a 64-bit one on 4-level paging
 */
#define TASK_SIZE_MAX KSHIM_USER_VA_END
#define TASK_SIZE TASK_SIZE_MAX

/* A page-table page: the table, then its split page-table lock. */
struct kshim_ptdesc {
	union {
		pte_t ptes[PTRS_PER_PTE];
		pmd_t pmds[PTRS_PER_PMD];
	};
	spinlock_t ptl;
};

static inline struct kshim_ptdesc *kshim_table_ptdesc(const void *table)
{
	return (struct kshim_ptdesc *)table;
}

static inline void *kshim_entry_table(unsigned long val)
{
	return (void *)(uintptr_t)(val & PTE_PFN_MASK);
}

#define pgd_val(x) ((x).pgd)
#define __pgd(x) ((pgd_t){ (x) })

static inline unsigned long pgd_index(unsigned long addr)
{
	return (addr >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1);
}

static inline unsigned long pud_index(unsigned long addr)
{
	return (addr >> PUD_SHIFT) & (PTRS_PER_PUD - 1);
}

static inline unsigned long pmd_index(unsigned long addr)
{
	return (addr >> PMD_SHIFT) & (PTRS_PER_PMD - 1);
}

static inline unsigned long pte_index(unsigned long addr)
{
	return (addr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}

static inline pgd_t *pgd_offset(struct mm_struct *mm, unsigned long addr)
{
	return mm->pgd + pgd_index(addr);
}

static inline int pgd_none(pgd_t pgd)
{
	return !pgd_val(pgd);
}

/*
 * A user table descriptor as the model's p4d/pud/pmd_populate() write it:
 * x86's _PAGE_TABLE, or arm64's PMD_TYPE_TABLE | PxD_TABLE_PXN
 * (arch/arm64/include/asm/pgalloc.h:pud_populate()/pmd_populate())
 */
static inline unsigned long kshim_page_table_bits(void)
{
	if (kshim_arch_arm64())
		return ARM64_PAGE_TABLE_USER;
	return _PAGE_TABLE;
}

/* x86 _PAGE_PRESENT and arm64 PTE_VALID are both bit 0 */
static inline int pgd_present(pgd_t pgd)
{
	return pgd_val(pgd) & _PAGE_PRESENT;
}

/* arch/x86/include/asm/pgtable.h:pgd_bad(); arm64 (4 levels, p4d folded
 * into the pgd): arch/arm64/include/asm/pgtable.h:p4d_bad() */
static inline int pgd_bad(pgd_t pgd)
{
	if (kshim_arch_arm64())
		return !(pgd_val(pgd) & ARM64_PTE_TABLE_BIT);
	return (pgd_val(pgd) & ~PTE_PFN_MASK) != _PAGE_TABLE;
}

/* folded p4d: the pgd entry itself */
static inline p4d_t *p4d_offset(pgd_t *pgd, unsigned long addr)
{
	return (p4d_t *)pgd;
}

static inline int p4d_none(p4d_t p4d)
{
	return 0;
}

static inline int p4d_bad(p4d_t p4d)
{
	return 0;
}

static inline int p4d_present(p4d_t p4d)
{
	return 1;
}

#define pud_val(x) ((x).p4d.pgd.pgd)
#define __pud(x) ((pud_t){ { { (x) } } })

/* the p4d (pgd) entry points at a PUD table */
static inline pud_t *pud_offset(p4d_t *p4d, unsigned long addr)
{
	return (pud_t *)kshim_entry_table(pgd_val(p4d->pgd)) + pud_index(addr);
}

static inline int pud_none(pud_t pud)
{
	return !pud_val(pud);
}

/* arch/x86/include/asm/pgtable.h:pud_bad(), arm64's on arm64 */
static inline int pud_bad(pud_t pud)
{
	if (kshim_arch_arm64())
		return (pud_val(pud) & ARM64_PMD_TYPE_MASK) !=
		       ARM64_PMD_TYPE_TABLE;
	return (pud_val(pud) & ~(PTE_PFN_MASK | _PAGE_USER)) != _KERNPG_TABLE;
}

static inline int pud_present(pud_t pud)
{
	return pud_val(pud) & _PAGE_PRESENT;
}

static inline int pud_leaf(pud_t pud)
{
	return 0;
}

static inline int pud_trans_huge(pud_t pud)
{
	return 0;
}

static inline int pud_devmap(pud_t pud)
{
	return 0;
}

static inline int pud_write(pud_t pud)
{
	return 0;
}

static inline int pud_trans_unstable(pud_t *pud)
{
	return 0;
}

/*
 * include/linux/pgtable.h:pgdp_get()/pudp_get(): loads of the upper
 * levels are scheduling points too.  __pud_alloc()/__pmd_alloc()
 * populate these entries under mm->page_table_lock, which no reader
 * takes: a walk that finds one none races with the populate, and the
 * reductions see that race only if both sides announce it.
 */
static inline pgd_t pgdp_get(pgd_t *pgdp)
{
	sim_point(SIM_PT_PT_LOAD, pgdp);
	return READ_ONCE(*pgdp);
}

static inline pud_t pudp_get(pud_t *pudp)
{
	sim_point(SIM_PT_PT_LOAD, pudp);
	return READ_ONCE(*pudp);
}

static inline int p4d_none_or_clear_bad(p4d_t *p4d)
{
	return pgd_none(pgdp_get(&p4d->pgd));
}

static inline int pud_none_or_clear_bad(pud_t *pud)
{
	pud_t val = pudp_get(pud);

	if (pud_none(val))
		return 1;
	BUG_ON(pud_bad(val));
	return 0;
}

static inline int pgd_none_or_clear_bad(pgd_t *pgd)
{
	pgd_t val = pgdp_get(pgd);

	if (pgd_none(val))
		return 1;
	BUG_ON(pgd_bad(val));
	return 0;
}

#define kshim_addr_end(addr, end, size)                                 \
	({                                                              \
		unsigned long __boundary = ((addr) + (size)) & ~((size) - 1); \
		(__boundary - 1 < (end) - 1) ? __boundary : (end);      \
	})
#define pgd_addr_end(addr, end) kshim_addr_end(addr, end, PGDIR_SIZE)
#define p4d_addr_end(addr, end) (end)
#define pud_addr_end(addr, end) kshim_addr_end(addr, end, PUD_SIZE)
#define pmd_addr_end(addr, end) kshim_addr_end(addr, end, PMD_SIZE)

/* the pud entry points at a PMD table */
static inline pmd_t *pmd_offset(pud_t *pud, unsigned long addr)
{
	return (pmd_t *)kshim_entry_table(pud_val(*pud)) + pmd_index(addr);
}

/*
 * Mirrors include/linux/pgtable.h:pte_offset_kernel() (6.12): the PTE
 * table of a kernel PMD, no map, no lock (mm/pagewalk.c's no_vma walks,
 * which nothing in the model makes)
 */
static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long address)
{
	return (pte_t *)kshim_entry_table(pmd_val(*pmd)) + pte_index(address);
}
#define pte_offset_kernel pte_offset_kernel

/* include/linux/pgtable.h:pmd_off(): the PMD entry of @va (tables exist) */
static inline pmd_t *pmd_off(struct mm_struct *mm, unsigned long va)
{
	return pmd_offset(pud_offset(p4d_offset(pgd_offset(mm, va), va), va),
			  va);
}

/* Page-table loads and stores: scheduling points. */
static inline pte_t ptep_get(pte_t *ptep)
{
	sim_point(SIM_PT_PT_LOAD, ptep);
	return READ_ONCE(*ptep);
}

static inline pte_t ptep_get_lockless(pte_t *ptep)
{
	return ptep_get(ptep);
}

static inline pmd_t pmdp_get(pmd_t *pmdp)
{
	sim_point(SIM_PT_PT_LOAD, pmdp);
	return READ_ONCE(*pmdp);
}

static inline pmd_t pmdp_get_lockless(pmd_t *pmdp)
{
	return pmdp_get(pmdp);
}

void kshim_pte_store(pte_t *ptep, pte_t pte);
void kshim_pmd_store(pmd_t *pmdp, pmd_t pmd);

static inline void set_pte_at(struct mm_struct *mm, unsigned long addr,
			      pte_t *ptep, pte_t pte)
{
	sim_point(SIM_PT_PT_STORE, ptep);
	kshim_pte_store(ptep, pte);
}

static inline void set_ptes(struct mm_struct *mm, unsigned long addr,
			    pte_t *ptep, pte_t pte, unsigned int nr)
{
	for (;;) {
		set_pte_at(mm, addr, ptep, pte);
		if (--nr == 0)
			break;
		ptep++;
		addr += 1UL << PAGE_SHIFT;
		pte = pte_advance_pfn(pte, 1);
	}
}

static inline void pte_clear(struct mm_struct *mm, unsigned long addr,
			     pte_t *ptep)
{
	set_pte_at(mm, addr, ptep, __pte(0));
}

/*
 * arch/x86/include/asm/pgtable.h:native_set_pte()/native_set_pmd()
 * (set_pte()/set_pmd()): one store, one scheduling point
 */
static inline void set_pte(pte_t *ptep, pte_t pte)
{
	sim_point(SIM_PT_PT_STORE, ptep);
	kshim_pte_store(ptep, pte);
}

static inline void set_pmd(pmd_t *pmdp, pmd_t pmd)
{
	sim_point(SIM_PT_PT_STORE, pmdp);
	kshim_pmd_store(pmdp, pmd);
}

/*
 * arch/x86/include/asm/bitops.h:test_and_clear_bit() on a page-table
 * entry (a locked btr): one SIM_PT_PT_STORE point, then the read and
 * the store as one, through kshim_pte_store()/kshim_pmd_store() so the
 * observer (pt_store_observer_set()) sees it as every page-table store;
 * nothing is stored when the bit was clear.  The extracted
 * arch/x86/mm/pgtable.c calls these for its test_and_clear_bit() on
 * &ptep->pte and pmdp (the manifest's renames in units x86_pgtable,
 * x86_pgtable_thp): a plain bitop would be an atomic on no page table.
 */
/*
 * arm64: the one bit the extracted x86 code clears so is the Accessed
 * bit, and arm64's __ptep_test_and_clear_young() clears PTE_AF (a
 * cmpxchg loop: the same single atomic clear of one bit)
 */
static inline long kshim_pt_bit_of_arch(long nr)
{
	if (kshim_arch_arm64() && nr == _PAGE_BIT_ACCESSED)
		return ARM64_PTE_BIT_AF;
	return nr;
}

static inline bool kshim_pte_test_and_clear_bit(long nr,
						volatile unsigned long *addr)
{
	pte_t *ptep = (pte_t *)&addr[BIT_WORD(nr)];
	pte_t old;

	nr = kshim_pt_bit_of_arch(nr);
	sim_point(SIM_PT_PT_STORE, ptep);
	old = READ_ONCE(*ptep);
	if (!(pte_val(old) & BIT_MASK(nr)))
		return false;
	kshim_pte_store(ptep, __pte(pte_val(old) & ~BIT_MASK(nr)));
	return true;
}

static inline bool kshim_pmd_test_and_clear_bit(long nr,
						volatile unsigned long *addr)
{
	pmd_t *pmdp = (pmd_t *)&addr[BIT_WORD(nr)];
	pmd_t old;

	nr = kshim_pt_bit_of_arch(nr);
	sim_point(SIM_PT_PT_STORE, pmdp);
	old = READ_ONCE(*pmdp);
	if (!(pmd_val(old) & BIT_MASK(nr)))
		return false;
	kshim_pmd_store(pmdp, __pmd(pmd_val(old) & ~BIT_MASK(nr)));
	return true;
}

/*
 * arch/x86/mm/pgtable.c (6.12), extracted (unit x86_pgtable): a plain
 * read of the entry, then test_and_clear_bit() of _PAGE_BIT_ACCESSED
 * if it looked young; no TLB flush
 */
int ptep_test_and_clear_young(struct vm_area_struct *vma,
			      unsigned long addr, pte_t *ptep);

#ifdef CONFIG_TRANSPARENT_HUGEPAGE
/* arch/x86/mm/pgtable.c (6.12), extracted (unit x86_pgtable_thp) */
int pmdp_test_and_clear_young(struct vm_area_struct *vma,
			      unsigned long addr, pmd_t *pmdp);
#endif

/* x86's native_ptep_get_and_clear(): an atomic xchg */
static inline pte_t ptep_get_and_clear(struct mm_struct *mm,
				       unsigned long addr, pte_t *ptep)
{
	pte_t old;

	sim_point(SIM_PT_PT_STORE, ptep);
	old = READ_ONCE(*ptep);
	kshim_pte_store(ptep, __pte(0));
	return old;
}

/* include/linux/pgtable.h: the entry reads as none until the commit */
static inline pte_t ptep_modify_prot_start(struct vm_area_struct *vma,
					   unsigned long addr, pte_t *ptep)
{
	return ptep_get_and_clear(vma->vm_mm, addr, ptep);
}

static inline void ptep_modify_prot_commit(struct vm_area_struct *vma,
					   unsigned long addr, pte_t *ptep,
					   pte_t old_pte, pte_t pte)
{
	set_pte_at(vma->vm_mm, addr, ptep, pte);
}

static inline void set_pmd_at(struct mm_struct *mm, unsigned long addr,
			      pmd_t *pmdp, pmd_t pmd)
{
	sim_point(SIM_PT_PT_STORE, pmdp);
	kshim_pmd_store(pmdp, pmd);
}

/* arch/x86/include/asm/pgtable.h:pmdp_huge_get_and_clear(): an xchg */
static inline pmd_t pmdp_huge_get_and_clear(struct mm_struct *mm,
					    unsigned long addr, pmd_t *pmdp)
{
	pmd_t old;

	sim_point(SIM_PT_PT_STORE, pmdp);
	old = READ_ONCE(*pmdp);
	kshim_pmd_store(pmdp, __pmd(0));
	return old;
}

/* Mirrors include/linux/pgtable.h:pte_unused() (x86 has none: 0) */
static inline int pte_unused(pte_t pte)
{
	return 0;
}

/* Mirrors include/linux/pgtable.h:arch_unmap_one() (x86 has none: 0) */
static inline int arch_unmap_one(struct mm_struct *mm,
				 struct vm_area_struct *vma,
				 unsigned long addr, pte_t orig_pte)
{
	return 0;
}

/*
 * mm/pgtable-generic.c:pmdp_invalidate() (6.12), the model's
 * (mm_model/mm/thp.c): x86's pmdp_establish() of the invalidated entry,
 * then the range flushed from every TLB.
 */
pmd_t pmdp_invalidate(struct vm_area_struct *vma, unsigned long address,
		      pmd_t *pmdp);

/*
 * Mirrors arch/x86/include/asm/pgtable.h:pmdp_establish() (6.12, SMP):
 * an xchg, one scheduling point (no page_table_check)
 */
static inline pmd_t pmdp_establish(struct vm_area_struct *vma,
				   unsigned long address, pmd_t *pmdp,
				   pmd_t pmd)
{
	pmd_t old;

	sim_point(SIM_PT_PT_STORE, pmdp);
	old = READ_ONCE(*pmdp);
	kshim_pmd_store(pmdp, pmd);
	return old;
}
#define pmdp_establish pmdp_establish

#ifdef CONFIG_TRANSPARENT_HUGEPAGE
/*
 * arch/x86/mm/pgtable.c (6.12), extracted (unit x86_pgtable_thp): a
 * plain read of the entry, pmdp_establish() of its pmd_mkinvalid(), no
 * flush
 */
pmd_t pmdp_invalidate_ad(struct vm_area_struct *vma, unsigned long address,
			 pmd_t *pmdp);
#endif

/*
 * mm/pgtable-generic.c:ptep_clear_flush(): clear, then flush only if
 * the old entry could be cached (pte_accessible()); mm_model/hw/tlb.c.
 */
pte_t ptep_clear_flush(struct vm_area_struct *vma, unsigned long address,
		       pte_t *ptep);

/*
 * arch/x86/mm/pgtable.c (6.12), extracted (unit x86_pgtable): a plain
 * read of the entry, set_pte() only for a dirty (write) upgrade, no
 * flush
 */
int ptep_set_access_flags(struct vm_area_struct *vma,
			  unsigned long address, pte_t *ptep,
			  pte_t entry, int dirty);

#ifdef CONFIG_TRANSPARENT_HUGEPAGE
/* arch/x86/mm/pgtable.c (6.12), extracted (unit x86_pgtable_thp) */
int pmdp_set_access_flags(struct vm_area_struct *vma,
			  unsigned long address, pmd_t *pmdp,
			  pmd_t entry, int dirty);
#endif

/* x86: no MMU cache to update, no spurious-fault flush */
#define update_mmu_cache_range(vmf, vma, addr, ptep, nr) do { } while (0)
#define update_mmu_cache(vma, addr, ptep) do { } while (0)
#define update_mmu_cache_pmd(vma, addr, pmd) do { } while (0)
#define update_mmu_tlb(vma, addr, ptep) do { } while (0)
#define update_mmu_tlb_range(vma, addr, ptep, nr) do { } while (0)

/* Mirrors include/linux/pgtable.h:pte_sw_mkyoung(): x86 sets Accessed in hardware */
static inline pte_t pte_sw_mkyoung(pte_t pte)
{
	return pte;
}

/* Mirrors include/linux/pgtable.h:mm_forbids_zeropage() (x86: never) */
#define mm_forbids_zeropage(mm) (0)
#define flush_tlb_fix_spurious_fault(vma, address, ptep) do { } while (0)
#define arch_enter_lazy_mmu_mode() do { } while (0)
#define arch_leave_lazy_mmu_mode() do { } while (0)

/* Split locks (CONFIG_SPLIT_PTE_PTLOCKS, split PMD locks on x86-64). */
static inline spinlock_t *pte_lockptr(struct mm_struct *mm, pmd_t *pmd)
{
	return &kshim_table_ptdesc(kshim_entry_table(pmd_val(*pmd)))->ptl;
}

static inline spinlock_t *pmd_lockptr(struct mm_struct *mm, pmd_t *pmd)
{
	uintptr_t table = (uintptr_t)pmd & ~(uintptr_t)4095;

	return &kshim_table_ptdesc((void *)table)->ptl;
}

static inline spinlock_t *pmd_lock(struct mm_struct *mm, pmd_t *pmd)
{
	spinlock_t *ptl = pmd_lockptr(mm, pmd);

	spin_lock(ptl);
	return ptl;
}

/*
 * mm/pgtable-generic.c:__pte_offset_map(): NULL if the PMD is none, not
 * present, a huge leaf or bad; pte_offset_map_lock() re-checks the PMD
 * under the lock and retries, as the kernel does.
 */
pte_t *__pte_offset_map(pmd_t *pmd, unsigned long addr, pmd_t *pmdvalp);
pte_t *pte_offset_map_nolock(struct mm_struct *mm, pmd_t *pmd,
			     unsigned long addr, spinlock_t **ptlp);
pte_t *pte_offset_map_lock(struct mm_struct *mm, pmd_t *pmd,
			   unsigned long addr, spinlock_t **ptlp);

static inline pte_t *pte_offset_map(pmd_t *pmd, unsigned long addr)
{
	return __pte_offset_map(pmd, addr, NULL);
}

#define pte_unmap(pte) do { (void)(pte); } while (0)

static inline void pte_unmap_unlock(pte_t *pte, spinlock_t *ptl)
{
	spin_unlock(ptl);
	pte_unmap(pte);
}

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for the value-level half of arch/x86/include/asm/pgtable.h
 * (6.12), with the helpers it pulls from pgtable-invert.h,
 * arch/x86/mm/pgtable.c (pte_mkwrite/pmd_mkwrite), tlbflush.h
 * (pte_needs_flush/huge_pmd_needs_flush) and the generic fallbacks of
 * include/linux/pgtable.h and include/linux/mm.h that depend only on the
 * config (pte_protnone/pmd_protnone stubs, pmd_trans_huge, pmd_devmap,
 * pmd_special, pmd_same).  Every helper is pure: entries in, entries out.
 * Reading and writing page tables (ptep_get, set_pte_at, ...) is not here.
 *
 * arm64: every accessor the kernel code calls first tests
 * kshim_arch_arm64() (asm/kshim_arch.h) and then returns the arm64 value,
 * from asm/arm64_pgtable.h's helpers (arch/arm64/include/asm/pgtable.h of
 * 6.12 defines the PMD ones on the PTE ones through pmd_pte(), and so do
 * these).  Where arm64 takes the generic definition the test returns it:
 * pgprot_modify() is newprot, pte_needs_flush()/huge_pmd_needs_flush()
 * are true, soft-dirty is absent (no HAVE_ARCH_SOFT_DIRTY on arm64).
 *
 * Two things come from outside, through accessors linux/mm.h (the lead's
 * header) defines, so this header never needs the struct layouts:
 *   kshim_vma_flags(vma)              -> vma->vm_flags
 *   kshim_mm_tlb_flush_pending(mm)    -> atomic_read(&mm->tlb_flush_pending)
 * A TU that uses pte_mkwrite/pmd_mkwrite/pte_accessible must see their
 * definitions (unit tests define fakes under KSHIM_TEST_FAKE_VMA).
 *
 * CPU model: X86_FEATURE_SHSTK is a CPU capability that 6.12 does not
 * compile out (only X86_FEATURE_USER_SHSTK depends on the config), and
 * pte_shstk() tests it.  KSHIM_X86_FEATURE_SHSTK (default 1: a CET-capable
 * CPU, Intel Tiger Lake / AMD Zen 3 or later) selects it; define it to 0
 * before including this header to model an older CPU.
 */
#ifndef _KSHIM_ASM_PGTABLE_H
#define _KSHIM_ASM_PGTABLE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bits.h>
#include <asm/pgtable_types.h>
#include <linux/vm_flags.h>

struct vm_area_struct;
struct mm_struct;
/* Provided by linux/mm.h: vma->vm_flags */
static inline unsigned long kshim_vma_flags(const struct vm_area_struct *vma);
/* Provided by linux/mm.h: atomic_read(&mm->tlb_flush_pending) */
static inline int kshim_mm_tlb_flush_pending(const struct mm_struct *mm);

#ifndef KSHIM_X86_FEATURE_SHSTK
#define KSHIM_X86_FEATURE_SHSTK 1
#endif

/* Models cpu_feature_enabled(X86_FEATURE_SHSTK) (see the header comment) */
static inline bool kshim_cpu_has_shstk(void)
{
	return KSHIM_X86_FEATURE_SHSTK != 0;
}

/* Models __supported_pte_mask: every bit is supported (NX, PGE present) */
#define __kshim_supported_pte_mask (~(pteval_t)0)

/* ---- flag extraction ---- */

/* Mirrors arch/x86/include/asm/pgtable_types.h:pte_flags() */
static inline pteval_t pte_flags(pte_t pte)
{
	return native_pte_val(pte) & PTE_FLAGS_MASK;
}

/* Mirrors arch/x86/include/asm/pgtable_types.h:pmd_pfn_mask()/pmd_flags_mask()/pmd_flags() */
static inline pmdval_t pmd_pfn_mask(pmd_t pmd)
{
	return (native_pmd_val(pmd) & _PAGE_PSE) ? PHYSICAL_PMD_PAGE_MASK
						 : PTE_PFN_MASK;
}

static inline pmdval_t pmd_flags_mask(pmd_t pmd)
{
	return ~pmd_pfn_mask(pmd);
}

static inline pmdval_t pmd_flags(pmd_t pmd)
{
	return native_pmd_val(pmd) & pmd_flags_mask(pmd);
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_pgprot()/pmd_pgprot(), and
 * arch/arm64/include/asm/pgtable.h:pte_pgprot()/pmd_pgprot() on arm64 */
#define pte_pgprot(x)                                                \
	__pgprot(kshim_arch_arm64() ? arm64_pte_pgprot(pte_val(x)) : \
				      pte_flags(x))
#define pmd_pgprot(x)                                                \
	__pgprot(kshim_arch_arm64() ? arm64_pte_pgprot(pmd_val(x)) : \
				      pmd_flags(x))

/* ---- PFN inversion for non-present entries ---- */

/* Mirrors arch/x86/include/asm/pgtable-invert.h:__pte_needs_invert() */
static inline bool __pte_needs_invert(u64 val)
{
	/* only a non-zero entry with P clear stores its PFN inverted */
	return val != 0 && !(val & _PAGE_PRESENT);
}

/* Mirrors arch/x86/include/asm/pgtable-invert.h:protnone_mask() */
static inline u64 protnone_mask(u64 val)
{
	return __pte_needs_invert(val) ? ~0ULL : 0ULL;
}

/* Mirrors arch/x86/include/asm/pgtable-invert.h:flip_protnone_guard() */
static inline u64 flip_protnone_guard(u64 oldval, u64 val, u64 mask)
{
	/* re-invert the PFN field when the entry crosses present <-> not */
	if (__pte_needs_invert(oldval) == __pte_needs_invert(val))
		return val;
	return val ^ mask;
}

/* ---- PFN accessors and constructors ---- */

/* Mirrors arch/x86/include/asm/pgtable.h:pte_pfn()/pmd_pfn() */
static inline unsigned long pte_pfn(pte_t pte)
{
	phys_addr_t v = pte_val(pte) ^ protnone_mask(pte_val(pte));

	if (kshim_arch_arm64())
		return arm64_pte_pfn(pte_val(pte));
	return (v & PTE_PFN_MASK) >> __KSHIM_PTE_PAGE_SHIFT;
}

static inline unsigned long pmd_pfn(pmd_t pmd)
{
	phys_addr_t v = pmd_val(pmd) ^ protnone_mask(pmd_val(pmd));

	if (kshim_arch_arm64())
		return arm64_pmd_pfn(pmd_val(pmd));
	return (v & pmd_pfn_mask(pmd)) >> __KSHIM_PTE_PAGE_SHIFT;
}

/* Mirrors arch/x86/include/asm/pgtable.h:massage_pgprot()/check_pgprot() (!DEBUG_VM) */
static inline pgprotval_t massage_pgprot(pgprot_t pgprot)
{
	pgprotval_t v = pgprot_val(pgprot);

	return (v & _PAGE_PRESENT) ? (v & __kshim_supported_pte_mask) : v;
}

static inline pgprotval_t check_pgprot(pgprot_t pgprot)
{
	return massage_pgprot(pgprot);
}

/* Mirrors arch/x86/include/asm/pgtable.h:pfn_pte()/pfn_pmd() */
static inline pte_t pfn_pte(unsigned long page_nr, pgprot_t pgprot)
{
	phys_addr_t pa = (phys_addr_t)page_nr << __KSHIM_PTE_PAGE_SHIFT;

	if (kshim_arch_arm64())
		return __pte(arm64_pfn_pte(page_nr, pgprot_val(pgprot)));
	pa = (pa ^ protnone_mask(pgprot_val(pgprot))) & PTE_PFN_MASK;
	return __pte(pa | check_pgprot(pgprot));
}

static inline pmd_t pfn_pmd(unsigned long page_nr, pgprot_t pgprot)
{
	phys_addr_t pa = (phys_addr_t)page_nr << __KSHIM_PTE_PAGE_SHIFT;

	if (kshim_arch_arm64())
		return __pmd(arm64_pfn_pte(page_nr, pgprot_val(pgprot)));
	pa = (pa ^ protnone_mask(pgprot_val(pgprot))) & PHYSICAL_PMD_PAGE_MASK;
	return __pmd(pa | check_pgprot(pgprot));
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_advance_pfn() */
static inline pte_t pte_advance_pfn(pte_t pte, unsigned long nr)
{
	unsigned long delta = nr << PFN_PTE_SHIFT;

	if (kshim_arch_arm64())
		return __pte(pte_val(pte) + (nr << ARM64_PAGE_SHIFT));
	/* an inverted PFN field counts downwards */
	if (__pte_needs_invert(pte_val(pte)))
		return __pte(pte_val(pte) - delta);
	return __pte(pte_val(pte) + delta);
}
#define pte_advance_pfn pte_advance_pfn

/* ---- flag set/clear primitives ---- */

/* Mirrors arch/x86/include/asm/pgtable.h:pte_set_flags()/pte_clear_flags()/pmd_set_flags()/pmd_clear_flags() */
static inline pte_t pte_set_flags(pte_t pte, pteval_t set)
{
	return native_make_pte(native_pte_val(pte) | set);
}

static inline pte_t pte_clear_flags(pte_t pte, pteval_t clear)
{
	return native_make_pte(native_pte_val(pte) & ~clear);
}

static inline pmd_t pmd_set_flags(pmd_t pmd, pmdval_t set)
{
	return native_make_pmd(native_pmd_val(pmd) | set);
}

static inline pmd_t pmd_clear_flags(pmd_t pmd, pmdval_t clear)
{
	return native_make_pmd(native_pmd_val(pmd) & ~clear);
}

/* ---- Dirty <-> SavedDirty (no accidental Write=0,Dirty=1 entries) ---- */

/* Mirrors arch/x86/include/asm/pgtable.h:mksaveddirty_shift() */
static inline pgprotval_t mksaveddirty_shift(pgprotval_t v)
{
	/* only for a write-protected entry: D moves into SAVED_DIRTY */
	if (!(v & _PAGE_RW)) {
		if (v & _PAGE_DIRTY)
			v |= _PAGE_SAVED_DIRTY;
		v &= ~_PAGE_DIRTY;
	}
	return v;
}

/* Mirrors arch/x86/include/asm/pgtable.h:clear_saveddirty_shift() */
static inline pgprotval_t clear_saveddirty_shift(pgprotval_t v)
{
	/* only for a writable entry: SAVED_DIRTY moves back into D */
	if (v & _PAGE_RW) {
		if (v & _PAGE_SAVED_DIRTY)
			v |= _PAGE_DIRTY;
		v &= ~_PAGE_SAVED_DIRTY;
	}
	return v;
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_mksaveddirty()/pte_clear_saveddirty()/pmd_mksaveddirty()/pmd_clear_saveddirty() */
static inline pte_t pte_mksaveddirty(pte_t pte)
{
	return native_make_pte(mksaveddirty_shift(native_pte_val(pte)));
}

static inline pte_t pte_clear_saveddirty(pte_t pte)
{
	return native_make_pte(clear_saveddirty_shift(native_pte_val(pte)));
}

static inline pmd_t pmd_mksaveddirty(pmd_t pmd)
{
	return native_make_pmd(mksaveddirty_shift(native_pmd_val(pmd)));
}

static inline pmd_t pmd_clear_saveddirty(pmd_t pmd)
{
	return native_make_pmd(clear_saveddirty_shift(native_pmd_val(pmd)));
}

/* ---- PTE predicates (meaningful for present entries) ---- */

/* Mirrors arch/x86/include/asm/pgtable.h:pte_dirty() */
static inline bool pte_dirty(pte_t pte)
{
	if (kshim_arch_arm64())
		return arm64_pte_dirty(pte_val(pte));
	return (pte_flags(pte) & _PAGE_DIRTY_BITS) != 0;
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_shstk() */
static inline bool pte_shstk(pte_t pte)
{
	return kshim_cpu_has_shstk() &&
	       (pte_flags(pte) & (_PAGE_RW | _PAGE_DIRTY)) == _PAGE_DIRTY;
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_young() */
static inline int pte_young(pte_t pte)
{
	if (kshim_arch_arm64())
		return arm64_pte_young(pte_val(pte));
	return pte_flags(pte) & _PAGE_ACCESSED;
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_write() */
static inline int pte_write(pte_t pte)
{
	if (kshim_arch_arm64())
		return arm64_pte_write(pte_val(pte));
	/* a shadow-stack entry is writable although RW is clear */
	return (pte_flags(pte) & _PAGE_RW) || pte_shstk(pte);
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_huge()/pte_global()/pte_exec()/pte_special() */
static inline int pte_huge(pte_t pte)
{
	return pte_flags(pte) & _PAGE_PSE;
}

static inline int pte_global(pte_t pte)
{
	return pte_flags(pte) & _PAGE_GLOBAL;
}

static inline int pte_exec(pte_t pte)
{
	if (kshim_arch_arm64())
		return arm64_pte_user_exec(pte_val(pte));
	return !(pte_flags(pte) & _PAGE_NX);
}

static inline int pte_special(pte_t pte)
{
	if (kshim_arch_arm64())
		return arm64_pte_special(pte_val(pte));
	return pte_flags(pte) & _PAGE_SPECIAL;
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_devmap() (ARCH_HAS_PTE_DEVMAP on x86-64) */
static inline int pte_devmap(pte_t a)
{
	if (kshim_arch_arm64())
		return arm64_pte_devmap(pte_val(a));
	return (pte_flags(a) & _PAGE_DEVMAP) == _PAGE_DEVMAP;
}

/* ---- PTE modifiers ---- */

/* Mirrors arch/x86/include/asm/pgtable.h:pte_wrprotect() */
static inline pte_t pte_wrprotect(pte_t pte)
{
	if (kshim_arch_arm64())
		return __pte(arm64_pte_wrprotect(pte_val(pte)));
	return pte_mksaveddirty(pte_clear_flags(pte, _PAGE_RW));
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_uffd_wp()/pte_mkuffd_wp()/pte_clear_uffd_wp() */
#ifdef CONFIG_HAVE_ARCH_USERFAULTFD_WP
static inline int pte_uffd_wp(pte_t pte)
{
	if (kshim_arch_arm64())
		return arm64_pte_uffd_wp(pte_val(pte));
	return pte_flags(pte) & _PAGE_UFFD_WP;
}

static inline pte_t pte_mkuffd_wp(pte_t pte)
{
	if (kshim_arch_arm64())
		return __pte(arm64_pte_mkuffd_wp(pte_val(pte)));
	return pte_wrprotect(pte_set_flags(pte, _PAGE_UFFD_WP));
}

static inline pte_t pte_clear_uffd_wp(pte_t pte)
{
	if (kshim_arch_arm64())
		return __pte(arm64_pte_clear_uffd_wp(pte_val(pte)));
	return pte_clear_flags(pte, _PAGE_UFFD_WP);
}
#else
/* Mirrors include/asm-generic/pgtable_uffd.h: no uffd-wp bit */
static inline int pte_uffd_wp(pte_t pte)
{
	return 0;
}

static inline pte_t pte_mkuffd_wp(pte_t pte)
{
	return pte;
}

static inline pte_t pte_clear_uffd_wp(pte_t pte)
{
	return pte;
}
#endif

/* Mirrors arch/x86/include/asm/pgtable.h:pte_mkclean()/pte_mkold()/pte_mkexec() */
static inline pte_t pte_mkclean(pte_t pte)
{
	if (kshim_arch_arm64())
		return __pte(arm64_pte_mkclean(pte_val(pte)));
	return pte_clear_flags(pte, _PAGE_DIRTY_BITS);
}

static inline pte_t pte_mkold(pte_t pte)
{
	if (kshim_arch_arm64())
		return __pte(arm64_pte_mkold(pte_val(pte)));
	return pte_clear_flags(pte, _PAGE_ACCESSED);
}

static inline pte_t pte_mkexec(pte_t pte)
{
	return pte_clear_flags(pte, _PAGE_NX);
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_mkdirty() */
static inline pte_t pte_mkdirty(pte_t pte)
{
	if (kshim_arch_arm64())
		return __pte(arm64_pte_mkdirty(pte_val(pte)));
	/* a read-only entry records the dirtiness in SAVED_DIRTY */
	return pte_mksaveddirty(
		pte_set_flags(pte, _PAGE_DIRTY | _PAGE_SOFT_DIRTY));
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_mkwrite_shstk() */
static inline pte_t pte_mkwrite_shstk(pte_t pte)
{
	return pte_set_flags(pte_clear_flags(pte, _PAGE_RW), _PAGE_DIRTY);
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_mkyoung()/pte_mkwrite_novma() */
static inline pte_t pte_mkyoung(pte_t pte)
{
	if (kshim_arch_arm64())
		return __pte(arm64_pte_mkyoung(pte_val(pte)));
	return pte_set_flags(pte, _PAGE_ACCESSED);
}

static inline pte_t pte_mkwrite_novma(pte_t pte)
{
	if (kshim_arch_arm64())
		return __pte(arm64_pte_mkwrite_novma(pte_val(pte)));
	return pte_set_flags(pte, _PAGE_RW);
}

/* Mirrors arch/x86/mm/pgtable.c:pte_mkwrite() (out of line in the kernel) */
static inline pte_t pte_mkwrite(pte_t pte, struct vm_area_struct *vma)
{
	if (kshim_arch_arm64())
		return __pte(arm64_pte_mkwrite_novma(pte_val(pte)));
	if (kshim_vma_flags(vma) & VM_SHADOW_STACK)
		return pte_mkwrite_shstk(pte);
	return pte_clear_saveddirty(pte_mkwrite_novma(pte));
}
#define pte_mkwrite pte_mkwrite

/* Mirrors arch/x86/include/asm/pgtable.h:pte_mkhuge()/pte_clrhuge()/pte_mkglobal()/pte_clrglobal() */
static inline pte_t pte_mkhuge(pte_t pte)
{
	return pte_set_flags(pte, _PAGE_PSE);
}

static inline pte_t pte_clrhuge(pte_t pte)
{
	return pte_clear_flags(pte, _PAGE_PSE);
}

static inline pte_t pte_mkglobal(pte_t pte)
{
	return pte_set_flags(pte, _PAGE_GLOBAL);
}

static inline pte_t pte_clrglobal(pte_t pte)
{
	return pte_clear_flags(pte, _PAGE_GLOBAL);
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_mkspecial()/pte_mkdevmap() */
static inline pte_t pte_mkspecial(pte_t pte)
{
	if (kshim_arch_arm64())
		return __pte(arm64_pte_mkspecial(pte_val(pte)));
	return pte_set_flags(pte, _PAGE_SPECIAL);
}

static inline pte_t pte_mkdevmap(pte_t pte)
{
	if (kshim_arch_arm64())
		return __pte(arm64_pte_mkdevmap(pte_val(pte)));
	return pte_set_flags(pte, _PAGE_SPECIAL | _PAGE_DEVMAP);
}

/* Mirrors arch/x86/include/asm/pgtable.h: soft-dirty helpers (HAVE_ARCH_SOFT_DIRTY) */
#ifdef CONFIG_HAVE_ARCH_SOFT_DIRTY
static inline int pte_soft_dirty(pte_t pte)
{
	if (kshim_arch_arm64())
		return 0;
	return pte_flags(pte) & _PAGE_SOFT_DIRTY;
}

static inline int pmd_soft_dirty(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return 0;
	return pmd_flags(pmd) & _PAGE_SOFT_DIRTY;
}

static inline pte_t pte_mksoft_dirty(pte_t pte)
{
	if (kshim_arch_arm64())
		return pte;
	return pte_set_flags(pte, _PAGE_SOFT_DIRTY);
}

static inline pmd_t pmd_mksoft_dirty(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return pmd;
	return pmd_set_flags(pmd, _PAGE_SOFT_DIRTY);
}

static inline pte_t pte_clear_soft_dirty(pte_t pte)
{
	if (kshim_arch_arm64())
		return pte;
	return pte_clear_flags(pte, _PAGE_SOFT_DIRTY);
}

static inline pmd_t pmd_clear_soft_dirty(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return pmd;
	return pmd_clear_flags(pmd, _PAGE_SOFT_DIRTY);
}
#else
/* Mirrors include/linux/pgtable.h: !HAVE_ARCH_SOFT_DIRTY stubs */
static inline int pte_soft_dirty(pte_t pte)
{
	return 0;
}

static inline int pmd_soft_dirty(pmd_t pmd)
{
	return 0;
}

static inline pte_t pte_mksoft_dirty(pte_t pte)
{
	return pte;
}

static inline pmd_t pmd_mksoft_dirty(pmd_t pmd)
{
	return pmd;
}

static inline pte_t pte_clear_soft_dirty(pte_t pte)
{
	return pte;
}

static inline pmd_t pmd_clear_soft_dirty(pmd_t pmd)
{
	return pmd;
}
#endif

/* ---- protection changes ---- */

/* Mirrors arch/x86/include/asm/pgtable.h:pte_modify() */
static inline pte_t pte_modify(pte_t pte, pgprot_t newprot)
{
	pteval_t old = pte_val(pte);
	pteval_t v = (old & _PAGE_CHG_MASK) |
		     (check_pgprot(newprot) & ~_PAGE_CHG_MASK);
	pte_t res = __pte(flip_protnone_guard(old, v, PTE_PFN_MASK));

	if (kshim_arch_arm64())
		return __pte(arm64_pte_modify(pte_val(pte),
					      pgprot_val(newprot)));
	/*
	 * The OLD RW picks the helper; each helper then acts on the NEW RW:
	 * was writable -> D becomes SAVED_DIRTY if now read-only;
	 * was read-only -> SAVED_DIRTY becomes D if now writable.
	 */
	return (old & _PAGE_RW) ? pte_mksaveddirty(res)
				: pte_clear_saveddirty(res);
}

/* Mirrors arch/x86/include/asm/pgtable.h:pgprot_modify() */
static inline pgprot_t pgprot_modify(pgprot_t oldprot, pgprot_t newprot)
{
	if (kshim_arch_arm64())
		return newprot;
	return __pgprot((pgprot_val(oldprot) & _PAGE_CHG_MASK) |
			(pgprot_val(newprot) & ~_PAGE_CHG_MASK));
}
#define pgprot_modify pgprot_modify

/* ---- whole-entry PTE predicates ---- */

/* Mirrors arch/x86/include/asm/pgtable.h:pte_none() (A and D ignored: KNL erratum) */
static inline int pte_none(pte_t pte)
{
	if (kshim_arch_arm64())
		return !pte_val(pte);
	return !(pte.pte & ~_PAGE_KNL_ERRATUM_MASK);
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_same() (__HAVE_ARCH_PTE_SAME) */
static inline int pte_same(pte_t a, pte_t b)
{
	return a.pte == b.pte;
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_present() */
static inline int pte_present(pte_t a)
{
	if (kshim_arch_arm64())
		return arm64_pte_present(pte_val(a));
	return pte_flags(a) & (_PAGE_PRESENT | _PAGE_PROTNONE);
}

/* Mirrors arch/x86/include/asm/pgtable.h:pte_accessible() */
static inline bool pte_accessible(struct mm_struct *mm, pte_t a)
{
	if (kshim_arch_arm64())
		return kshim_mm_tlb_flush_pending(mm) ?
			       arm64_pte_present(pte_val(a)) :
			       arm64_pte_valid(pte_val(a));
	if (pte_flags(a) & _PAGE_PRESENT)
		return true;
	/* a PROT_NONE entry may still sit in some TLB until the flush */
	return (pte_flags(a) & _PAGE_PROTNONE) &&
	       kshim_mm_tlb_flush_pending(mm);
}
#define pte_accessible pte_accessible

/* ---- PMD predicates ---- */

/* Mirrors arch/x86/include/asm/pgtable.h:pmd_none() (A and D ignored) */
static inline int pmd_none(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return !pmd_val(pmd);
	return (native_pmd_val(pmd) & ~_PAGE_KNL_ERRATUM_MASK) == 0;
}

/* Mirrors arch/x86/include/asm/pgtable.h:pmd_present() (PSE alone counts) */
static inline int pmd_present(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return arm64_pmd_present(pmd_val(pmd));
	return pmd_flags(pmd) & (_PAGE_PRESENT | _PAGE_PROTNONE | _PAGE_PSE);
}

/* Mirrors arch/x86/include/asm/pgtable.h:pmd_bad() */
static inline int pmd_bad(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return !arm64_pmd_table(pmd_val(pmd));
	return (pmd_flags(pmd) & ~(_PAGE_USER | _PAGE_ACCESSED)) !=
	       (_KERNPG_TABLE & ~_PAGE_ACCESSED);
}

/* Mirrors include/linux/pgtable.h:pmd_same() (generic) */
static inline int pmd_same(pmd_t a, pmd_t b)
{
	return pmd_val(a) == pmd_val(b);
}

/* Mirrors arch/x86/include/asm/pgtable.h:pmd_leaf() */
static inline bool pmd_leaf(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return arm64_pmd_leaf(pmd_val(pmd));
	return pmd_flags(pmd) & _PAGE_PSE;
}
#define pmd_leaf pmd_leaf

#ifdef CONFIG_TRANSPARENT_HUGEPAGE
/* Mirrors arch/x86/include/asm/pgtable.h:pmd_trans_huge() */
static inline int pmd_trans_huge(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return arm64_pmd_trans_huge(pmd_val(pmd));
	return (pmd_val(pmd) & (_PAGE_PSE | _PAGE_DEVMAP)) == _PAGE_PSE;
}

/* Mirrors arch/x86/include/asm/pgtable.h:pmd_devmap() (THP && ARCH_HAS_PTE_DEVMAP) */
static inline int pmd_devmap(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return arm64_pte_devmap(pmd_val(pmd));
	return !!(pmd_val(pmd) & _PAGE_DEVMAP);
}

/* Mirrors arch/x86/include/asm/pgtable.h:pmd_special()/pmd_mkspecial() (x86 selects ARCH_SUPPORTS_PMD_PFNMAP with THP) */
static inline bool pmd_special(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return arm64_pte_special(pmd_val(pmd));
	return pmd_flags(pmd) & _PAGE_SPECIAL;
}

static inline pmd_t pmd_mkspecial(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return __pmd(arm64_pte_mkspecial(pmd_val(pmd)));
	return pmd_set_flags(pmd, _PAGE_SPECIAL);
}
#else
/* Mirrors include/linux/pgtable.h: !TRANSPARENT_HUGEPAGE pmd_trans_huge()/pmd_devmap() */
static inline int pmd_trans_huge(pmd_t pmd)
{
	return 0;
}

static inline int pmd_devmap(pmd_t pmd)
{
	return 0;
}

/* Mirrors include/linux/mm.h: !ARCH_SUPPORTS_PMD_PFNMAP pmd_special()/pmd_mkspecial() */
static inline bool pmd_special(pmd_t pmd)
{
	return false;
}

static inline pmd_t pmd_mkspecial(pmd_t pmd)
{
	return pmd;
}
#endif
#define pmd_special pmd_special

#ifdef CONFIG_NUMA_BALANCING
/* Mirrors arch/x86/include/asm/pgtable.h:pte_protnone()/pmd_protnone() */
static inline int pte_protnone(pte_t pte)
{
	if (kshim_arch_arm64())
		return arm64_pte_protnone(pte_val(pte));
	return (pte_flags(pte) & (_PAGE_PROTNONE | _PAGE_PRESENT)) ==
	       _PAGE_PROTNONE;
}

static inline int pmd_protnone(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return arm64_pmd_protnone(pmd_val(pmd));
	return (pmd_flags(pmd) & (_PAGE_PROTNONE | _PAGE_PRESENT)) ==
	       _PAGE_PROTNONE;
}
#else
/* Mirrors include/linux/pgtable.h: !NUMA_BALANCING pte_protnone()/pmd_protnone() */
static inline int pte_protnone(pte_t pte)
{
	return 0;
}

static inline int pmd_protnone(pmd_t pmd)
{
	return 0;
}
#endif

/* Mirrors arch/x86/include/asm/pgtable.h:pmd_dirty()/pmd_shstk()/pmd_young() */
static inline bool pmd_dirty(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return arm64_pte_dirty(pmd_val(pmd));
	return (pmd_flags(pmd) & _PAGE_DIRTY_BITS) != 0;
}
#define pmd_dirty pmd_dirty

static inline bool pmd_shstk(pmd_t pmd)
{
	return kshim_cpu_has_shstk() &&
	       (pmd_flags(pmd) & (_PAGE_RW | _PAGE_DIRTY | _PAGE_PSE)) ==
		       (_PAGE_DIRTY | _PAGE_PSE);
}

static inline int pmd_young(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return arm64_pte_young(pmd_val(pmd));
	return pmd_flags(pmd) & _PAGE_ACCESSED;
}
#define pmd_young pmd_young

/* Mirrors arch/x86/include/asm/pgtable.h:pmd_write() */
static inline int pmd_write(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return arm64_pte_write(pmd_val(pmd));
	return (pmd_flags(pmd) & _PAGE_RW) || pmd_shstk(pmd);
}
#define pmd_write pmd_write

/* ---- PMD modifiers ---- */

/* Mirrors arch/x86/include/asm/pgtable.h:pmd_wrprotect() */
static inline pmd_t pmd_wrprotect(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return __pmd(arm64_pte_wrprotect(pmd_val(pmd)));
	return pmd_mksaveddirty(pmd_clear_flags(pmd, _PAGE_RW));
}

/* Mirrors arch/x86/include/asm/pgtable.h:pmd_uffd_wp()/pmd_mkuffd_wp()/pmd_clear_uffd_wp() */
#ifdef CONFIG_HAVE_ARCH_USERFAULTFD_WP
static inline int pmd_uffd_wp(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return arm64_pte_uffd_wp(pmd_val(pmd));
	return pmd_flags(pmd) & _PAGE_UFFD_WP;
}

static inline pmd_t pmd_mkuffd_wp(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return __pmd(arm64_pte_mkuffd_wp(pmd_val(pmd)));
	return pmd_wrprotect(pmd_set_flags(pmd, _PAGE_UFFD_WP));
}

static inline pmd_t pmd_clear_uffd_wp(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return __pmd(arm64_pte_clear_uffd_wp(pmd_val(pmd)));
	return pmd_clear_flags(pmd, _PAGE_UFFD_WP);
}
#else
/* Mirrors include/asm-generic/pgtable_uffd.h: no uffd-wp bit */
static inline int pmd_uffd_wp(pmd_t pmd)
{
	return 0;
}

static inline pmd_t pmd_mkuffd_wp(pmd_t pmd)
{
	return pmd;
}

static inline pmd_t pmd_clear_uffd_wp(pmd_t pmd)
{
	return pmd;
}
#endif

/* Mirrors arch/x86/include/asm/pgtable.h:pmd_mkold()/pmd_mkclean()/pmd_mkdirty() */
static inline pmd_t pmd_mkold(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return __pmd(arm64_pte_mkold(pmd_val(pmd)));
	return pmd_clear_flags(pmd, _PAGE_ACCESSED);
}

static inline pmd_t pmd_mkclean(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return __pmd(arm64_pte_mkclean(pmd_val(pmd)));
	return pmd_clear_flags(pmd, _PAGE_DIRTY_BITS);
}

static inline pmd_t pmd_mkdirty(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return __pmd(arm64_pte_mkdirty(pmd_val(pmd)));
	return pmd_mksaveddirty(
		pmd_set_flags(pmd, _PAGE_DIRTY | _PAGE_SOFT_DIRTY));
}

/* Mirrors arch/x86/include/asm/pgtable.h:pmd_mkwrite_shstk()/pmd_mkdevmap()/pmd_mkhuge()/pmd_mkyoung()/pmd_mkwrite_novma() */
static inline pmd_t pmd_mkwrite_shstk(pmd_t pmd)
{
	return pmd_set_flags(pmd_clear_flags(pmd, _PAGE_RW), _PAGE_DIRTY);
}

static inline pmd_t pmd_mkdevmap(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return __pmd(pmd_val(pmd) | ARM64_PTE_DEVMAP);
	return pmd_set_flags(pmd, _PAGE_DEVMAP);
}

static inline pmd_t pmd_mkhuge(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return __pmd(arm64_pmd_mkhuge(pmd_val(pmd)));
	return pmd_set_flags(pmd, _PAGE_PSE);
}

static inline pmd_t pmd_mkyoung(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return __pmd(arm64_pte_mkyoung(pmd_val(pmd)));
	return pmd_set_flags(pmd, _PAGE_ACCESSED);
}

static inline pmd_t pmd_mkwrite_novma(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return __pmd(arm64_pte_mkwrite_novma(pmd_val(pmd)));
	return pmd_set_flags(pmd, _PAGE_RW);
}

/* Mirrors arch/x86/mm/pgtable.c:pmd_mkwrite() (out of line in the kernel) */
static inline pmd_t pmd_mkwrite(pmd_t pmd, struct vm_area_struct *vma)
{
	if (kshim_arch_arm64())
		return __pmd(arm64_pte_mkwrite_novma(pmd_val(pmd)));
	if (kshim_vma_flags(vma) & VM_SHADOW_STACK)
		return pmd_mkwrite_shstk(pmd);
	return pmd_clear_saveddirty(pmd_mkwrite_novma(pmd));
}
#define pmd_mkwrite pmd_mkwrite

/* Mirrors arch/x86/include/asm/pgtable.h:pmd_mkinvalid() */
static inline pmd_t pmd_mkinvalid(pmd_t pmd)
{
	if (kshim_arch_arm64())
		return __pmd(arm64_pte_mkinvalid(pmd_val(pmd)));
	/* rebuilt with P and PROTNONE clear: PSE stays, PFN gets inverted */
	return pfn_pmd(pmd_pfn(pmd),
		       __pgprot(pmd_flags(pmd) &
				~(_PAGE_PRESENT | _PAGE_PROTNONE)));
}

/* Mirrors arch/x86/include/asm/pgtable.h:pmd_modify() */
static inline pmd_t pmd_modify(pmd_t pmd, pgprot_t newprot)
{
	pmdval_t old = pmd_val(pmd);
	pmdval_t v = (old & _HPAGE_CHG_MASK) |
		     (check_pgprot(newprot) & ~_HPAGE_CHG_MASK);
	pmd_t res = __pmd(flip_protnone_guard(old, v, PHYSICAL_PMD_PAGE_MASK));

	if (kshim_arch_arm64())
		return __pmd(arm64_pte_modify(pmd_val(pmd),
					      pgprot_val(newprot)));
	/* same OLD-RW-selects, NEW-RW-acts rule as pte_modify() */
	return (old & _PAGE_RW) ? pmd_mksaveddirty(res)
				: pmd_clear_saveddirty(res);
}

/* ---- raw entries, for the model and the oracles ---- */

/*
 * A PROT_NONE entry (a NUMA or DAMON hint) by its raw bits, whatever the
 * kconfig's pte_protnone() answers: x86's PROTNONE without P (x86 keeps
 * PROTNONE out of swap and migration entries); arm64's pte_protnone()
 * test, present-invalid without user access (arch/arm64/include/asm/
 * pgtable.h:pte_protnone(), which swap entries fail: bit 11 is 0 there)
 */
static inline bool kshim_raw_protnone(u64 v)
{
	if (kshim_arch_arm64())
		return arm64_pte_protnone(v);
	return (v & (_PAGE_PRESENT | _PAGE_PROTNONE)) == _PAGE_PROTNONE;
}

/* Present to the kernel (a hint included): not none, swap or migration */
static inline bool kshim_raw_present(u64 v)
{
	if (kshim_arch_arm64())
		return arm64_pte_present(v);
	return v & (_PAGE_PRESENT | _PAGE_PROTNONE);
}

/*
 * What the MMU may write through: x86's RW; arm64's DBM (hardware
 * dirty-state management clears AP[2] on the write) or AP[2] clear
 */
static inline bool kshim_raw_hw_writable(u64 v)
{
	if (kshim_arch_arm64())
		return (v & ARM64_PTE_DBM) || !(v & ARM64_PTE_RDONLY);
	return v & _PAGE_RW;
}

/* ---- TLB flush decisions ---- */

/* Mirrors arch/x86/include/asm/tlbflush.h:pte_flags_need_flush() (!DEBUG_VM) */
static inline bool pte_flags_need_flush(unsigned long oldflags,
					unsigned long newflags,
					bool ignore_access)
{
	/* clearing one of these demotes the cached translation */
	const pteval_t on_clear = _PAGE_DIRTY | _PAGE_PRESENT | _PAGE_ACCESSED;
	/* bits the MMU never looks at */
	const pteval_t sw = _PAGE_SOFTW1 | _PAGE_SOFTW2 | _PAGE_SOFTW3 |
			    _PAGE_SOFTW4 | _PAGE_SAVED_DIRTY;
	/* any change of these (set or clear) needs a flush */
	const pteval_t on_change = _PAGE_RW | _PAGE_USER | _PAGE_PWT |
				   _PAGE_PCD | _PAGE_PSE | _PAGE_GLOBAL |
				   _PAGE_PAT | _PAGE_PAT_LARGE | _PAGE_PKEY_MASK |
				   _PAGE_NX;
	unsigned long diff = (oldflags ^ newflags) & ~sw;

	if (ignore_access)
		diff &= ~_PAGE_ACCESSED;
	if (diff & oldflags & on_clear)
		return true;
	/* with DEBUG_VM off, changes of any other bit are ignored */
	return (diff & on_change) != 0;
}

/* Mirrors arch/x86/include/asm/tlbflush.h:pte_needs_flush() */
static inline bool pte_needs_flush(pte_t oldpte, pte_t newpte)
{
	if (kshim_arch_arm64())
		return true;
	if (!(pte_flags(oldpte) & _PAGE_PRESENT))
		return false;	/* nothing of it can be cached */
	if (pte_pfn(oldpte) != pte_pfn(newpte))
		return true;
	return pte_flags_need_flush(pte_flags(oldpte), pte_flags(newpte), true);
}
#define pte_needs_flush pte_needs_flush

/* Mirrors arch/x86/include/asm/tlbflush.h:huge_pmd_needs_flush() */
static inline bool huge_pmd_needs_flush(pmd_t oldpmd, pmd_t newpmd)
{
	if (kshim_arch_arm64())
		return true;
	if (!(pmd_flags(oldpmd) & _PAGE_PRESENT))
		return false;
	if (pmd_pfn(oldpmd) != pmd_pfn(newpmd))
		return true;
	/* unlike the PTE case, an A change counts */
	return pte_flags_need_flush(pmd_flags(oldpmd), pmd_flags(newpmd),
				    false);
}
#define huge_pmd_needs_flush huge_pmd_needs_flush

#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86-64 page-table entry encodings (kshim/include/asm/pgtable*.h,
 * kshim/src/pgprot.c) against Linux 6.12: bit numbers, the user
 * protections, PFN inversion, pte_modify()'s keep-mask and Dirty <->
 * SavedDirty moves, the TLB-flush rules of tlbflush.h and x86's
 * protection_map.  Expected values are written as raw hex, worked out
 * from the kernel sources by hand, never from the macros under test.
 *
 * Built with CONFIG_NUMA_BALANCING (kshim_full).  The TU turns on
 * CONFIG_X86_USER_SHADOW_STACK itself (Debian's 6.12 has it; the
 * kconfig fragments do not carry it yet) to pin the VM_SHADOW_STACK
 * branch of pte_mkwrite; test_x86_pte_nonuma.c covers the other side.
 *
 * KSHIM_TEST_FAKE_VMA: asm/pgtable.h reads vma->vm_flags and
 * mm->tlb_flush_pending only through kshim_vma_flags() and
 * kshim_mm_tlb_flush_pending(), which linux/mm.h provides for kernel
 * code.  This test does not include linux/mm.h and defines minimal
 * fakes of both structs and accessors instead.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#ifndef CONFIG_X86_USER_SHADOW_STACK
#define CONFIG_X86_USER_SHADOW_STACK 1
#endif

#include <asm/pgtable.h>
#include <asm/pgprot_map.h>
#include <linux/vm_flags.h>

#define KSHIM_TEST_FAKE_VMA
#ifdef KSHIM_TEST_FAKE_VMA
struct vm_area_struct {
	unsigned long vm_flags;
};
struct mm_struct {
	int tlb_flush_pending;
};
static inline unsigned long kshim_vma_flags(const struct vm_area_struct *vma)
{
	return vma->vm_flags;
}
static inline int kshim_mm_tlb_flush_pending(const struct mm_struct *mm)
{
	return mm->tlb_flush_pending;
}
#endif

#ifndef CONFIG_NUMA_BALANCING
#error "test_x86_pte.c expects the full kconfig (CONFIG_NUMA_BALANCING)"
#endif

/* raw bits, independent of the macros under test */
#define P 0x1UL
#define RW 0x2UL
#define U 0x4UL
#define PWT 0x8UL
#define PCD 0x10UL
#define A 0x20UL
#define D 0x40UL
#define PSE 0x80UL
#define G 0x100UL
#define SPEC 0x200UL
#define UWP 0x400UL
#define SOFTD 0x800UL
#define PATL 0x1000UL
#define DEVMAP (1UL << 57)
#define SD (1UL << 58)
#define NX (1UL << 63)
#define PFNMASK 0x000ffffffffff000UL
#define PMDPFNMASK 0x000fffffffe00000UL

#define PFN 0x12345UL
#define PA (PFN << 12)
#define HPFN 0x40200UL		/* 2 MiB aligned */
#define HPA (HPFN << 12)

#define assert_hex(a, b) assert_int_equal((uint64_t)(a), (uint64_t)(b))

static struct vm_area_struct plain_vma = { .vm_flags = 0x73 };	/* rw private */
static struct vm_area_struct shstk_vma = {
	.vm_flags = 0x73 | (1UL << 37),
};

static void test_bit_numbers(void **state)
{
	assert_hex(_PAGE_PRESENT, P);
	assert_hex(_PAGE_RW, RW);
	assert_hex(_PAGE_USER, U);
	assert_hex(_PAGE_PWT, PWT);
	assert_hex(_PAGE_PCD, PCD);
	assert_hex(_PAGE_ACCESSED, A);
	assert_hex(_PAGE_DIRTY, D);
	assert_hex(_PAGE_PSE, PSE);
	assert_hex(_PAGE_PAT, PSE);
	assert_hex(_PAGE_GLOBAL, G);
	assert_hex(_PAGE_PROTNONE, G);
	assert_hex(_PAGE_SPECIAL, SPEC);
	assert_hex(_PAGE_UFFD_WP, UWP);
	assert_hex(_PAGE_SOFT_DIRTY, SOFTD);
	assert_hex(_PAGE_PAT_LARGE, PATL);
	assert_hex(_PAGE_DEVMAP, DEVMAP);
	assert_hex(_PAGE_SAVED_DIRTY, SD);
	assert_hex(_PAGE_NX, NX);
	assert_int_equal(_PAGE_BIT_PKEY_BIT0, 59);
	assert_int_equal(_PAGE_BIT_PKEY_BIT3, 62);
#ifdef CONFIG_X86_INTEL_MEMORY_PROTECTION_KEYS
	assert_hex(_PAGE_PKEY_MASK, 0x7800000000000000UL);
#else
	assert_hex(_PAGE_PKEY_MASK, 0);
#endif
	assert_hex(_PAGE_DIRTY_BITS, D | SD);
	assert_hex(PTE_PFN_MASK, PFNMASK);
	assert_hex(PHYSICAL_PAGE_MASK, PFNMASK);
	assert_hex(PHYSICAL_PMD_PAGE_MASK, PMDPFNMASK);
	assert_hex(PTE_FLAGS_MASK, ~PFNMASK);
	assert_int_equal(sizeof(pte_t), 8);
	assert_int_equal(sizeof(pmd_t), 8);
	assert_int_equal(sizeof(pgprot_t), 8);
}

static void test_chg_masks(void **state)
{
	/* PFN|PCD|PWT|SPECIAL|A|D|SAVED_DIRTY|SOFT_DIRTY|DEVMAP|UFFD_WP + PAT */
	uint64_t common = PFNMASK | PCD | PWT | SPEC | A | D | SD | SOFTD |
			  DEVMAP | UWP;

	assert_hex(_PAGE_CHG_MASK, common | PSE);
	assert_hex(_PAGE_CHG_MASK, 0x060ffffffffffef8UL);
	/* the huge one adds PSE and PAT_LARGE: the same bit values on x86 */
	assert_hex(_HPAGE_CHG_MASK, common | PSE | PATL);
	/* P, RW, USER, GLOBAL/PROTNONE, NX, PKEY come from the new prot */
	assert_hex(_PAGE_CHG_MASK & (P | RW | U | G | NX), 0);
	assert_hex(_PAGE_CHG_MASK & 0x7800000000000000UL, 0);
}

static void test_protections(void **state)
{
	assert_hex(pgprot_val(PAGE_NONE), A | G);
	assert_hex(pgprot_val(PAGE_SHARED), P | RW | U | A | NX);
	assert_hex(pgprot_val(PAGE_SHARED_EXEC), P | RW | U | A);
	assert_hex(pgprot_val(PAGE_COPY), P | U | A | NX);
	assert_hex(pgprot_val(PAGE_COPY_NOEXEC), P | U | A | NX);
	assert_hex(pgprot_val(PAGE_COPY_EXEC), P | U | A);
	assert_hex(pgprot_val(PAGE_READONLY), P | U | A | NX);
	assert_hex(pgprot_val(PAGE_READONLY_EXEC), P | U | A);
	assert_hex(pgprot_val(PAGE_KERNEL), P | RW | A | NX | D | G);
	assert_hex(_PAGE_TABLE, P | RW | U | A | D);
	assert_hex(_KERNPG_TABLE, P | RW | A | D);
}

/* the spec's worked example, raw bits at each step */
static void test_worked_example(void **state)
{
	pte_t e0 = __pte(P | RW | U | A | D | NX | PA);
	pte_t hint, back, w;

	assert_hex(pte_val(e0), 0x8000000012345067UL);
	assert_hex(pte_val(pfn_pte(PFN, __pgprot(P | RW | U | A | D | NX))),
		   pte_val(e0));

	hint = pte_modify(e0, PAGE_NONE);
	assert_hex(pte_val(hint), G | A | SD | (~PA & PFNMASK));
	assert_hex(pte_val(hint), 0x040fffffedcba120UL);
	assert_true(pte_protnone(hint));
	assert_true(pte_present(hint));
	assert_false(pte_write(hint));
	assert_true(pte_dirty(hint));
	assert_int_equal(pte_pfn(hint), PFN);

	back = pte_modify(hint, PAGE_COPY);
	assert_hex(pte_val(back), P | U | A | NX | SD | PA);
	assert_hex(pte_val(back), 0x8400000012345025UL);
	assert_false(pte_protnone(back));
	assert_false(pte_write(back));
	assert_true(pte_dirty(back));

	w = pte_mkwrite(back, &plain_vma);
	assert_hex(pte_val(w), P | RW | U | A | D | NX | PA);
	assert_true(pte_same(w, e0));
}

static void test_present_protnone_swap(void **state)
{
	pte_t present = __pte(P | U | A | PA);
	pte_t protnone = pfn_pte(PFN, PAGE_NONE);
	/* swap/migration-like: P=0 and bit 8 = 0, other bits set */
	pte_t swp = __pte(0x7fffffffffff0e00UL & ~(P | G));
	pte_t soft = __pte(SOFTD);

	assert_true(pte_present(present));
	assert_false(pte_protnone(present));
	assert_true(pte_present(protnone));
	assert_true(pte_protnone(protnone));
	assert_false(pte_present(swp));
	assert_false(pte_protnone(swp));
	assert_false(pte_none(swp));
	assert_false(pte_present(soft));
	assert_false(pte_protnone(soft));
	/* P=1 with G=1 is a present global entry, not protnone */
	assert_false(pte_protnone(__pte(P | G | PA)));
	assert_true(pte_present(__pte(P | G | PA)));
}

static void test_pte_none_ignores_ad(void **state)
{
	/* _PAGE_KNL_ERRATUM_MASK: stray A/D alone still reads as none */
	assert_true(pte_none(__pte(0)));
	assert_true(pte_none(__pte(A)));
	assert_true(pte_none(__pte(D)));
	assert_true(pte_none(__pte(A | D)));
	assert_false(pte_none(__pte(P)));
	assert_false(pte_none(__pte(G)));
	assert_false(pte_none(__pte(SD)));
	assert_true(pmd_none(__pmd(A | D)));
	assert_false(pmd_none(__pmd(PSE)));
}

static void test_pte_same_all_bits(void **state)
{
	pte_t e = __pte(P | RW | U | A | D | PA);
	int bit;

	assert_true(pte_same(e, __pte(pte_val(e))));
	assert_false(pte_same(e, pte_mkold(e)));
	assert_false(pte_same(pte_mkold(e), e));
	assert_false(pte_same(e, pte_mkclean(e)));
	for (bit = 0; bit < 64; bit++)
		assert_false(pte_same(e, __pte(pte_val(e) ^ (1UL << bit))));
	assert_true(pmd_same(__pmd(PSE | P), __pmd(PSE | P)));
	assert_false(pmd_same(__pmd(PSE | P), __pmd(PSE | P | A)));
}

static void test_pfn_round_trip_and_inversion(void **state)
{
	unsigned long pfns[] = { 0, 1, PFN, 0xffffffffffUL };
	unsigned int i;

	for (i = 0; i < sizeof(pfns) / sizeof(pfns[0]); i++) {
		unsigned long pfn = pfns[i];
		pte_t pres = pfn_pte(pfn, PAGE_SHARED);
		pte_t pn = pfn_pte(pfn, PAGE_NONE);
		pte_t np = pfn_pte(pfn, __pgprot(SOFTD));	/* P=0, non-zero */

		assert_int_equal(pte_pfn(pres), pfn);
		assert_int_equal(pte_pfn(pn), pfn);
		assert_int_equal(pte_pfn(np), pfn);
		/* raw: present stores the PFN, non-present its complement */
		assert_hex(pte_val(pres) & PFNMASK, pfn << 12);
		assert_hex(pte_val(pn) & PFNMASK, ~(pfn << 12) & PFNMASK);
		assert_hex(pte_val(np) & PFNMASK, ~(pfn << 12) & PFNMASK);
		assert_hex(pte_val(pn) & ~PFNMASK, A | G);
	}
	/* pfn 0 with PAGE_NONE: the PFN field is all ones */
	assert_hex(pte_val(pfn_pte(0, PAGE_NONE)), PFNMASK | A | G);
	/* a hand-made non-present entry: the field is read back inverted */
	assert_int_equal(pte_pfn(__pte(G | (~PA & PFNMASK))), PFN);
	assert_int_equal(pte_pfn(__pte(G | PA)), ~PFN & (PFNMASK >> 12));
	/* the zero entry is never inverted */
	assert_int_equal(pte_pfn(__pte(0)), 0);
	assert_false(__pte_needs_invert(0));
	assert_true(__pte_needs_invert(A));
	assert_false(__pte_needs_invert(P | G));
	assert_hex(protnone_mask(G), ~0UL);
	assert_hex(protnone_mask(P), 0);
}

static void test_flip_protnone_guard(void **state)
{
	uint64_t m = PFNMASK;

	/* present -> present and non-present -> non-present: untouched */
	assert_hex(flip_protnone_guard(P | PA, P | RW | PA, m), P | RW | PA);
	assert_hex(flip_protnone_guard(G | PA, G | A | PA, m), G | A | PA);
	/* crossing either way flips the PFN field only */
	assert_hex(flip_protnone_guard(P | PA, G | PA, m), G | (~PA & m));
	assert_hex(flip_protnone_guard(G | PA, P | PA, m), P | (~PA & m));
	/* protnone -> protnone via pte_modify keeps the inverted PFN */
	{
		pte_t h = pte_modify(__pte(P | U | A | PA), PAGE_NONE);
		pte_t h2 = pte_modify(h, PAGE_NONE);

		assert_true(pte_same(h, h2));
		assert_int_equal(pte_pfn(h2), PFN);
	}
}

static void test_advance_pfn(void **state)
{
	pte_t pres = pfn_pte(PFN, PAGE_COPY);
	pte_t pn = pfn_pte(PFN, PAGE_NONE);

	assert_int_equal(pte_pfn(pte_advance_pfn(pres, 3)), PFN + 3);
	assert_int_equal(pte_pfn(pte_advance_pfn(pn, 3)), PFN + 3);
	assert_hex(pte_val(pte_advance_pfn(pn, 1)) & ~PFNMASK, A | G);
}

static void test_dirty_saved_dirty(void **state)
{
	pte_t e = __pte(P | RW | U | A | D | PA);
	pte_t ro = pte_wrprotect(e);

	/* wrprotect: RW cleared, D moved to SAVED_DIRTY */
	assert_hex(pte_val(ro), P | U | A | SD | PA);
	assert_true(pte_dirty(ro));
	assert_false(pte_write(ro));
	/* a clean entry gains nothing */
	assert_hex(pte_val(pte_wrprotect(__pte(P | RW | PA))), P | PA);
	/* pte_dirty: either bit */
	assert_true(pte_dirty(__pte(P | SD | PA)));
	assert_true(pte_dirty(__pte(P | RW | D | PA)));
	assert_false(pte_dirty(__pte(P | RW | SOFTD | PA)));
	/* mkclean clears both */
	assert_hex(pte_val(pte_mkclean(__pte(P | D | SD | PA))), P | PA);
	/* mkdirty on read-only lands in SAVED_DIRTY (+ soft-dirty) */
	assert_hex(pte_val(pte_mkdirty(__pte(P | U | PA))),
		   P | U | SD | SOFTD | PA);
	assert_hex(pte_val(pte_mkdirty(__pte(P | RW | PA))),
		   P | RW | D | SOFTD | PA);
	/* mkwrite_novma sets RW only; pte_mkwrite also moves SD -> D */
	assert_hex(pte_val(pte_mkwrite_novma(ro)), P | RW | U | A | SD | PA);
	assert_hex(pte_val(pte_mkwrite(ro, &plain_vma)),
		   P | RW | U | A | D | PA);
	/* PMD versions */
	assert_hex(pmd_val(pmd_wrprotect(__pmd(P | RW | D | PSE | HPA))),
		   P | SD | PSE | HPA);
	assert_true(pmd_dirty(__pmd(P | SD | PSE | HPA)));
	assert_hex(pmd_val(pmd_mkdirty(__pmd(P | PSE | HPA))),
		   P | SD | SOFTD | PSE | HPA);
	assert_hex(pmd_val(pmd_mkclean(__pmd(P | D | SD | PSE | HPA))),
		   P | PSE | HPA);
}

static void test_shadow_stack(void **state)
{
	pte_t ss = __pte(P | U | A | D | PA);	/* W=0, D=1 */

	assert_true(kshim_cpu_has_shstk());
	assert_true(pte_shstk(ss));
	assert_true(pte_write(ss));
	assert_false(pte_shstk(__pte(P | RW | D | PA)));
	assert_true(pte_write(__pte(P | RW | D | PA)));
	assert_false(pte_write(__pte(P | U | A | SD | PA)));
	/* PMD: shadow stack needs PSE too */
	assert_true(pmd_write(__pmd(P | D | PSE | HPA)));
	assert_false(pmd_write(__pmd(P | D | HPA)));
	/* VM_SHADOW_STACK: mkwrite clears RW and sets D */
	assert_hex(VM_SHADOW_STACK, 1UL << 37);
	assert_hex(pte_val(pte_mkwrite(__pte(P | U | A | SD | PA), &shstk_vma)),
		   P | U | A | D | SD | PA);
	assert_hex(pte_val(pte_mkwrite(__pte(P | RW | U | PA), &shstk_vma)),
		   P | U | D | PA);
	assert_hex(pmd_val(pmd_mkwrite(__pmd(P | RW | PSE | HPA), &shstk_vma)),
		   P | D | PSE | HPA);
	assert_hex(pmd_val(pmd_mkwrite(__pmd(P | SD | PSE | HPA), &plain_vma)),
		   P | RW | D | PSE | HPA);
}

static void test_pte_modify_rules(void **state)
{
	uint64_t keep = PCD | PWT | SPEC | A | SOFTD | DEVMAP | UWP | PSE;
	pte_t e = __pte(P | RW | keep | PA);
	pte_t r;

	/* keep-mask bits survive; P/RW/U/G/NX come from the prot */
	r = pte_modify(e, PAGE_READONLY_EXEC);
	assert_hex(pte_val(r), P | U | keep | PA);
	r = pte_modify(e, PAGE_SHARED);
	assert_hex(pte_val(r), P | RW | U | NX | keep | PA);
	/* the prot's A (every user prot has it) does not set A */
	r = pte_modify(__pte(P | RW | U | PA), PAGE_COPY);
	assert_hex(pte_val(r), P | U | NX | PA);
	assert_false(pte_young(r));
	/* nor can a prot carry D in */
	r = pte_modify(__pte(P | U | PA), __pgprot(P | RW | U | D));
	assert_hex(pte_val(r), P | RW | U | PA);
	/* RW 1 -> 0: D moves to SAVED_DIRTY */
	r = pte_modify(__pte(P | RW | U | D | PA), PAGE_READONLY);
	assert_hex(pte_val(r), P | U | NX | SD | PA);
	/* RW 0 -> 1: SAVED_DIRTY moves to D */
	r = pte_modify(__pte(P | U | SD | PA), PAGE_SHARED);
	assert_hex(pte_val(r), P | RW | U | NX | D | PA);
	/* RW 0 -> 0: a W=0,D=1 (shadow stack) entry keeps D */
	r = pte_modify(__pte(P | U | D | PA), PAGE_READONLY);
	assert_hex(pte_val(r), P | U | NX | D | PA);
	/* RW 1 -> 1: a stale SAVED_DIRTY stays where it is */
	r = pte_modify(__pte(P | RW | U | SD | PA), PAGE_SHARED);
	assert_hex(pte_val(r), P | RW | U | NX | SD | PA);
	/* the PKEY and NX bits of the old entry are replaced */
	r = pte_modify(__pte(P | U | NX | (0xfUL << 59) | PA),
		       PAGE_READONLY_EXEC);
	assert_hex(pte_val(r), P | U | PA);
	/* pgprot_modify: keep-mask from old, the rest from new */
	assert_hex(pgprot_val(pgprot_modify(__pgprot(PCD | PWT | P | RW),
					    PAGE_READONLY)),
		   PCD | PWT | P | U | NX);
}

static void test_small_modifiers(void **state)
{
	pte_t e = __pte(P | U | PA);

	assert_true(pte_young(pte_mkyoung(e)));
	assert_hex(pte_val(pte_mkyoung(e)), P | U | A | PA);
	assert_hex(pte_val(pte_mkold(pte_mkyoung(e))), P | U | PA);
	assert_true(pte_special(pte_mkspecial(e)));
	assert_hex(pte_val(pte_mkspecial(e)), P | U | SPEC | PA);
	assert_true(pte_devmap(pte_mkdevmap(e)));
	assert_hex(pte_val(pte_mkdevmap(e)), P | U | SPEC | DEVMAP | PA);
	/* uffd-wp marking also write-protects (D -> SAVED_DIRTY) */
	assert_hex(pte_val(pte_mkuffd_wp(__pte(P | RW | D | PA))),
		   P | UWP | SD | PA);
	assert_true(pte_uffd_wp(pte_mkuffd_wp(e)));
	assert_false(pte_uffd_wp(pte_clear_uffd_wp(pte_mkuffd_wp(e))));
	assert_true(pte_soft_dirty(pte_mksoft_dirty(e)));
	assert_hex(pte_val(pte_mksoft_dirty(e)), P | U | SOFTD | PA);
	assert_false(pte_soft_dirty(pte_clear_soft_dirty(pte_mksoft_dirty(e))));
	assert_true(pte_exec(e));
	assert_false(pte_exec(__pte(P | NX | PA)));
	assert_true(pmd_young(pmd_mkyoung(__pmd(P | PSE | HPA))));
	assert_false(pmd_young(pmd_mkold(__pmd(P | A | PSE | HPA))));
	assert_true(pmd_uffd_wp(pmd_mkuffd_wp(__pmd(P | PSE | HPA))));
	assert_true(pmd_soft_dirty(pmd_mksoft_dirty(__pmd(P | PSE | HPA))));
	assert_true(pmd_special(pmd_mkspecial(__pmd(P | PSE | HPA))));
	assert_hex(pmd_val(pmd_mkhuge(__pmd(P | HPA))), P | PSE | HPA);
	assert_hex(pmd_val(pmd_mkwrite_novma(__pmd(P | SD | PSE | HPA))),
		   P | RW | SD | PSE | HPA);
}

static void test_pmd_present_leaf_trans_huge(void **state)
{
	pmd_t huge = pfn_pmd(HPFN, __pgprot(P | RW | U | A | D | NX | PSE));
	pmd_t table = __pmd(0x123456000UL | P | RW | U | A | D);

	assert_hex(pmd_val(huge), NX | HPA | PSE | D | A | U | RW | P);
	assert_int_equal(pmd_pfn(huge), HPFN);
	assert_true(pmd_present(huge));
	assert_true(pmd_leaf(huge));
	assert_true(pmd_trans_huge(huge));
	assert_false(pmd_devmap(huge));
	assert_false(pmd_trans_huge(pmd_mkdevmap(huge)));
	assert_true(pmd_devmap(pmd_mkdevmap(huge)));
	assert_true(pmd_leaf(pmd_mkdevmap(huge)));
	/* a page-table pointer */
	assert_true(pmd_present(table));
	assert_false(pmd_leaf(table));
	assert_false(pmd_trans_huge(table));
	assert_false(pmd_bad(table));
	assert_true(pmd_bad(huge));
	assert_int_equal(pmd_pfn(table), 0x123456UL);
	/* PSE alone: present */
	assert_true(pmd_present(__pmd(PSE)));
	/* swap/migration-like: P, PROTNONE and PSE all clear */
	assert_false(pmd_present(__pmd(0x7ffffffffff00e00UL & ~(P | G | PSE))));
	/* a huge PMD's PFN drops bits 12..20 (PAT_LARGE is a flag there) */
	assert_int_equal(pmd_pfn(__pmd(P | PSE | PATL | HPA)), HPFN);
	assert_hex(pmd_flags(__pmd(P | PSE | PATL | HPA)), P | PSE | PATL);
	assert_hex(pmd_flags(__pmd(P | PATL)), P);
}

static void test_pmd_mkinvalid(void **state)
{
	pmd_t huge = __pmd(P | RW | U | A | D | NX | PSE | HPA);
	pmd_t inv = pmd_mkinvalid(huge);

	assert_hex(pmd_val(inv), NX | PSE | D | A | U | RW |
				 (~HPA & PMDPFNMASK));
	assert_true(pmd_present(inv));
	assert_false(pmd_protnone(inv));
	assert_true(pmd_trans_huge(inv));
	assert_int_equal(pmd_pfn(inv), HPFN);
	assert_false(pmd_same(inv, huge));
	/* also clears PROTNONE of a hint PMD */
	inv = pmd_mkinvalid(pmd_modify(huge, PAGE_NONE));
	assert_false(pmd_val(inv) & (P | G));
	assert_true(pmd_val(inv) & PSE);
	assert_int_equal(pmd_pfn(inv), HPFN);
}

static void test_pmd_modify(void **state)
{
	pmd_t huge = __pmd(P | RW | U | A | D | NX | PSE | PATL | HPA);
	pmd_t hint = pmd_modify(huge, PAGE_NONE);
	pmd_t back, w;

	/* PSE and PAT_LARGE kept; PFN inverted in the 2 MiB field only */
	assert_hex(pmd_val(hint), SD | PSE | PATL | G | A | (~HPA & PMDPFNMASK));
	assert_true(pmd_protnone(hint));
	assert_true(pmd_present(hint));
	assert_true(pmd_trans_huge(hint));
	assert_false(pmd_write(hint));
	assert_true(pmd_dirty(hint));
	assert_int_equal(pmd_pfn(hint), HPFN);

	back = pmd_modify(hint, PAGE_COPY);
	assert_hex(pmd_val(back), P | U | A | NX | SD | PSE | PATL | HPA);
	w = pmd_mkwrite(back, &plain_vma);
	assert_true(pmd_same(w, huge));
	assert_true(pmd_young(pmd_mkyoung(back)));
}

static void test_pte_needs_flush(void **state)
{
	pte_t e = __pte(P | RW | U | A | D | NX | PA);
	pte_t ro = __pte(P | U | A | NX | PA);
	pte_t hint = pte_modify(e, PAGE_NONE);
	pte_t swp = __pte(0x0000000123456e00UL);

	/* non-present old: never */
	assert_false(pte_needs_flush(hint, e));
	assert_false(pte_needs_flush(swp, e));
	assert_false(pte_needs_flush(__pte(0), e));
	/* present -> protnone: P (and RW, D, ...) cleared */
	assert_true(pte_needs_flush(e, hint));
	assert_true(pte_needs_flush(ro, pte_modify(ro, PAGE_NONE)));
	/* only A changed: ignored for PTEs */
	assert_false(pte_needs_flush(e, pte_mkold(e)));
	assert_false(pte_needs_flush(pte_mkold(e), e));
	/* RW added: a flush-on-change bit, so yes in 6.12 */
	assert_true(pte_needs_flush(ro, pte_mkwrite_novma(ro)));
	/* RW removed */
	assert_true(pte_needs_flush(e, pte_wrprotect(e)));
	/* D cleared: yes; D set: no */
	assert_true(pte_needs_flush(e, pte_mkclean(e)));
	assert_false(pte_needs_flush(pte_clear_flags(e, D), e));
	/* PFN change */
	assert_true(pte_needs_flush(e, __pte(pte_val(e) + (1UL << 12))));
	/* NX, USER, G, PCD changes */
	assert_true(pte_needs_flush(e, pte_mkexec(e)));
	assert_true(pte_needs_flush(pte_mkexec(e), e));
	assert_true(pte_needs_flush(e, pte_clear_flags(e, U)));
	assert_true(pte_needs_flush(e, pte_mkglobal(e)));
	assert_true(pte_needs_flush(e, pte_set_flags(e, PCD)));
	/* software bits: SAVED_DIRTY, SPECIAL, UFFD_WP, SOFT_DIRTY, DEVMAP */
	assert_false(pte_needs_flush(e, pte_set_flags(e, SD)));
	assert_false(pte_needs_flush(e, pte_mkspecial(e)));
	assert_false(pte_needs_flush(e, pte_set_flags(e, UWP)));
	assert_false(pte_needs_flush(e, pte_mksoft_dirty(e)));
	assert_false(pte_needs_flush(e, pte_set_flags(e, DEVMAP)));
	/* unchanged */
	assert_false(pte_needs_flush(e, e));
	/* the NUMA rebuild: hint -> accessible again, old is non-present */
	assert_false(pte_needs_flush(hint, pte_modify(hint, PAGE_COPY)));
}

static void test_huge_pmd_needs_flush(void **state)
{
	pmd_t h = __pmd(P | RW | U | A | D | NX | PSE | HPA);

	/* A cleared counts for huge PMDs, not for PTEs */
	assert_true(huge_pmd_needs_flush(h, pmd_mkold(h)));
	assert_false(pte_needs_flush(__pte(pmd_val(h)),
				     __pte(pmd_val(pmd_mkold(h)))));
	/* A set does not */
	assert_false(huge_pmd_needs_flush(pmd_mkold(h), h));
	assert_true(huge_pmd_needs_flush(h, pmd_modify(h, PAGE_NONE)));
	assert_true(huge_pmd_needs_flush(h, pmd_wrprotect(h)));
	assert_true(huge_pmd_needs_flush(h, pmd_mkclean(h)));
	/* invalidated old (PSE only): not present */
	assert_false(huge_pmd_needs_flush(pmd_mkinvalid(h), h));
	assert_false(huge_pmd_needs_flush(h, h));
	assert_true(huge_pmd_needs_flush(h, __pmd(pmd_val(h) + (1UL << 21))));
}

static void test_pte_accessible(void **state)
{
	struct mm_struct idle = { .tlb_flush_pending = 0 };
	struct mm_struct flushing = { .tlb_flush_pending = 2 };
	pte_t e = __pte(P | U | A | PA);
	pte_t hint = pte_modify(e, PAGE_NONE);
	pte_t swp = __pte(0x0000000123456e00UL);

	assert_true(pte_accessible(&idle, e));
	assert_true(pte_accessible(&flushing, e));
	assert_false(pte_accessible(&idle, hint));
	assert_true(pte_accessible(&flushing, hint));
	assert_false(pte_accessible(&idle, swp));
	assert_false(pte_accessible(&flushing, swp));
	assert_false(pte_accessible(&flushing, __pte(0)));
}

static void test_vm_flags(void **state)
{
	assert_hex(VM_NONE, 0);
	assert_hex(VM_READ, 0x1);
	assert_hex(VM_WRITE, 0x2);
	assert_hex(VM_EXEC, 0x4);
	assert_hex(VM_SHARED, 0x8);
	assert_hex(VM_MAYREAD, 0x10);
	assert_hex(VM_MAYWRITE, 0x20);
	assert_hex(VM_MAYEXEC, 0x40);
	assert_hex(VM_MAYSHARE, 0x80);
	assert_hex(VM_GROWSDOWN, 0x100);
	assert_hex(VM_UFFD_MISSING, 0x200);
	assert_hex(VM_PFNMAP, 0x400);
	assert_hex(VM_UFFD_WP, 0x1000);
	assert_hex(VM_LOCKED, 0x2000);
	assert_hex(VM_IO, 0x4000);
	assert_hex(VM_SEQ_READ, 0x8000);
	assert_hex(VM_RAND_READ, 0x10000);
	assert_hex(VM_DONTCOPY, 0x20000);
	assert_hex(VM_DONTEXPAND, 0x40000);
	assert_hex(VM_LOCKONFAULT, 0x80000);
	assert_hex(VM_ACCOUNT, 0x100000);
	assert_hex(VM_NORESERVE, 0x200000);
	assert_hex(VM_HUGETLB, 0x400000);
	assert_hex(VM_SYNC, 0x800000);
	assert_hex(VM_ARCH_1, 0x1000000);
	assert_hex(VM_PAT, 0x1000000);
	assert_hex(VM_WIPEONFORK, 0x2000000);
	assert_hex(VM_DONTDUMP, 0x4000000);
	assert_hex(VM_SOFTDIRTY, 0x8000000);	/* CONFIG_MEM_SOFT_DIRTY */
	assert_hex(VM_MIXEDMAP, 0x10000000);
	assert_hex(VM_HUGEPAGE, 0x20000000);
	assert_hex(VM_NOHUGEPAGE, 0x40000000);
	assert_hex(VM_MERGEABLE, 0x80000000UL);
	assert_hex(VM_HIGH_ARCH_5, 1UL << 37);
	assert_hex(VM_UFFD_MINOR, 1UL << 38);	/* X86_64 && USERFAULTFD */
	assert_hex(VM_ALLOW_ANY_UNCACHED, 1UL << 39);
	assert_hex(VM_DROPPABLE, 1UL << 40);
	assert_hex(VM_SEALED, 1UL << 63);
	assert_hex(VM_ACCESS_FLAGS, 0x7);
	/* mprotect's VM_MAYx >> 4 == VM_x */
	assert_hex(VM_MAYREAD >> 4, VM_READ);
	assert_hex(VM_MAYSHARE >> 4, VM_SHARED);
}

static void test_vm_get_page_prot(void **state)
{
	/* arch/x86/mm/pgprot.c protection_map, by R|W|X|SHARED index */
	static const uint64_t want[16] = {
		[0x0] = A | G,			/* PAGE_NONE */
		[0x1] = P | U | A | NX,		/* READONLY */
		[0x2] = P | U | A | NX,		/* COPY */
		[0x3] = P | U | A | NX,		/* COPY */
		[0x4] = P | U | A,		/* READONLY_EXEC */
		[0x5] = P | U | A,		/* READONLY_EXEC */
		[0x6] = P | U | A,		/* COPY_EXEC */
		[0x7] = P | U | A,		/* COPY_EXEC */
		[0x8] = A | G,			/* PAGE_NONE */
		[0x9] = P | U | A | NX,		/* READONLY */
		[0xa] = P | RW | U | A | NX,	/* SHARED */
		[0xb] = P | RW | U | A | NX,	/* SHARED */
		[0xc] = P | U | A,		/* READONLY_EXEC */
		[0xd] = P | U | A,		/* READONLY_EXEC */
		[0xe] = P | RW | U | A,		/* SHARED_EXEC */
		[0xf] = P | RW | U | A,		/* SHARED_EXEC */
	};
	unsigned long i;

	for (i = 0; i < 16; i++) {
		assert_hex(pgprot_val(vm_get_page_prot(i)), want[i]);
		/* the MAY bits and other flags do not change the index */
		assert_hex(pgprot_val(vm_get_page_prot(i | VM_MAYREAD |
						       VM_MAYWRITE |
						       VM_MAYEXEC | VM_MAYSHARE |
						       VM_ACCOUNT |
						       VM_HUGEPAGE)),
			   want[i]);
	}
	/* the named cases of the spec */
	assert_hex(pgprot_val(vm_get_page_prot(VM_READ | VM_WRITE)),
		   pgprot_val(PAGE_COPY));
	assert_false(pgprot_val(vm_get_page_prot(VM_READ | VM_WRITE)) & RW);
	assert_hex(pgprot_val(vm_get_page_prot(VM_READ | VM_WRITE | VM_SHARED)),
		   pgprot_val(PAGE_SHARED));
	assert_hex(pgprot_val(vm_get_page_prot(VM_NONE)), pgprot_val(PAGE_NONE));
	assert_hex(pgprot_val(vm_get_page_prot(VM_SHARED)),
		   pgprot_val(PAGE_NONE));
#ifndef CONFIG_X86_INTEL_MEMORY_PROTECTION_KEYS
	/* without PKEYS the high arch bits add nothing */
	assert_hex(pgprot_val(vm_get_page_prot(VM_READ | (0xfUL << 32))),
		   P | U | A | NX);
#endif
	/* a hint on a private RW VMA goes back to COPY, not writable */
	{
		pte_t hint = pfn_pte(PFN, PAGE_NONE);
		pte_t r = pte_modify(hint, vm_get_page_prot(0x73));

		assert_hex(pte_val(r), P | U | A | NX | PA);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bit_numbers),
		cmocka_unit_test(test_chg_masks),
		cmocka_unit_test(test_protections),
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_present_protnone_swap),
		cmocka_unit_test(test_pte_none_ignores_ad),
		cmocka_unit_test(test_pte_same_all_bits),
		cmocka_unit_test(test_pfn_round_trip_and_inversion),
		cmocka_unit_test(test_flip_protnone_guard),
		cmocka_unit_test(test_advance_pfn),
		cmocka_unit_test(test_dirty_saved_dirty),
		cmocka_unit_test(test_shadow_stack),
		cmocka_unit_test(test_pte_modify_rules),
		cmocka_unit_test(test_small_modifiers),
		cmocka_unit_test(test_pmd_present_leaf_trans_huge),
		cmocka_unit_test(test_pmd_mkinvalid),
		cmocka_unit_test(test_pmd_modify),
		cmocka_unit_test(test_pte_needs_flush),
		cmocka_unit_test(test_huge_pmd_needs_flush),
		cmocka_unit_test(test_pte_accessible),
		cmocka_unit_test(test_vm_flags),
		cmocka_unit_test(test_vm_get_page_prot),
	};

	return cmocka_run_group_tests_name("x86.pte", tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * arm64 page-table entry encodings (kshim/include/asm/arm64_pgtable.h,
 * kshim/src/pgprot.c) against Linux 6.12's arch/arm64 headers and
 * mm/mmap.c: bit numbers, PAGE_NONE / present-invalid, pte_protnone(),
 * hardware vs software dirty (DBM + RDONLY vs PTE_DIRTY), pte_modify()'s
 * keep-mask, uffd-wp, PMD block entries and protection_map.  Expected
 * values are raw hex worked out by hand from the 6.12 headers, never
 * from the macros under test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <asm/arm64_pgtable.h>
#include <asm/kshim_arch.h>
#include <linux/vm_flags.h>
#include "mm_model/hw/mmu_arm64.h"

/* 6.12 values, by hand: _PAGE_DEFAULT = 0x703 (TYPE_PAGE|SH|AF) */
#define NONE_HEX 0x0060000000000f82ULL /* !VALID, nG, RDONLY, PXN, UXN */
#define RO_HEX 0x0060000000000fc3ULL /* + USER, VALID */
#define ROX_HEX 0x0020000000000fc3ULL /* RO without UXN */
#define SHARED_HEX 0x0068000000000fc3ULL /* RO + DBM(51) */
#define SHAREDX_HEX 0x0028000000000fc3ULL

static void test_bits(void **state)
{
	(void)state;
	assert_int_equal(ARM64_PTE_VALID, 0x1ULL);
	assert_int_equal(ARM64_PTE_USER, 0x40ULL);
	assert_int_equal(ARM64_PTE_RDONLY, 0x80ULL);
	assert_int_equal(ARM64_PTE_AF, 0x400ULL);
	assert_int_equal(ARM64_PTE_PRESENT_INVALID, 0x800ULL);
	assert_int_equal(ARM64_PTE_WRITE, 0x0008000000000000ULL);
	assert_int_equal(ARM64_PTE_PXN, 0x0020000000000000ULL);
	assert_int_equal(ARM64_PTE_UXN, 0x0040000000000000ULL);
	assert_int_equal(ARM64_PTE_DIRTY, 0x0080000000000000ULL);
	assert_int_equal(ARM64_PTE_SPECIAL, 0x0100000000000000ULL);
	assert_int_equal(ARM64_PTE_DEVMAP, 0x0200000000000000ULL);
	assert_int_equal(ARM64_PTE_UFFD_WP, 0x0400000000000000ULL);
	assert_int_equal(ARM64_PTE_SWBITS_MASK, 0x8780000000000000ULL);
	assert_int_equal(ARM64_PTE_ADDR_LOW, 0x0003fffffffff000ULL);
}

static void test_prots(void **state)
{
	(void)state;
	assert_int_equal(ARM64_PAGE_NONE, NONE_HEX);
	assert_int_equal(ARM64_PAGE_READONLY, RO_HEX);
	assert_int_equal(ARM64_PAGE_READONLY_EXEC, ROX_HEX);
	assert_int_equal(ARM64_PAGE_SHARED, SHARED_HEX);
	assert_int_equal(ARM64_PAGE_SHARED_EXEC, SHAREDX_HEX);
	/* mm/mmap.c: private writes never map writable */
	assert_int_equal(arm64_vm_get_page_prot(VM_NONE), NONE_HEX);
	assert_int_equal(arm64_vm_get_page_prot(VM_READ | VM_WRITE), RO_HEX);
	assert_int_equal(arm64_vm_get_page_prot(VM_EXEC), ROX_HEX);
	assert_int_equal(arm64_vm_get_page_prot(VM_SHARED | VM_WRITE),
			 SHARED_HEX);
	assert_int_equal(arm64_vm_get_page_prot(VM_SHARED | VM_READ | VM_WRITE |
						VM_EXEC),
			 SHAREDX_HEX);
	assert_int_equal(arm64_vm_get_page_prot(VM_SHARED), NONE_HEX);
	/* the default arch is x86-64 */
	assert_int_equal(kshim_arch, KSHIM_ARCH_X86_64);
}

static void test_present_protnone(void **state)
{
	u64 none = arm64_pfn_pte(0x1234, NONE_HEX);

	(void)state;
	assert_int_equal(none, 0x0060000001234f82ULL);
	assert_int_equal(arm64_pte_pfn(none), 0x1234);
	assert_true(arm64_pte_present(none));
	assert_false(arm64_pte_valid(none));
	assert_true(arm64_pte_protnone(none));
	assert_false(arm64_pte_present(0));
	/* a swap-ish entry (no VALID, no nG) is not present */
	assert_false(arm64_pte_present(0x0000000001234004ULL));
	/* present and valid: not protnone */
	assert_false(arm64_pte_protnone(RO_HEX));
	/* present-invalid but user-accessible (pte_mkinvalid): not protnone */
	assert_int_equal(arm64_pte_mkinvalid(RO_HEX), 0x0060000000000fc2ULL);
	assert_true(arm64_pte_present(arm64_pte_mkinvalid(RO_HEX)));
	assert_false(arm64_pte_protnone(arm64_pte_mkinvalid(RO_HEX)));
	/* protnone -> readable via pte_modify */
	assert_int_equal(arm64_pte_modify(none, RO_HEX), 0x0060000001234fc3ULL);
}

static void test_dirty(void **state)
{
	u64 w = SHARED_HEX; /* DBM set, RDONLY set: writable-clean */

	(void)state;
	assert_true(arm64_pte_write(w));
	assert_false(arm64_pte_dirty(w));
	/* hardware dirty: the MMU clears RDONLY on write when DBM is set */
	assert_true(arm64_pte_dirty(w & ~0x80ULL));
	assert_true(arm64_pte_hw_dirty(w & ~0x80ULL));
	assert_false(arm64_pte_sw_dirty(w & ~0x80ULL));
	/* pte_mkdirty: sets bit 55 and, writable, clears RDONLY */
	assert_int_equal(arm64_pte_mkdirty(w), 0x00e8000000000f43ULL);
	/* pte_wrprotect moves hw dirty into PTE_DIRTY (bit 55) */
	assert_int_equal(arm64_pte_wrprotect(w & ~0x80ULL),
			 0x00e0000000000fc3ULL);
	assert_true(arm64_pte_dirty(arm64_pte_wrprotect(w & ~0x80ULL)));
	/* pte_mkclean: clears 55 and sets RDONLY */
	assert_int_equal(arm64_pte_mkclean(0x00e8000000000f43ULL), SHARED_HEX);
	/* pte_mkwrite_novma on a sw-dirty read-only entry: hw-dirty */
	assert_int_equal(arm64_pte_mkwrite_novma(0x00e0000000000fc3ULL),
			 0x00e8000000000f43ULL);
	/* pte_modify keeps dirtiness across a write-protect */
	assert_true(arm64_pte_dirty(arm64_pte_modify(w & ~0x80ULL, RO_HEX)));
	assert_int_equal(arm64_pte_modify(w & ~0x80ULL, RO_HEX),
			 0x00e0000000000fc3ULL);
	/* ... and a sw-dirty entry made writable again is hw-dirty */
	assert_int_equal(arm64_pte_modify(0x00e0000000000fc3ULL, SHARED_HEX),
			 0x00e8000000000f43ULL);
}

static void test_young_sw_bits(void **state)
{
	(void)state;
	assert_int_equal(arm64_pte_mkold(RO_HEX), 0x0060000000000bc3ULL);
	assert_false(arm64_pte_young(arm64_pte_mkold(RO_HEX)));
	assert_true(
		arm64_pte_young(arm64_pte_mkyoung(arm64_pte_mkold(RO_HEX))));
	assert_int_equal(arm64_pte_mkspecial(RO_HEX), 0x0160000000000fc3ULL);
	assert_int_equal(arm64_pte_mkdevmap(RO_HEX), 0x0360000000000fc3ULL);
	assert_true(arm64_pte_special(arm64_pte_mkdevmap(RO_HEX)));
	/* uffd-wp sets bit 58 and write-protects */
	assert_int_equal(arm64_pte_mkuffd_wp(SHARED_HEX),
			 0x0460000000000fc3ULL);
	assert_true(arm64_pte_uffd_wp(arm64_pte_mkuffd_wp(SHARED_HEX)));
	assert_false(arm64_pte_write(arm64_pte_mkuffd_wp(SHARED_HEX)));
	assert_int_equal(arm64_pte_clear_uffd_wp(0x0460000000000fc3ULL),
			 RO_HEX);
	/* no soft-dirty on arm64 6.12, whatever the bits */
	assert_false(arm64_pte_soft_dirty(~0ULL));
	/* pte_modify keeps the software bits 55..58 */
	assert_int_equal(arm64_pte_modify(0x07e0000000000fc3ULL, NONE_HEX),
			 0x07e0000000000f82ULL);
}

static void test_pmd(void **state)
{
	u64 table = 0x0000000004567003ULL;
	u64 block = arm64_pmd_mkhuge(arm64_pfn_pte(0x200, RO_HEX));

	(void)state;
	assert_int_equal(block, 0x0060000000200fc1ULL);
	assert_false(arm64_pmd_trans_huge(table));
	assert_true(arm64_pmd_leaf(block));
	assert_true(arm64_pmd_trans_huge(block));
	/* a PROT_NONE block: present-invalid, still huge, protnone */
	u64 nblock = arm64_pte_modify(block, NONE_HEX);
	assert_int_equal(nblock, 0x0060000000200f80ULL);
	assert_true(arm64_pmd_trans_huge(nblock));
	assert_true(arm64_pmd_protnone(nblock));
	assert_false(arm64_pmd_trans_huge(0));
}

/* mm_model/hw/mmu_arm64.h: HA/HD hardware updates and faults */
static void test_hw_access(void **state)
{
	u64 v = arm64_pte_mkold(SHARED_HEX);
	u64 ro = RO_HEX;
	u64 none = NONE_HEX;

	(void)state;
	/* read: sets AF only */
	assert_int_equal(arm64_hw_access(&v, false), ARM64_HW_OK);
	assert_int_equal(v, SHARED_HEX);
	assert_false(arm64_pte_dirty(v));
	/* write with DBM: clears RDONLY, the entry becomes hw dirty */
	assert_int_equal(arm64_hw_access(&v, true), ARM64_HW_OK);
	assert_int_equal(v, 0x0068000000000f43ULL);
	assert_true(arm64_pte_hw_dirty(v));
	/* write to read-only (no DBM): permission fault, entry unchanged */
	assert_int_equal(arm64_hw_access(&ro, true), ARM64_HW_FAULT_PERMISSION);
	assert_int_equal(ro, RO_HEX);
	/* PAGE_NONE (present-invalid): translation fault on any access */
	assert_int_equal(arm64_hw_access(&none, false),
			 ARM64_HW_FAULT_TRANSLATION);
	assert_int_equal(none, NONE_HEX);
	/* a uffd-wp'd entry is write-protected (no DBM): write faults */
	v = arm64_pte_mkuffd_wp(SHARED_HEX);
	assert_int_equal(arm64_hw_access(&v, true), ARM64_HW_FAULT_PERMISSION);
}

/*
 * Evidence for tagged-pte on arm64 (docs/designs.md, "arm64"): its tag,
 * bit 55, is PTE_DIRTY there.  change_pte_range() builds a hint with
 * pte_modify(oldpte, PAGE_NONE | tag): arm64's pte_modify() takes only
 * its keep-mask from newprot, so the tag never lands on a clean page,
 * while a dirty page's hint carries bit 55 without any tag.
 */
static void test_bit55_is_dirty(void **state)
{
	const u64 tag = 1ULL << 55;
	u64 clean = arm64_pfn_pte(0x42, SHARED_HEX);
	u64 dirty = clean & ~0x80ULL; /* hw dirty after a write */

	(void)state;
	assert_false(arm64_pte_modify(clean, NONE_HEX | tag) & tag);
	assert_true(arm64_pte_modify(dirty, NONE_HEX) & tag);
	assert_true(arm64_pte_protnone(arm64_pte_modify(dirty, NONE_HEX)));
	/* clearing the "tag" on restore drops the page's dirtiness */
	assert_false(arm64_pte_dirty(arm64_pte_modify(dirty, NONE_HEX) & ~tag));
	/* bit 63, the one 6.12 software bit nobody uses, survives pte_modify */
	assert_true(arm64_pte_modify(clean | (1ULL << 63), NONE_HEX) &
		    (1ULL << 63));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bits),
		cmocka_unit_test(test_prots),
		cmocka_unit_test(test_present_protnone),
		cmocka_unit_test(test_dirty),
		cmocka_unit_test(test_young_sw_bits),
		cmocka_unit_test(test_pmd),
		cmocka_unit_test(test_hw_access),
		cmocka_unit_test(test_bit55_is_dirty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

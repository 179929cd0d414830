// SPDX-License-Identifier: GPL-2.0-only
/*
 * The config- and CPU-dependent side of the x86-64 entry helpers, built
 * against the no-numa-balancing kconfig (kshim_no_numa_balancing):
 *  - without CONFIG_NUMA_BALANCING, pte_protnone()/pmd_protnone() are
 *    the include/linux/pgtable.h stubs returning 0, while the encoding
 *    itself (pte_present, PFN inversion, pte_modify) is unchanged;
 *  - without CONFIG_X86_USER_SHADOW_STACK, VM_SHADOW_STACK is VM_NONE, so
 *    pte_mkwrite() never takes the shadow-stack branch;
 *  - on a CPU without X86_FEATURE_SHSTK (KSHIM_X86_FEATURE_SHSTK 0), a
 *    Write=0,Dirty=1 entry is not writable.
 * See test_x86_pte.c for KSHIM_TEST_FAKE_VMA.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define KSHIM_X86_FEATURE_SHSTK 0

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

#ifdef CONFIG_NUMA_BALANCING
#error "test_x86_pte_nonuma.c must be built without CONFIG_NUMA_BALANCING"
#endif
#ifdef CONFIG_X86_USER_SHADOW_STACK
#error "test_x86_pte_nonuma.c expects CONFIG_X86_USER_SHADOW_STACK unset"
#endif

#define P 0x1UL
#define RW 0x2UL
#define U 0x4UL
#define A 0x20UL
#define D 0x40UL
#define PSE 0x80UL
#define G 0x100UL
#define SD (1UL << 58)
#define NX (1UL << 63)
#define PFNMASK 0x000ffffffffff000UL
#define PA (0x12345UL << 12)
#define HPA (0x40200UL << 12)

#define assert_hex(a, b) assert_int_equal((uint64_t)(a), (uint64_t)(b))

static void test_protnone_stubs(void **state)
{
	pte_t hint = pfn_pte(0x12345, PAGE_NONE);
	pte_t hint2 = pte_modify(__pte(P | RW | U | A | D | NX | PA), PAGE_NONE);
	pmd_t hpmd = pmd_modify(__pmd(P | RW | U | A | PSE | HPA), PAGE_NONE);

	/* same encoding as with NUMA balancing ... */
	assert_hex(pte_val(hint), A | G | (~PA & PFNMASK));
	assert_hex(pte_val(hint2), A | G | SD | (~PA & PFNMASK));
	assert_true(pte_present(hint));
	assert_int_equal(pte_pfn(hint), 0x12345);
	assert_true(pmd_present(hpmd));
	/* ... but the predicates are the generic stubs */
	assert_int_equal(pte_protnone(hint), 0);
	assert_int_equal(pte_protnone(hint2), 0);
	assert_int_equal(pmd_protnone(hpmd), 0);
	assert_int_equal(pte_protnone(__pte(G)), 0);
	/* vm_get_page_prot does not depend on NUMA balancing */
	assert_hex(pgprot_val(vm_get_page_prot(0)), A | G);
	assert_hex(pgprot_val(vm_get_page_prot(0x3)), P | U | A | NX);
	assert_hex(pgprot_val(vm_get_page_prot(0xb)), P | RW | U | A | NX);
}

static void test_no_shadow_stack(void **state)
{
	/* a VMA with bit 37 set: VM_HIGH_ARCH_5, not VM_SHADOW_STACK here */
	struct vm_area_struct vma = { .vm_flags = 0x73 | (1UL << 37) };
	pte_t ss = __pte(P | U | A | D | PA);

	assert_hex(VM_SHADOW_STACK, 0);
	assert_false(kshim_cpu_has_shstk());
	assert_false(pte_shstk(ss));
	assert_false(pte_write(ss));
	assert_false(pmd_write(__pmd(P | D | PSE | HPA)));
	/* pte_mkwrite: the ordinary path (RW set, SAVED_DIRTY -> D) */
	assert_hex(pte_val(pte_mkwrite(__pte(P | U | A | SD | PA), &vma)),
		   P | RW | U | A | D | PA);
	assert_hex(pmd_val(pmd_mkwrite(__pmd(P | SD | PSE | HPA), &vma)),
		   P | RW | D | PSE | HPA);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_protnone_stubs),
		cmocka_unit_test(test_no_shadow_stack),
	};

	return cmocka_run_group_tests_name("x86.pte-nonuma", tests, NULL, NULL);
}

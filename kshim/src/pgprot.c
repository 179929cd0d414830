// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stand-in for arch/x86/mm/pgprot.c (6.12): the protection map from the
 * low four vm_flags bits to a PTE protection, and vm_get_page_prot().
 * No memory encryption, so add_encrypt_protection_map() never runs and
 * the map is constant; every PTE bit is supported by the CPU model.
 */
#include <string.h>
#include <linux/types.h>
#include <asm/pgprot_map.h>
#include <asm/arm64_pgtable.h>
#include <asm/kshim_arch.h>

/* Mirrors arch/x86/mm/pgprot.c:protection_map[] */
static const pgprotval_t protection_map[16] = {
	/* private: a write permission never maps writable (COW) */
	[VM_NONE] = __KSHIM_X86_PAGE_NONE,
	[VM_READ] = __KSHIM_X86_PAGE_READONLY,
	[VM_WRITE] = __KSHIM_X86_PAGE_COPY_NOEXEC,
	[VM_READ | VM_WRITE] = __KSHIM_X86_PAGE_COPY_NOEXEC,
	[VM_EXEC] = __KSHIM_X86_PAGE_READONLY_EXEC,
	[VM_READ | VM_EXEC] = __KSHIM_X86_PAGE_READONLY_EXEC,
	[VM_WRITE | VM_EXEC] = __KSHIM_X86_PAGE_COPY_EXEC,
	[VM_READ | VM_WRITE | VM_EXEC] = __KSHIM_X86_PAGE_COPY_EXEC,
	/* shared: writable when VM_WRITE */
	[VM_SHARED] = __KSHIM_X86_PAGE_NONE,
	[VM_SHARED | VM_READ] = __KSHIM_X86_PAGE_READONLY,
	[VM_SHARED | VM_WRITE] = __KSHIM_X86_PAGE_SHARED,
	[VM_SHARED | VM_READ | VM_WRITE] = __KSHIM_X86_PAGE_SHARED,
	[VM_SHARED | VM_EXEC] = __KSHIM_X86_PAGE_READONLY_EXEC,
	[VM_SHARED | VM_READ | VM_EXEC] = __KSHIM_X86_PAGE_READONLY_EXEC,
	[VM_SHARED | VM_WRITE | VM_EXEC] = __KSHIM_X86_PAGE_SHARED_EXEC,
	[VM_SHARED | VM_READ | VM_WRITE | VM_EXEC] = __KSHIM_X86_PAGE_SHARED_EXEC,
};

/* Mirrors arch/x86/mm/pgprot.c:vm_get_page_prot() */
pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	pgprotval_t val;

	if (kshim_arch_arm64())
		return __pgprot(arm64_vm_get_page_prot(vm_flags));
	val = protection_map[vm_flags &
			     (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];

#ifdef CONFIG_X86_INTEL_MEMORY_PROTECTION_KEYS
	/* the VMA's protection key goes into PTE bits 59..62 */
	if (vm_flags & VM_PKEY_BIT0)
		val |= _PAGE_PKEY_BIT0;
	if (vm_flags & VM_PKEY_BIT1)
		val |= _PAGE_PKEY_BIT1;
	if (vm_flags & VM_PKEY_BIT2)
		val |= _PAGE_PKEY_BIT2;
	if (vm_flags & VM_PKEY_BIT3)
		val |= _PAGE_PKEY_BIT3;
#endif
	/* __sme_set() adds nothing (sme_me_mask 0); all bits supported */
	return __pgprot(val);
}

/* ---- arm64 (asm/arm64_pgtable.h) ---- */

enum kshim_arch kshim_arch = KSHIM_ARCH_X86_64;

/*
 * arch/x86/include/asm/pgtable_types.h (6.12, x86-64: _PAGE_BIT_SOFTW1..5,
 * 52-56 ignored by the MMU in 4-level tables) and arch/arm64/include/asm/
 * pgtable-prot.h (PTE_SWBITS_MASK: 55-58 and 63).  In each arch's order
 * of precedence when a tag holds several.
 */
const struct kshim_swbit_user kshim_swbit_users[] = {
	{ KSHIM_ARCH_X86_64, 10, "_PAGE_UFFD_WP",
	  "uffd-wp's write protection" },
	{ KSHIM_ARCH_X86_64, 11, "_PAGE_SOFT_DIRTY", "soft-dirty tracking's" },
	{ KSHIM_ARCH_X86_64, 9, "_PAGE_SPECIAL", NULL },
	{ KSHIM_ARCH_X86_64, 57, "_PAGE_DEVMAP", NULL },
	{ KSHIM_ARCH_X86_64, 58, "_PAGE_SAVED_DIRTY",
	  "a write-protected page's Dirty" },
	{ KSHIM_ARCH_X86_64, 52, NULL, NULL },
	{ KSHIM_ARCH_X86_64, 53, NULL, NULL },
	{ KSHIM_ARCH_X86_64, 54, NULL, NULL },
	{ KSHIM_ARCH_X86_64, 55, NULL, NULL },
	{ KSHIM_ARCH_X86_64, 56, NULL, NULL },
	{ KSHIM_ARCH_ARM64, 58, "PTE_UFFD_WP", "uffd-wp's write protection" },
	{ KSHIM_ARCH_ARM64, 55, "PTE_DIRTY",
	  "the software dirty bit of every dirty page" },
	{ KSHIM_ARCH_ARM64, 56, "PTE_SPECIAL", NULL },
	{ KSHIM_ARCH_ARM64, 57, "PTE_DEVMAP", NULL },
	{ KSHIM_ARCH_ARM64, 63, NULL, NULL },
};
const unsigned int kshim_nr_swbit_users =
	sizeof(kshim_swbit_users) / sizeof(kshim_swbit_users[0]);

const char *kshim_arch_name(enum kshim_arch arch)
{
	return arch == KSHIM_ARCH_ARM64 ? "arm64" : "x86_64";
}

int kshim_arch_parse(const char *name, enum kshim_arch *arch)
{
	if (!strcmp(name, "x86_64"))
		*arch = KSHIM_ARCH_X86_64;
	else if (!strcmp(name, "arm64"))
		*arch = KSHIM_ARCH_ARM64;
	else
		return -1;
	return 0;
}

/* Mirrors arch/arm64/mm/mmap.c:protection_map[] (no Enhanced PAN) */
const arm64_pteval_t arm64_protection_map[16] = {
	/* private: never writable (COW), like x86 */
	[VM_NONE] = ARM64_PAGE_NONE,
	[VM_READ] = ARM64_PAGE_READONLY,
	[VM_WRITE] = ARM64_PAGE_READONLY,
	[VM_READ | VM_WRITE] = ARM64_PAGE_READONLY,
	[VM_EXEC] = ARM64_PAGE_READONLY_EXEC,
	[VM_READ | VM_EXEC] = ARM64_PAGE_READONLY_EXEC,
	[VM_WRITE | VM_EXEC] = ARM64_PAGE_READONLY_EXEC,
	[VM_READ | VM_WRITE | VM_EXEC] = ARM64_PAGE_READONLY_EXEC,
	[VM_SHARED] = ARM64_PAGE_NONE,
	[VM_SHARED | VM_READ] = ARM64_PAGE_READONLY,
	[VM_SHARED | VM_WRITE] = ARM64_PAGE_SHARED,
	[VM_SHARED | VM_READ | VM_WRITE] = ARM64_PAGE_SHARED,
	[VM_SHARED | VM_EXEC] = ARM64_PAGE_READONLY_EXEC,
	[VM_SHARED | VM_READ | VM_EXEC] = ARM64_PAGE_READONLY_EXEC,
	[VM_SHARED | VM_WRITE | VM_EXEC] = ARM64_PAGE_SHARED_EXEC,
	[VM_SHARED | VM_READ | VM_WRITE | VM_EXEC] = ARM64_PAGE_SHARED_EXEC,
};

/* Mirrors arch/arm64/mm/mmap.c:vm_get_page_prot() (no MTE, BTI, POE) */
arm64_pteval_t arm64_vm_get_page_prot(unsigned long vm_flags)
{
	return arm64_protection_map[vm_flags &
				    (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];
}

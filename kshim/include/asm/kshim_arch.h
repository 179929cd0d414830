/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The page-table encoding a run models, chosen per run (issue #15
 * item 4, faultsim --arch).  KSHIM_ARCH_X86_64 is the default; the
 * accessors of asm/pgtable.h, linux/pgtable.h and linux/swapops.h, the
 * protection map and the MMU test kshim_arch_arm64() first and take
 * asm/arm64_pgtable.h's helpers when it holds, so the extracted kernel
 * code, compiled once, runs on either encoding.  The test is a load of
 * one global and a branch predicted not taken: x86-64's path is the
 * code it was, after one always-false test.  Set once per run, before
 * any page table exists (kshim_arch_set()).
 */
#ifndef _KSHIM_ASM_KSHIM_ARCH_H
#define _KSHIM_ASM_KSHIM_ARCH_H

enum kshim_arch {
	KSHIM_ARCH_X86_64 = 0,
	KSHIM_ARCH_ARM64,
};

extern enum kshim_arch kshim_arch;

static inline int kshim_arch_arm64(void)
{
	return __builtin_expect(kshim_arch == KSHIM_ARCH_ARM64, 0);
}

/*
 * The software bits of a present last-level entry and who sets them in
 * 6.12, per arch: one table (kshim/src/pgprot.c), which the bit_conflict
 * oracle names a tag's other user from and the matrix prints as the
 * tag-bit budget.  @user NULL: the bit's name says it.  Free bits (no
 * 6.12 user) are rows with @name NULL.
 */
struct kshim_swbit_user {
	enum kshim_arch arch;
	unsigned int bit;
	const char *name;	/* "_PAGE_UFFD_WP", "PTE_DIRTY"; NULL: free */
	const char *user;	/* "uffd-wp's write protection"; or NULL */
};

extern const struct kshim_swbit_user kshim_swbit_users[];
extern const unsigned int kshim_nr_swbit_users;

/* "x86_64" or "arm64", as --arch and a trace's "arch" key spell it */
const char *kshim_arch_name(enum kshim_arch arch);
/* parses an --arch value: 0, or -1 when @name is no arch */
int kshim_arch_parse(const char *name, enum kshim_arch *arch);

#endif /* _KSHIM_ASM_KSHIM_ARCH_H */

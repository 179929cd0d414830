// SPDX-License-Identifier: GPL-2.0-only
/*
 * Who installs a hint, by change_protection()'s flags (hint_events.h).
 * The link wraps mm/mprotect.c's change_protection() and the
 * change_protection_range() the manifest exports (ld --wrap,
 * mm_model/CMakeLists.txt): every call from another object file, the
 * NUMA scanner's change_prot_numa(), mprotect(), a design's DAMON
 * install or a tree's own new caller, comes here first with its
 * cp_flags, and the hint observer learns them before the entries
 * change.  The extracted code is not touched; a caller inside
 * mm/mprotect.c itself is not seen (none is extracted).
 *
 * This object is linked only where something calls change_protection():
 * with kernel code, which defines the __real_ functions.
 */
#include <linux/mm.h>
#include "mm_model/mm/hint_events.h"

long __real_change_protection(struct mmu_gather *tlb,
			      struct vm_area_struct *vma, unsigned long start,
			      unsigned long end, unsigned long cp_flags);
long __real_change_protection_range(struct mmu_gather *tlb,
				    struct vm_area_struct *vma,
				    unsigned long addr, unsigned long end,
				    pgprot_t newprot, unsigned long cp_flags);
long __wrap_change_protection(struct mmu_gather *tlb,
			      struct vm_area_struct *vma, unsigned long start,
			      unsigned long end, unsigned long cp_flags);
long __wrap_change_protection_range(struct mmu_gather *tlb,
				    struct vm_area_struct *vma,
				    unsigned long addr, unsigned long end,
				    pgprot_t newprot, unsigned long cp_flags);

/* Entry of mm/mprotect.c:change_protection() (6.12), flags announced */
long __wrap_change_protection(struct mmu_gather *tlb,
			      struct vm_area_struct *vma, unsigned long start,
			      unsigned long end, unsigned long cp_flags)
{
	unsigned long outer = hint_event_cp_enter(cp_flags);
	long pages;

	pages = __real_change_protection(tlb, vma, start, end, cp_flags);
	hint_event_cp_exit(outer);
	return pages;
}

/* Entry of mm/mprotect.c:change_protection_range(), flags announced */
long __wrap_change_protection_range(struct mmu_gather *tlb,
				    struct vm_area_struct *vma,
				    unsigned long addr, unsigned long end,
				    pgprot_t newprot, unsigned long cp_flags)
{
	unsigned long outer = hint_event_cp_enter(cp_flags);
	long pages;

	pages = __real_change_protection_range(tlb, vma, addr, end, newprot,
					       cp_flags);
	hint_event_cp_exit(outer);
	return pages;
}

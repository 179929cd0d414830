/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The DAMON side of the RFC-derived designs (designs/damon_hint.c): how
 * DAMON installs a hint (RFC v2 5/7's MM_CP_DAMON), the fault handler
 * that restores it and reports the access (the RFC's do_damon_page(),
 * here design_do_damon_page()), and the review's fixes that the guarded
 * and tagged designs add.  The names are faultsim's (design_, FAULTSIM_):
 * a kernel tree with the RFC applied defines do_damon_page() and
 * MM_CP_DAMON itself.
 */
#ifndef FAULTSIM_DESIGNS_DAMON_HINT_H
#define FAULTSIM_DESIGNS_DAMON_HINT_H

#include <linux/mm.h>

/* RFC v2 5/7's MM_CP_DAMON (include/linux/mm.h, after MM_CP_UFFD_WP_ALL) */
#define FAULTSIM_MM_CP_DAMON (1UL << 4)

/*
 * The owner tag of the tagged-pte design: a software bit x86 ignores
 * (52..56 are free in 4-level tables) and outside _PAGE_CHG_MASK, so
 * pte_modify() to anything else drops it with the hint.
 */
#define _PAGE_BIT_FAULTSIM_DAMON 55
#define _PAGE_FAULTSIM_DAMON ((pteval_t)1 << _PAGE_BIT_FAULTSIM_DAMON)

/*
 * RFC v2 5/7: change_protection(tlb, vma, start, end, MM_CP_DAMON), one
 * gather per call ("todo: batch or remove tlb flushing"), with
 * @newprot (PAGE_NONE, or PAGE_NONE plus a tag).  Records DAMON as the
 * installer for the oracles.  Returns the entries changed.
 */
long design_damon_change_protection(struct vm_area_struct *vma,
				    unsigned long start, unsigned long end,
				    pgprot_t newprot);

/*
 * The same with more change_protection() flags: MM_CP_UFFD_WP makes
 * change_pte_range() set the uffd-wp bit on each entry it changes.
 */
long design_damon_change_protection_flags(struct vm_area_struct *vma,
					  unsigned long start,
					  unsigned long end, pgprot_t newprot,
					  unsigned long cp_flags);

/*
 * The review's skip rules, as change_pte_range() applies them for the
 * NUMA scanner (mm/mprotect.c, 6.12): hugetlb, PFNMAP/MIXEDMAP, no
 * present entry, already a hint, no normal folio (zero page), KSM,
 * shared COW.  True if DAMON must not hint @addr.
 */
bool design_damon_skip(struct vm_area_struct *vma, unsigned long addr);

/*
 * do_numa_page()'s opening (mm/memory.c, 6.12), which every handler of
 * a PTE hint here repeats: take the PTL, re-check the entry against the
 * unlocked snapshot (false, unlocked, on a mismatch: no report), then
 * the rebuilt entry from vm_page_prot and whether it may be writable
 * (pte_write(), or the manual write upgrade when @upgrade).  On true
 * the PTL is held.
 */
bool design_damon_recheck(struct vm_fault *vmf, bool upgrade, pte_t *pte,
			  bool *writable);

/*
 * RFC v2 5/7: do_damon_page(vmf, false): pte_same() under the PTL (no
 * report on a mismatch), rebuild like do_numa_page(), unlock, report
 * the page's physical address.
 */
vm_fault_t design_do_damon_page(struct vm_fault *vmf);
/*
 * RFC v2 5/7: do_damon_page(vmf, true).  The POC runs the PTE-level
 * code on a PMD fault, where vmf->pte and vmf->ptl are NULL: an oops.
 */
vm_fault_t design_do_damon_page_rfc_pmd(struct vm_fault *vmf);
/*
 * RFC v3 (docs/damon-fault-reporting.md §3): the same handlers, each
 * reporting with damon_report_page_fault() (design_damon_report_page_fault())
 */
vm_fault_t design_do_damon_page_v3(struct vm_fault *vmf);
vm_fault_t design_do_damon_page_rfc_pmd_v3(struct vm_fault *vmf);
/* The review's fix: the PMD variant under the PMD lock, restored as
 * do_huge_pmd_numa_page() restores, then reported. */
vm_fault_t design_do_damon_huge_pmd_page(struct vm_fault *vmf);

/*
 * The review's DAMON install, shared by the designs after the RFC: no
 * hint without CONFIG_DAMON (-EOPNOTSUPP), none where the skip rules
 * say so (0), else design_damon_change_protection() of the page with
 * @newprot.
 */
long design_damon_install_reviewed(struct vm_area_struct *vma,
				   unsigned long addr, pgprot_t newprot);

/* The RFC's damon_report_access() of a fault on @pfn (physical, size 1) */
void design_damon_report(struct vm_fault *vmf, unsigned long pfn);

/*
 * RFC v3 4/37's damon_report_page_fault(vmf, huge_pmd): the physical
 * address of @pfn and vmf->address, with the CPU, the thread and
 * whether the fault was a write.
 */
void design_damon_report_page_fault(struct vm_fault *vmf, unsigned long pfn);

#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * DAMON's hints and their fault handlers, shared by the designs derived
 * from the RFC (docs/damon-fault-reporting.md §0): ours, after
 * RFC v2 5/7, on the 6.12 functions the RFC calls.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/hugetlb.h>
#include <linux/pgtable.h>
#include <asm/tlb.h>
#include <kshim/hooks.h>
#include "designs/damon_hint.h"
#include "mm_model/mm/hint_events.h"
#ifdef CONFIG_DAMON
#include "damon_core/report.h"
#endif

long design_damon_change_protection(struct vm_area_struct *vma,
				    unsigned long start, unsigned long end,
				    pgprot_t newprot)
{
	return design_damon_change_protection_flags(vma, start, end, newprot,
						    0);
}

long design_damon_change_protection_flags(struct vm_area_struct *vma,
					  unsigned long start,
					  unsigned long end, pgprot_t newprot,
					  unsigned long cp_flags)
{
	struct mmu_gather tlb;
	enum hint_owner old;
	long pages;

	tlb_gather_mmu(&tlb, vma->vm_mm);
	old = hint_install_begin(HINT_OWNER_DAMON);
	pages = change_protection_range(&tlb, vma, start, end, newprot,
					FAULTSIM_MM_CP_DAMON | cp_flags);
	hint_install_end(old);
	tlb_finish_mmu(&tlb);
	return pages;
}

/* A hint in the raw bits, whatever pte_protnone() says in this kconfig */
static bool raw_hint(pteval_t v)
{
	return kshim_raw_protnone(v);
}

/* change_pte_range()'s prot_numa folio checks (mm/mprotect.c, 6.12) */
static bool folio_skip(struct vm_area_struct *vma, struct folio *folio)
{
	if (!folio || folio_is_zone_device(folio) || folio_test_ksm(folio))
		return true;
	return is_cow_mapping(vma->vm_flags) &&
	       (folio_maybe_dma_pinned(folio) ||
		folio_likely_mapped_shared(folio));
}

bool design_damon_skip(struct vm_area_struct *vma, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	pgd_t *pgd = pgd_offset(mm, addr);
	bool skip = true;
	spinlock_t *ptl;
	pmd_t *pmdp, pmd;
	p4d_t *p4d;
	pud_t *pud;
	pte_t *ptep, pte;

	if (is_vm_hugetlb_page(vma) ||
	    (vma->vm_flags & (VM_PFNMAP | VM_MIXEDMAP)))
		return true;
	if (pgd_none(pgdp_get(pgd)))
		return true;
	p4d = p4d_offset(pgd, addr);
	if (p4d_none(*p4d))
		return true;
	pud = pud_offset(p4d, addr);
	if (pud_none(pudp_get(pud)))
		return true;
	pmdp = pmd_offset(pud, addr);
	pmd = pmdp_get_lockless(pmdp);
	if (pmd_none(pmd))
		return true;
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	if (pmd_trans_huge(pmd)) {
		ptl = pmd_lock(mm, pmdp);
		pmd = pmdp_get(pmdp);
		if (pmd_trans_huge(pmd) && !raw_hint(pmd_val(pmd)))
			skip = folio_skip(vma, vm_normal_folio_pmd(vma,
					addr & HPAGE_PMD_MASK, pmd));
		spin_unlock(ptl);
		return skip;
	}
#endif
	ptep = pte_offset_map_lock(mm, pmdp, addr, &ptl);
	if (!ptep)
		return true;
	pte = ptep_get(ptep);
	if (pte_present(pte) && !raw_hint(pte_val(pte)))
		skip = folio_skip(vma, vm_normal_folio(vma, addr, pte));
	pte_unmap_unlock(ptep, ptl);
	return skip;
}

long design_damon_install_reviewed(struct vm_area_struct *vma,
				   unsigned long addr, pgprot_t newprot)
{
	if (!IS_ENABLED(CONFIG_DAMON))
		return -EOPNOTSUPP;
	addr &= PAGE_MASK;
	if (design_damon_skip(vma, addr))
		return 0;
	return design_damon_change_protection(vma, addr, addr + PAGE_SIZE,
					      newprot);
}

void design_damon_report(struct vm_fault *vmf, unsigned long pfn)
{
#ifdef CONFIG_DAMON
	struct faultsim_access_report report = {
		.addr = PFN_PHYS(pfn),
		.size = 1,
		.cpu = smp_processor_id(),
		.is_write = !!(vmf->flags & FAULT_FLAG_WRITE),
	};

	faultsim_damon_report_access(&report);
#endif
	/* !CONFIG_DAMON: RFC v2 1/7's static inline no-op */
}

void design_damon_report_page_fault(struct vm_fault *vmf, unsigned long pfn)
{
#ifdef CONFIG_DAMON
	struct faultsim_access_report report = {
		.addr = PFN_PHYS(pfn),
		.size = 1,	/* RFC v3: "todo" */
		.cpu = smp_processor_id(),
		.is_write = !!(vmf->flags & FAULT_FLAG_WRITE),
		.vtgid = current->tgid,
		.vaddr = vmf->address,
		.tid = current->pid,	/* task_pid_vnr(current) */
	};

	faultsim_damon_report_access(&report);
#endif
	/* !CONFIG_DAMON: the static inline no-op */
}

bool design_damon_recheck(struct vm_fault *vmf, bool upgrade, pte_t *pte,
			  bool *writable)
{
	struct vm_area_struct *vma = vmf->vma;
	pte_t old_pte;

	spin_lock(vmf->ptl);
	old_pte = ptep_get(vmf->pte);
	if (unlikely(!pte_same(old_pte, vmf->orig_pte))) {
		pte_unmap_unlock(vmf->pte, vmf->ptl);
		return false;
	}
	*pte = pte_modify(old_pte, vma->vm_page_prot);
	*writable = pte_write(*pte);
	if (!*writable && upgrade &&
	    can_change_pte_writable(vma, vmf->address, *pte))
		*writable = true;
	return true;
}

/*
 * RFC v2 5/7's do_damon_page() up to its report: true when the hint was
 * restored (the report follows, after the unlock), false when the entry
 * changed under the fault.
 */
static bool damon_page_restore(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	bool upgrade = vma_wants_manual_pte_write_upgrade(vma);
	struct folio *folio;
	bool writable;
	pte_t pte;

	if (!design_damon_recheck(vmf, upgrade, &pte, &writable))
		return false;
	folio = vm_normal_folio(vma, vmf->address, pte);
	if (folio && folio_test_large(folio))
		numa_rebuild_large_mapping(vmf, vma, folio, pte, false,
					   upgrade);
	else
		numa_rebuild_single_mapping(vmf, vma, vmf->address, vmf->pte,
					    writable);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return true;
}

vm_fault_t design_do_damon_page(struct vm_fault *vmf)
{
	unsigned long pfn = pte_pfn(vmf->orig_pte);

	/* after the unlock: faultsim_damon_report_access() may sleep */
	if (damon_page_restore(vmf))
		design_damon_report(vmf, pfn);
	return 0;
}

vm_fault_t design_do_damon_page_v3(struct vm_fault *vmf)
{
	unsigned long pfn = pte_pfn(vmf->orig_pte);

	if (damon_page_restore(vmf))
		design_damon_report_page_fault(vmf, pfn);
	return 0;
}

vm_fault_t design_do_damon_page_rfc_pmd(struct vm_fault *vmf)
{
	/* __handle_mm_fault() set neither vmf->pte nor vmf->ptl */
	if (!vmf->ptl)
		kshim_bug(__FILE__, __LINE__, __func__,
			  "BUG: kernel NULL pointer dereference: "
			  "spin_lock(vmf->ptl) in do_damon_page(vmf, true)");
	return design_do_damon_page(vmf);
}

vm_fault_t design_do_damon_page_rfc_pmd_v3(struct vm_fault *vmf)
{
	/* the same hack's PMD call, as in RFC v2 */
	if (!vmf->ptl)
		kshim_bug(__FILE__, __LINE__, __func__,
			  "BUG: kernel NULL pointer dereference: "
			  "spin_lock(vmf->ptl) in do_damon_page(vmf, true)");
	return design_do_damon_page_v3(vmf);
}

vm_fault_t design_do_damon_huge_pmd_page(struct vm_fault *vmf)
{
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	struct vm_area_struct *vma = vmf->vma;
	unsigned long haddr = vmf->address & HPAGE_PMD_MASK;
	unsigned long pfn = pmd_pfn(vmf->orig_pmd);
	pmd_t pmd, old_pmd;
	bool writable;

	/* restored as do_huge_pmd_numa_page()'s out_map does (6.12) */
	vmf->ptl = pmd_lock(vma->vm_mm, vmf->pmd);
	old_pmd = pmdp_get(vmf->pmd);
	if (unlikely(!pmd_same(old_pmd, vmf->orig_pmd))) {
		spin_unlock(vmf->ptl);
		return 0;
	}
	pmd = pmd_modify(old_pmd, vma->vm_page_prot);
	writable = pmd_write(pmd);
	if (!writable && vma_wants_manual_pte_write_upgrade(vma) &&
	    can_change_pmd_writable(vma, vmf->address, pmd))
		writable = true;
	pmd = pmd_mkyoung(pmd);
	if (writable)
		pmd = pmd_mkwrite(pmd, vma);
	set_pmd_at(vma->vm_mm, haddr, vmf->pmd, pmd);
	update_mmu_cache_pmd(vma, vmf->address, vmf->pmd);
	spin_unlock(vmf->ptl);
	design_damon_report(vmf, pfn);
	return 0;
#else
	BUG();	/* no huge PMD without THP */
#endif
}

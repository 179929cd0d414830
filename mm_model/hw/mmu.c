// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MMU (see mmu.h).  What the hardware does, per Intel SDM vol. 3
 * §4.8 and §4.10: a TLB hit needs no walk, except a write through an
 * entry filled clean, which walks again to set Dirty; a walk reads each
 * level, faults on a non-present (P=0) entry or a permission failure
 * (U/S, R/W), and sets A (and D) with a locked update; a page fault
 * invalidates the TLB entries for the faulting address.
 */
#include <stdio.h>
#include <linux/bug.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <kshim/sim.h>
#include <asm/trap_pf.h>
#include "mm_model/hw/access_truth.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/hw/tlb.h"

static mmu_fault_fn fault_handler;

void mmu_set_fault_handler(mmu_fault_fn fn)
{
	fault_handler = fn;
}

enum walk_result {
	WALK_OK,
	WALK_FAULT,		/* not present (P=0, protnone included) */
	WALK_FAULT_PROT,	/* present, but U/S or R/W forbids it */
	WALK_RETRY,		/* the entry changed under the A/D update */
};

static enum walk_result hw_check(unsigned long flags, bool write)
{
	if (!(flags & _PAGE_PRESENT))
		return WALK_FAULT;
	if (!(flags & _PAGE_USER) || (write && !(flags & _PAGE_RW)))
		return WALK_FAULT_PROT;
	return WALK_OK;
}

/* The locked A/D update: only if the entry is still what was walked. */
static bool set_ad_pte(pte_t *ptep, pte_t seen, bool write)
{
	unsigned long bits = _PAGE_ACCESSED | (write ? _PAGE_DIRTY : 0);

	sim_point(SIM_PT_HW_AD, ptep);
	if (!pte_same(READ_ONCE(*ptep), seen))
		return false;
	if ((pte_val(seen) & bits) != bits)
		kshim_pte_store(ptep, __pte(pte_val(seen) | bits));
	return true;
}

static bool set_ad_pmd(pmd_t *pmdp, pmd_t seen, bool write)
{
	unsigned long bits = _PAGE_ACCESSED | (write ? _PAGE_DIRTY : 0);

	sim_point(SIM_PT_HW_AD, pmdp);
	if (!pmd_same(READ_ONCE(*pmdp), seen))
		return false;
	if ((pmd_val(seen) & bits) != bits)
		kshim_pmd_store(pmdp, __pmd(pmd_val(seen) | bits));
	return true;
}

static enum walk_result walk(int cpu, struct mm_struct *mm,
			     unsigned long addr, bool write)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	pud_t *pud;
	pmd_t *pmdp, pmd;
	pte_t *ptep, pte;
	enum walk_result w;

	sim_point(SIM_PT_PT_LOAD, pgd);
	if (!(pgd_val(READ_ONCE(*pgd)) & _PAGE_PRESENT))
		return WALK_FAULT;
	pud = pud_offset(p4d_offset(pgd, addr), addr);
	sim_point(SIM_PT_PT_LOAD, pud);
	if (!(pud_val(READ_ONCE(*pud)) & _PAGE_PRESENT))
		return WALK_FAULT;
	pmdp = pmd_offset(pud, addr);
	pmd = pmdp_get(pmdp);
	if (!(pmd_val(pmd) & _PAGE_PRESENT))
		return WALK_FAULT;
	if (pmd_val(pmd) & _PAGE_PSE) {
		w = hw_check(pmd_val(pmd), write);
		if (w != WALK_OK)
			return w;
		if (!set_ad_pmd(pmdp, pmd, write))
			return WALK_RETRY;
		/* a huge entry: the pfn of the 2 MiB page's first 4 KiB */
		tlb_fill(cpu, mm, addr, pmd_pfn(pmd), true,
			 pmd_val(pmd) & _PAGE_RW, write ||
			 (pmd_val(pmd) & _PAGE_DIRTY));
		access_truth_record(pmd_pfn(pmd) +
				    ((addr & ~PMD_MASK) >> PAGE_SHIFT));
		return WALK_OK;
	}
	ptep = (pte_t *)kshim_entry_table(pmd_val(pmd)) + pte_index(addr);
	pte = ptep_get(ptep);
	w = hw_check(pte_val(pte), write);
	if (w != WALK_OK)
		return w;
	if (!set_ad_pte(ptep, pte, write))
		return WALK_RETRY;
	tlb_fill(cpu, mm, addr, pte_pfn(pte), false, pte_val(pte) & _PAGE_RW,
		 write || (pte_val(pte) & _PAGE_DIRTY));
	access_truth_record(pte_pfn(pte));
	return WALK_OK;
}

enum mmu_result mmu_access(int cpu, struct mm_struct *mm, unsigned long addr,
			   bool write, int *nr_faults)
{
	int faults = 0;
	enum mmu_result ret = MMU_OK;

	for (;;) {
		struct tlb_entry *e = tlb_lookup(cpu, mm, addr);
		unsigned long error_code = X86_PF_USER;
		enum walk_result w;
		vm_fault_t vmf_ret;

		/* a hit needs no walk, unless a write must set Dirty */
		if (e && (!write || (e->writable && e->dirty))) {
			if (access_truth_enabled())
				access_truth_record(e->pfn + (e->huge ?
					(addr - e->vaddr) >> PAGE_SHIFT : 0));
			break;
		}
		if (e && write && !e->writable) {
			w = WALK_FAULT_PROT;
		} else {
			w = walk(cpu, mm, addr, write);
			if (w == WALK_RETRY)
				continue;
			if (w == WALK_OK)
				break;
		}
		/* #PF: the faulting address leaves this CPU's TLB */
		tlb_invalidate_one(cpu, mm, addr);
		if (faults == MMU_MAX_FAULTS_PER_ACCESS) {
			sim_finding(SIM_FINDING_ORACLE, __FILE__, __LINE__,
				    __func__,
				    "fault loop: cpu%d %s at %#lx refaulted %d times",
				    cpu, write ? "write" : "read", addr, faults);
			ret = MMU_FAULT_LOOP;
			break;
		}
		faults++;
		BUG_ON(!fault_handler);
		if (write)
			error_code |= X86_PF_WRITE;
		if (w == WALK_FAULT_PROT)
			error_code |= X86_PF_PROT;
		vmf_ret = fault_handler(cpu, mm, addr, error_code);
		if (vmf_ret & VM_FAULT_SIGSEGV) {
			ret = MMU_SIGSEGV;
			break;
		}
		if (vmf_ret & (VM_FAULT_SIGBUS | VM_FAULT_OOM)) {
			ret = MMU_SIGBUS;
			break;
		}
	}
	if (nr_faults)
		*nr_faults = faults;
	return ret;
}

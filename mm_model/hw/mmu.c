// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MMU (see mmu.h).  What the hardware does, per Intel SDM vol. 3
 * §4.8 and §4.10: a TLB hit needs no walk, except a write through an
 * entry filled clean, which walks again to set Dirty; a walk reads each
 * level, faults on a non-present (P=0) entry or a permission failure
 * (U/S, R/W), and sets A (and D) with a locked update; a page fault
 * invalidates the TLB entries for the faulting address.
 *
 * With the arm64 encoding (kshim_arch_arm64()) the checks and the
 * descriptor update are mmu_arm64.h's (Arm ARM D8.4-D8.5, FEAT_HAFDBS
 * with HA and HD): a table descriptor is walked on VALID (bit 0, as x86's
 * P), a block ends the walk at the PMD, a last-level access checks
 * VALID, AP[1] and AP[2]/DBM and sets AF, a write clearing AP[2]; the
 * TLB caches "writable" as DBM or !AP[2] and "dirty" as !AP[2], so a
 * write through an entry filled clean walks again, as on x86.  The fault
 * it raises is handed to the same handler with x86's error code: the
 * mm-level fault (FAULT_FLAG_WRITE, the VMA checks) is the same on both.
 */
#include <stdio.h>
#include <linux/bug.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <kshim/sim.h>
#include <asm/trap_pf.h>
#include "mm_model/hw/access_truth.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/hw/mmu_arm64.h"
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
	if (kshim_arch_arm64()) {
		arm64_pteval_t d = flags;

		switch (arm64_hw_access(&d, write)) {
		case ARM64_HW_OK:
			return WALK_OK;
		case ARM64_HW_FAULT_TRANSLATION:
			return WALK_FAULT;
		default:
			return WALK_FAULT_PROT;
		}
	}
	if (!(flags & _PAGE_PRESENT))
		return WALK_FAULT;
	if (!(flags & _PAGE_USER) || (write && !(flags & _PAGE_RW)))
		return WALK_FAULT_PROT;
	return WALK_OK;
}

/* The entry after the hardware's update: A (and D), or AF (and !AP[2]) */
static unsigned long hw_updated(unsigned long v, bool write)
{
	if (kshim_arch_arm64()) {
		arm64_pteval_t d = v;

		arm64_hw_access(&d, write);
		return d;
	}
	return v | _PAGE_ACCESSED | (write ? _PAGE_DIRTY : 0);
}

/* What the TLB caches of an entry the walk allowed (@v as updated) */
static bool hw_writable(unsigned long v)
{
	return kshim_raw_hw_writable(v);
}

static bool hw_dirty(unsigned long v)
{
	if (kshim_arch_arm64())
		return !(v & ARM64_PTE_RDONLY);
	return v & _PAGE_DIRTY;
}

/* A PMD that ends the walk: x86's PSE, arm64's block (table bit clear) */
static bool hw_pmd_leaf(unsigned long v)
{
	if (kshim_arch_arm64())
		return !(v & ARM64_PTE_TABLE_BIT);
	return v & _PAGE_PSE;
}

/* The locked A/D update: only if the entry is still what was walked. */
static bool set_ad_pte(pte_t *ptep, pte_t seen, bool write)
{
	unsigned long v = hw_updated(pte_val(seen), write);

	sim_point(SIM_PT_HW_AD, ptep);
	if (!pte_same(READ_ONCE(*ptep), seen))
		return false;
	if (v != pte_val(seen))
		kshim_pte_store(ptep, __pte(v));
	return true;
}

static bool set_ad_pmd(pmd_t *pmdp, pmd_t seen, bool write)
{
	unsigned long v = hw_updated(pmd_val(seen), write);

	sim_point(SIM_PT_HW_AD, pmdp);
	if (!pmd_same(READ_ONCE(*pmdp), seen))
		return false;
	if (v != pmd_val(seen))
		kshim_pmd_store(pmdp, __pmd(v));
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

	/* x86's P and arm64's VALID are bit 0 of every level */
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
	if (hw_pmd_leaf(pmd_val(pmd))) {
		w = hw_check(pmd_val(pmd), write);
		if (w != WALK_OK)
			return w;
		if (!set_ad_pmd(pmdp, pmd, write))
			return WALK_RETRY;
		/* a huge entry: the pfn of the 2 MiB page's first 4 KiB */
		tlb_fill(cpu, mm, addr, pmd_pfn(pmd), true,
			 hw_writable(pmd_val(pmd)),
			 hw_dirty(hw_updated(pmd_val(pmd), write)));
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
	tlb_fill(cpu, mm, addr, pte_pfn(pte), false, hw_writable(pte_val(pte)),
		 hw_dirty(hw_updated(pte_val(pte), write)));
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

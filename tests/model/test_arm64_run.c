// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel code, compiled once, on the arm64 encoding (kshim_arch =
 * KSHIM_ARCH_ARM64, faultsim --arch arm64): the real change_prot_numa()
 * installs arm64 hints (arch/arm64/include/asm/pgtable.h:pte_protnone(),
 * present-invalid without user access), the MMU walks arm64 table
 * descriptors and sets AF and hardware dirty (mm_model/hw/mmu_arm64.h),
 * the real do_numa_page() rebuilds a valid arm64 entry, and migration
 * entries are arm64 swap entries.  Each assertion is on the raw bits,
 * so an x86 bit where an arm64 one belongs fails it.  And tagged-pte's
 * bit 55, which is arm64's PTE_DIRTY, on a dirty and on a clean page.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/sched/numa_balancing.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/swapops.h>
#include <linux/vmstat.h>
#include <asm/arm64_pgtable.h>
#include <asm/kshim_arch.h>
#include <asm/tlbflush.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/machine.h"
#include "model_test.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/vma.h"
#include "mm_model/mm/numa_balancing.h"
#include "designs/design.h"
#include "designs/registry.h"

#define VA 0x7f0000000000UL
#define NR_PAGES 16UL

struct run {
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	u64 populated, hint, restored, pmd, pud;
	u64 old_before, old_after, clean_before, clean_after;
	int faults[3];
	enum mmu_result res[3];
	int err;
};

static int setup(void **state)
{
	kshim_arch = KSHIM_ARCH_ARM64;
	return model_boot(1, 2, 4096);
}

static int teardown(void **state)
{
	machine_destroy();
	kshim_arch = KSHIM_ARCH_X86_64;
	return 0;
}

static u64 raw(struct run *r, unsigned long addr)
{
	return pte_val(ptep_get(populate_ptep(r->vma, addr)));
}

static int hint_task(void *arg)
{
	struct run *r = arg;
	unsigned long remote = VA + (NR_PAGES - 1) * PAGE_SIZE;
	unsigned long old = VA + PAGE_SIZE, clean = VA + 2 * PAGE_SIZE;
	pte_t *p;

	r->vma = model_half_remote_task(VA, NR_PAGES, &r->mm);
	if (!r->vma)
		return r->err = -1;
	/* no migration on the fault: the restore is do_numa_page()'s */
	current->mempolicy = mpol_new(MPOL_BIND, 0x3, false);
	r->populated = raw(r, remote);
	r->pmd = pmd_val(*pmd_offset(pud_offset(p4d_offset(
			pgd_offset(r->mm, VA), VA), VA), VA));
	r->pud = pud_val(*pud_offset(p4d_offset(pgd_offset(r->mm, VA), VA),
				     VA));
	mmap_read_lock(r->mm);
	change_prot_numa(r->vma, r->vma->vm_start, r->vma->vm_end);
	mmap_read_unlock(r->mm);
	r->hint = raw(r, remote);
	r->res[0] = mmu_access(0, r->mm, remote, false, &r->faults[0]);
	r->restored = raw(r, remote);

	/* the hardware's AF: an old entry is made young without a fault */
	p = populate_ptep(r->vma, old);
	set_pte_at(r->mm, old, p, pte_mkold(ptep_get(p)));
	flush_tlb_range(r->vma, old, old + PAGE_SIZE);
	r->old_before = raw(r, old);
	r->res[1] = mmu_access(0, r->mm, old, false, &r->faults[1]);
	r->old_after = raw(r, old);

	/* DBM: a clean writable entry is dirtied by the write, no fault */
	p = populate_ptep(r->vma, clean);
	set_pte_at(r->mm, clean, p, pte_mkclean(ptep_get(p)));
	flush_tlb_range(r->vma, clean, clean + PAGE_SIZE);
	r->clean_before = raw(r, clean);
	r->res[2] = mmu_access(0, r->mm, clean, true, &r->faults[2]);
	r->clean_after = raw(r, clean);

	mpol_free(current->mempolicy);
	current->mempolicy = NULL;
	populate_zap_all(r->vma);
	task_numa_free(current, true);
	current->mm = NULL;
	mm_destroy(r->mm);
	return 0;
}

/*
 * A NUMA hint is arm64's PAGE_NONE on the same pfn (VALID clear, nG set
 * as PTE_PRESENT_INVALID, no PTE_USER, PXN and UXN), a dirty page's
 * keeping PTE_DIRTY (bit 55: pte_modify() moves hardware dirty there);
 * the fault restores a valid, young, writable, dirty user entry.  The
 * tables above are arm64 table descriptors (PMD_TYPE_TABLE, PXNTable).
 */
static void test_arm64_hint_and_restore(void **state)
{
	struct run r = { 0 };
	unsigned long pfn;

	kshim_spawn("cpu0", hint_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);

	pfn = arm64_pte_pfn(r.populated);
	/* populated by a write: valid user entry, DBM, dirty */
	assert_true(arm64_pte_valid(r.populated));
	assert_true(arm64_pte_user(r.populated));
	assert_true(arm64_pte_write(r.populated));
	assert_true(arm64_pte_dirty(r.populated));
	assert_int_equal(r.populated & ARM64_PTE_NG, ARM64_PTE_NG);
	/* x86's bits are not how it is written: no _PAGE_USER (bit 2) */
	assert_int_equal(r.populated & (1ULL << 2), 0);

	/* the hint */
	assert_true(arm64_pte_protnone(r.hint));
	assert_false(arm64_pte_valid(r.hint));
	assert_true(arm64_pte_present(r.hint));
	assert_int_equal(arm64_pte_pfn(r.hint), pfn);
	assert_int_equal(r.hint & (ARM64_PTE_USER | ARM64_PTE_PXN |
				   ARM64_PTE_UXN | ARM64_PTE_RDONLY |
				   ARM64_PTE_VALID | ARM64_PTE_NG),
			 ARM64_PTE_PXN | ARM64_PTE_UXN | ARM64_PTE_RDONLY |
				 ARM64_PTE_NG);
	/* a dirty page's hint carries bit 55: tagged-pte's tag on x86 */
	assert_true(r.hint & ARM64_PTE_DIRTY);
	assert_false(arm64_pte_write(r.hint));

	/* the restore */
	assert_int_equal(r.res[0], MMU_OK);
	assert_int_equal(r.faults[0], 1);
	assert_true(arm64_pte_valid(r.restored));
	assert_true(arm64_pte_user(r.restored));
	assert_true(arm64_pte_young(r.restored));
	assert_true(arm64_pte_write(r.restored));
	assert_true(arm64_pte_dirty(r.restored));
	assert_int_equal(arm64_pte_pfn(r.restored), pfn);

	/* table descriptors */
	assert_int_equal(r.pmd & (ARM64_PMD_TYPE_MASK | ARM64_PMD_TABLE_PXN),
			 ARM64_PAGE_TABLE_USER);
	assert_int_equal(r.pud & (ARM64_PMD_TYPE_MASK | ARM64_PMD_TABLE_PXN),
			 ARM64_PAGE_TABLE_USER);
}

/* The MMU: AF set on a read of an old entry, AP[2] cleared by a DBM write */
static void test_arm64_hw_af_dbm(void **state)
{
	struct run r = { 0 };

	kshim_spawn("cpu0", hint_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);

	assert_false(arm64_pte_young(r.old_before));
	assert_int_equal(r.res[1], MMU_OK);
	assert_int_equal(r.faults[1], 0);
	assert_int_equal(r.old_after, r.old_before | ARM64_PTE_AF);

	/* pte_mkclean(): PTE_DIRTY off, AP[2] on; DBM stays */
	assert_false(arm64_pte_dirty(r.clean_before));
	assert_true(r.clean_before & ARM64_PTE_RDONLY);
	assert_true(r.clean_before & ARM64_PTE_DBM);
	assert_int_equal(r.res[2], MMU_OK);
	assert_int_equal(r.faults[2], 0);
	assert_int_equal(r.clean_after, r.clean_before & ~ARM64_PTE_RDONLY);
	assert_true(arm64_pte_hw_dirty(r.clean_after));
}

/*
 * Migration entries are arm64 swap entries (type in bits 6-10, offset
 * from bit 12, VALID and PTE_PRESENT_INVALID clear) and read back.
 */
static void test_arm64_migration_entry(void **state)
{
	swp_entry_t e = make_writable_migration_entry(0x1234);
	pte_t pte = swp_entry_to_pte(e);
	swp_entry_t back = pte_to_swp_entry(pte);

	assert_int_equal(pte_val(pte),
			 ((u64)SWP_MIGRATION_WRITE << 6) | (0x1234ULL << 12));
	assert_false(pte_present(pte));
	assert_false(pte_none(pte));
	assert_true(is_writable_migration_entry(back));
	assert_int_equal(swp_offset_pfn(back), 0x1234);
	/* the software bits of a swap entry: exclusive 2, uffd-wp 3 */
	assert_int_equal(pte_val(pte_swp_mkexclusive(pte)) ^ pte_val(pte),
			 ARM64_PTE_SWP_EXCLUSIVE);
	assert_int_equal(pte_val(pte_swp_mkuffd_wp(pte)) ^ pte_val(pte),
			 ARM64_PTE_SWP_UFFD_WP);
	assert_false(pte_swp_soft_dirty(pte_swp_mksoft_dirty(pte)));
}

struct tag_run {
	bool clean;		/* pte_mkclean() the page before the hint */
	long installed;
	u64 pre, hint;
	enum mmu_result res;
	int faults, err;
};

static int tag_task(void *arg)
{
	struct tag_run *r = arg;
	unsigned long addr = VA + 3 * PAGE_SIZE;	/* on node 0 */
	struct run m = { 0 };
	pte_t *p;

	m.vma = model_half_remote_task(VA, NR_PAGES, &m.mm);
	if (!m.vma)
		return r->err = -1;
	current->mempolicy = mpol_new(MPOL_BIND, 0x3, false);
	numa_balancing_sysctl_write(1);
	p = populate_ptep(m.vma, addr);
	if (r->clean) {
		set_pte_at(m.mm, addr, p, pte_mkclean(ptep_get(p)));
		flush_tlb_range(m.vma, addr, addr + PAGE_SIZE);
	}
	r->pre = raw(&m, addr);
	mmap_read_lock(m.mm);
	r->installed = faultsim_design_damon_install(m.vma, addr);
	mmap_read_unlock(m.mm);
	r->hint = raw(&m, addr);
	r->res = mmu_access(0, m.mm, addr, false, &r->faults);
	mpol_free(current->mempolicy);
	current->mempolicy = NULL;
	populate_zap_all(m.vma);
	task_numa_free(current, true);
	current->mm = NULL;
	mm_destroy(m.mm);
	return 0;
}

static int findings_with(const char *needle)
{
	int i, n = 0;

	for (i = 0; i < sim_findings_count(); i++)
		n += sim_finding_get(i) &&
		     strstr(sim_finding_get(i)->msg, needle);
	return n;
}

static void tag_run(struct tag_run *r)
{
	assert_int_equal(faultsim_design_select(
				 faultsim_design_find("tagged-pte")), 0);
	kshim_spawn("cpu0", tag_task, r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	faultsim_design_select(faultsim_design_find(FAULTSIM_DESIGN_BASELINE));
	assert_int_equal(r->err, 0);
	assert_int_equal(r->installed, 1);
	assert_int_equal(r->res, MMU_OK);
	assert_true(arm64_pte_protnone(r->hint));
}

/*
 * tagged-pte on a dirty page: bit 55 is PTE_DIRTY, set before the
 * install, so bit_conflict names it; the "tag" is there and the fault
 * goes to DAMON (as would a NUMA hint's on a dirty page).
 */
static void test_arm64_tag_on_dirty_page(void **state)
{
	struct tag_run r = { .clean = false };

	tag_run(&r);
	assert_true(r.pre & ARM64_PTE_DIRTY);
	assert_true(r.hint & ARM64_PTE_DIRTY);
	assert_int_equal(findings_with("bit_conflict: DAMON hint"), 1);
	assert_int_equal(findings_with("(PTE_DIRTY, the software dirty bit "
				       "of every dirty page)"), 1);
	assert_int_equal(findings_with("misrouted"), 0);
}

/*
 * ... on a clean page: arm64's pte_modify() takes only its keep-mask from
 * PAGE_NONE | bit 55, so DAMON's hint carries no tag and its fault goes
 * to NUMA balancing (routing: misrouted); no bit_conflict, as the bit
 * was clear before.
 */
static void test_arm64_tag_on_clean_page(void **state)
{
	struct tag_run r = { .clean = true };

	tag_run(&r);
	assert_false(arm64_pte_dirty(r.pre));
	assert_false(r.hint & ARM64_PTE_DIRTY);
	assert_int_equal(findings_with("bit_conflict"), 0);
	assert_int_equal(findings_with("misrouted: DAMON hint"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_arm64_hint_and_restore,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_arm64_hw_af_dbm, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_arm64_migration_entry,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_arm64_tag_on_dirty_page,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_arm64_tag_on_clean_page,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

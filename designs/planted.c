// SPDX-License-Identifier: GPL-2.0-only
/*
 * Planted bugs: deliberately broken variants of a kernel path, so that a
 * scenario, an oracle or an exploration strategy can show it would catch
 * the bug (mutation testing).  `faultsim run --plant NAME` installs one;
 * its trace records it as the design "plant:NAME", and replay and shrink
 * install it again.  Never a design under test.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/swapops.h>
#include <linux/sched/numa_balancing.h>
#include <kshim/hooks.h>
#include <kshim/inject.h>
#include "designs/planted.h"
#include "mm_model/mm/thp.h"

/*
 * NUMA balancing's accounting of a hint fault, as do_numa_page()
 * (mm/memory.c, 6.12) does it when the folio stays: numa_migrate_check()
 * under the PTL (numa_hint_faults), task_numa_fault() after the unlock.
 * The plants below break the restore, not the accounting, so that the
 * routing oracle (judged at these endpoints) stays quiet on them.
 */
struct plant_numa {
	int nid, nr_pages, flags, last_cpupid;
};

static void plant_numa_check(struct vm_fault *vmf, pte_t pte, bool writable,
			     struct plant_numa *n)
{
	struct folio *folio = vm_normal_folio(vmf->vma, vmf->address, pte);

	n->nid = NUMA_NO_NODE;
	n->flags = 0;
	if (!folio || folio_is_zone_device(folio))
		return;
	n->nid = folio_nid(folio);
	n->nr_pages = folio_nr_pages(folio);
	numa_migrate_check(folio, vmf, vmf->address, &n->flags, writable,
			   &n->last_cpupid);
}

static void plant_numa_fault(const struct plant_numa *n)
{
	if (n->nid != NUMA_NO_NODE)
		task_numa_fault(n->last_cpupid, n->nid, n->nr_pages, n->flags);
}

/*
 * do_numa_page() without its pte_same() re-check under the PTL: the
 * entry is rebuilt from the unlocked snapshot in vmf->orig_pte, so a
 * zap that raced in before the lock is undone and the stale entry maps
 * a page that may be free (docs/kernel-6.12-fault-path.md section 5.1).
 * Accounted only while the hint is still there (a freed folio has no
 * node to count).
 */
static vm_fault_t numa_page_without_recheck(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct plant_numa n = { .nid = NUMA_NO_NODE };
	pte_t pte;

	spin_lock(vmf->ptl);
	pte = pte_mkyoung(pte_modify(vmf->orig_pte, vma->vm_page_prot));
	if (pte_same(ptep_get(vmf->pte), vmf->orig_pte))
		plant_numa_check(vmf, pte, false, &n);
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, pte);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	plant_numa_fault(&n);
	return 0;
}

/*
 * do_numa_page()'s restore with the write upgrade made unconditional in
 * a VM_WRITE mapping: can_change_pte_writable()'s exclusivity test is
 * skipped, so a COW-shared anon page comes back writable (a
 * Dirty-COW-class escalation, architecture.md invariant 2).
 */
static vm_fault_t numa_page_cow_writable(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct plant_numa n;
	pte_t pte;

	spin_lock(vmf->ptl);
	if (!pte_same(ptep_get(vmf->pte), vmf->orig_pte)) {
		pte_unmap_unlock(vmf->pte, vmf->ptl);
		return 0;
	}
	pte = pte_mkyoung(pte_modify(vmf->orig_pte, vma->vm_page_prot));
	if (vma->vm_flags & VM_WRITE)
		pte = pte_mkwrite(pte, vma);
	plant_numa_check(vmf, pte, pte_write(pte), &n);
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, pte);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	plant_numa_fault(&n);
	return 0;
}

/*
 * do_numa_page() reading the mapcount of a folio it never looked up: a
 * NULL pointer dereference at the field's offset, as in the oopses the
 * kernel prints.  The thread dies of it; the run has an "oops" finding
 * and a trace that replays and shrinks (sim/oops.c).  The field's
 * address is computed as an integer: UBSan's null-pointer check (the
 * asan preset) would otherwise end the process before the CPU faults.
 */
static struct folio *volatile never_looked_up;

static vm_fault_t numa_page_null_folio(struct vm_fault *vmf)
{
	uintptr_t mapcount = (uintptr_t)never_looked_up +
			     offsetof(struct folio, _mapcount);

	if (atomic_read((atomic_t *)mapcount) > 0)
		return VM_FAULT_SIGSEGV;	/* not reached */
	return 0;
}

/*
 * do_numa_page() whose failed migration forgets to drop the isolation
 * reference: as if migrate_misplaced_folio()'s failure path lost its
 * putback's folio_put().  It runs the kernel's do_numa_page() and, when
 * the migration target's allocation failed in it by injection
 * (run --inject migrate_target) and the entry still maps the folio,
 * keeps one reference more, which the conservation oracle must report
 * as a leak.  Harmless without the injection.
 */
static vm_fault_t numa_page_leak_on_migrate_fail(struct vm_fault *vmf)
{
	struct folio *folio = vm_normal_folio(vmf->vma, vmf->address,
					      vmf->orig_pte);
	bool failed = kshim_inject_failed(KSHIM_INJECT_MIGRATE_TARGET);
	vm_fault_t ret = do_numa_page(vmf);
	spinlock_t *ptl;
	pte_t *pte;

	if (!folio || failed ||
	    !kshim_inject_failed(KSHIM_INJECT_MIGRATE_TARGET))
		return ret;
	pte = pte_offset_map_lock(vmf->vma->vm_mm, vmf->pmd, vmf->address,
				  &ptl);
	if (!pte)
		return ret;
	if (pte_present(ptep_get(pte)) &&
	    pte_pfn(ptep_get(pte)) == folio_pfn(folio))
		folio_get(folio);	/* the folio_put() forgotten */
	pte_unmap_unlock(pte, ptl);
	return ret;
}

/*
 * do_numa_page() behind a path with an object of its own (a kmalloc()
 * before the fault, freed after it) whose error path forgets the
 * kfree() when a slab allocation in the fault failed by injection (run
 * --inject slab: task_numa_fault()'s numa_faults, say): the leak oracle
 * must name the object and this function.  Harmless without the
 * injection.
 */
static vm_fault_t numa_page_leak_on_slab_fail(struct vm_fault *vmf)
{
	bool failed = kshim_inject_failed(KSHIM_INJECT_SLAB);
	void *track = kmalloc(64, GFP_KERNEL);
	vm_fault_t ret = do_numa_page(vmf);

	if (!failed && kshim_inject_failed(KSHIM_INJECT_SLAB))
		return ret;	/* the kfree() forgotten */
	kfree(track);
	return ret;
}

/*
 * __split_huge_pmd_locked() with a lock break in its window: after
 * pmdp_invalidate(), when the folio is off the LRU (isolated: a
 * migration has it), it lets the PMD lock go and takes it again, to let
 * the migration on.  Then it looks at the PMD for a migration entry
 * only: if the migration unmapped the folio in the break, the split
 * leaves the PMD to it (as the kernel's split_huge_pmd_locked() leaves
 * a PMD that maps another folio); anything else is taken for its own
 * invalidated entry, and the PTEs are built from the entry read before
 * the break.  So a THP migration that ran to its end inside the break
 * (try_to_migrate()'s migration entry, then remove_migration_pmd()'s
 * PMD of the new folio) is undone: the split writes 512 PTEs of the
 * old, freed folio over the new folio's PMD.
 *
 * The race needs three preemptions, in this order (docs/fuzzing.md,
 * "The hard planted bug"):
 * the hint fault must run before the split (1: the split is the
 * driver's, which goes on by default), pass do_huge_pmd_numa_page()'s
 * pmd_same() and isolate the folio, then the split runs up to its
 * break (2); the migration takes the PMD lock in the break (3) and must
 * then get from its migration entry to remove_migration_pmd() (8
 * scheduling points) before the split takes the lock back.  Caught by
 * the conservation oracle and the rmap WARNs.
 */
static bool split_window_stale(struct vm_area_struct *vma, pmd_t *pmd,
			       unsigned long haddr, pmd_t old_pmd)
{
	spinlock_t *ptl = pmd_lockptr(vma->vm_mm, pmd);

	if (folio_test_lru(page_folio(pmd_page(old_pmd))))
		return true;
	spin_unlock(ptl);
	spin_lock(ptl);
	if (is_pmd_migration_entry(pmdp_get(pmd)))
		return false;
	/* the bug: a present PMD of another folio is not looked for */
	return true;
}

static const struct {
	const char *name;
	vm_fault_t (*pte_protnone)(struct vm_fault *vmf);	/* NULL: 6.12's */
	thp_split_window_fn split_window;	/* NULL: none */
} plants[] = {
	{ "no-pte-same-recheck", numa_page_without_recheck },
	{ "cow-writable-rebuild", numa_page_cow_writable },
	{ "null-folio-deref", numa_page_null_folio },
	{ "migrate-fail-leak", numa_page_leak_on_migrate_fail },
	{ "slab-fail-leak", numa_page_leak_on_slab_fail },
	{ "thp-split-stale", NULL, split_window_stale },
};

#define NR_PLANTS (sizeof(plants) / sizeof(plants[0]))

static int find_plant(const char *name)
{
	size_t i;

	for (i = 0; i < NR_PLANTS; i++)
		if (!strcmp(name, plants[i].name))
			return i;
	return -1;
}

bool faultsim_plant_known(const char *name)
{
	return find_plant(name) >= 0;
}

int faultsim_plant(const char *name)
{
	int i;

	if (!name) {
		faultsim_set_pte_protnone_handler(NULL);
		thp_set_split_window(NULL);
		return 0;
	}
	i = find_plant(name);
	if (i < 0)
		return -1;
	faultsim_set_pte_protnone_handler(plants[i].pte_protnone);
	thp_set_split_window(plants[i].split_window);
	return 0;
}

const char *faultsim_plant_name(unsigned int i)
{
	return i < NR_PLANTS ? plants[i].name : NULL;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * NUMA-balancing migration end to end: the real change_prot_numa()
 * hints a folio on the remote node, a simulated CPU's access faults
 * into the real do_numa_page(), which calls the model's
 * migrate_misplaced_folio_prepare()/migrate_misplaced_folio()
 * (mm_model/mm/migrate.c): migration entries, the copy, the rebuild from
 * vm_page_prot; injected failures before and after the unmap; a second
 * CPU faulting on a migration entry (mm_model/mm/swap_fault.c) waits for
 * the migration.  Plus the model-side pieces: the brute-force rmap, the
 * prepare's failure causes and the high watermark.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/sched/numa_balancing.h>
#include <linux/mm.h>
#include <linux/completion.h>
#include <linux/migrate.h>
#include <linux/mmap_lock.h>
#include <linux/swapops.h>
#include <linux/vmstat.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/machine.h"
#include "model_test.h"
#include "mm_model/hw/memmap.h"
#include "mm_model/mm/migrate.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/numa_balancing.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/rmap.h"
#include "mm_model/mm/thp.h"
#include "mm_model/mm/vma.h"

#define VA 0x40000000UL
#define RO_VA 0x50000000UL
#define NR_PAGES 16UL		/* [0, 8) on node 0, [8, 16) on node 1 */
#define REMOTE (VA + 9 * PAGE_SIZE)
#define NODE_PAGES 4096UL

struct run {
	struct mm_struct *mm;
	struct vm_area_struct *vma, *ro_vma;
	int err;
	/* the access under test */
	enum mmu_result res;
	int faults;
	pte_t before, pte;
	unsigned long old_pfn, free_before[2], free_after[2];
	/* the folio mapped at REMOTE afterwards */
	int nid, refcount, mapcount;
	bool lru, locked, exclusive, dirty;
	int last_cpupid, expect_cpupid;
	pgoff_t index, old_index;
	int nr_maps, nr_migration_maps;
	unsigned long ev[NR_VM_EVENT_ITEMS];
	unsigned long locality[3];
	unsigned long pages_migrated;
	bool task_numa_faulted;
	/* every folio mapped in the VMAs: refcount == mapcount, on the LRU */
	int bad_folios;
	/* the read-only VMA's access (failure before unmap) */
	enum mmu_result ro_res;
	int ro_faults;
	pte_t ro_pte;
	/* the concurrent waiter */
	struct task_struct *mig_task;
	pte_t *target_ptep;
	bool preempted;
	struct completion waiter_done;
	enum mmu_result w_res;
	int w_faults;
	pte_t w_before, w_pte;
	bool mig_finished_first;
	bool mig_finished;
};

static int setup(void **state)
{
	return model_boot(1, 2, NODE_PAGES);
}

static int teardown(void **state)
{
	machine_destroy();
	return 0;
}

/* node 0 keeps the zero page: the machine's free pages when nothing is mapped */
static void assert_memory_all_free(void)
{
	assert_int_equal(memmap_free_pages(0), NODE_PAGES - 1);
	assert_int_equal(memmap_free_pages(1), NODE_PAGES);
}

/* a task on cpu0 (node 0), default policy, a private RW anon VMA half remote */
static int make_task_mm(struct run *r, bool ro_vma)
{
	r->vma = model_half_remote_task(VA, NR_PAGES, &r->mm);
	if (!r->vma)
		return -1;
	if (ro_vma) {
		/* a read-only VMA first touched by reads, all on node 1 */
		r->ro_vma = vma_create(r->mm, RO_VA, RO_VA + NR_PAGES * PAGE_SIZE,
				       VM_READ, NULL);
		if (!r->ro_vma ||
		    populate_anon(r->ro_vma, RO_VA, RO_VA + NR_PAGES * PAGE_SIZE,
				  1, false))
			return -1;
	}
	return 0;
}

static void drop_task_mm(struct run *r)
{
	populate_zap_all(r->vma);
	if (r->ro_vma)
		populate_zap_all(r->ro_vma);
	task_numa_free(current, true);
	current->mm = NULL;
	mm_destroy(r->mm);
}

/* as test_hint_fault.c: task_numa_work() holds the mmap read lock */
static void scan(struct run *r, struct vm_area_struct *vma)
{
	mmap_read_lock(r->mm);
	change_prot_numa(vma, vma->vm_start, vma->vm_end);
	mmap_read_unlock(r->mm);
}

/*
 * Conservation: every folio mapped in @vma has one reference per
 * mapping (the LRU holds none), is on the LRU, unlocked, and is found
 * by the rmap exactly as often as it is mapped.
 */
static int bad_folios_in(struct vm_area_struct *vma)
{
	unsigned long addr;
	int bad = 0;

	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pte_t pte = ptep_get(populate_ptep(vma, addr));
		struct folio *folio;

		if (!pte_present(pte)) {
			bad++;		/* everything was populated */
			continue;
		}
		folio = pfn_folio(pte_pfn(pte));
		if (folio_ref_count(folio) != folio_mapcount(folio) ||
		    !folio_test_lru(folio) || folio_test_locked(folio) ||
		    rmap_find(folio, false, NULL, 0) != folio_mapcount(folio) ||
		    rmap_find(folio, true, NULL, 0) != 0)
			bad++;
	}
	return bad;
}

static void snapshot(struct run *r, struct vm_area_struct *vma,
		     unsigned long addr)
{
	struct folio *folio;
	int i;

	r->pte = ptep_get(populate_ptep(vma, addr));
	for (i = 0; i < 2; i++)
		r->free_after[i] = memmap_free_pages(i);
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		r->ev[i] = kshim_vm_event_read(i);
	memcpy(r->locality, current->numa_faults_locality,
	       sizeof(r->locality));
	r->pages_migrated = current->numa_pages_migrated;
	r->task_numa_faulted = current->numa_faults != NULL;
	if (!pte_present(r->pte))
		return;
	folio = pfn_folio(pte_pfn(r->pte));
	r->nid = folio_nid(folio);
	r->refcount = folio_ref_count(folio);
	r->mapcount = folio_mapcount(folio);
	r->lru = folio_test_lru(folio);
	r->locked = folio_test_locked(folio);
	r->exclusive = PageAnonExclusive(&folio->page);
	r->dirty = folio_test_dirty(folio);
	r->last_cpupid = folio_last_cpupid(folio);
	r->index = folio->index;
	r->nr_maps = rmap_find(folio, false, NULL, 0);
	r->nr_migration_maps = rmap_find(folio, true, NULL, 0);
	r->bad_folios = bad_folios_in(r->vma);
	if (r->ro_vma)
		r->bad_folios += bad_folios_in(r->ro_vma);
}

/* hint the remote half, then one read of a remote page from cpu0 */
static void hint_and_read(struct run *r)
{
	pte_t *ptep = populate_ptep(r->vma, REMOTE);
	int i;

	scan(r, r->vma);
	r->before = ptep_get(ptep);
	r->old_pfn = pte_pfn(r->before);
	r->old_index = pfn_folio(r->old_pfn)->index;
	for (i = 0; i < 2; i++)
		r->free_before[i] = memmap_free_pages(i);
	r->res = mmu_access(0, r->mm, REMOTE, false, &r->faults);
	r->expect_cpupid = cpu_pid_to_cpupid(0, current->pid);
	snapshot(r, r->vma, REMOTE);
}

static int migrate_task(void *arg)
{
	struct run *r = arg;

	if (make_task_mm(r, false))
		return r->err = -1;
	hint_and_read(r);
	drop_task_mm(r);
	return 0;
}

/*
 * A read of a hinted folio on node 1 by a task on node 0 (default
 * policy: MPOL_PREFERRED, MOF|MORON, local node) migrates it: the new
 * folio is on node 0, the old one is freed, the PTE is rebuilt from
 * vm_page_prot (present, read-only even though the VMA is writable and
 * the page exclusive: remove_migration_pte() makes a PTE writable only
 * from a writable migration entry, and a hint has RW clear).
 */
static void test_misplaced_read_migrates(void **state)
{
	struct run r = { 0 };

	kshim_spawn("cpu0", migrate_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);

	assert_true(pte_protnone(r.before));
	assert_int_equal(r.res, MMU_OK);
	assert_int_equal(r.faults, 1);
	assert_true(pte_val(r.pte) & _PAGE_PRESENT);
	assert_false(pte_protnone(r.pte));
	assert_false(pte_write(r.pte));
	/* A and D travelled in the migration entry (x86-64 has room) */
	assert_true(pte_young(r.pte));
	assert_true(pte_dirty(r.pte));
	assert_int_not_equal(pte_pfn(r.pte), r.old_pfn);
	assert_int_equal(r.nid, 0);

	/* the new folio: one mapping, one reference, on the LRU */
	assert_int_equal(r.refcount, 1);
	assert_int_equal(r.mapcount, 1);
	assert_true(r.lru);
	assert_false(r.locked);
	assert_true(r.exclusive);	/* readable-exclusive entry */
	assert_true(r.dirty);		/* the dirty PTE marked it */
	assert_int_equal(r.index, r.old_index);
	/* should_numa_migrate_memory() set it; folio_migrate_flags() moved it */
	assert_int_equal(r.last_cpupid, r.expect_cpupid);
	assert_int_equal(r.nr_maps, 1);
	assert_int_equal(r.nr_migration_maps, 0);
	assert_int_equal(r.bad_folios, 0);

	/* one page moved from node 1 to node 0 */
	assert_int_equal(r.free_after[0], r.free_before[0] - 1);
	assert_int_equal(r.free_after[1], r.free_before[1] + 1);

	assert_int_equal(r.ev[PGFAULT], 1);
	assert_int_equal(r.ev[NUMA_HINT_FAULTS], 1);
	assert_int_equal(r.ev[NUMA_HINT_FAULTS_LOCAL], 0);
	assert_int_equal(r.ev[NUMA_PAGE_MIGRATE], 1);
	assert_int_equal(r.ev[PGMIGRATE_SUCCESS], 1);
	assert_int_equal(r.ev[PGMIGRATE_FAIL], 0);
	/*
	 * task_numa_fault(TNF_MIGRATED) with the new node; the locality
	 * bucket comes from TNF_FAULT_LOCAL, which numa_migrate_check() set
	 * from the folio's node before the move: a remote fault.
	 */
	assert_int_equal(r.pages_migrated, 1);
	assert_int_equal(r.locality[0], 1);
	assert_int_equal(r.locality[1], 0);
	assert_int_equal(r.locality[2], 0);
	assert_memory_all_free();
}

static int fail_before_task(void *arg)
{
	struct run *r = arg;
	unsigned long ro = RO_VA + 3 * PAGE_SIZE;

	if (make_task_mm(r, true))
		return r->err = -1;
	scan(r, r->ro_vma);
	migrate_inject_failure(MIGRATE_FAIL_BEFORE_UNMAP, 2);
	hint_and_read(r);
	r->ro_res = mmu_access(0, r->mm, ro, false, &r->ro_faults);
	r->ro_pte = ptep_get(populate_ptep(r->ro_vma, ro));
	snapshot(r, r->vma, REMOTE);
	r->pte = ptep_get(populate_ptep(r->vma, REMOTE));
	drop_task_mm(r);
	return 0;
}

/*
 * The prepare fails (as a failed isolation): the hint stays until
 * do_numa_page()'s out_map rebuilds it with TNF_MIGRATE_FAIL.  The
 * rebuild keeps the writability computed before the prepare, so an
 * exclusive anon page in a writable private VMA comes back WRITABLE
 * (can_change_pte_writable()); only where no upgrade is possible (here
 * a read-only VMA) is it rebuilt read-only.
 */
static void test_fail_before_unmap(void **state)
{
	struct run r = { 0 };

	kshim_spawn("cpu0", fail_before_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);

	assert_int_equal(r.res, MMU_OK);
	assert_int_equal(r.faults, 1);
	assert_true(pte_val(r.pte) & _PAGE_PRESENT);
	assert_false(pte_protnone(r.pte));
	assert_true(pte_write(r.pte));
	assert_int_equal(pte_pfn(r.pte), r.old_pfn);	/* not moved */
	assert_int_equal(r.nid, 1);

	assert_int_equal(r.ro_res, MMU_OK);
	assert_int_equal(r.ro_faults, 1);
	assert_true(pte_val(r.ro_pte) & _PAGE_PRESENT);
	assert_false(pte_write(r.ro_pte));
	assert_int_equal(folio_nid(pfn_folio(pte_pfn(r.ro_pte))), 1);

	/* never isolated: still on the LRU, references as mapped */
	assert_int_equal(r.refcount, 1);
	assert_int_equal(r.mapcount, 1);
	assert_true(r.lru);
	assert_true(r.exclusive);
	assert_int_equal(r.bad_folios, 0);
	assert_int_equal(migrate_injected_pending(MIGRATE_FAIL_BEFORE_UNMAP), 0);

	assert_int_equal(r.free_after[0], r.free_before[0]);
	assert_int_equal(r.free_after[1], r.free_before[1]);
	assert_int_equal(r.ev[PGFAULT], 2);
	assert_int_equal(r.ev[NUMA_HINT_FAULTS], 2);
	assert_int_equal(r.ev[NUMA_PAGE_MIGRATE], 0);
	assert_int_equal(r.ev[PGMIGRATE_SUCCESS], 0);
	assert_int_equal(r.ev[PGMIGRATE_FAIL], 0);	/* migrate_pages() never ran */
	/* task_numa_fault(TNF_MIGRATE_FAIL) twice, both on remote node 1 */
	assert_int_equal(r.pages_migrated, 0);
	assert_int_equal(r.locality[0], 2);
	assert_int_equal(r.locality[1], 0);
	assert_int_equal(r.locality[2], 2);
	assert_memory_all_free();
}

static int fail_after_task(void *arg)
{
	struct run *r = arg;

	if (make_task_mm(r, false))
		return r->err = -1;
	migrate_inject_failure(MIGRATE_FAIL_AFTER_UNMAP, 1);
	hint_and_read(r);
	drop_task_mm(r);
	return 0;
}

/*
 * The migration fails with its entries installed: migrate_pages()
 * retries the move NR_MAX_MIGRATE_PAGES_RETRY times, then
 * remove_migration_ptes(src, src) rebuilds the entries from
 * vm_page_prot for the OLD folio: present, read-only, young.  Back in
 * do_numa_page() the re-check pte_same(*pte, orig_pte) fails (orig_pte
 * was the hint), so it returns 0 without task_numa_fault().  Exactly one
 * fault: the CPU's retried read finds a present readable PTE and needs
 * no second one (a write would refault into do_wp_page()).
 */
static void test_fail_after_unmap(void **state)
{
	struct run r = { 0 };

	kshim_spawn("cpu0", fail_after_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);

	assert_int_equal(r.res, MMU_OK);
	assert_int_equal(r.faults, 1);
	assert_true(pte_val(r.pte) & _PAGE_PRESENT);
	assert_false(pte_protnone(r.pte));
	assert_false(pte_write(r.pte));
	assert_true(pte_young(r.pte));
	assert_int_equal(pte_pfn(r.pte), r.old_pfn);
	assert_int_equal(r.nid, 1);

	/* put back: on the LRU, isolation reference dropped, exclusive again */
	assert_int_equal(r.refcount, 1);
	assert_int_equal(r.mapcount, 1);
	assert_true(r.lru);
	assert_false(r.locked);
	assert_true(r.exclusive);
	assert_int_equal(r.nr_migration_maps, 0);
	assert_int_equal(r.bad_folios, 0);
	assert_int_equal(migrate_injected_pending(MIGRATE_FAIL_AFTER_UNMAP), 0);

	/* the destination folio was freed again */
	assert_int_equal(r.free_after[0], r.free_before[0]);
	assert_int_equal(r.free_after[1], r.free_before[1]);
	assert_int_equal(r.ev[PGFAULT], 1);
	assert_int_equal(r.ev[NUMA_HINT_FAULTS], 1);
	assert_int_equal(r.ev[NUMA_PAGE_MIGRATE], 0);
	assert_int_equal(r.ev[PGMIGRATE_SUCCESS], 0);
	assert_int_equal(r.ev[PGMIGRATE_FAIL], 1);
	/* no task_numa_fault() at all */
	assert_false(r.task_numa_faulted);
	assert_int_equal(r.pages_migrated, 0);
	assert_int_equal(r.locality[0] + r.locality[1] + r.locality[2], 0);
	assert_memory_all_free();
}

/*
 * Preempt the migrating thread once, at its first cond_resched() (a
 * YIELD point: no lock held) while the target PTE is a migration entry:
 * that is migrate_pages()'s move pass, between try_to_migrate() and
 * remove_migration_ptes().
 */
static bool preempt_at_migration_entry(enum sim_point_kind kind,
				       const void *obj, void *priv)
{
	struct run *r = priv;
	pte_t pte;

	if (r->preempted || kind != SIM_PT_YIELD || current != r->mig_task ||
	    !r->target_ptep)
		return false;
	pte = READ_ONCE(*r->target_ptep);	/* no scheduling point here */
	if (!is_swap_pte(pte) || !is_migration_entry(pte_to_swp_entry(pte)))
		return false;
	r->preempted = true;
	return true;
}

static int waiter_task(void *arg)
{
	struct run *r = arg;

	/* a second thread of the same process, on cpu1 */
	current->mm = r->mm;
	current->cpu = 1;
	r->w_before = READ_ONCE(*r->target_ptep);
	r->w_res = mmu_access(1, r->mm, REMOTE, false, &r->w_faults);
	r->w_pte = ptep_get(r->target_ptep);
	r->mig_finished_first = r->mig_finished;
	current->mm = NULL;
	complete(&r->waiter_done);
	return 0;
}

static int racing_migrate_task(void *arg)
{
	struct run *r = arg;

	r->mig_task = current;
	if (make_task_mm(r, false))
		return r->err = -1;
	init_completion(&r->waiter_done);
	r->target_ptep = populate_ptep(r->vma, REMOTE);
	/* runnable now; runs when this thread is preempted */
	kshim_spawn("cpu1", waiter_task, r);
	hint_and_read(r);
	r->mig_finished = true;
	wait_for_completion(&r->waiter_done);
	drop_task_mm(r);
	return 0;
}

/*
 * A fault on cpu1 that meets the migration entry goes to do_swap_page()
 * -> migration_entry_wait(), sleeps until the migration unlocks the
 * folio, returns 0, and the retried read then finds the new folio: one
 * fault only (a fault that returned without waiting would refault on
 * the entry, and loop, since nothing else would let cpu0 run).
 */
static void test_fault_waits_for_migration(void **state)
{
	struct run r = { 0 };

	sim_set_preempt(preempt_at_migration_entry, &r);
	kshim_spawn("cpu0", racing_migrate_task, &r);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	sim_set_preempt(NULL, NULL);
	assert_int_equal(r.err, 0);
	assert_int_equal(sim_findings_count(), 0);
	assert_true(r.preempted);

	/* the waiter started on a migration entry and finished on the new folio */
	assert_true(is_swap_pte(r.w_before) &&
		    is_migration_entry(pte_to_swp_entry(r.w_before)));
	assert_int_equal(swp_offset_pfn(pte_to_swp_entry(r.w_before)),
			 r.old_pfn);
	assert_int_equal(r.w_res, MMU_OK);
	assert_int_equal(r.w_faults, 1);
	assert_true(pte_present(r.w_pte));
	assert_int_equal(pte_pfn(r.w_pte), pte_pfn(r.pte));
	assert_int_equal(folio_nid(pfn_folio(pte_pfn(r.w_pte))), 0);
	/* woken by the unlock, it ran after cpu0's fault had returned */
	assert_true(r.mig_finished_first);

	/* the migration itself is unchanged by the waiter */
	assert_int_equal(r.res, MMU_OK);
	assert_int_equal(r.faults, 1);
	assert_int_equal(r.nid, 0);
	assert_int_equal(r.refcount, 1);
	assert_int_equal(r.mapcount, 1);
	assert_int_equal(r.bad_folios, 0);
	assert_int_equal(r.ev[PGMIGRATE_SUCCESS], 1);
	assert_int_equal(r.ev[NUMA_PAGE_MIGRATE], 1);
	assert_int_equal(r.pages_migrated, 1);
	/*
	 * One fault per CPU, cpu1's no hint fault; read after the run, as
	 * cpu1's handle_mm_fault() counted PGFAULT after cpu0's snapshot.
	 */
	assert_int_equal(r.ev[PGFAULT], 1);
	assert_int_equal(kshim_vm_event_read(PGFAULT), 2);
	assert_int_equal(kshim_vm_event_read(NUMA_HINT_FAULTS), 1);
	assert_memory_all_free();
}

struct large_run {
	int err;
	enum mmu_result res;
	int faults;
	unsigned long old_pfn;
	pte_t pte[4];
	int refcount, mapcount, nr_pages_mapped, nid, exclusive, order, maps;
	unsigned long ev_success, ev_numa, pages_migrated;
	unsigned long free_before[2], free_after[2];
};

static int large_task(void *arg)
{
	struct large_run *l = arg;
	unsigned long start = VA + 8 * PAGE_SIZE;	/* 16 KiB aligned */
	struct mm_struct *mm = mm_create();
	struct vm_area_struct *vma;
	struct folio *nf;
	int i;

	if (!mm)
		return l->err = -1;
	current->mm = mm;
	current->cpu = 0;
	current->numa_preferred_nid = NUMA_NO_NODE;
	vma = vma_create(mm, VA, VA + NR_PAGES * PAGE_SIZE, VM_READ | VM_WRITE,
			 NULL);
	if (!vma || populate_anon_large(vma, start, 1, 2, true))
		return l->err = -1;
	l->old_pfn = pte_pfn(ptep_get(populate_ptep(vma, start)));
	mmap_read_lock(mm);
	change_prot_numa(vma, vma->vm_start, vma->vm_end);
	mmap_read_unlock(mm);
	for (i = 0; i < 2; i++)
		l->free_before[i] = memmap_free_pages(i);
	/* a read of the folio's second page */
	l->res = mmu_access(0, mm, start + PAGE_SIZE, false, &l->faults);
	for (i = 0; i < 4; i++)
		l->pte[i] = ptep_get(populate_ptep(vma, start + i * PAGE_SIZE));
	for (i = 0; i < 2; i++)
		l->free_after[i] = memmap_free_pages(i);
	nf = pfn_folio(pte_pfn(l->pte[0]));
	l->refcount = folio_ref_count(nf);
	l->mapcount = folio_mapcount(nf);
	l->nr_pages_mapped = atomic_read(&nf->_nr_pages_mapped);
	l->nid = folio_nid(nf);
	l->order = folio_order(nf);
	for (i = 0; i < 4; i++)
		l->exclusive += PageAnonExclusive(folio_page(nf, i));
	l->maps = rmap_find(nf, false, NULL, 0);
	l->ev_success = kshim_vm_event_read(PGMIGRATE_SUCCESS);
	l->ev_numa = kshim_vm_event_read(NUMA_PAGE_MIGRATE);
	l->pages_migrated = current->numa_pages_migrated;
	populate_zap_large(vma);
	task_numa_free(current, true);
	current->mm = NULL;
	mm_destroy(mm);
	return 0;
}

/*
 * A PTE-mapped order-2 folio migrates whole (MR_NUMA_MISPLACED never
 * splits): all four PTEs become migration entries and then read-only
 * PTEs of the same pages of the new folio, with the four mappings'
 * references and per-page mapcounts moved; the events count pages.
 */
static void test_large_folio_migrates_whole(void **state)
{
	struct large_run l = { 0 };
	int i;

	kshim_spawn("cpu0", large_task, &l);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(l.err, 0);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(l.res, MMU_OK);
	assert_int_equal(l.faults, 1);
	for (i = 0; i < 4; i++) {
		assert_true(pte_val(l.pte[i]) & _PAGE_PRESENT);
		assert_false(pte_write(l.pte[i]));
		assert_int_equal(pte_pfn(l.pte[i]), pte_pfn(l.pte[0]) + i);
	}
	assert_int_not_equal(pte_pfn(l.pte[0]), l.old_pfn);
	assert_int_equal(l.nid, 0);
	assert_int_equal(l.order, 2);
	assert_int_equal(l.refcount, 4);
	assert_int_equal(l.mapcount, 4);
	assert_int_equal(l.nr_pages_mapped, 4);
	assert_int_equal(l.exclusive, 4);
	assert_int_equal(l.maps, 4);
	assert_int_equal(l.ev_success, 4);
	assert_int_equal(l.ev_numa, 4);
	assert_int_equal(l.pages_migrated, 4);
	assert_int_equal(l.free_after[0], l.free_before[0] - 4);
	assert_int_equal(l.free_after[1], l.free_before[1] + 4);
	assert_memory_all_free();
}

/* ---- model-side units ---- */

struct cow_run {
	struct mm_struct *parent, *child;
	struct vm_area_struct *pvma, *cvma;
	int err;
	int found, found_mms, after_found, after_old, prep, mig;
	int refcount, mapcount, nid;
	bool exclusive, both_ro, both_new;
	unsigned long old_pfn, new_pfn;
	unsigned long ev_success, ev_numa;
};

/* fork()'s copy of one page, as the child's own PTE (populate.h's share_cow_page + child PTE) */
static int fork_one_page(struct cow_run *c, unsigned long addr)
{
	pmd_t *pmd = pgtable_pmd_alloc(c->child, addr);
	pte_t *ptep;

	if (!pmd || __pte_alloc(c->child, pmd) ||
	    share_cow_page(c->pvma, addr))
		return -1;
	ptep = populate_ptep(c->cvma, addr);
	/* copy_present_ptes(): the parent's now write-protected entry, made old */
	set_pte_at(c->child, addr, ptep,
		   pte_mkold(ptep_get(populate_ptep(c->pvma, addr))));
	return 0;
}

static int cow_task(void *arg)
{
	struct cow_run *c = arg;
	struct rmap_mapping maps[4];
	struct folio *folio, *nf;
	pte_t pp, cp;
	spinlock_t *ptl;
	pte_t *ptep;

	c->parent = mm_create();
	c->child = mm_create();
	if (!c->parent || !c->child)
		return c->err = -1;
	c->pvma = vma_create(c->parent, VA, VA + PAGE_SIZE,
			     VM_READ | VM_WRITE, NULL);
	c->cvma = vma_create(c->child, VA, VA + PAGE_SIZE,
			     VM_READ | VM_WRITE, NULL);
	if (!c->pvma || !c->cvma || populate_anon(c->pvma, VA, VA + PAGE_SIZE, 1, true) ||
	    fork_one_page(c, VA))
		return c->err = -1;
	folio = pfn_folio(pte_pfn(ptep_get(populate_ptep(c->pvma, VA))));
	c->old_pfn = folio_pfn(folio);
	c->found = rmap_find(folio, false, maps, 4);
	c->found_mms = (c->found == 2 && maps[0].vma->vm_mm != maps[1].vma->vm_mm &&
			maps[0].address == VA && maps[1].address == VA);

	/* do_numa_page()'s calls: prepare under the PTL, migrate after */
	ptep = pte_offset_map_lock(c->parent, pmd_off(c->parent, VA), VA, &ptl);
	c->prep = migrate_misplaced_folio_prepare(folio, c->pvma, 0);
	pte_unmap_unlock(ptep, ptl);
	c->mig = c->prep ? -1 : migrate_misplaced_folio(folio, c->pvma, 0);

	pp = ptep_get(populate_ptep(c->pvma, VA));
	cp = ptep_get(populate_ptep(c->cvma, VA));
	c->new_pfn = pte_pfn(pp);
	nf = pfn_folio(c->new_pfn);
	c->both_new = pte_present(pp) && pte_present(cp) &&
		      pte_pfn(cp) == c->new_pfn;
	c->both_ro = !pte_write(pp) && !pte_write(cp);
	c->refcount = folio_ref_count(nf);
	c->mapcount = folio_mapcount(nf);
	c->nid = folio_nid(nf);
	c->exclusive = PageAnonExclusive(&nf->page);
	c->after_found = rmap_find(nf, false, NULL, 0);
	c->after_old = rmap_find(folio, false, NULL, 0) +
		       rmap_find(folio, true, NULL, 0);
	c->ev_success = kshim_vm_event_read(PGMIGRATE_SUCCESS);
	c->ev_numa = kshim_vm_event_read(NUMA_PAGE_MIGRATE);

	populate_zap_all(c->cvma);
	populate_zap_all(c->pvma);
	mm_destroy(c->child);
	mm_destroy(c->parent);
	return 0;
}

/*
 * The rmap finds both mappings of a COW-shared folio, one in each mm;
 * migrating it turns both into readable (not exclusive) migration
 * entries and back into read-only PTEs of the new folio, with both
 * mappings' references and mapcounts moved.
 */
static void test_rmap_cow_shared_migrates_both(void **state)
{
	struct cow_run c = { 0 };

	kshim_spawn("cow", cow_task, &c);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(c.err, 0);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(c.found, 2);
	assert_true(c.found_mms);
	assert_int_equal(c.prep, 0);
	assert_int_equal(c.mig, 0);
	assert_int_not_equal(c.new_pfn, c.old_pfn);
	assert_true(c.both_new);
	assert_true(c.both_ro);
	assert_int_equal(c.nid, 0);
	assert_int_equal(c.refcount, 2);
	assert_int_equal(c.mapcount, 2);
	assert_false(c.exclusive);
	assert_int_equal(c.after_found, 2);
	assert_int_equal(c.after_old, 0);
	assert_int_equal(c.ev_success, 1);
	assert_int_equal(c.ev_numa, 1);
	assert_int_equal(mm_registry_count(), 0);
	assert_memory_all_free();
}

struct prep_run {
	int err;
	int exec_shared, dirty_file, clean_file, isolated_again, full, room;
	int file_ref_after;
};

static int prep_task(void *arg)
{
	struct prep_run *p = arg;
	struct mm_struct *mm = mm_create();
	struct vm_area_struct *exec_vma, *data_vma;
	static struct folio *hog[NODE_PAGES];
	struct folio *file, *anon;
	unsigned long high = migrate_node_high_wmark(0), n = 0;

	if (!mm)
		return p->err = -1;
	exec_vma = vma_create(mm, VA, VA + PAGE_SIZE, VM_READ | VM_EXEC, NULL);
	data_vma = vma_create(mm, RO_VA, RO_VA + PAGE_SIZE, VM_READ, NULL);
	file = memmap_alloc_folio(1, 0, false);		/* not swap-backed */
	anon = memmap_alloc_folio(1, 0, true);
	if (!exec_vma || !data_vma || !file || !anon)
		return p->err = -1;
	folio_set_lru(file);
	folio_set_lru(anon);

	/* a file folio mapped twice in an executable mapping: a library */
	atomic_set(&file->_mapcount, 1);
	p->exec_shared = migrate_misplaced_folio_prepare(file, exec_vma, 0);
	atomic_set(&file->_mapcount, -1);
	folio_set_dirty(file);
	p->dirty_file = migrate_misplaced_folio_prepare(file, data_vma, 0);
	folio_clear_dirty(file);
	p->clean_file = migrate_misplaced_folio_prepare(file, data_vma, 0);
	/* isolated now (PG_lru clear): a second prepare fails */
	p->isolated_again = migrate_misplaced_folio_prepare(file, data_vma, 0);
	p->file_ref_after = folio_ref_count(file);
	folio_set_lru(file);
	folio_put(file);	/* the isolation reference */

	/* fill node 0 until free == high + 1: not above high + nr */
	while (memmap_free_pages(0) > high + 1)
		hog[n++] = memmap_alloc_folio(0, 0, true);
	p->full = migrate_misplaced_folio_prepare(anon, data_vma, 0);
	folio_put(hog[--n]);	/* free == high + 2 > high + 1 */
	p->room = migrate_misplaced_folio_prepare(anon, data_vma, 0);
	folio_set_lru(anon);
	folio_put(anon);	/* isolation reference */
	while (n)
		folio_put(hog[--n]);
	folio_put(anon);
	folio_put(file);
	mm_destroy(mm);
	return 0;
}

/*
 * migrate_misplaced_folio_prepare()'s failure causes (mm/migrate.c,
 * 6.12), and the high watermark the model derives for this machine:
 * 8192 pages = 32 MiB, min_free_kbytes = int_sqrt(32768 * 16) = 724
 * (181 pages), 90 on each node; high = 90 + 2 * max(90 / 4, 4) = 134.
 */
static void test_prepare_failure_causes(void **state)
{
	struct prep_run p = { 0 };

	assert_int_equal(migrate_node_high_wmark(0), 134);
	assert_int_equal(migrate_node_high_wmark(1), 134);
	kshim_spawn("prep", prep_task, &p);
	assert_int_equal(sim_run(UINT64_MAX), SIM_RUN_DONE);
	assert_int_equal(p.err, 0);
	assert_int_equal(sim_findings_count(), 0);
	assert_int_equal(p.exec_shared, -EACCES);
	assert_int_equal(p.dirty_file, -EAGAIN);
	assert_int_equal(p.clean_file, 0);
	assert_int_equal(p.isolated_again, -EAGAIN);
	assert_int_equal(p.file_ref_after, 2);	/* + the isolation reference */
	assert_int_equal(p.full, -EAGAIN);
	assert_int_equal(p.room, 0);
	assert_memory_all_free();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_misplaced_read_migrates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fail_before_unmap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fail_after_unmap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fault_waits_for_migration, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_folio_migrates_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rmap_cow_shared_migrates_both, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prepare_failure_causes, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

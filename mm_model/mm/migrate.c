// SPDX-License-Identifier: GPL-2.0-only
/*
 * NUMA-balancing migration of one folio (see migrate.h), after
 * mm/migrate.c and the try_to_migrate() half of mm/rmap.c (6.12):
 *
 *   prepare (PTL held): -EACCES / -EAGAIN checks, isolate (ref + !lru)
 *   migrate: allocate on the target node, lock the folio, replace every
 *     mapping with a migration entry (try_to_migrate), check references,
 *     move mapping/index/flags, then rebuild every migration entry from
 *     vm_page_prot for the new folio (remove_migration_ptes), unlock
 *     (waking faults that met an entry) and free the old folio; on a
 *     failure after the unmap the entries are rebuilt for the old folio.
 *
 * Simplified, and said where it matters below: one folio per call (what
 * do_numa_page() passes); page contents are not copied (not simulated);
 * the LRU is the PG_lru bit (no lists, no per-CPU batches);
 * NR_ISOLATED_*, memcg, page_owner, mlock and mmu notifiers are not
 * kept; TLB: MIGRATE_ASYNC unmaps with TTU_BATCH_FLUSH, which defers
 * the flush of an accessible entry (when the mm may be live on another
 * CPU) to try_to_unmap_flush() after the whole unmap phase and marks
 * mm->tlb_flush_batched; the model flushes each entry at once under its
 * PTL (ptep_clear_flush()), before the same move, so a stale entry lives
 * slightly shorter than in the kernel and tlb_flush_batched stays 0.
 * Hint (protnone) entries are not accessible unless a flush is pending,
 * so neither flushes them.  Anonymous folios only (page-cache migration
 * is loud).  A PMD-mapped THP migrates whole, through one PMD migration
 * entry (mm/huge_memory.c:set_pmd_migration_entry() and
 * remove_migration_pmd(), in mm_model/mm/thp.c); a PMD split while it
 * migrates leaves PTE migration entries, restored page by page.
 */
#include <linux/mm.h>
#include <linux/errno.h>
#include <linux/huge_mm.h>
#include <linux/memory-tiers.h>
#include <linux/migrate.h>
#include <linux/sched/sysctl.h>
#include <linux/sched_yield.h>
#include <linux/swapops.h>
#include <asm/tlbflush.h>
#include <kshim/sim.h>
#include <kshim/unmodelled.h>
#include "mm_model/hw/memmap.h"
#include "mm_model/mm/migrate.h"
#include "mm_model/mm/rmap.h"
#include "mm_model/mm/thp.h"
#include "mm_model/mm/vma.h"

/* mm/migrate.c: passes over the folios before migrate_pages() gives up */
#define NR_MAX_MIGRATE_PAGES_RETRY 10
/* include/linux/migrate.h: migrate_folio_unmap()'s "unmapped, move next" */
#define MIGRATEPAGE_SUCCESS 0
#define MIGRATEPAGE_UNMAP 1

static int injected[2];

/*
 * A migration in flight, on the migrating thread's stack: its source
 * folio is "locked" (PG_locked) from before the unmap until after the
 * entries are gone, and faults that meet one of its entries sleep on
 * @waiters.  The kernel hashes the folio into page_wait_table
 * (mm/filemap.c:folio_waitqueue()) and wakes on folio_unlock(); a list
 * of the (few) migrations in flight is the same thing without false
 * sharing of a hash bucket.
 */
struct migration {
	struct folio *src;
	struct sim_waitq waiters;
	bool fail_after_unmap;	/* injected: every move pass fails */
	struct migration *next;
};
static struct migration *in_flight;

/* model-side: back to boot state (see migrate.h) */
void migrate_reset(void)
{
	injected[MIGRATE_FAIL_BEFORE_UNMAP] = 0;
	injected[MIGRATE_FAIL_AFTER_UNMAP] = 0;
	in_flight = NULL;
	mm_registry_reset();
}

/* model-side: the scenario step "migrate_fail" (see migrate.h) */
void migrate_inject_failure(enum migrate_fail_when when, int count)
{
	if (count > 0 && (when == MIGRATE_FAIL_BEFORE_UNMAP ||
			  when == MIGRATE_FAIL_AFTER_UNMAP))
		injected[when] += count;
}

int migrate_injected_pending(enum migrate_fail_when when)
{
	return injected[when];
}

/* ---- the folio lock, as far as migration uses it ---- */

/* mm/filemap.c:folio_waitqueue(), as a look-up of the migration */
static struct migration *find_migration(const struct folio *folio)
{
	struct migration *m;

	for (m = in_flight; m; m = m->next)
		if (m->src == folio)
			return m;
	return NULL;
}

/*
 * mm/filemap.c:migration_entry_wait_on_locked() (6.12).  The kernel
 * queues itself on the folio's wait queue before dropping the PTL, so
 * the unlock cannot be missed.  A simulated thread cannot queue without
 * sleeping, so this drops the PTL first and then looks for the
 * migration: nothing between that look-up and sim_wait() is a
 * scheduling point, so the unlock is not missed either; if the
 * migration already finished, the fault just retries (as the kernel's
 * folio_trylock_flag() lets it when PG_locked is already clear).
 */
static void migration_entry_wait_on_locked(swp_entry_t entry, spinlock_t *ptl)
{
	struct folio *folio = pfn_swap_entry_folio(entry);
	struct migration *m;

	spin_unlock(ptl);
	m = find_migration(folio);
	if (m && folio_test_locked(folio))
		sim_wait(&m->waiters, folio);
}

/* mm/migrate.c:migration_entry_wait() (6.12) */
void migration_entry_wait(struct mm_struct *mm, pmd_t *pmd,
			  unsigned long address)
{
	spinlock_t *ptl;
	pte_t *ptep;
	pte_t pte;

	ptep = pte_offset_map_lock(mm, pmd, address, &ptl);
	if (!ptep)
		return;
	pte = ptep_get(ptep);
	pte_unmap(ptep);
	if (!is_swap_pte(pte) || !is_migration_entry(pte_to_swp_entry(pte))) {
		spin_unlock(ptl);
		return;
	}
	migration_entry_wait_on_locked(pte_to_swp_entry(pte), ptl);
}

#ifdef CONFIG_ARCH_ENABLE_THP_MIGRATION
/*
 * Mirrors mm/migrate.c:pmd_migration_entry_wait() (6.12): the fault met
 * a PMD migration entry; wait until its migration unlocks the folio.
 */
void pmd_migration_entry_wait(struct mm_struct *mm, pmd_t *pmd)
{
	spinlock_t *ptl = pmd_lock(mm, pmd);
	pmd_t val = pmdp_get(pmd);

	if (!is_pmd_migration_entry(val)) {
		spin_unlock(ptl);
		return;
	}
	migration_entry_wait_on_locked(pmd_to_swp_entry(val), ptl);
}
#endif

/*
 * mm/migrate.c:try_to_map_unused_to_zeropage() (6.12), cut from the
 * migrate unit: only remove_migration_ptes(RMP_USE_SHARED_ZEROPAGE)
 * reaches it, which split_huge_page() asks for, and that is not
 * modelled (the model keeps no page contents to find zero-filled): loud.
 */
bool try_to_map_unused_to_zeropage(struct page_vma_mapped_walk *pvmw,
				   struct folio *folio, pte_t old_pte,
				   unsigned long idx);
bool try_to_map_unused_to_zeropage(struct page_vma_mapped_walk *pvmw,
				   struct folio *folio, pte_t old_pte,
				   unsigned long idx)
{
	kshim_unmodelled("try_to_map_unused_to_zeropage (split_huge_page)");
}

/* ---- prepare ---- */

/* lib/math/int_sqrt.c:int_sqrt() */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long b, m, y = 0;

	if (x <= 1)
		return x;
	m = 1UL << ((63 - __builtin_clzl(x)) & ~1UL);
	while (m != 0) {
		b = y + m;
		y >>= 1;
		if (x >= b) {
			x -= b;
			y += m;
		}
		m >>= 2;
	}
	return y;
}

/*
 * mm/page_alloc.c:calculate_min_free_kbytes() and
 * __setup_per_zone_wmarks() (6.12), one zone per node (see migrate.h).
 */
unsigned long migrate_node_high_wmark(int nid)
{
	const struct memmap_node *n = memmap_node(nid);
	unsigned long total = 0, min_kbytes, min_pages, node_min, tmp;
	int i;

	if (!n)
		return 0;
	for (i = 0; i < memmap_nr_nodes(); i++)
		total += memmap_node(i)->nr_pages;
	min_kbytes = int_sqrt(total * (PAGE_SIZE / 1024) * 16);
	min_kbytes = clamp(min_kbytes, 128UL, 262144UL);
	min_pages = min_kbytes >> (PAGE_SHIFT - 10);
	node_min = min_pages * n->nr_pages / total;
	tmp = max(node_min / 4, n->nr_pages * 10 / 10000);
	return node_min + 2 * tmp;
}

/*
 * Everything below is what do_numa_page() calls; without
 * CONFIG_NUMA_BALANCING linux/migrate.h has the kernel's -EAGAIN stubs.
 */
#ifdef CONFIG_NUMA_BALANCING
/* model-side: consume one injected failure of kind @when */
static bool take_injected(enum migrate_fail_when when)
{
	if (!injected[when])
		return false;
	injected[when]--;
	return true;
}

/* mm/filemap.c:folio_trylock() (an atomic test-and-set of PG_locked) */
static bool folio_trylock(struct folio *folio)
{
	sim_point(SIM_PT_ATOMIC, &folio->flags);
	if (folio_test_locked(folio))
		return false;
	folio_set_locked(folio);
	return true;
}

/* mm/filemap.c:folio_unlock(): clear PG_locked, wake the waiters */
static void folio_unlock(struct folio *folio, struct migration *m)
{
	sim_point(SIM_PT_ATOMIC, &folio->flags);
	folio_clear_locked(folio);
	if (m) {
		struct migration **pp;

		for (pp = &in_flight; *pp; pp = &(*pp)->next) {
			if (*pp == m) {
				*pp = m->next;
				break;
			}
		}
		sim_wake_all(&m->waiters);
	}
}

/*
 * mm/migrate.c:migrate_balanced_pgdat() (6.12): zone_watermark_ok() at
 * order 0 with high + nr as the mark, i.e. free pages above it.
 */
static bool migrate_balanced_pgdat(int nid, unsigned long nr)
{
	return memmap_free_pages(nid) > migrate_node_high_wmark(nid) + nr;
}

/* mm/vmscan.c:folio_isolate_lru() (6.12): PG_lru cleared, a reference */
static bool folio_isolate_lru(struct folio *folio)
{
	sim_point(SIM_PT_ATOMIC, &folio->flags);	/* folio_test_clear_lru() */
	if (!folio_test_lru(folio))
		return false;
	folio_clear_lru(folio);
	folio_get(folio);
	return true;
}

/* mm/vmscan.c:folio_putback_lru(): back on the LRU, isolation ref dropped */
static void folio_putback_lru(struct folio *folio)
{
	folio_set_lru(folio);	/* folio_add_lru(), without the batch */
	folio_put(folio);
}

/*
 * mm/migrate.c:migrate_misplaced_folio_prepare() (6.12).  Not kept:
 * NR_ISOLATED_*; the kswapd wake-up of a full node in MEMORY_TIERING
 * mode (no reclaim in the model; the result is -EAGAIN either way).
 */
int migrate_misplaced_folio_prepare(struct folio *folio,
				    struct vm_area_struct *vma, int node)
{
	long nr_pages = folio_nr_pages(folio);

	if (folio_is_file_lru(folio)) {
		/* probably a shared library */
		if ((vma->vm_flags & VM_EXEC) &&
		    folio_likely_mapped_shared(folio))
			return -EACCES;
		/* async migration of dirty file folios is not worth it */
		if (folio_test_dirty(folio))
			return -EAGAIN;
	}
	if (!migrate_balanced_pgdat(node, nr_pages))
		return -EAGAIN;
	if (take_injected(MIGRATE_FAIL_BEFORE_UNMAP))
		return -EAGAIN;		/* as a failed isolation */
	if (!folio_isolate_lru(folio))
		return -EAGAIN;
	return 0;
}

/*
 * try_to_migrate() (mm/rmap.c), remove_migration_ptes() and
 * folio_migrate_flags() (mm/migrate.c) are extracted: the migrate_rmap
 * and migrate units, over the model's rmap_walk() and
 * page_vma_mapped_walk() (rmap.c).
 */

/*
 * mm/migrate.c:migrate_folio_unmap() (6.12) for an LRU folio: allocate
 * the destination (alloc_misplaced_dst_folio(): __GFP_THISNODE, no
 * reclaim), trylock the source (MIGRATE_ASYNC does not wait), and
 * replace its mappings with migration entries.
 */
static int migrate_folio_unmap(struct folio *src, int node,
			       struct migration *m, struct folio **dstp,
			       bool *was_mapped)
{
	struct folio *dst;

	*was_mapped = false;
	if (folio_ref_count(src) == 1) {
		/* freed from under us (only the isolation ref is left) */
		folio_clear_active(src);
		folio_clear_unevictable(src);
		folio_put(src);		/* migrate_folio_done() */
		return MIGRATEPAGE_SUCCESS;
	}
	dst = memmap_alloc_folio(node, folio_order(src), false);
	if (!dst)
		return -ENOMEM;
	if (!folio_trylock(src)) {
		folio_put(dst);		/* migrate_folio_undo_dst() */
		return -EAGAIN;
	}
	m->src = src;
	m->waiters = (struct sim_waitq){ 0 };
	m->next = in_flight;
	in_flight = m;
	folio_set_locked(dst);	/* a fresh folio: the trylock succeeds */
	if (folio_mapped(src)) {
		/* MIGRATE_ASYNC */
		try_to_migrate(src, TTU_BATCH_FLUSH);
		*was_mapped = true;
	}
	if (!folio_mapped(src)) {
		*dstp = dst;
		return MIGRATEPAGE_UNMAP;
	}
	/* some mapping could not be unmapped: undo, retry later */
	if (*was_mapped)
		remove_migration_ptes(src, src, 0);
	folio_unlock(src, m);
	folio_clear_locked(dst);
	folio_put(dst);
	return -EAGAIN;
}

/*
 * mm/migrate.c:migrate_folio_move() (6.12) with move_to_new_folio() ->
 * migrate_folio() -> __migrate_folio() for an anonymous folio without
 * a mapping: the references must be exactly the isolation one (else
 * -EAGAIN, entries left in place for the next pass), then mapping,
 * index and flags move, the new folio goes on the LRU, the entries
 * point at it, and the old folio is unlocked and released.
 */
static int migrate_folio_move(struct folio *src, struct folio *dst,
			      struct migration *m, bool was_mapped)
{
	/* folio_expected_ref_count() is 0 for anon without swapcache */
	if (m->fail_after_unmap || folio_ref_count(src) != 1)
		return -EAGAIN;
	/* folio_mc_copy(): contents are not simulated */
	dst->index = src->index;	/* __folio_migrate_mapping() */
	dst->mapping = src->mapping;
	if (folio_test_swapbacked(src))
		folio_set_swapbacked(dst);
	folio_migrate_flags(dst, src);
	folio_set_lru(dst);		/* folio_add_lru() */
	if (was_mapped)
		remove_migration_ptes(src, dst, 0);
	folio_clear_locked(dst);	/* folio_unlock(dst): nobody waits on it */
	folio_put(dst);
	folio_unlock(src, m);
	folio_put(src);			/* migrate_folio_done() */
	return MIGRATEPAGE_SUCCESS;
}

/*
 * mm/migrate.c:migrate_pages() -> migrate_pages_batch() (6.12) for one
 * folio, MIGRATE_ASYNC, MR_NUMA_MISPLACED (never split): up to
 * NR_MAX_MIGRATE_PAGES_RETRY passes of the unmap, then of the move;
 * what still fails is restored (migrate_folio_undo_src/dst()).  Counts
 * PGMIGRATE_SUCCESS/FAIL (and the THP events for a PMD-sized folio);
 * returns the pages migrated, or a negative errno / 0 on failure in
 * *@rc, as the caller needs them.
 */
static unsigned long migrate_one(struct folio *src, int node, int *rc)
{
	long nr = folio_nr_pages(src);
	/* folio_test_pmd_mappable() */
	bool is_thp = folio_order(src) >= PMD_SHIFT - PAGE_SHIFT;
	struct migration m = { 0 };
	struct folio *dst = NULL;
	bool was_mapped = false;
	unsigned long ok = 0, failed = 0;
	int pass, r = -EAGAIN;

	for (pass = 0; pass < NR_MAX_MIGRATE_PAGES_RETRY && r == -EAGAIN;
	     pass++) {
		cond_resched();
		r = migrate_folio_unmap(src, node, &m, &dst, &was_mapped);
	}
	if (r == MIGRATEPAGE_SUCCESS) {
		ok = nr;
		goto out;
	}
	if (r != MIGRATEPAGE_UNMAP) {
		failed = nr;	/* -ENOMEM, or -EAGAIN after every pass */
		goto out;
	}
	/* try_to_unmap_flush(): already flushed per entry */
	m.fail_after_unmap = take_injected(MIGRATE_FAIL_AFTER_UNMAP);
	r = -EAGAIN;
	for (pass = 0; pass < NR_MAX_MIGRATE_PAGES_RETRY && r == -EAGAIN;
	     pass++) {
		cond_resched();
		r = migrate_folio_move(src, dst, &m, was_mapped);
	}
	if (r == MIGRATEPAGE_SUCCESS) {
		ok = nr;
		goto out;
	}
	failed = nr;
	/* migrate_folio_undo_src() and migrate_folio_undo_dst() */
	if (was_mapped)
		remove_migration_ptes(src, src, 0);
	folio_unlock(src, &m);
	folio_clear_locked(dst);
	folio_put(dst);
out:
	count_vm_events(PGMIGRATE_SUCCESS, ok);
	count_vm_events(PGMIGRATE_FAIL, failed);
	if (is_thp) {
		count_vm_events(THP_MIGRATION_SUCCESS, !!ok);
		count_vm_events(THP_MIGRATION_FAIL, !!failed);
	}
	*rc = r;
	return ok;
}

/*
 * mm/migrate.c:migrate_misplaced_folio() (6.12): the folio was isolated
 * by the prepare; on failure it goes back to the LRU and the isolation
 * reference is dropped.  Returns 0 or -EAGAIN, whatever the cause (the
 * kernel turns every failure into -EAGAIN here).  Not kept: memcg
 * events, PGPROMOTE_SUCCESS (MEMORY_TIERING promotions).
 */
int migrate_misplaced_folio(struct folio *folio, struct vm_area_struct *vma,
			    int node)
{
	unsigned long nr_succeeded;
	int rc;

	if (!folio_test_anon(folio))
		kshim_unmodelled("migration of a page-cache folio (folio_migrate_mapping)");
	nr_succeeded = migrate_one(folio, node, &rc);
	if (!nr_succeeded)
		folio_putback_lru(folio);	/* putback_movable_pages() */
	else
		count_vm_numa_events(NUMA_PAGE_MIGRATE, nr_succeeded);
	return nr_succeeded ? 0 : -EAGAIN;
}
#endif /* CONFIG_NUMA_BALANCING */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * NUMA-balancing migration (see migrate.h): mm/migrate.c's
 * migrate_misplaced_folio_prepare(), migrate_misplaced_folio() and
 * migrate_pages() down to remove_migration_ptes() and
 * folio_migrate_flags() (the migrate unit), and mm/rmap.c's
 * try_to_migrate() (the migrate_rmap unit) are extracted (6.12).  Here
 * is what they call that the model stands in for:
 *
 *   - the folio lock and its wait queues (mm/filemap.c), which a fault
 *     that meets a migration entry sleeps on (migration_entry_wait());
 *   - the LRU as the PG_lru bit (folio_isolate_lru(), folio_putback_lru(),
 *     folio_add_lru(): no lists, no per-CPU batches);
 *   - the node's one zone, its watermark and the target's allocation
 *     (NODE_DATA(), zone_watermark_ok(), __folio_alloc_node());
 *   - __folio_migrate_mapping() for an anonymous folio without swap
 *     cache (page-cache migration is loud), and folio_mc_copy() (page
 *     contents are not simulated);
 *   - the cut paths: non-LRU movable pages, hugetlb, page-cache
 *     fallback, folio splitting, MIGRATE_SYNC (loud);
 *   - the failure injection of the scenario step "migrate_fail".
 *
 * TLB: without CONFIG_ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH (x86 has it),
 * try_to_migrate_one() flushes each accessible entry under its PTL
 * (ptep_clear_flush()) instead of deferring it to try_to_unmap_flush(),
 * so a stale entry lives slightly shorter than in the kernel and
 * mm->tlb_flush_batched stays 0.
 */
#include <linux/mm.h>
#include <linux/errno.h>
#include <linux/hash.h>
#include <linux/huge_mm.h>
#include <linux/memory-tiers.h>
#include <linux/migrate.h>
#include <linux/mmzone.h>
#include <linux/pagemap.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/sched/sysctl.h>
#include <linux/sched_yield.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <asm/tlbflush.h>
#include <kshim/inject.h>
#include <kshim/sim.h>
#include <kshim/unmodelled.h>
#include <mm/internal.h>
#include "mm_model/hw/memmap.h"
#include "mm_model/mm/migrate.h"
#include "mm_model/mm/rmap.h"
#include "mm_model/mm/thp.h"
#include "mm_model/mm/vma.h"

static int injected[2];

/*
 * The "after_unmap" injection (see migrate.h): the folios the running
 * task isolated for migration, and those holding the injected extra
 * reference (dropped when the failed folio goes back to the LRU).
 */
#define MIGRATE_TRACKED 16
static struct migrate_tracked {
	struct task_struct *task;
	struct folio *folio;
} isolated[MIGRATE_TRACKED], extra_ref[MIGRATE_TRACKED];

/*
 * mm/filemap.c:folio_wait_table (6.12): the queues a folio's lock
 * waiters sleep on, hashed by folio as folio_waitqueue() does.
 */
#define PAGE_WAIT_TABLE_BITS 8
static struct sim_waitq folio_wait_table[1 << PAGE_WAIT_TABLE_BITS];

/* model-side: back to boot state (see migrate.h) */
void migrate_reset(void)
{
	injected[MIGRATE_FAIL_BEFORE_UNMAP] = 0;
	injected[MIGRATE_FAIL_AFTER_UNMAP] = 0;
	memset(isolated, 0, sizeof(isolated));
	memset(extra_ref, 0, sizeof(extra_ref));
	memset(folio_wait_table, 0, sizeof(folio_wait_table));
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

/* model-side: consume one injected failure of kind @when */
static bool take_injected(enum migrate_fail_when when)
{
	if (!injected[when])
		return false;
	injected[when]--;
	return true;
}

static bool track(struct migrate_tracked *t, struct folio *folio)
{
	int i;

	for (i = 0; i < MIGRATE_TRACKED; i++) {
		if (!t[i].folio) {
			t[i].task = current;
			t[i].folio = folio;
			return true;
		}
	}
	WARN_ON_ONCE(1);	/* more migrations in flight than tracked */
	return false;
}

/* ---- the folio lock (mm/filemap.c) ---- */

/* mm/filemap.c:folio_waitqueue() (6.12) */
static struct sim_waitq *folio_waitqueue(struct folio *folio)
{
	return &folio_wait_table[hash_ptr(folio, PAGE_WAIT_TABLE_BITS)];
}

/* include/linux/pagemap.h:folio_trylock(): an atomic test-and-set of PG_locked */
bool folio_trylock(struct folio *folio)
{
	sim_point(SIM_PT_ATOMIC, &folio->flags);
	if (folio_test_locked(folio))
		return false;
	folio_set_locked(folio);
	return true;
}

/*
 * mm/filemap.c:folio_unlock() (6.12): PG_locked cleared, the folio's
 * queue woken (a waiter woken for another folio of the same bucket
 * rechecks, as the kernel's wake function filters by key).
 */
void folio_unlock(struct folio *folio)
{
	sim_point(SIM_PT_ATOMIC, &folio->flags);
	folio_clear_locked(folio);
	sim_wake_all(folio_waitqueue(folio));
}

/* include/linux/pagemap.h:folio_lock() -> __folio_lock() (6.12) */
void folio_lock(struct folio *folio)
{
	while (!folio_trylock(folio))
		sim_wait(folio_waitqueue(folio), folio);
}

/*
 * mm/filemap.c:migration_entry_wait_on_locked() (6.12).  The kernel
 * queues itself on the folio's wait queue before dropping the PTL, so
 * the unlock cannot be missed.  A simulated thread cannot queue without
 sleeping, so this drops the PTL first and then tests PG_locked:
 * nothing between that test and sim_wait() is a scheduling point, so
 * the unlock is not missed either; if the migration already finished,
 * the fault just retries (as the kernel's folio_trylock_flag() lets it
 * when PG_locked is already clear).
 */
static void migration_entry_wait_on_locked(swp_entry_t entry, spinlock_t *ptl)
{
	struct folio *folio = pfn_swap_entry_folio(entry);

	spin_unlock(ptl);
	if (folio_test_locked(folio))
		sim_wait(folio_waitqueue(folio), folio);
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

/* ---- the node's zone and the allocation (mm/page_alloc.c) ---- */

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

/* include/linux/mmzone.h:managed_zone(): the node has pages */
bool managed_zone(struct zone *zone)
{
	const struct memmap_node *n = memmap_node(zone->node);

	return n && n->nr_pages;
}

/* include/linux/mmzone.h:high_wmark_pages() (see migrate_node_high_wmark()) */
unsigned long high_wmark_pages(struct zone *zone)
{
	return migrate_node_high_wmark(zone->node);
}

/*
 * mm/page_alloc.c:zone_watermark_ok() -> __zone_watermark_ok() (6.12)
 * at order 0 with ALLOC_CMA: free pages above the mark (no lowmem
 * reserve, no highatomic reserve, no CMA in the model).
 */
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags)
{
	if (order)
		kshim_unmodelled("zone_watermark_ok above order 0");
	return memmap_free_pages(z->node) > mark;
}

/*
 * include/linux/gfp.h:__folio_alloc_node() (6.12): alloc_misplaced_dst_folio()
 * asks for __GFP_THISNODE without reclaim, i.e. the node's free pages
 * or nothing.
 */
struct folio *__folio_alloc_node(gfp_t gfp, unsigned int order, int nid)
{
	if (!(gfp & __GFP_THISNODE))
		kshim_unmodelled("__folio_alloc_node without __GFP_THISNODE");
	/* the "migrate_target" injection (kshim/inject.h): no folio */
	if (kshim_inject(KSHIM_INJECT_MIGRATE_TARGET))
		return NULL;
	return memmap_alloc_folio(nid, order, false);
}

/* ---- the LRU (mm/vmscan.c, mm/swap.c) ---- */

/*
 * mm/vmscan.c:folio_isolate_lru() (6.12): PG_lru cleared, a reference
 * taken.  The "before_unmap" failure is injected here, as an isolation
 * that fails (the folio is off the LRU already); a successful one is
 * remembered for the "after_unmap" one (try_to_unmap_flush()).
 */
bool folio_isolate_lru(struct folio *folio)
{
	/* the step "migrate_fail", or the "folio_isolate" injection */
	if (take_injected(MIGRATE_FAIL_BEFORE_UNMAP) ||
	    kshim_inject(KSHIM_INJECT_FOLIO_ISOLATE))
		return false;
	sim_point(SIM_PT_ATOMIC, &folio->flags);	/* folio_test_clear_lru() */
	if (!folio_test_lru(folio))
		return false;
	folio_clear_lru(folio);
	folio_get(folio);
	track(isolated, folio);
	return true;
}

/* mm/swap.c:folio_add_lru(): PG_lru set, without the per-CPU batch */
void folio_add_lru(struct folio *folio)
{
	folio_set_lru(folio);
}

/*
 * mm/vmscan.c:folio_putback_lru() (6.12): back on the LRU, the isolation
 * reference dropped; and an injected extra reference on it (see
 * try_to_unmap_flush()) dropped with it.
 */
void folio_putback_lru(struct folio *folio)
{
	int i;

	for (i = 0; i < MIGRATE_TRACKED; i++) {
		if (isolated[i].folio == folio)
			isolated[i].folio = NULL;
		if (extra_ref[i].folio == folio) {
			extra_ref[i].folio = NULL;
			folio_put(folio);
		}
	}
	folio_add_lru(folio);
	folio_put(folio);
}

/*
 * The kernel's try_to_unmap_flush() is empty here (see mm/internal.h):
 * each entry was flushed as it was cleared.  It runs once between
 * migrate_pages_batch()'s unmap and move phases, where the
 * "after_unmap" failure is injected: a folio this task isolated and
 * unmapped (locked, no mapping left) gains an extra reference, as a
 * concurrent GUP would take, so __migrate_folio()'s reference check
 * fails every move pass, the entries are restored for the old folio,
 * and the folio goes back to the LRU (where the reference is dropped).
 */
void try_to_unmap_flush(void)
{
	int i;

	for (i = 0; i < MIGRATE_TRACKED; i++) {
		struct folio *folio = isolated[i].folio;

		if (!folio || isolated[i].task != current)
			continue;
		isolated[i].folio = NULL;
		if (folio_test_locked(folio) && !folio_mapped(folio) &&
		    take_injected(MIGRATE_FAIL_AFTER_UNMAP)) {
			folio_get(folio);
			track(extra_ref, folio);
		}
	}
}

/* ---- what the extracted migration calls and the model stands in for ---- */

/* the migrate unit's cut functions (static there; their prototypes are emitted) */
struct migrate_pages_stats;
int __folio_migrate_mapping(struct address_space *mapping,
			    struct folio *newfolio, struct folio *folio,
			    int expected_count);
void putback_movable_folio(struct folio *folio);
int migrate_movable_ops_page(struct page *dst, struct page *src,
			     enum migrate_mode mode);
int fallback_migrate_folio(struct address_space *mapping, struct folio *dst,
			   struct folio *src, enum migrate_mode mode);
int unmap_and_move_huge_page(new_folio_t get_new_folio,
			     free_folio_t put_new_folio, unsigned long private,
			     struct folio *src, int force,
			     enum migrate_mode mode, int reason,
			     struct list_head *ret);
int try_split_folio(struct folio *folio, struct list_head *split_folios,
		    enum migrate_mode mode);
int migrate_pages_sync(struct list_head *from, new_folio_t get_new_folio,
		       free_folio_t put_new_folio, unsigned long private,
		       enum migrate_mode mode, int reason,
		       struct list_head *ret_folios,
		       struct list_head *split_folios,
		       struct migrate_pages_stats *stats);

/* include/linux/mm.h:folio_mc_copy(): page contents are not simulated */
int folio_mc_copy(struct folio *dst, struct folio *src)
{
	return 0;
}

/*
 * mm/migrate.c:__folio_migrate_mapping() (6.12), cut, for a folio
 * without a mapping (anonymous, no swap cache): the references must be
 * exactly the expected ones, then index, mapping and swapbacked move.
 * Not kept: the deferred-split unqueue (no deferred split queue), the
 * anon mTHP counter.  A page-cache folio is loud.
 */
int __folio_migrate_mapping(struct address_space *mapping,
			    struct folio *newfolio, struct folio *folio,
			    int expected_count)
{
	if (mapping)
		kshim_unmodelled("migration of a page-cache folio (__folio_migrate_mapping)");
	if (folio_ref_count(folio) != expected_count)
		return -EAGAIN;
	/* No turning back from here */
	newfolio->index = folio->index;
	newfolio->mapping = folio->mapping;
	if (folio_test_swapbacked(folio))
		folio_set_swapbacked(newfolio);
	return MIGRATEPAGE_SUCCESS;
}

/*
 * mm/rmap.c:folio_get_anon_vma() (6.12): the model's one anon_vma is
 * never freed, so there is nothing to pin
 */
struct anon_vma *folio_get_anon_vma(struct folio *folio)
{
	return NULL;
}

/* mm/migrate.c:putback_movable_folio(), cut: no non-LRU movable pages */
void putback_movable_folio(struct folio *folio)
{
	kshim_unmodelled("putback_movable_folio (non-LRU movable pages)");
}

/* mm/migrate.c:migrate_movable_ops_page(), cut: no non-LRU movable pages */
int migrate_movable_ops_page(struct page *dst, struct page *src,
			     enum migrate_mode mode)
{
	kshim_unmodelled("migrate_movable_ops_page (non-LRU movable pages)");
}

/* mm/migrate.c:fallback_migrate_folio(), cut: no page cache */
int fallback_migrate_folio(struct address_space *mapping, struct folio *dst,
			   struct folio *src, enum migrate_mode mode)
{
	kshim_unmodelled("fallback_migrate_folio (page cache)");
}

/* mm/migrate.c:unmap_and_move_huge_page(), cut: no hugetlb */
int unmap_and_move_huge_page(new_folio_t get_new_folio,
			     free_folio_t put_new_folio, unsigned long private,
			     struct folio *src, int force,
			     enum migrate_mode mode, int reason,
			     struct list_head *ret)
{
	kshim_unmodelled("unmap_and_move_huge_page (hugetlb)");
}

/*
 * mm/migrate.c:try_split_folio(), cut: MR_NUMA_MISPLACED never splits
 * (a THP that cannot move fails whole) and the model has no deferred
 * split queue; split_folio() is not modelled.
 */
int try_split_folio(struct folio *folio, struct list_head *split_folios,
		    enum migrate_mode mode)
{
	kshim_unmodelled("try_split_folio (split_huge_page)");
}

/* mm/migrate.c:migrate_pages_sync(), cut: NUMA balancing is MIGRATE_ASYNC */
int migrate_pages_sync(struct list_head *from, new_folio_t get_new_folio,
		       free_folio_t put_new_folio, unsigned long private,
		       enum migrate_mode mode, int reason,
		       struct list_head *ret_folios,
		       struct list_head *split_folios,
		       struct migrate_pages_stats *stats)
{
	kshim_unmodelled("migrate_pages_sync (MIGRATE_SYNC migration)");
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Ground truth of hint ownership and the routing and restoration
 * oracles (architecture.md invariants 2 and 3); see hint_owner.h.
 *
 * A hint is an entry with _PAGE_PROTNONE and without _PAGE_PRESENT (x86
 * keeps _PAGE_PROTNONE out of swap and migration entries, so the raw
 * bits say it whatever the kconfig's pte_protnone() answers).  Owners
 * live in a hash keyed by the entry's slot.  The kernel ends a hint in a
 * handler in two stores (ptep_modify_prot_start() clears it, the commit
 * writes the rebuilt entry), so an ended hint stays "pending" on its
 * slot until this task's next store there, which is then checked.
 */
#include <stdlib.h>
/*
 * Keys are page-table slot addresses: the kernel's hash_ptr() spreads
 * them as well as uthash's Jenkins hash, for a fraction of its cost
 * (every page-table store with a hint pending looks one up).  Iteration
 * follows insertion order whatever the hash.
 */
#include <linux/hash.h>
#define HASH_FUNCTION(keyptr, keylen, hashv)				\
	((hashv) = hash_ptr(*(void *const *)(keyptr), 32))
#include <uthash.h>
#include <linux/mm.h>
#include <linux/page-flags.h>
#include <kshim/sim.h>
#include "mm_model/hw/pgtable.h"
#include "oracles/hint_owner.h"

struct hint_slot {
	const void *slot;
	enum hint_owner owner;
	/* ended in a handler, rebuilt entry not yet stored */
	bool pending;
	bool pmd;
	uint64_t old;		/* the hint that ended */
	struct task_struct *task;
	struct vm_area_struct *vma;
	unsigned long addr;
	UT_hash_handle hh;
};

static struct hint_slot *slots;
static struct hint_stats stats;
static int nr_pending;		/* slots with a hint ended, not yet rebuilt */

static bool is_hint(uint64_t v)
{
	return (v & (_PAGE_PRESENT | _PAGE_PROTNONE)) == _PAGE_PROTNONE;
}

void hint_owner_reset(void)
{
	struct hint_slot *h, *tmp;

	HASH_ITER(hh, slots, h, tmp) {
		HASH_DEL(slots, h);
		free(h);
	}
	memset(&stats, 0, sizeof(stats));
	nr_pending = 0;
}

const struct hint_stats *hint_owner_stats(void)
{
	return &stats;
}

static struct task_struct *task_or_null(void)
{
	return sim_in_thread() ? current : NULL;
}

static struct hint_slot *find(const void *slot)
{
	struct hint_slot *h;

	HASH_FIND_PTR(slots, &slot, h);
	return h;
}

enum hint_owner hint_owner_of(const void *slot)
{
	struct hint_slot *h = find(slot);

	return h && !h->pending ? h->owner : HINT_OWNER_NONE;
}

static struct hint_slot *add_slot(void *slot)
{
	struct hint_slot *h = calloc(1, sizeof(*h));

	if (!h)
		sim_out_of_memory("the hint owner oracle's slots");
	h->slot = slot;
	HASH_ADD_PTR(slots, slot, h);
	return h;
}

static void forget(struct hint_slot *h)
{
	HASH_DEL(slots, h);
	free(h);
}

/* The address a slot maps, in the fault @vmf is handling. */
static unsigned long slot_addr(const struct vm_fault *vmf, const void *slot,
			       bool pmd)
{
	if (pmd)
		return vmf->address & HPAGE_PMD_MASK;
	return (vmf->address & PMD_MASK) +
	       ((((uintptr_t)slot) & (PAGE_SIZE - 1)) / sizeof(pte_t)) *
		       PAGE_SIZE;
}

static bool is_fault_slot(const struct vm_fault *vmf, const void *slot)
{
	return slot == (const void *)vmf->pte || slot == (const void *)vmf->pmd;
}

/* A hint ended inside @t's handler: is the handler its installer's? */
static void check_routing(struct task_struct *t, struct hint_slot *h)
{
	enum hint_owner consumer = t->hint_consumer;

	stats.resolved[h->owner][consumer]++;
	if (is_fault_slot(t->hint_vmf, h->slot)) {
		t->hint_resolved = h->owner;
		t->hint_resolved_addr = h->addr;
	}
	if (h->owner == HINT_OWNER_NONE || consumer == HINT_OWNER_GENERIC ||
	    h->owner == consumer)
		return;
	sim_finding(SIM_FINDING_ORACLE, __FILE__, __LINE__, "oracle",
		    "routing: %s hint at %#lx handled by the %s handler",
		    hint_owner_names[h->owner], h->addr,
		    hint_owner_names[consumer]);
}

/*
 * What a handler may rebuild from hint @old (mm/memory.c:do_numa_page(),
 * numa_rebuild_single_mapping() and can_change_pte_writable(), 6.12):
 * the same pfn, present; Dirty, soft-dirty and uffd-wp kept; writable
 * only in a VM_WRITE mapping and only where no other mm can reach the
 * page (VM_SHARED, or an anon page this mm owns exclusively), never
 * with uffd-wp.  A migration entry (the handler migrates) is fine.
 */
static void check_restored(struct hint_slot *h, uint64_t new)
{
	const char *what = NULL;
	unsigned long pfn, new_pfn;
	bool write, dirty, sd, uffd;
	struct page *page;

	if (!(new & (_PAGE_PRESENT | _PAGE_PROTNONE)) && new)
		return;		/* a migration entry */
	if (!new) {
		what = "left none";
		goto bad;
	}
	if (is_hint(new)) {
		what = "rebuilt as a hint again";
		goto bad;
	}
	if (h->pmd) {
		pfn = pmd_pfn(__pmd(h->old));
		new_pfn = pmd_pfn(__pmd(new));
		write = pmd_write(__pmd(new));
		dirty = pmd_dirty(__pmd(h->old)) && !pmd_dirty(__pmd(new));
		sd = pmd_soft_dirty(__pmd(h->old)) &&
		     !pmd_soft_dirty(__pmd(new));
		uffd = pmd_uffd_wp(__pmd(h->old));
		uffd = uffd && (!pmd_uffd_wp(__pmd(new)) || write);
	} else {
		pfn = pte_pfn(__pte(h->old));
		new_pfn = pte_pfn(__pte(new));
		write = pte_write(__pte(new));
		dirty = pte_dirty(__pte(h->old)) && !pte_dirty(__pte(new));
		sd = pte_soft_dirty(__pte(h->old)) &&
		     !pte_soft_dirty(__pte(new));
		uffd = pte_uffd_wp(__pte(h->old));
		uffd = uffd && (!pte_uffd_wp(__pte(new)) || write);
	}
	if (new_pfn != pfn) {
		what = "rebuilt on another pfn";
		goto bad;
	}
	if (dirty || sd || uffd) {
		what = dirty ? "lost Dirty" : sd ? "lost soft-dirty" :
			       "lost uffd-wp";
		goto bad;
	}
	if (!write)
		return;
	page = pfn_to_page(pfn);
	if (!(h->vma->vm_flags & VM_WRITE))
		what = "made writable in a mapping without VM_WRITE";
	else if (!(h->vma->vm_flags & VM_SHARED) &&
		 !(PageAnon(page) && PageAnonExclusive(page)))
		what = "made writable on a page this mm does not own "
		       "exclusively (COW)";
	if (!what)
		return;
bad:
	sim_finding(SIM_FINDING_ORACLE, __FILE__, __LINE__, "oracle",
		    "restoration: %s hint at %#lx %s (%#llx -> %#llx)",
		    hint_owner_names[h->owner], h->addr, what,
		    (unsigned long long)h->old, (unsigned long long)new);
}

static void store(void *slot, uint64_t old, uint64_t new, bool pmd)
{
	struct task_struct *t;
	struct hint_slot *h;

	/* the common store: no hint on either side, nothing pending */
	if (!nr_pending && !is_hint(old) && !is_hint(new))
		return;
	t = task_or_null();
	h = find(slot);

	if (h && h->pending) {
		if (h->task == t) {
			h->task->hint_pending--;
			nr_pending--;
			check_restored(h, new);
			forget(h);
			h = NULL;
		} else if (!is_hint(old)) {
			return;	/* another path's store while it waits */
		}
	}
	if (is_hint(old) && !is_hint(new)) {
		if (!h)
			h = add_slot(slot);
		if (t && t->hint_consumer != HINT_OWNER_NONE) {
			h->pending = true;
			h->pmd = pmd;
			h->old = old;
			h->task = t;
			h->vma = t->hint_vmf->vma;
			h->addr = slot_addr(t->hint_vmf, slot, pmd);
			check_routing(t, h);
			if (new) {
				check_restored(h, new);
				forget(h);
			} else {
				t->hint_pending++;
				nr_pending++;
			}
			return;
		}
		stats.forgotten[h->owner]++;
		forget(h);
		return;
	}
	if (!is_hint(old) && is_hint(new)) {
		enum hint_owner who = t ? t->hint_installer : HINT_OWNER_NONE;

		if (!h)
			h = add_slot(slot);
		h->owner = who;
		stats.installed[who]++;
	}
}

void hint_owner_pte_store(void *slot, uint64_t old, uint64_t new)
{
	store(slot, old, new, false);
}

void hint_owner_pmd_store(void *slot, uint64_t old, uint64_t new)
{
	store(slot, old, new, true);
}

/* Hints this task's handler ended and never rebuilt nor migrated. */
void hint_owner_handler_done(void)
{
	struct task_struct *t = current;
	struct hint_slot *h, *tmp;

	if (!t->hint_pending)
		return;
	HASH_ITER(hh, slots, h, tmp) {
		if (!h->pending || h->task != t)
			continue;
		check_restored(h, 0);
		forget(h);
		nr_pending--;
	}
	t->hint_pending = 0;
}

/*
 * The owner of the hint this thread's handler resolved, for an effect
 * of it; NULL outside a handler (no effect to judge).
 */
static struct task_struct *effect_task(void)
{
	struct task_struct *t = task_or_null();

	return t && t->hint_consumer != HINT_OWNER_NONE ? t : NULL;
}

void hint_owner_numa_effect(const char *what)
{
	struct task_struct *t = effect_task();

	if (!t)
		return;
	stats.numa_effects[t->hint_resolved]++;
	if (t->hint_resolved == HINT_OWNER_DAMON)
		sim_finding(SIM_FINDING_ORACLE, __FILE__, __LINE__, "oracle",
			    "routing: DAMON hint at %#lx counted by NUMA "
			    "balancing (%s)", t->hint_resolved_addr, what);
}

void hint_owner_damon_report(void)
{
	struct task_struct *t = effect_task();

	if (!t)
		return;
	stats.damon_reports[t->hint_resolved]++;
	if (t->hint_resolved == HINT_OWNER_NUMA)
		sim_finding(SIM_FINDING_ORACLE, __FILE__, __LINE__, "oracle",
			    "routing: NUMA hint at %#lx reported to DAMON",
			    t->hint_resolved_addr);
}

/*
 * Attached when linked: the model announces page-table stores and hint
 * events, this oracle observes every run of the binary that has it.
 */
static const struct pt_store_observer store_observer = {
	.pte_store = hint_owner_pte_store,
	.pmd_store = hint_owner_pmd_store,
};

static const struct hint_observer event_observer = {
	.reset = hint_owner_reset,
	.numa_effect = hint_owner_numa_effect,
	.damon_report = hint_owner_damon_report,
	.handler_done = hint_owner_handler_done,
};

__attribute__((constructor)) static void hint_owner_attach(void)
{
	pt_store_observer_set(&store_observer);
	hint_observer_set(&event_observer);
}

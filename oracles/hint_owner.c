// SPDX-License-Identifier: GPL-2.0-only
/*
 * Ground truth of hint ownership and the routing and restoration
 * oracles (architecture.md invariants 2 and 3); see hint_owner.h.
 *
 * A hint is an entry with _PAGE_PROTNONE and without _PAGE_PRESENT (x86
 * keeps _PAGE_PROTNONE out of swap and migration entries, so the raw
 * bits say it whatever the kconfig's pte_protnone() answers), or on
 * arm64 a present-invalid entry without user access
 * (kshim_raw_protnone()).  Owners live in a hash keyed by the entry's
 * slot.  A fault ends a hint in one
 * store (a migration entry) or two (ptep_modify_prot_start() clears it,
 * the commit writes the rebuilt entry), so an ended hint stays "pending"
 * on its slot until this task's next store there, which is then checked.
 *
 * Nothing here knows which handler ran.  What a task's fault did is
 * kept in a record of that task (a second hash, keyed by the task):
 * the hints its stores ended, whether task_numa_fault() ran, how far
 * numa_hint_faults rose, the DAMON reports made; the fault is judged
 * when the model's handle_mm_fault() call returns.
 */
#include <stdio.h>
#include <stdlib.h>
/*
 * Keys are page-table slot and task addresses: the kernel's hash_ptr()
 * spreads them as well as uthash's Jenkins hash, for a fraction of its
 * cost (every page-table store with a hint pending looks one up).
 * Iteration follows insertion order whatever the hash.
 */
#include <linux/hash.h>
#define HASH_FUNCTION(keyptr, keylen, hashv)				\
	((hashv) = hash_ptr(*(void *const *)(keyptr), 32))
#include <uthash.h>
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/page-flags.h>
#include <linux/vmstat.h>
#include <kshim/sim.h>
#include "mm_model/hw/pgtable.h"
#include "designs/registry.h"
#include "oracles/hint_owner.h"

const char *const hint_effect_names[HINT_NR_EFFECTS] = {
	[HINT_EFFECT_NONE] = "none",
	[HINT_EFFECT_NUMA] = "NUMA",
	[HINT_EFFECT_DAMON] = "DAMON",
	[HINT_EFFECT_BOTH] = "both",
};

/* The cp_flags 6.12 defines (include/linux/mm.h): none names an owner */
#define CP_FLAGS_6_12 (MM_CP_TRY_CHANGE_WRITABLE | MM_CP_PROT_NUMA |	\
		       MM_CP_UFFD_WP_ALL)

#define NO_ADDR (~0UL)
/* DAMON reports kept per fault; more are matched to the fault's hint */
#define FAULT_REPORTS 8U

struct hint_slot {
	const void *slot;
	enum hint_owner owner;
	unsigned long cp_flags;	/* HINT_OWNER_FLAGS: the installer's */
	/* ended in a fault, rebuilt entry not yet stored */
	bool pending;
	bool pmd;
	uint64_t old;		/* the hint that ended */
	uint64_t pre;		/* the entry before the install; 0: unknown */
	struct task_struct *task;
	struct vm_area_struct *vma;	/* NULL: not the fault's table */
	unsigned long addr;	/* NO_ADDR: not the fault's table */
	UT_hash_handle hh;
};

/* A hint a fault ended, judged when the fault returns */
struct ended_hint {
	const void *slot;
	enum hint_owner owner;
	unsigned long cp_flags;
	bool pmd;
	bool on_fault;		/* the entry the fault was on */
	uint64_t old;
	unsigned long addr;
};

/* What one task is doing, as far as hints go */
struct hint_task {
	struct task_struct *task;
	pid_t pid;		/* a new task at a reused address: reset */
	/* the change_protection() it runs (hint_cp.c) */
	int cp_depth;
	unsigned long cp_flags;
	/* the entry its install last cleared (ptep_modify_prot_start()) */
	const void *cleared_slot;
	uint64_t cleared_old;
	/* the fault it is in (nested calls count as one) */
	int fault_depth;
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	unsigned long address;
	unsigned long hint_faults;	/* numa_hint_faults at its start */
	unsigned int numa_calls;	/* task_numa_fault() */
	const char *numa_what;
	unsigned int nr_reports;
	struct hint_report reports[FAULT_REPORTS];
	struct ended_hint *ended;
	unsigned int nr_ended, max_ended;
	UT_hash_handle hh;
};

static struct hint_slot *slots;
static struct hint_task *tasks;
static struct hint_stats stats;
static bool unroutable_seen;	/* this run's unroutable_hint said */
static bool conflict_seen;	/* this run's bit_conflict said */
static int nr_pending;		/* slots with a hint ended, not yet rebuilt */

static bool is_hint(uint64_t v)
{
	return kshim_raw_protnone(v);
}

void hint_owner_reset(void)
{
	struct hint_slot *h, *tmp;
	struct hint_task *ht, *ttmp;

	HASH_ITER(hh, slots, h, tmp) {
		HASH_DEL(slots, h);
		free(h);
	}
	HASH_ITER(hh, tasks, ht, ttmp) {
		HASH_DEL(tasks, ht);
		free(ht->ended);
		free(ht);
	}
	memset(&stats, 0, sizeof(stats));
	nr_pending = 0;
	unroutable_seen = false;
	conflict_seen = false;
}

const struct hint_stats *hint_owner_stats(void)
{
	return &stats;
}

static struct task_struct *task_or_null(void)
{
	return sim_in_thread() ? current : NULL;
}

/* @t's record; with @create, made (or reset for a new task) if need be */
static struct hint_task *task_rec(struct task_struct *t, bool create)
{
	struct hint_task *ht;

	if (!t)
		return NULL;
	HASH_FIND_PTR(tasks, &t, ht);
	if (ht && ht->pid == t->pid)
		return ht;
	if (!create)
		return NULL;
	if (!ht) {
		ht = calloc(1, sizeof(*ht));
		if (!ht)
			sim_out_of_memory("the hint owner oracle's tasks");
		ht->task = t;
		HASH_ADD_PTR(tasks, task, ht);
	} else {
		struct ended_hint *ended = ht->ended;
		unsigned int max = ht->max_ended;
		UT_hash_handle hh = ht->hh;

		memset(ht, 0, sizeof(*ht));
		ht->task = t;
		ht->ended = ended;
		ht->max_ended = max;
		ht->hh = hh;
	}
	ht->pid = t->pid;
	return ht;
}

/* @t's record if @t is in a fault */
static struct hint_task *in_fault(struct task_struct *t)
{
	struct hint_task *ht = task_rec(t, false);

	return ht && ht->fault_depth ? ht : NULL;
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

/*
 * Who installs a hint @t makes now: the installer bracketed on it, else
 * the change_protection() it runs, by its flags: one 6.12 lacks names
 * a tree's own installer (owned by its flags), MM_CP_PROT_NUMA alone is
 * NUMA balancing's (change_prot_numa()); with neither the entry is a
 * PROT_NONE VMA's (mprotect()), nobody's hint.
 */
static enum hint_owner installer(struct task_struct *t,
				 unsigned long *cp_flags)
{
	struct hint_task *ht;

	*cp_flags = 0;
	if (!t)
		return HINT_OWNER_NONE;
	if (t->hint_installer != HINT_OWNER_NONE)
		return t->hint_installer;
	ht = task_rec(t, false);
	if (!ht || !ht->cp_depth)
		return HINT_OWNER_NONE;
	*cp_flags = ht->cp_flags;
	if (ht->cp_flags & ~CP_FLAGS_6_12)
		return HINT_OWNER_FLAGS;
	return ht->cp_flags & MM_CP_PROT_NUMA ? HINT_OWNER_NUMA :
						HINT_OWNER_NONE;
}

/*
 * Where @slot is in the fault @ht is handling: its address and whether
 * it is the entry the fault is on (NO_ADDR: another page table, e.g.
 * another mapping of a folio the fault migrates).
 */
static unsigned long slot_addr(const struct hint_task *ht, const void *slot,
			       bool pmd, bool *on_fault)
{
	uintptr_t table, s = (uintptr_t)slot;
	pmd_t *pmdp;
	pte_t *ptep;

	*on_fault = false;
	if (!pgtable_peek(ht->mm, ht->address, &pmdp, &ptep))
		return NO_ADDR;
	if (pmd) {
		*on_fault = slot == (const void *)pmdp;
		return *on_fault ? ht->address & HPAGE_PMD_MASK : NO_ADDR;
	}
	table = (uintptr_t)ptep & ~(uintptr_t)(PAGE_SIZE - 1);
	if (!ptep || (s & ~(uintptr_t)(PAGE_SIZE - 1)) != table)
		return NO_ADDR;
	*on_fault = slot == (const void *)ptep;
	return (ht->address & PMD_MASK) +
	       ((s & (PAGE_SIZE - 1)) / sizeof(pte_t)) * PAGE_SIZE;
}

static const char *addr_str(unsigned long addr, char *buf, size_t len)
{
	if (addr == NO_ADDR)
		return "in another page table";
	snprintf(buf, len, "at %#lx", addr);
	return buf;
}

/*
 * What a fault may rebuild from hint @old (mm/memory.c:do_numa_page(),
 * numa_rebuild_single_mapping() and can_change_pte_writable(), 6.12):
 * the same pfn, present; Dirty, soft-dirty and uffd-wp kept (uffd-wp as
 * the entry had it before the install, when known: a design's tag on
 * the uffd-wp bit is not uffd-wp's); writable
 * only in a VM_WRITE mapping and only where no other mm can reach the
 * page (VM_SHARED, or an anon page this mm owns exclusively), never
 * with uffd-wp.  A migration entry (the fault migrates) is fine.
 */
static void check_restored(struct hint_slot *h, uint64_t new)
{
	const char *what = NULL;
	unsigned long pfn, new_pfn;
	bool write, dirty, sd, uffd;
	struct page *page;
	char buf[32];

	if (!kshim_raw_present(new) && new)
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
		uffd = pmd_uffd_wp(__pmd(h->pre ? h->pre : h->old));
		uffd = uffd && (!pmd_uffd_wp(__pmd(new)) || write);
	} else {
		pfn = pte_pfn(__pte(h->old));
		new_pfn = pte_pfn(__pte(new));
		write = pte_write(__pte(new));
		dirty = pte_dirty(__pte(h->old)) && !pte_dirty(__pte(new));
		sd = pte_soft_dirty(__pte(h->old)) &&
		     !pte_soft_dirty(__pte(new));
		uffd = pte_uffd_wp(__pte(h->pre ? h->pre : h->old));
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
	/* the VMA is known for the fault's own table only */
	if (!write || !h->vma)
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
		    "restoration: %s hint %s %s (%#llx -> %#llx)",
		    hint_owner_names[h->owner],
		    addr_str(h->addr, buf, sizeof(buf)), what,
		    (unsigned long long)h->old, (unsigned long long)new);
}

/* Hint @h ended by a store of the fault @ht is in: noted for its end. */
static void end_in_fault(struct hint_task *ht, struct hint_slot *h,
			 uint64_t old, bool pmd)
{
	struct ended_hint *e;

	if (ht->nr_ended == ht->max_ended) {
		unsigned int max = ht->max_ended ? 2 * ht->max_ended : 8;

		e = realloc(ht->ended, max * sizeof(*e));
		if (!e)
			sim_out_of_memory("the hint oracle's ended hints");
		ht->ended = e;
		ht->max_ended = max;
	}
	e = &ht->ended[ht->nr_ended++];
	e->slot = h->slot;
	e->owner = h->owner;
	e->cp_flags = h->cp_flags;
	e->pmd = pmd;
	e->old = old;
	e->addr = slot_addr(ht, h->slot, pmd, &e->on_fault);
	h->pmd = pmd;
	h->old = old;
	h->task = ht->task;
	h->addr = e->addr;
	h->vma = e->addr != NO_ADDR ? ht->vma : NULL;
}

/*
 * A hint where protnone faults are not routed: without
 * CONFIG_NUMA_BALANCING, 6.12's pte_protnone()/pmd_protnone() are 0, so
 * handle_pte_fault() takes the entry for an ordinary non-present one
 * and the access refaults for ever.  Said once a run, at the install,
 * before the fault loop it leads to.
 */
static void check_routable(const struct hint_slot *h, uint64_t new, bool pmd)
{
	if (IS_ENABLED(CONFIG_NUMA_BALANCING) || unroutable_seen)
		return;
	unroutable_seen = true;
	sim_finding(SIM_FINDING_ORACLE, __FILE__, __LINE__, "oracle",
		    "unroutable_hint: %s hint on pfn %#lx installed where "
		    "%s_protnone() is 0 (no CONFIG_NUMA_BALANCING): no "
		    "handler will ever see its fault",
		    h->owner == HINT_OWNER_FLAGS ? "cp_flags" :
						   hint_owner_names[h->owner],
		    pmd ? pmd_pfn(__pmd(new)) : pte_pfn(__pte(new)),
		    pmd ? "pmd" : "pte");
}

/*
 * Who else sets @bits of a present entry in 6.12, on the run's arch
 * (kshim_swbit_users[]): "_PAGE_UFFD_WP, uffd-wp's write protection",
 * "PTE_DIRTY, the software dirty bit of every dirty page"
 */
static const char *bit_users(uint64_t bits, char *buf, size_t len)
{
	enum kshim_arch arch = kshim_arch_arm64() ? KSHIM_ARCH_ARM64 :
						    KSHIM_ARCH_X86_64;
	const struct kshim_swbit_user *u;
	unsigned int i;

	for (i = 0; i < kshim_nr_swbit_users; i++) {
		u = &kshim_swbit_users[i];
		if (u->arch != arch || !u->name || !(bits & (1ULL << u->bit)))
			continue;
		if (!u->user)
			return u->name;
		snprintf(buf, len, "%s, %s", u->name, u->user);
		return buf;
	}
	return "another user's";
}

/*
 * A hint whose tag bit (the design's tag_bits) was already set on the
 * entry before the install: the tag then says nothing about the hint,
 * and whoever set the bit first loses it or has its hint taken for
 * DAMON's.  Judged on the entry change_pte_range() cleared for the
 * install (ptep_modify_prot_start()), or the old PMD.  Said once a run,
 * at the first such install: the rest follow from the same cause.
 */
static void check_tag(const struct hint_slot *h, uint64_t new, bool pmd)
{
	uint64_t tag = faultsim_design_tag_bits();
	char users[96];

	if (!tag || !h->pre || !(h->pre & tag) || conflict_seen)
		return;
	conflict_seen = true;
	sim_finding(SIM_FINDING_ORACLE, __FILE__, __LINE__, "oracle",
		    "bit_conflict: %s hint on pfn %#lx on an entry "
		    "whose bit %#llx, the design's DAMON tag, was already set "
		    "(%s): the tag no longer tells whose hint it is "
		    "(%#llx -> %#llx)",
		    h->owner == HINT_OWNER_FLAGS ? "cp_flags" :
						   hint_owner_names[h->owner],
		    pmd ? pmd_pfn(__pmd(new)) : pte_pfn(__pte(new)),
		    (unsigned long long)(h->pre & tag),
		    bit_users(h->pre & tag, users, sizeof(users)),
		    (unsigned long long)h->pre, (unsigned long long)new);
}

/* An installing task clears an entry: kept as the install's "before" */
static void note_cleared(void *slot, uint64_t old)
{
	struct task_struct *t = task_or_null();
	struct hint_task *ht;

	if (!t)
		return;
	ht = task_rec(t, t->hint_installer != HINT_OWNER_NONE);
	if (!ht || (t->hint_installer == HINT_OWNER_NONE && !ht->cp_depth))
		return;
	ht->cleared_slot = slot;
	ht->cleared_old = old;
}

static void store(void *slot, uint64_t old, uint64_t new, bool pmd)
{
	struct task_struct *t;
	struct hint_task *ht;
	struct hint_slot *h;

	/* a hint too: an install may turn another's hint into its own */
	if (!new && old && faultsim_design_tag_bits())
		note_cleared(slot, old);
	/* the common store: no hint on either side, nothing pending */
	if (!nr_pending && !is_hint(old) && !is_hint(new))
		return;
	t = task_or_null();
	h = find(slot);

	if (h && h->pending) {
		if (h->task == t) {
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
		ht = in_fault(t);
		if (ht) {
			end_in_fault(ht, h, old, pmd);
			if (new) {
				check_restored(h, new);
				forget(h);
			} else {
				h->pending = true;
				nr_pending++;
			}
			return;
		}
		stats.forgotten[h->owner]++;
		forget(h);
		return;
	}
	if (!is_hint(old) && is_hint(new)) {
		if (!h)
			h = add_slot(slot);
		h->owner = installer(t, &h->cp_flags);
		stats.installed[h->owner]++;
		ht = task_rec(t, false);
		/* a store over an entry, or over the one it cleared */
		h->pre = old ? old :
			 ht && ht->cleared_slot == slot ? ht->cleared_old : 0;
		if (ht)
			ht->cleared_slot = NULL;
		if (h->owner != HINT_OWNER_NONE) {
			check_routable(h, new, pmd);
			check_tag(h, new, pmd);
		}
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

static unsigned long cp_enter(unsigned long cp_flags)
{
	struct hint_task *ht = task_rec(task_or_null(), true);
	unsigned long outer;

	if (!ht)
		return 0;
	outer = ht->cp_flags;
	ht->cp_flags = cp_flags;
	ht->cp_depth++;
	return outer;
}

static void cp_exit(unsigned long outer_flags)
{
	struct hint_task *ht = task_rec(task_or_null(), false);

	if (!ht || !ht->cp_depth)
		return;
	ht->cp_flags = outer_flags;
	ht->cp_depth--;
}

static unsigned long numa_hint_faults(void)
{
#ifdef CONFIG_NUMA_BALANCING
	return kshim_vm_event_read(NUMA_HINT_FAULTS);
#else
	return 0;
#endif
}

static void fault_begin(struct vm_area_struct *vma, unsigned long address,
			unsigned int flags)
{
	struct hint_task *ht = task_rec(task_or_null(), true);

	if (!ht || ht->fault_depth++)
		return;
	ht->vma = vma;
	ht->mm = vma->vm_mm;
	ht->address = address;
	ht->hint_faults = numa_hint_faults();
	ht->numa_calls = 0;
	ht->numa_what = NULL;
	ht->nr_reports = 0;
	ht->nr_ended = 0;
}

/* [@addr, @addr + @size) and [@start, @end) overlap (size 0 as 1) */
static bool ranges_overlap(unsigned long addr, unsigned long size,
		     unsigned long start, unsigned long end)
{
	return addr < end && addr + max(size, 1UL) > start;
}

/*
 * How many reports of this fault name @e's page?  By physical address,
 * by virtual address in the fault's table; a report that names
 * neither is the fault's own hint's, and so is each one past those
 * kept.
 */
static unsigned int reports_of(const struct hint_task *ht,
			       const struct ended_hint *e)
{
	unsigned long size = (e->pmd ? HPAGE_PMD_NR : 1) * PAGE_SIZE;
	unsigned long pfn = e->pmd ? pmd_pfn(__pmd(e->old)) :
				     pte_pfn(__pte(e->old));
	const struct hint_report *r;
	unsigned int i, n = 0;

	if (ht->nr_reports > FAULT_REPORTS && e->on_fault)
		n += ht->nr_reports - FAULT_REPORTS;
	for (i = 0; i < min(ht->nr_reports, FAULT_REPORTS); i++) {
		r = &ht->reports[i];
		if (r->paddr != HINT_REPORT_NO_ADDR)
			n += ranges_overlap(r->paddr, r->size, PFN_PHYS(pfn),
					    PFN_PHYS(pfn) + size);
		else if (r->vaddr != HINT_REPORT_NO_ADDR)
			n += e->addr != NO_ADDR &&
			     ranges_overlap(r->vaddr, r->size, e->addr,
					    e->addr + size);
		else
			n += e->on_fault;
	}
	return n;
}

/*
 * do_numa_page()/do_huge_pmd_numa_page() (6.12) restore a hint with no
 * normal folio behind it (the zero pages, ZONE_DEVICE) without counting
 * anything: the one path where NUMA balancing consumes its hint with
 * no effect.
 */
static bool has_normal_folio(const struct ended_hint *e)
{
	unsigned long pfn;

	if (e->pmd) {
		if (is_huge_zero_pmd(__pmd(e->old)))
			return false;
		pfn = pmd_pfn(__pmd(e->old));
	} else {
		pfn = pte_pfn(__pte(e->old));
		if (is_zero_pfn(pfn))
			return false;
	}
	return pfn_valid(pfn) &&
	       !folio_is_zone_device(page_folio(pfn_to_page(pfn)));
}

const char *const routing_kind_names[NR_ROUTING_KINDS] = {
	[ROUTING_MISROUTED] = "misrouted",
	[ROUTING_STAT_POLLUTION] = "stat_pollution",
	[ROUTING_LOST_REPORT] = "lost_report",
	[ROUTING_DOUBLE_REPORT] = "double_report",
};

/* A routing finding: "routing: <kind>: <owner> hint <where> <what>" */
static void routing(const struct ended_hint *e, enum routing_kind kind,
		    const char *what)
{
	char where[32], owner[40];

	/* the design says it does this (designs/design.h: accepts) */
	if (faultsim_design_accepts_kind(routing_kind_names[kind])) {
		stats.accepted[kind]++;
		return;
	}

	if (e->owner == HINT_OWNER_FLAGS)
		snprintf(owner, sizeof(owner), "cp_flags %#lx", e->cp_flags);
	else
		snprintf(owner, sizeof(owner), "%s",
			 hint_owner_names[e->owner]);
	sim_finding(SIM_FINDING_ORACLE, __FILE__, __LINE__, "oracle",
		    "routing: %s: %s hint %s %s", routing_kind_names[kind],
		    owner, addr_str(e->addr, where, sizeof(where)), what);
}

/*
 * One hint the fault ended, against the endpoints that fired in it:
 * one finding at most, of the first kind that fits.  Its owner's must
 * have fired (NUMA balancing's accounting, whether by task_numa_fault()
 * or only numa_hint_faults: 6.12's do_numa_page() skips
 * task_numa_fault() when a failed migration finds the entry changed; a
 * DAMON report naming its page), once (a DAMON hint reported twice:
 * double_report); if it did not, the hint is misrouted when another
 * consumer's fired for it, else its report is lost.  Another
 * consumer's firing as well as the owner's is stat_pollution: a
 * report naming a NUMA hint's page, task_numa_fault() in a fault on a
 * DAMON hint (its statistics and placement policy saw it).
 * numa_hint_faults is machine-wide, so it only ever excuses.  A tree's
 * own installer (HINT_OWNER_FLAGS) is taken for DAMON's, as its report
 * is the one endpoint it can have.
 */
static void judge(const struct hint_task *ht, const struct ended_hint *e,
		  bool numa)
{
	unsigned int reports = reports_of(ht, e);
	bool numa_saw = e->on_fault && ht->numa_calls;
	char what[128];

	switch (e->owner) {
	case HINT_OWNER_NUMA:
		/* do_numa_page()'s no-folio path counts nothing */
		if (!numa && has_normal_folio(e)) {
			if (reports)
				routing(e, ROUTING_MISROUTED,
					"reported to DAMON, without NUMA "
					"balancing's accounting");
			else
				routing(e, ROUTING_LOST_REPORT,
					"ended by a fault without NUMA "
					"balancing's accounting (no "
					"task_numa_fault(), no "
					"numa_hint_faults)");
		} else if (reports) {
			routing(e, ROUTING_STAT_POLLUTION,
				"reported to DAMON");
		}
		break;
	case HINT_OWNER_DAMON:
	case HINT_OWNER_FLAGS:
		/* without CONFIG_DAMON no report can be made (RFC v2 1/7) */
		if (!reports && (IS_ENABLED(CONFIG_DAMON) || numa_saw)) {
			if (numa_saw) {
				snprintf(what, sizeof(what),
					 "counted by NUMA balancing (%s), "
					 "without a DAMON report",
					 ht->numa_what);
				routing(e, ROUTING_MISROUTED, what);
			} else if (e->owner == HINT_OWNER_DAMON) {
				routing(e, ROUTING_LOST_REPORT,
					"ended by a fault without a DAMON "
					"report");
			}
		} else if (numa_saw) {
			snprintf(what, sizeof(what),
				 "counted by NUMA balancing (%s)",
				 ht->numa_what);
			routing(e, ROUTING_STAT_POLLUTION, what);
		} else if (reports > 1) {
			snprintf(what, sizeof(what), "reported to DAMON %u "
				 "times", reports);
			routing(e, ROUTING_DOUBLE_REPORT, what);
		}
		break;
	default:
		break;
	}
}

/*
 * The fault returned: hints it ended and left none, then each hint it
 * ended against the consumers' endpoints that fired in it.
 */
static void fault_settle(struct hint_task *ht)
{
	bool numa = ht->numa_calls || numa_hint_faults() != ht->hint_faults;
	bool damon = ht->nr_reports;
	enum hint_owner on = HINT_OWNER_NONE;
	struct hint_slot *h;
	unsigned int i;

	for (i = 0; i < ht->nr_ended; i++) {
		h = find(ht->ended[i].slot);
		if (h && h->pending && h->task == ht->task) {
			nr_pending--;
			check_restored(h, 0);
			forget(h);
		}
	}
	for (i = 0; i < ht->nr_ended; i++) {
		const struct ended_hint *e = &ht->ended[i];

		if (e->on_fault)
			on = e->owner;
		stats.resolved[e->owner][numa | damon << 1]++;
		judge(ht, e, numa);
	}
	stats.numa_effects[on] += ht->numa_calls;
	stats.damon_reports[on] += ht->nr_reports;
	ht->nr_ended = 0;
	ht->vma = NULL;
}

static void fault_end(vm_fault_t ret)
{
	struct hint_task *ht = in_fault(task_or_null());

	if (ht && !--ht->fault_depth)
		fault_settle(ht);
}

/* An endpoint outside a fault is not a hint's: counted, not judged. */
static void numa_effect(const char *what)
{
	struct hint_task *ht = in_fault(task_or_null());

	if (!ht) {
		stats.numa_effects[HINT_OWNER_NONE]++;
		return;
	}
	ht->numa_calls++;
	ht->numa_what = what;
}

static void damon_report(const struct hint_report *report)
{
	struct hint_task *ht = in_fault(task_or_null());

	if (!ht) {
		stats.damon_reports[HINT_OWNER_NONE]++;
		return;
	}
	if (ht->nr_reports < FAULT_REPORTS)
		ht->reports[ht->nr_reports] = *report;
	ht->nr_reports++;
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
	.cp_enter = cp_enter,
	.cp_exit = cp_exit,
	.fault_begin = fault_begin,
	.fault_end = fault_end,
	.numa_effect = numa_effect,
	.damon_report = damon_report,
};

__attribute__((constructor)) static void hint_owner_attach(void)
{
	pt_store_observer_set(&store_observer);
	hint_observer_set(&event_observer);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers our DAMON operations sets share: mm/damon/ops-common.c's
 * folio lookup and mkold (6.12), the x86 young-bit primitives they end
 * in, the target task/mm lookups of mm/damon/vaddr.c, and a one-address
 * page walk in place of mm/pagewalk.c (only what DAMON's walks use).
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/slab.h>
#include "damon_core/ops_common.h"
#include "mm_model/mm/vma.h"

_Noreturn void damon_sim_unmodelled(const char *what)
{
	fprintf(stderr, "faultsim: DAMON %s is not modelled\n", what);
	abort();
}

/*
 * Mirrors include/linux/page_ref.h:folio_try_get() (6.12): a reference
 * unless the folio is already free (refcount 0).
 */
static bool damon_folio_try_get(struct folio *folio)
{
	int old = atomic_read(&folio->_refcount);

	do {
		if (!old)
			return false;
	} while (!atomic_try_cmpxchg(&folio->_refcount, &old, old + 1));
	return true;
}

/*
 * Mirrors mm/damon/ops-common.c:damon_get_folio() (6.12): the folio of
 * an online pfn if it is on the LRU, with a reference.  Every pfn of the
 * model's memmap is online memory (no hotplug, no ZONE_DEVICE).
 */
struct folio *damon_get_folio(unsigned long pfn)
{
	struct page *page = pfn_valid(pfn) ? pfn_to_page(pfn) : NULL;
	struct folio *folio;

	if (!page)
		return NULL;
	folio = page_folio(page);
	if (!damon_folio_try_get(folio))
		return NULL;
	/* it may have been split or freed and reused meanwhile */
	if (unlikely(page_folio(page) != folio) || !folio_test_lru(folio)) {
		folio_put(folio);
		folio = NULL;
	}
	return folio;
}

/*
 * Mirrors arch/x86/mm/pgtable.c:ptep_test_and_clear_young() (6.12): a
 * locked bit clear of _PAGE_ACCESSED (one store, no scheduling point
 * between the read and it), and no TLB flush.
 */
static int damon_ptep_test_and_clear_young(struct vm_area_struct *vma,
					   unsigned long addr, pte_t *ptep)
{
	pte_t pte;

	sim_point(SIM_PT_PT_STORE, ptep);
	pte = READ_ONCE(*ptep);
	if (!pte_young(pte))
		return 0;
	kshim_pte_store(ptep, pte_mkold(pte));
	return 1;
}

/* Mirrors arch/x86/mm/pgtable.c:pmdp_test_and_clear_young() (6.12) */
static int damon_pmdp_test_and_clear_young(struct vm_area_struct *vma,
					   unsigned long addr, pmd_t *pmdp)
{
	pmd_t pmd;

	sim_point(SIM_PT_PT_STORE, pmdp);
	pmd = READ_ONCE(*pmdp);
	if (!pmd_young(pmd))
		return 0;
	kshim_pmd_store(pmdp, pmd_mkold(pmd));
	return 1;
}

/*
 * Mirrors mm/damon/ops-common.c:damon_ptep_mkold() (6.12): the entry's
 * young bit moves to the folio (PG_young, as page_idle does) and the
 * folio is marked idle.  ptep_clear_young_notify() is the plain clear:
 * no MMU notifier is ever registered on a simulated mm.
 */
void damon_ptep_mkold(pte_t *pte, struct vm_area_struct *vma,
		      unsigned long addr)
{
	struct folio *folio = damon_get_folio(pte_pfn(ptep_get(pte)));

	if (!folio)
		return;
	if (damon_ptep_test_and_clear_young(vma, addr, pte))
		folio_set_young(folio);
	folio_set_idle(folio);
	folio_put(folio);
}

/* Mirrors mm/damon/ops-common.c:damon_pmdp_mkold() (6.12) */
void damon_pmdp_mkold(pmd_t *pmd, struct vm_area_struct *vma,
		      unsigned long addr)
{
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	struct folio *folio = damon_get_folio(pmd_pfn(pmdp_get(pmd)));

	if (!folio)
		return;
	if (damon_pmdp_test_and_clear_young(vma, addr, pmd))
		folio_set_young(folio);
	folio_set_idle(folio);
	folio_put(folio);
#endif
}

/*
 * Targets' pids.  The kernel finds a task from its struct pid through
 * the pid hash; the simulation has no pid hash, so each pid we hand out
 * is remembered with its task (holding a task reference) until the
 * session ends.
 */
#define DAMON_SIM_MAX_PIDS 16

static struct {
	struct pid *pid;
	struct task_struct *task;
} pids[DAMON_SIM_MAX_PIDS];

struct pid *damon_sim_task_pid(struct task_struct *task)
{
	struct pid *pid;
	int i;

	for (i = 0; i < DAMON_SIM_MAX_PIDS && pids[i].pid; i++)
		;
	if (i == DAMON_SIM_MAX_PIDS)
		return NULL;
	pid = kzalloc(sizeof(*pid), GFP_KERNEL);
	if (!pid)
		return NULL;
	refcount_set(&pid->count, 2);	/* the caller's and ours */
	pid->nr = task->tgid;
	pids[i].pid = pid;
	pids[i].task = get_task_struct(task);
	return pid;
}

void damon_sim_forget_pids(bool put)
{
	int i;

	for (i = 0; i < DAMON_SIM_MAX_PIDS; i++) {
		if (!pids[i].pid)
			continue;
		if (put) {
			put_pid(pids[i].pid);
			put_task_struct(pids[i].task);
		}
		pids[i].pid = NULL;
		pids[i].task = NULL;
	}
}

/*
 * Mirrors mm/damon/vaddr.c:damon_get_task_struct() (6.12), i.e.
 * kernel/pid.c:get_pid_task(t->pid, PIDTYPE_PID): NULL once the task
 * has exited (detach_pid() at exit; here its thread is gone).
 */
struct task_struct *damon_get_task_struct(struct damon_target *t)
{
	int i;

	for (i = 0; i < DAMON_SIM_MAX_PIDS; i++) {
		if (pids[i].pid != t->pid)
			continue;
		if (!pids[i].task->sim)
			return NULL;
		return get_task_struct(pids[i].task);
	}
	return NULL;
}

/*
 * Mirrors mm/damon/vaddr.c:damon_get_mm() (6.12) with
 * kernel/fork.c:get_task_mm(): the task's mm with an mm_users
 * reference, none for a kernel thread or a task past exit_mm().
 */
struct mm_struct *damon_get_mm(struct damon_target *t)
{
	struct task_struct *task = damon_get_task_struct(t);
	struct mm_struct *mm;

	if (!task)
		return NULL;
	mm = task->mm;
	if (mm && !(task->flags & PF_KTHREAD))
		atomic_inc(&mm->mm_users);	/* mmget() */
	else
		mm = NULL;
	put_task_struct(task);
	return mm;
}

/*
 * kernel/fork.c:mmput().  The scenario owns its address spaces and
 * tears them down itself, so the last reference is never ours.
 */
void damon_put_mm(struct mm_struct *mm)
{
	WARN_ON_ONCE(atomic_dec_and_test(&mm->mm_users));
}

/*
 * Mirrors mm/pagewalk.c:walk_page_range() (6.12) for [addr, addr + 1)
 * and ops with only .pmd_entry: the VMA holding @addr (none: a hole,
 * nothing to call), VM_PFNMAP skipped (walk_page_test()), then
 * walk_pgd_range() .. walk_pmd_range() down to the PMD entry, holes
 * skipped, and .pmd_entry called on it.  No hugetlb VMAs exist in the
 * model.  The PUD level never splits: the model has no PUD leaves.
 */
int damon_walk_one(struct mm_struct *mm, unsigned long addr,
		   int (*pmd_entry)(pmd_t *pmd, unsigned long addr,
				    unsigned long next,
				    struct damon_walk *walk),
		   void *private)
{
	struct damon_walk walk = { .mm = mm, .private = private };
	unsigned long end = addr + 1;
	struct vm_area_struct *vma;
	pgd_t *pgd;
	p4d_t *p4d;
	pud_t *pud;
	pmd_t *pmd;

	mmap_assert_locked(mm);
	vma = find_vma(mm, addr);
	if (!vma || addr < vma->vm_start)
		return 0;		/* a hole: no .pte_hole */
	if (vma->vm_flags & VM_PFNMAP)
		return 0;
	walk.vma = vma;
	pgd = pgd_offset(mm, addr);
	if (pgd_none_or_clear_bad(pgd))
		return 0;
	p4d = p4d_offset(pgd, addr);
	if (p4d_none_or_clear_bad(p4d))
		return 0;
	pud = pud_offset(p4d, addr);
	if (pud_none(pudp_get(pud)))
		return 0;
	pmd = pmd_offset(pud, addr);
	if (pmd_none(pmdp_get(pmd)))
		return 0;
	return pmd_entry(pmd, addr, pmd_addr_end(addr, end), &walk);
}

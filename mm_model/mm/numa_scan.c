// SPDX-License-Identifier: GPL-2.0-only
/*
 * The NUMA-balancing PTE scanner (see numa_scan.h), hand-written after
 * kernel/sched/fair.c and mm/mempolicy.c (6.12).  The page-table work
 * is the real change_prot_numa() (mm/mempolicy.c -> mm/mprotect.c).
 *
 * Simplified, and said where:
 * - no numa groups: task_scan_start()/task_scan_max() take the kernel's
 *   !ng branch; task_numa_placement() is not modelled, so neither is
 *   update_task_scan_period() (its only caller): numa_scan_period is
 *   the init value (scan_delay), then task_scan_start() from the first
 *   tick on, and never adapts to the fault statistics;
 * - get_mm_rss() is a walk of the mm's page tables (the model keeps no
 *   RSS counters), get_nr_threads() is mm->mm_users; the walk is not
 *   announced (no scheduling points, as the kernel's counter read has
 *   none), so the reductions take its result as race-free: exact while
 *   the result rounds to the same number of scan windows, which holds
 *   for any mm under sysctl numa_balancing_scan_size (256 MiB);
 * - runtime is the virtual clock (numa_scan.h);
 * - vma_migratable()/vma_policy_mof() as far as the model has the
 *   state: no DAX, no shared (vm_ops->get_policy) policies;
 * - the trace_sched_skip_vma_numa() events are not emitted.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/gfp.h>
#include <linux/fs.h>
#include <linux/hugetlb.h>
#include <linux/jiffies.h>
#include <linux/minmax.h>
#include <linux/mmap_lock.h>
#include <linux/slab.h>
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/bitops.h>
#include <linux/sched_yield.h>
#include <linux/topology.h>
#include <kshim/sim.h>
#include "mm_model/mm/mempolicy.h"
#include "mm_model/mm/numa_balancing.h"
#include "mm_model/mm/numa_scan.h"
#include "mm_model/hw/pgtable.h"
#include "mm_model/mm/vma.h"
#include "mm_model/mm/hint_events.h"

unsigned int sysctl_numa_balancing_scan_period_min = 1000;
unsigned int sysctl_numa_balancing_scan_period_max = 60000;
unsigned int sysctl_numa_balancing_scan_size = 256;
unsigned int sysctl_numa_balancing_scan_delay = 1000;

/* kernel/sched/fair.c: the sysctl initialisers (a new boot's values) */
void numa_scan_reset(void)
{
	sysctl_numa_balancing_scan_period_min = 1000;
	sysctl_numa_balancing_scan_period_max = 60000;
	sysctl_numa_balancing_scan_size = 256;
	sysctl_numa_balancing_scan_delay = 1000;
}

/*
 * A write of debugfs sched/numa_balancing/@which (kernel/sched/debug.c:
 * debugfs_create_u32(), so any u32, no bound): one store, which the
 * scan's readers may race with.
 */
void numa_scan_tunable_write(enum numa_scan_tunable which, unsigned int val)
{
	static unsigned int *const vars[NR_NUMA_SCAN_TUNABLES] = {
		[NUMA_SCAN_DELAY_MS] = &sysctl_numa_balancing_scan_delay,
		[NUMA_SCAN_PERIOD_MIN_MS] = &sysctl_numa_balancing_scan_period_min,
		[NUMA_SCAN_PERIOD_MAX_MS] = &sysctl_numa_balancing_scan_period_max,
		[NUMA_SCAN_SIZE_MB] = &sysctl_numa_balancing_scan_size,
	};

	BUG_ON((unsigned int)which >= NR_NUMA_SCAN_TUNABLES);
	sim_point(SIM_PT_WRITE_ONCE, vars[which]);
	WRITE_ONCE(*vars[which], val);
}

void numa_scan_force(struct task_struct *p)
{
	if (p->mm)
		WRITE_ONCE(p->mm->numa_next_scan, jiffies);
}

#ifdef CONFIG_NUMA_BALANCING

/* x86 HPAGE_SIZE (arch/x86/include/asm/page_types.h): 1 << PMD_SHIFT */
#define NUMA_SCAN_HPAGE_SIZE PMD_SIZE
/* kernel/sched/fair.c: MAX_SCAN_WINDOW (MB/s) and VMA_PID_RESET_PERIOD */
#define MAX_SCAN_WINDOW 2560
#define VMA_PID_RESET_PERIOD (4 * sysctl_numa_balancing_scan_delay)

/*
 * p->se.sum_exec_runtime: the model has no CPU accounting, so a task
 * counts as on the CPU all the time since numa_scan_init_task().
 */
static u64 task_runtime(struct task_struct *p)
{
	p->sum_exec_runtime = sim_now_ns() - p->kshim_runtime_base;
	return p->sum_exec_runtime;
}

/*
 * include/linux/mm.h:get_mm_rss() (6.12): the model keeps no rss_stat
 * counters, so this counts what they would count: present entries
 * (protnone included) mapping a page other than the zero page, and 512
 * for a present huge PMD other than the huge zero page (which
 * set_huge_zero_folio() does not count).
 */
static unsigned long mm_rss(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long rss = 0, addr, next;
	pmd_t *pmd;
	pte_t *pte;

	list_for_each_entry(vma, &mm->kshim_vmas, kshim_node) {
		for (addr = vma->vm_start; addr < vma->vm_end; addr = next) {
			if (!pgtable_peek(mm, addr, &pmd, &pte)) {
				next = (addr + PUD_SIZE) & PUD_MASK;
				continue;
			}
			next = min((addr + PMD_SIZE) & PMD_MASK, vma->vm_end);
			if (!pte) {
				if (pmd_leaf(*pmd) && pmd_present(*pmd) &&
				    !is_huge_zero_pmd(*pmd))
					rss += HPAGE_PMD_NR;
				continue;
			}
			for (; addr < next; addr += PAGE_SIZE, pte++)
				if (pte_present(*pte) &&
				    !is_zero_pfn(pte_pfn(*pte)))
					rss++;
		}
	}
	return rss;
}

/* kernel/sched/fair.c:task_nr_scan_windows() (6.12) */
static unsigned int task_nr_scan_windows(struct task_struct *p)
{
	unsigned long rss = 0;
	unsigned long nr_scan_pages;

	nr_scan_pages = sysctl_numa_balancing_scan_size << (20 - PAGE_SHIFT);
	rss = mm_rss(p->mm);
	if (!rss)
		rss = nr_scan_pages;
	rss = round_up(rss, nr_scan_pages);
	return rss / nr_scan_pages;
}

/* kernel/sched/fair.c:task_scan_min() (6.12) */
static unsigned int task_scan_min(struct task_struct *p)
{
	unsigned int scan_size = READ_ONCE(sysctl_numa_balancing_scan_size);
	unsigned int scan, floor;
	unsigned int windows = 1;

	if (scan_size < MAX_SCAN_WINDOW)
		windows = MAX_SCAN_WINDOW / scan_size;
	floor = 1000 / windows;
	scan = sysctl_numa_balancing_scan_period_min / task_nr_scan_windows(p);
	return max_t(unsigned int, floor, scan);
}

/* kernel/sched/fair.c:task_scan_start() (6.12), no numa group */
static unsigned int task_scan_start(struct task_struct *p)
{
	/* period = smin, scaled only by a numa group's shared faults */
	return task_scan_min(p);
}

/* kernel/sched/fair.c:task_scan_max() (6.12), no numa group */
static unsigned int task_scan_max(struct task_struct *p)
{
	unsigned long smin = task_scan_min(p);
	unsigned long smax;

	smax = sysctl_numa_balancing_scan_period_max / task_nr_scan_windows(p);
	return max(smin, smax);
}

/* include/linux/sched/signal.h:get_nr_threads(): the mm's users here */
static int get_nr_threads(struct task_struct *p)
{
	return atomic_read(&p->mm->mm_users);
}

/*
 * mm/mempolicy.c:vma_migratable() (6.12).  No DAX in the model
 * (vma_is_dax() is false); hugetlb needs CONFIG_HUGETLB_PAGE, off in
 * every faultsim kconfig (x86-64 supports migrating its hstates
 * anyway); the "highest zone" test reads the file mapping's gfp mask:
 * a DMA or DMA32 zone is below policy_zone, which is ZONE_NORMAL on
 * the model's machines.
 */
static bool vma_migratable(struct vm_area_struct *vma)
{
	if (vma->vm_flags & (VM_IO | VM_PFNMAP))
		return false;
	if (vma->vm_file && vma->vm_file->f_mapping &&
	    (vma->vm_file->f_mapping->gfp_mask & (__GFP_DMA | __GFP_DMA32)))
		return false;
	return true;
}

/*
 * mm/mempolicy.c:vma_policy_mof() (6.12): the VMA's policy, else the
 * task's (get_task_policy(): its own, else the preferred-node default
 * of the node it runs on, which has MPOL_F_MOF); no vm_ops->get_policy
 * (shmem) in the model.
 */
static bool vma_policy_mof(struct vm_area_struct *vma)
{
	const struct mempolicy *pol = vma_policy(vma);

	if (!pol)
		pol = current->mempolicy;
	if (!pol)
		pol = mpol_default_for_node(numa_node_id());
	return pol->flags & MPOL_F_MOF;
}

/* kernel/sched/fair.c:reset_ptenuma_scan() (6.12) */
static void reset_ptenuma_scan(struct task_struct *p)
{
	WRITE_ONCE(p->mm->numa_scan_seq, READ_ONCE(p->mm->numa_scan_seq) + 1);
	p->mm->numa_scan_offset = 0;
}

/* kernel/sched/fair.c:vma_is_accessed() (6.12) */
static bool vma_is_accessed(struct mm_struct *mm, struct vm_area_struct *vma)
{
	unsigned long pids;

	/* the first two sequences of a VMA scan it whatever the accesses */
	if ((READ_ONCE(current->mm->numa_scan_seq) -
	     vma->numab_state->start_scan_seq) < 2)
		return true;
	pids = vma->numab_state->pids_active[0] |
	       vma->numab_state->pids_active[1];
	if (test_bit(hash_32(current->pid, ilog2(BITS_PER_LONG)), &pids))
		return true;
	/* finish a VMA the scan is already inside */
	if (mm->numa_scan_offset > vma->vm_start)
		return true;
	/* not scanned for a while and few threads to help: force it */
	if (READ_ONCE(mm->numa_scan_seq) >
	    (vma->numab_state->prev_scan_seq + get_nr_threads(current)))
		return true;
	return false;
}

/* the VMA after @vma (vma_next() of the maple-tree iterator) */
static struct vm_area_struct *vma_after(struct mm_struct *mm,
					struct vm_area_struct *vma)
{
	if (list_is_last(&vma->kshim_node, &mm->kshim_vmas))
		return NULL;
	return list_next_entry(vma, kshim_node);
}

/* kernel/sched/fair.c:task_numa_work() (6.12) */
static void task_numa_work(struct task_struct *p)
{
	unsigned long migrate, next_scan, now = jiffies;
	struct mm_struct *mm = p->mm;
	u64 runtime = task_runtime(p);
	struct vm_area_struct *vma;
	unsigned long start, end;
	enum hint_owner owner;
	unsigned long nr_pte_updates = 0;
	long pages, virtpages;
	bool vma_pids_skipped;
	bool vma_pids_forced = false;

	/* re-arm: work->next = work */
	p->numa_work_queued = false;
	if (p->flags & PF_EXITING)
		return;
	/* the kernel would oops; the tick never queues it without an mm */
	if (WARN_ON_ONCE(!mm))
		return;
	if (!mm->numa_next_scan)
		mm->numa_next_scan = now +
			msecs_to_jiffies(sysctl_numa_balancing_scan_delay);

	/* the maximal scan frequency */
	migrate = mm->numa_next_scan;
	if (time_before(now, migrate))
		return;
	if (p->numa_scan_period == 0) {
		p->numa_scan_period_max = task_scan_max(p);
		p->numa_scan_period = task_scan_start(p);
	}
	next_scan = now + msecs_to_jiffies(p->numa_scan_period);
	/* try_cmpxchg(): one thread of the mm per period */
	if (cmpxchg(&mm->numa_next_scan, migrate, next_scan) != migrate)
		return;

	/* let another thread of the mm win next time */
	p->node_stamp += 2 * TICK_NSEC;

	pages = sysctl_numa_balancing_scan_size;
	pages <<= 20 - PAGE_SHIFT;	/* MB in pages */
	virtpages = pages * 8;		/* up to this much virtual space */
	if (!pages)
		return;

	if (!mmap_read_trylock(mm))
		return;

	vma_pids_skipped = false;

retry_pids:
	start = mm->numa_scan_offset;
	vma = find_vma(mm, start);	/* vma_iter_init(start); vma_next() */
	if (!vma) {
		reset_ptenuma_scan(p);
		start = 0;
		vma = find_vma(mm, start);
	}

	for (; vma; vma = vma_after(mm, vma)) {
		if (!vma_migratable(vma) || !vma_policy_mof(vma) ||
		    is_vm_hugetlb_page(vma) || (vma->vm_flags & VM_MIXEDMAP))
			continue;	/* NUMAB_SKIP_UNSUITABLE */

		/* read-only file mappings (shared libraries, text) */
		if (!vma->vm_mm ||
		    (vma->vm_file &&
		     (vma->vm_flags & (VM_READ | VM_WRITE)) == (VM_READ)))
			continue;	/* NUMAB_SKIP_SHARED_RO */

		/* PROT_NONE: not to be confused with hinting entries */
		if (!vma_is_accessible(vma))
			continue;	/* NUMAB_SKIP_INACCESSIBLE */

		/* first visit: the per-VMA state */
		if (!vma->numab_state) {
			struct vma_numab_state *ptr;

			ptr = kzalloc(sizeof(*ptr), GFP_KERNEL);
			if (!ptr)
				continue;
			if (cmpxchg(&vma->numab_state, NULL, ptr)) {
				kfree(ptr);
				continue;
			}
			vma->numab_state->start_scan_seq = mm->numa_scan_seq;
			vma->numab_state->next_scan = now +
				msecs_to_jiffies(sysctl_numa_balancing_scan_delay);
			vma->numab_state->pids_active_reset =
				vma->numab_state->next_scan +
				msecs_to_jiffies(VMA_PID_RESET_PERIOD);
			/* not equal to numa_scan_seq: no skip on first scan */
			vma->numab_state->prev_scan_seq = mm->numa_scan_seq - 1;
		}

		/* new VMAs of short-lived tasks wait for the scan delay */
		if (mm->numa_scan_seq &&
		    time_before(jiffies, vma->numab_state->next_scan))
			continue;	/* NUMAB_SKIP_SCAN_DELAY */

		/* age the access pids regularly */
		if (mm->numa_scan_seq &&
		    time_after(jiffies, vma->numab_state->pids_active_reset)) {
			vma->numab_state->pids_active_reset =
				vma->numab_state->pids_active_reset +
				msecs_to_jiffies(VMA_PID_RESET_PERIOD);
			vma->numab_state->pids_active[0] =
				READ_ONCE(vma->numab_state->pids_active[1]);
			vma->numab_state->pids_active[1] = 0;
		}

		/* not twice in one sequence */
		if (vma->numab_state->prev_scan_seq == mm->numa_scan_seq) {
			mm->numa_scan_offset = vma->vm_end;
			continue;	/* NUMAB_SKIP_SEQ_COMPLETED */
		}

		/* not accessed by this task: only if nothing else is left */
		if (!vma_pids_forced && !vma_is_accessed(mm, vma)) {
			vma_pids_skipped = true;
			continue;	/* NUMAB_SKIP_PID_INACTIVE */
		}

		do {
			start = max(start, vma->vm_start);
			end = ALIGN(start + (pages << PAGE_SHIFT),
				    NUMA_SCAN_HPAGE_SIZE);
			end = min(end, vma->vm_end);
			owner = hint_install_begin(HINT_OWNER_NUMA);
			nr_pte_updates = change_prot_numa(vma, start, end);
			hint_install_end(owner);

			/*
			 * Only chunks that changed something use the budget;
			 * empty or already-hinted ones use virtpages only.
			 */
			if (nr_pte_updates)
				pages -= (end - start) >> PAGE_SHIFT;
			virtpages -= (end - start) >> PAGE_SHIFT;

			start = end;
			if (pages <= 0 || virtpages <= 0)
				goto out;

			cond_resched();
		} while (end != vma->vm_end);

		/* done with this VMA for this sequence */
		vma->numab_state->prev_scan_seq = mm->numa_scan_seq;

		/* force at most one VMA at a time */
		if (vma_pids_forced)
			break;
	}

	/* only unaccessed VMAs were left: force one for progress */
	if (!vma && !vma_pids_forced && vma_pids_skipped) {
		vma_pids_forced = true;
		goto retry_pids;
	}

out:
	/* stopped inside the list: resume there; else start over */
	if (vma)
		mm->numa_scan_offset = start;
	else
		reset_ptenuma_scan(p);
	mmap_read_unlock(mm);

	/* charge 32x the scan's runtime: at most ~3% overhead */
	if (unlikely(task_runtime(p) != runtime)) {
		u64 diff = p->sum_exec_runtime - runtime;

		p->node_stamp += 32 * diff;
	}
}
#endif /* CONFIG_NUMA_BALANCING */

/* kernel/sched/fair.c:init_numa_balancing() (6.12) */
void numa_scan_init_task(struct task_struct *p)
{
#ifdef CONFIG_NUMA_BALANCING
	int mm_users = 0;
	struct mm_struct *mm = p->mm;

	if (mm) {
		mm_users = atomic_read(&mm->mm_users);
		if (mm_users == 1) {
			mm->numa_next_scan = jiffies +
				msecs_to_jiffies(sysctl_numa_balancing_scan_delay);
			mm->numa_scan_seq = 0;
		}
	}
	p->node_stamp = 0;
	p->numa_scan_seq = mm ? mm->numa_scan_seq : 0;
	p->numa_scan_period = sysctl_numa_balancing_scan_delay;
	p->numa_migrate_retry = 0;
	p->numa_work_queued = false;
	task_numa_free(p);		/* p->numa_faults = NULL */
	p->numa_pages_migrated = 0;
	p->total_numa_faults = 0;
	p->kshim_runtime_base = sim_now_ns();
	p->sum_exec_runtime = 0;

	/* a new address space (no CLONE_VM): no preferred node */
	if (mm_users <= 1) {
		p->numa_preferred_nid = NUMA_NO_NODE;
		return;
	}
	/* a new thread: keep the preferred node, stagger its first scan */
	{
		struct task_struct *parent =
			(current != p && current->mm == mm) ? current : p;
		unsigned int delay;

		/* sic: task_scan_max() is in ms, the other operand in ns */
		delay = min_t(unsigned int, task_scan_max(parent),
			      parent->numa_scan_period * mm_users *
				      NSEC_PER_MSEC);
		delay += 2 * TICK_NSEC;
		p->node_stamp = delay;
	}
#endif
}

/* kernel/sched/fair.c:task_tick_fair() -> task_tick_numa() (6.12) */
bool numa_scan_tick(struct task_struct *p)
{
#ifdef CONFIG_NUMA_BALANCING
	u64 period, now;

	if (!static_branch_unlikely(&sched_numa_balancing))
		return false;
	if (!p->mm || (p->flags & (PF_EXITING | PF_KTHREAD)) ||
	    p->numa_work_queued)
		return false;

	/* runtime, not wall time: busy tasks drive the scanning */
	now = task_runtime(p);
	period = (u64)p->numa_scan_period * NSEC_PER_MSEC;

	if (now > p->node_stamp + period) {
		if (!p->node_stamp)
			p->numa_scan_period = task_scan_start(p);
		p->node_stamp += period;

		if (!time_before(jiffies, p->mm->numa_next_scan)) {
			p->numa_work_queued = true;	/* task_work_add() */
			return true;
		}
	}
#endif
	return false;
}

/* kernel/task_work.c:task_work_run() running p->numa_work (6.12) */
void numa_scan_run(struct task_struct *p)
{
#ifdef CONFIG_NUMA_BALANCING
	/* SCHED_WARN_ON(p != container_of(work, ...)): task work is current's */
	if (WARN_ON_ONCE(p != current))
		return;
	task_numa_work(p);
#endif
}

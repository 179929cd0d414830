/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/memcontrol.h (6.12): not modelled yet. */
#ifndef _LINUX_MEMCONTROL_H
#define _LINUX_MEMCONTROL_H

#include <linux/types.h>
/* the kernel's memcontrol.h reaches these through cgroup.h */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/completion.h>
#include <linux/slab.h>

struct mem_cgroup;
struct folio;

/*
 * mm/memcontrol.c:mem_cgroup_migrate() (6.12): memory cgroups are not
 * modelled, so no charge moves with a migrated folio.
 */
static inline void mem_cgroup_migrate(struct folio *old, struct folio *new)
{
}

/*
 * include/linux/memcontrol.h, memory cgroups not modelled: a folio has
 * no memcg, so there is no lruvec and no memcg event or state to count
 * (as the kernel's mem_cgroup_disabled() paths).
 */
struct lruvec;
struct pglist_data;

static inline struct mem_cgroup *get_mem_cgroup_from_folio(struct folio *folio)
{
	return NULL;
}

struct mm_struct;
static inline int mem_cgroup_charge(struct folio *folio, struct mm_struct *mm,
				    gfp_t gfp)
{
	return 0;
}

static inline void folio_throttle_swaprate(struct folio *folio, gfp_t gfp)
{
}

static inline void mem_cgroup_put(struct mem_cgroup *memcg)
{
}

static inline struct lruvec *mem_cgroup_lruvec(struct mem_cgroup *memcg,
					       struct pglist_data *pgdat)
{
	return NULL;
}

static inline void count_memcg_events(struct mem_cgroup *memcg, int idx,
				      unsigned long count)
{
}

static inline void mod_lruvec_state(struct lruvec *lruvec, int idx, int val)
{
}

#include <linux/mm_types.h>
#include <linux/vmstat.h>
#include <kshim/unmodelled.h>

/*
 * Memory cgroups are not modelled: no folio is ever charged
 * (memcg_data 0, so folio_memcg() is NULL) and every task is in the root
 * cgroup, whose event counts the model does not keep apart from the
 * global ones (linux/vmstat.h).  Both helpers below are therefore the
 * kernel's behaviour for an uncharged folio / a root-cgroup mm.
 */

/* Mirrors include/linux/memcontrol.h:count_memcg_folio_events() */
static inline void count_memcg_folio_events(struct folio *folio,
					    enum vm_event_item idx,
					    unsigned long nr)
{
	if (folio->memcg_data)	/* a charged folio: not modelled, say so */
		kshim_unmodelled("count_memcg_folio_events (a memcg-charged folio)");
}

/* Mirrors include/linux/memcontrol.h:count_memcg_events_mm() (root cgroup) */
static inline void count_memcg_events_mm(struct mm_struct *mm,
					 enum vm_event_item idx,
					 unsigned long count)
{
}

/* Mirrors include/linux/memcontrol.h:count_memcg_event_mm() (root cgroup) */
static inline void count_memcg_event_mm(struct mm_struct *mm,
					enum vm_event_item idx)
{
}

/*
 * Mirrors include/linux/memcontrol.h: the user-fault OOM bracket.  No
 * memcg limit is modelled, so no task is ever in a memcg OOM.
 */
static inline void mem_cgroup_enter_user_fault(void)
{
}

static inline void mem_cgroup_exit_user_fault(void)
{
}

static inline bool task_in_memcg_oom(struct task_struct *p)
{
	return false;
}

static inline bool mem_cgroup_oom_synchronize(bool wait)
{
	return false;
}

/*
 * Mirrors include/linux/memcontrol.h:folio_memcg_check() (6.12): no
 * folio is charged, so NULL; a charged one is not modelled, say so.
 */
static inline struct mem_cgroup *folio_memcg_check(struct folio *folio)
{
	if (folio->memcg_data)
		kshim_unmodelled("folio_memcg_check (a memcg-charged folio)");
	return NULL;
}

/*
 * include/linux/memcontrol.h:mem_cgroup_id() (6.12): there is no
 * mem_cgroup to ask (folio_memcg_check() is NULL); DAMOS's memcg
 * filter never gets one.
 */
static inline unsigned short mem_cgroup_id(struct mem_cgroup *memcg)
{
	kshim_unmodelled("mem_cgroup_id (memory cgroups)");
}

#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault-based access sampling, as the RFC v2 series does it
 * (docs/damon-fault-reporting.md; patch 6, paddr_fault):
 * prepare_access_checks picks one random sampling address per region and
 * has the run's design hint the page there (the design's install,
 * the stand-in for the RFC's change_protection(..., MM_CP_DAMON)); the
 * access that faults on it is reported by the design's handler
 * (faultsim_damon_report_access(), the RFC's damon_report_access()),
 * and check_accesses turns the reports into region counts
 * (faultsim_check_reported_accesses(), RFC patch 4).
 *
 * vaddr-fault: the target task's VMA at the sampling address (the
 * later damon/next "fault-based vaddr monitoring"; RFC v2 has only
 * paddr), with the vaddr set's init/update/target_valid.
 * paddr-fault: the folio at the sampling physical address, which must
 * be mapped, and every accessible VMA mapping it through the rmap, as
 * RFC v2 patch 6's damon_pa_change_protection() does.  Two differences
 * from the POC, both so as to keep design.h's contract: the hinted page
 * is the sampled one (the POC protects the first page of a large folio
 * at the rmap address), and the install runs under mmap_read_trylock()
 * of the mapping mm (the POC calls change_protection() from the rmap
 * walk without the mmap lock; a busy lock skips that mapping).
 *
 * These sets are not registered with the core (see sim_damon.h):
 * damon_sim_fault_ops() turns the registered vaddr or paddr set of a
 * session's ctx into one, keeping the kernel's init, update and
 * target_valid (vaddr.c's three regions, for vaddr-fault).
 */
#include <linux/damon.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/rmap.h>
#include <linux/sched/mm.h>
#include "damon_core/ops_common.h"
#include "damon_core/report.h"
#include <kshim/kshim.h>
#include <kshim/unmodelled.h>
#include "mm_model/mm/rmap.h"
#include "mm_model/mm/vma.h"

/*
 * The run's design's install (designs/registry.c hands it over when a
 * design is selected, before the boot); NULL: the design gives DAMON no
 * hints, so fault-based sampling is not applicable.
 */
static long (*design_install)(struct vm_area_struct *vma,
			      unsigned long addr) __survives_boot;

void damon_sim_set_fault_install(long (*install)(struct vm_area_struct *vma,
						 unsigned long addr))
{
	design_install = install;
}

/* One install, counted; -EOPNOTSUPP: the design gives DAMON no hints. */
static long faultsim_fault_install(struct vm_area_struct *vma, unsigned long addr)
{
	struct damon_sim_stats *st = damon_sim_stats_mut();
	long ret;

	st->installs++;
	ret = design_install ? design_install(vma, addr) : -EOPNOTSUPP;
	if (ret > 0)
		st->hinted += ret;
	else if (ret < 0 && ret != -EOPNOTSUPP)
		st->install_errors++;
	return ret;
}

/*
 * The vaddr-fault sample of one region: the VMA at the sampling address
 * under the mmap read lock (as damon_va_mkold() walks), an inaccessible
 * one skipped as RFC patch 6's rmap_one skips it.
 */
static long faultsim_vaf_prepare_one(struct mm_struct *mm,
				  struct damon_region *r)
{
	struct damon_sim_stats *st = damon_sim_stats_mut();
	struct vm_area_struct *vma;
	long ret = 0;

	r->sampling_addr = damon_rand(r->ar.start, r->ar.end);
	mmap_read_lock(mm);
	vma = find_vma(mm, r->sampling_addr);
	if (!vma || r->sampling_addr < vma->vm_start)
		st->no_mapping++;
	else if (!vma_is_accessible(vma))
		st->inaccessible++;
	else
		ret = faultsim_fault_install(vma, r->sampling_addr & PAGE_MASK);
	mmap_read_unlock(mm);
	return ret;
}

/* As damon_va_prepare_access_checks() (6.12), installing hints */
static void faultsim_vaf_prepare_access_checks(struct damon_ctx *ctx)
{
	struct damon_target *t;
	struct damon_region *r;
	struct mm_struct *mm;

	damon_for_each_target(t, ctx) {
		mm = damon_sim_get_mm(t);
		if (!mm)
			continue;
		damon_for_each_region(r, t) {
			if (faultsim_vaf_prepare_one(mm, r) == -EOPNOTSUPP) {
				damon_sim_not_applicable();
				break;
			}
		}
		mmput(mm);
	}
}

#define DAMON_PAF_MAX_HITS 8	/* mappings of one page in one VMA */

struct faultsim_paf_arg {
	unsigned long pfn;	/* the sampled page */
	long ret;		/* -EOPNOTSUPP stops the walk */
};

/*
 * RFC v2 patch 6's damon_pa_change_protection() rmap_one: every entry
 * of @vma mapping the sampled page (page_vma_mapped_walk()), then the
 * design's install on each, outside the entry locks.
 */
static bool faultsim_paf_rmap_one(struct folio *folio,
			       struct vm_area_struct *vma, unsigned long address,
			       void *arg)
{
	struct damon_sim_stats *st = damon_sim_stats_mut();
	unsigned long addrs[DAMON_PAF_MAX_HITS];
	struct faultsim_paf_arg *pa = arg;
	DEFINE_FOLIO_VMA_WALK(w, folio, vma, address, 0);
	int nr = 0, i;

	if (!vma_is_accessible(vma)) {
		st->inaccessible++;
		return true;
	}
	while (page_vma_mapped_walk(&w)) {
		unsigned long addr;

		if (w.pte) {
			if (pte_pfn(ptep_get(w.pte)) != pa->pfn)
				continue;
			addr = w.address;
		} else {
			/* a PMD maps the whole folio: the page inside it */
			addr = w.address +
			       ((pa->pfn - pmd_pfn(pmdp_get(w.pmd))) <<
				PAGE_SHIFT);
		}
		if (nr < DAMON_PAF_MAX_HITS)
			addrs[nr++] = addr;
	}
	if (!nr)
		return true;
	/*
	 * The kernel holds the anon_vma lock here, below mmap_lock in the
	 * lock order: only a trylock is safe.
	 */
	if (!mmap_read_trylock(vma->vm_mm)) {
		st->mmap_busy++;
		return true;
	}
	for (i = 0; i < nr && pa->ret != -EOPNOTSUPP; i++)
		pa->ret = faultsim_fault_install(vma, addrs[i]);
	mmap_read_unlock(vma->vm_mm);
	return pa->ret != -EOPNOTSUPP;
}

/* RFC v2 patch 6: __damon_pa_prepare_access_check() for paddr_fault */
static long faultsim_paf_prepare_one(struct damon_region *r)
{
	struct faultsim_paf_arg pa = { .ret = 0 };
	struct rmap_walk_control rwc = {
		.arg = &pa,
		.rmap_one = faultsim_paf_rmap_one,
		.anon_lock = folio_lock_anon_vma_read,
	};
	struct folio *folio;

	r->sampling_addr = damon_rand(r->ar.start, r->ar.end);
	pa.pfn = PHYS_PFN(r->sampling_addr);
	folio = damon_get_folio(pa.pfn);
	if (!folio) {
		damon_sim_stats_mut()->no_mapping++;
		return 0;
	}
	if (!folio_mapped(folio)) {
		damon_sim_stats_mut()->no_mapping++;
		goto out;
	}
	/*
	 * File and KSM folios would need folio_trylock(); the model has
	 * neither (file-backed VMAs are not modelled yet).
	 */
	if (WARN_ON_ONCE(!folio_test_anon(folio) || folio_test_ksm(folio)))
		goto out;
	rmap_walk(folio, &rwc);
out:
	folio_put(folio);
	return pa.ret;
}

static void faultsim_paf_prepare_access_checks(struct damon_ctx *ctx)
{
	struct damon_target *t;
	struct damon_region *r;

	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t) {
			if (faultsim_paf_prepare_one(r) == -EOPNOTSUPP) {
				damon_sim_not_applicable();
				return;
			}
		}
	}
}

static unsigned long faultsim_fault_apply_scheme(struct damon_ctx *ctx,
					      struct damon_target *t,
					      struct damon_region *r,
					      struct damos *scheme)
{
	/* the RFC defines no DAMOS action on fault-based sampling */
	kshim_unmodelled("DAMOS apply_scheme of a fault-based set");
}

static int faultsim_fault_scheme_score(struct damon_ctx *ctx,
				    struct damon_target *t,
				    struct damon_region *r,
				    struct damos *scheme)
{
	kshim_unmodelled("DAMOS get_scheme_score of a fault-based set");
}

/*
 * vaddr-fault: the registered vaddr set (vaddr.c's init, update and
 * target_valid: the three regions) sampling by faults; paddr-fault, RFC
 * v2 patch 6: the registered paddr set (no init, the user sets the
 * regions, no update) sampling by faults.  The id stays the address
 * space's, so that damon_target_has_pid() is right.
 */
void damon_sim_fault_ops(struct damon_operations *ops, enum damon_sim_ops which)
{
	switch (which) {
	case DAMON_SIM_VADDR_FAULT:
		ops->prepare_access_checks = faultsim_vaf_prepare_access_checks;
		break;
	case DAMON_SIM_PADDR_FAULT:
		ops->prepare_access_checks = faultsim_paf_prepare_access_checks;
		break;
	default:
		return;
	}
	ops->check_accesses = faultsim_check_reported_accesses;
	ops->apply_scheme = faultsim_fault_apply_scheme;
	ops->get_scheme_score = faultsim_fault_scheme_score;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A DAMON fault-reporting design: the hook points of the extracted fault
 * path (kshim/hooks.h) plus how DAMON installs a hint.  One file per
 * design in designs/, registered with FAULTSIM_DESIGN(); the CLI, the
 * matrix and `faultsim list designs` find it in the faultsim_designs
 * linker section.  docs/designs.md says how to write one.
 *
 * A design's handlers run inside the real handle_mm_fault() and call
 * the consumers' handlers directly, as a kernel tree would: the routing
 * oracle judges each fault by what it ended and by the consumers'
 * endpoints that fired (oracles/hint_owner.h), not by who dispatched.
 */
#ifndef FAULTSIM_DESIGNS_DESIGN_H
#define FAULTSIM_DESIGNS_DESIGN_H

#include <linux/mm_types.h>
#include "designs/registry.h"

struct faultsim_design {
	const char *name;	/* as `--design` spells it */
	const char *rationale;	/* one paragraph: why this design */
	const char *claims;	/* one paragraph: what it promises */
	/*
	 * In place of handle_pte_fault()'s call of do_numa_page(): the
	 * fault on a protnone PTE of an accessible VMA.  NULL: the
	 * baseline (do_numa_page).
	 */
	vm_fault_t (*pte_protnone)(struct vm_fault *vmf);
	/* In place of __handle_mm_fault()'s do_huge_pmd_numa_page() call */
	vm_fault_t (*pmd_protnone)(struct vm_fault *vmf);
	/*
	 * DAMON's hint on the page (or PMD) mapping @addr in @vma, from
	 * an operations set's prepare_access_checks.  Called with the
	 * mmap lock held for read.  Returns the number of entries hinted,
	 * or -EOPNOTSUPP when the design gives DAMON no hints (then
	 * fault-based sampling is not applicable).  NULL: -EOPNOTSUPP.
	 */
	long (*damon_install)(struct vm_area_struct *vma, unsigned long addr);
	/*
	 * The CONFIG_ symbols the design needs (NULL-terminated; NULL:
	 * none): a kconfig without one cannot host it, and a run that
	 * would install its DAMON hints there is not applicable.  In 6.12
	 * a PAGE_NONE hint is routed only with CONFIG_NUMA_BALANCING
	 * (pte_protnone() is 0 without it; no ARCH_HAS_PTE_PROTNONE yet).
	 */
	const char *const *needs;
	/*
	 * Routing kinds the design accepts as by design
	 * (oracles/hint_owner.h: "stat_pollution"): tallied, not findings.
	 */
	const char *const *accepts;
	/*
	 * Its reports name the faulting virtual address (RFC v3's
	 * damon_report_page_fault()), so a vaddr-fault ctx, which keys
	 * reports on the target's pid and a virtual address, counts them;
	 * false: physical reports only, vaddr-fault sees no access.
	 */
	bool reports_vaddr;
	/*
	 * The PTE/PMD bits that tag DAMON's hints (0: none), as the
	 * oracles check a tag: a bit another user had already set on the
	 * entry before a hint is installed is a bit_conflict.
	 */
	uint64_t tag_bits;
	/* the same bits in the arm64 encoding (faultsim --arch arm64) */
	uint64_t tag_bits_arm64;
	/* Its claims as the matrix checks them; { NULL } ends the list */
	const struct faultsim_claim *checked_claims;
};

/* The 6.12 condition for routing a PAGE_NONE hint at all */
#define FAULTSIM_NEEDS_PROTNONE ((const char *const[]){ \
	"CONFIG_NUMA_BALANCING", NULL })

#define FAULTSIM_DESIGN(d)                                                   \
	static const struct faultsim_design *const __faultsim_design_##d    \
		__attribute__((used, section("faultsim_designs"))) = &(d)

/* The design of this run; never NULL (the baseline by default). */
const struct faultsim_design *faultsim_design(void);
/* Its hint install for DAMON; -EOPNOTSUPP if it has none. */
long faultsim_design_damon_install(struct vm_area_struct *vma,
				   unsigned long addr);


#endif

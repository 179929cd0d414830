// SPDX-License-Identifier: GPL-2.0-only
/*
 * A design added in one file, as docs/designs.md says to: linked only
 * into faultsim-test-design, whose `list designs` and `matrix` the CLI
 * test checks for it.  It routes like the baseline and gives DAMON no
 * hints.  A second one claims what its cells contradict: every hint to
 * DAMON's handler, and "no hint misrouted" (the matrix marks it broken).
 */
#include <linux/mm.h>
#include <kshim/hooks.h>
#include "designs/damon_hint.h"
#include "designs/design.h"

static vm_fault_t test_only_pte_protnone(struct vm_fault *vmf)
{
	return do_numa_page(vmf);
}

static const struct faultsim_design test_only = {
	.name = "test-only",
	.rationale = "A design registered by one file outside designs/, for "
		     "the CLI test.",
	.claims = "It is listed, selectable and in the matrix.",
	.pte_protnone = test_only_pte_protnone,
};
FAULTSIM_DESIGN(test_only);

static vm_fault_t test_misroutes_pte_protnone(struct vm_fault *vmf)
{
	return design_do_damon_page(vmf);
}

static const struct faultsim_design test_misroutes = {
	.name = "test-misroutes",
	.rationale = "Every protnone fault to DAMON's handler, for the CLI "
		     "test of claims.",
	.claims = "No hint is misrouted (it is).",
	.pte_protnone = test_misroutes_pte_protnone,
	.checked_claims = (const struct faultsim_claim[]){
		{ "no hint is misrouted", "routing: misrouted" },
		{ NULL },
	},
};
FAULTSIM_DESIGN(test_misroutes);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * A design added in one file, as docs/designs.md says to: linked only
 * into faultsim-test-design, whose `list designs` and `matrix` the CLI
 * test checks for it.  It routes like the baseline and gives DAMON no
 * hints.
 */
#include <linux/mm.h>
#include <kshim/hooks.h>
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

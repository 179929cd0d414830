// SPDX-License-Identifier: GPL-2.0-only
/* Design baseline-6.12: the kernel as it is, DAMON gets no faults. */
#include "designs/design.h"

static const struct faultsim_design baseline = {
	.name = FAULTSIM_DESIGN_BASELINE,
	.rationale =
		"Linux 6.12 unmodified: every protnone fault on an accessible "
		"VMA goes to do_numa_page() or do_huge_pmd_numa_page(); DAMON "
		"samples Accessed bits only.  The reference every other "
		"design is compared with.",
	.claims =
		"Every hint is NUMA balancing's and is handled by its handler; "
		"nothing depends on CONFIG_DAMON.",
	/* NULL hooks: the kernel's own handlers; no DAMON install */
	.checked_claims = (const struct faultsim_claim[]){
		{ "every hint is NUMA balancing's and handled by its "
		  "handler", "routing" },
		{ "every hint is restored as 6.12 restores it",
		  "restoration" },
		{ "nothing depends on CONFIG_DAMON", "neutrality" },
		{ NULL },
	},
};
FAULTSIM_DESIGN(baseline);

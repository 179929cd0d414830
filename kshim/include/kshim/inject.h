/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kinds of injected failure (issue 16 item 4): where the kernel can
 * fail and the run may make it fail, each a scheduling choice
 * (kshim/sim.h: sim_inject()).  Their names, sites and the parsing of
 * a list of them: kshim/inject_table.h.
 */
#ifndef _KSHIM_INJECT_H
#define _KSHIM_INJECT_H

#include <stdbool.h>

enum kshim_inject_kind {
	KSHIM_INJECT_SLAB,		/* kmalloc(), kmem_cache_alloc() */
	KSHIM_INJECT_FOLIO_ISOLATE,	/* folio_isolate_lru() */
	KSHIM_INJECT_MIGRATE_TARGET,	/* the migration target's allocation */
	KSHIM_INJECT_SINK_TRYLOCK,	/* the report sink's mutex_trylock() */
	NR_KSHIM_INJECT,
};

/*
 * Whether the running code fails at a site of @kind: the strategy's
 * choice when the kind is armed (sim_inject()), else false.
 */
bool kshim_inject(enum kshim_inject_kind kind);
/* Whether @kind failed in this run so far. */
bool kshim_inject_failed(enum kshim_inject_kind kind);

#endif

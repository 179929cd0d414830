// SPDX-License-Identifier: GPL-2.0-only
/*
 * The call the injected-failure sites make (kshim/inject.h):
 * kshim/src/slab.c (slab), mm_model/mm/migrate.c (folio_isolate,
 * migrate_target), damon_core/report_sink.c (sink_trylock).
 */
#include <kshim/inject_table.h>
#include <kshim/sim.h>

bool kshim_inject(enum kshim_inject_kind kind)
{
	/* the injector thread is "inject:<name>" */
	return sim_inject(kind, kshim_inject_info(kind)->name);
}

bool kshim_inject_failed(enum kshim_inject_kind kind)
{
	return sim_inject_failed() & (1U << kind);
}

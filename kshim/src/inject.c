// SPDX-License-Identifier: GPL-2.0-only
/*
 * The call the injected-failure sites make (kshim/inject.h):
 * kshim/src/slab.c (slab), mm_model/mm/migrate.c (folio_isolate,
 * migrate_target), damon_core/report_sink.c (sink_trylock).
 */
#include <kshim/inject.h>
#include <kshim/sim.h>

/* the injector thread's name ("inject:<kind>"), as inject_table.h names it */
static const char *const names[NR_KSHIM_INJECT] = {
	[KSHIM_INJECT_SLAB] = "slab",
	[KSHIM_INJECT_FOLIO_ISOLATE] = "folio_isolate",
	[KSHIM_INJECT_MIGRATE_TARGET] = "migrate_target",
	[KSHIM_INJECT_SINK_TRYLOCK] = "sink_trylock",
};

bool kshim_inject(enum kshim_inject_kind kind)
{
	return sim_inject(kind, names[kind]);
}

bool kshim_inject_failed(enum kshim_inject_kind kind)
{
	return sim_inject_failed() & (1U << kind);
}

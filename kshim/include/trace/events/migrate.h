/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/trace/events/migrate.h (6.12): the migration tracepoints are compiled out (no tracing); calls evaluate nothing. */
#ifndef _KSHIM_TRACE_EVENTS_MIGRATE_H
#define _KSHIM_TRACE_EVENTS_MIGRATE_H
#define trace_set_migration_pte(addr, pte, order) do { } while (0)
#define trace_remove_migration_pte(addr, pte, order) do { } while (0)
#define trace_mm_migrate_pages(...) do { } while (0)
#define trace_mm_migrate_pages_start(mode, reason) do { } while (0)
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/trace/events/thp.h (6.12): the THP tracepoints are compiled out (no tracing); calls evaluate nothing. */
#ifndef _KSHIM_TRACE_EVENTS_THP_H
#define _KSHIM_TRACE_EVENTS_THP_H
#define trace_set_migration_pmd(addr, pmd) do { } while (0)
#define trace_remove_migration_pmd(addr, pmd) do { } while (0)
#endif

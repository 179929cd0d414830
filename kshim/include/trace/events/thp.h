/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/trace/events/thp.h (6.12), empty: the THP tracepoints are compiled out (no tracing). */
#ifndef _KSHIM_TRACE_EVENTS_THP_H
#define _KSHIM_TRACE_EVENTS_THP_H
#endif

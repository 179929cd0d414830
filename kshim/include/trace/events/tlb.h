/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/trace/events/tlb.h (6.12), empty: the TLB tracepoints are compiled out (no tracing). */
#ifndef _KSHIM_TRACE_EVENTS_TLB_H
#define _KSHIM_TRACE_EVENTS_TLB_H
#endif

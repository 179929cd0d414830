/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/trace/events/kmem.h (6.12), empty: the kmem tracepoints are compiled out (no tracing). */
#ifndef _KSHIM_TRACE_EVENTS_KMEM_H
#define _KSHIM_TRACE_EVENTS_KMEM_H
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the trace reader (sim/trace_read.c) and writer
 * (sim/trace_write.c): the one-line error and the format's checks.
 */
#ifndef FAULTSIM_TRACE_INTERNAL_H
#define FAULTSIM_TRACE_INTERNAL_H

#include <stddef.h>
#include "sim/trace.h"

/* the file being read or written, and where its error goes */
struct ctx {
	const char *file;
	char *err;
	size_t len;
};

/* "<file>: <where>: <problem>" into c->err (<where> may be NULL); -1 */
__attribute__((format(printf, 3, 4))) int
trace_fail(struct ctx *c, const char *where, const char *fmt, ...);
/* Everything the reader checks, on a struct; 0, or trace_fail()'s -1 */
int trace_check(struct ctx *c, const struct sim_trace *t);

#endif /* FAULTSIM_TRACE_INTERNAL_H */

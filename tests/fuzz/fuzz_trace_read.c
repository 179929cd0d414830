// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the trace reader (sim/trace_read.c) on any bytes,
 * through a memfd, since it reads a path as `faultsim replay` does.  It
 * must read or refuse with one line; a crash, a leak, undefined
 * behaviour or an empty error is a bug.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "sim/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct sim_trace *t = NULL;
	char path[64], err[512];
	int fd = memfd_create("trace", 0);

	if (fd < 0 || (len && write(fd, data, len) != (ssize_t)len))
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (sim_trace_read(path, &t, err, sizeof(err))) {
		if (!err[0] || t)
			abort();
	} else if (!t) {
		abort();
	}
	sim_trace_free(t);
	close(fd);
	return 0;
}

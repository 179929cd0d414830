// SPDX-License-Identifier: GPL-2.0-only
/*
 * Out of host memory (kshim/sim.h: sim_out_of_memory()): every layer's
 * allocations outside the simulated slab end here when they fail, so
 * that a memory limit gives one line and exit status 2 (README: bad
 * usage or input) rather than an abort, a crash, or a run that quietly
 * did less and passed.  _exit(): no atexit handler or stdio buffer runs
 * on memory that is not there, and a half-written report stays unsaid.
 *
 * And how much memory there is (sim_host_memory()), for what must be
 * refused before it is tried: a machine whose memory map would not fit,
 * a start with too little left for the allocator itself.  No malloc()
 * here: it is asked before the first one.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>
#include "sim/sched.h"

/*
 * What must be left at start: jemalloc, the process's malloc(), crashes
 * in its first allocation when it cannot map its first arena, instead
 * of returning NULL (jemalloc/jemalloc#2289, 5.3.0 under ulimit -v).
 */
#define SIM_MIN_FREE_MIB 4

_Noreturn void sim_out_of_memory(const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	fprintf(stderr, "faultsim: out of memory (%s)\n", what);
	_exit(2);
}

/* /proc/self/statm's first fields: address space, data + stack (bytes) */
static void statm(uint64_t *size, uint64_t *data)
{
	unsigned long long v[6] = { 0 };
	char buf[256], *p = buf;
	ssize_t n = 0;
	int fd, i;

	fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	buf[n > 0 ? n : 0] = '\0';
	for (i = 0; i < 6 && *p; i++)
		v[i] = strtoull(p, &p, 10);
	*size = v[0] * (uint64_t)sysconf(_SC_PAGESIZE);
	*data = v[5] * (uint64_t)sysconf(_SC_PAGESIZE);
}

uint64_t sim_host_memory_left(const struct sim_host_memory *m)
{
	return m->used < m->limit ? m->limit - m->used : 0;
}

void sim_host_memory(struct sim_host_memory *m)
{
	struct sim_host_memory data_m;
	struct rlimit as = { 0 }, data = { 0 };
	uint64_t size, dsize;
	bool has_as, has_data;

	statm(&size, &dsize);
	has_as = !getrlimit(RLIMIT_AS, &as) && as.rlim_cur != RLIM_INFINITY;
	/* since Linux 4.7 private writable mappings count against it too */
	has_data = !getrlimit(RLIMIT_DATA, &data) &&
		   data.rlim_cur != RLIM_INFINITY;
	data_m = (struct sim_host_memory){ "the data limit (ulimit -d)",
					   data.rlim_cur, dsize };
	*m = (struct sim_host_memory){ "the address-space limit (ulimit -v)",
				       as.rlim_cur, size };
	if (has_data && (!has_as || sim_host_memory_left(&data_m) <
				    sim_host_memory_left(m))) {
		*m = data_m;
	} else if (!has_as) {
		*m = (struct sim_host_memory){
			"physical memory", (uint64_t)sysconf(_SC_PHYS_PAGES) *
					   (uint64_t)sysconf(_SC_PAGESIZE), 0 };
	}
}

void sim_check_memory_at_start(void)
{
	struct sim_host_memory m;

	sim_host_memory(&m);
	if (sim_host_memory_left(&m) < (SIM_MIN_FREE_MIB << 20))
		sim_out_of_memory("%s is %llu MiB, %llu MiB of it in use "
				  "at start; faultsim needs %d MiB free to "
				  "start", m.what,
				  (unsigned long long)(m.limit >> 20),
				  (unsigned long long)(m.used >> 20),
				  SIM_MIN_FREE_MIB);
}

void *sim_array_grow(void *arr, unsigned long *cap, size_t size,
		     unsigned long first, const char *what)
{
	unsigned long n = *cap ? 2 * *cap : first;
	void *p = realloc(arr, n * size);

	if (!p)
		sim_out_of_memory("%s, %lu of them", what, n);
	*cap = n;
	return p;
}

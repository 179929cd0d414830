// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every simulated boot starts from a freshly loaded kernel: the first
 * boot saves the kernel code's writable data (gathered by
 * cmake/kernel_data.ld), later boots copy it back.  Static state such
 * as DAMON's registered ops, nr_running_ctxs or a WARN_ON_ONCE's
 * "warned" flag then never leaks from one run into the next.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <kshim/sim.h>

extern char __start_kshim_kernel_data[] __attribute__((weak));
extern char __stop_kshim_kernel_data[] __attribute__((weak));

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KDATA_ASAN 1
#endif
#endif
#ifdef __SANITIZE_ADDRESS__
#define KDATA_ASAN 1
#endif

static char *pristine;
static size_t pristine_bytes;

/* Byte copy outside ASan's view: the range holds globals' redzones. */
__attribute__((no_sanitize_address)) static void raw_copy(char *dst,
							   const char *src,
							   size_t n)
{
	volatile char *d = dst;
	const volatile char *s = src;
	size_t i;

	for (i = 0; i < n; i++)
		d[i] = s[i];
}

size_t kshim_kdata_bytes(void)
{
	if (!__start_kshim_kernel_data)
		return 0;
	return __stop_kshim_kernel_data - __start_kshim_kernel_data;
}

void kshim_kdata_reset(void)
{
	size_t n = kshim_kdata_bytes();

	if (!n)
		return;
	if (!pristine) {
		pristine = malloc(n);
		if (!pristine)
			sim_out_of_memory("the kernel data's boot copy");
		raw_copy(pristine, __start_kshim_kernel_data, n);
		pristine_bytes = n;
		return;
	}
#ifdef KDATA_ASAN
	raw_copy(__start_kshim_kernel_data, pristine, pristine_bytes);
#else
	/* every boot of every explored schedule: 9 % of one byte by byte */
	memcpy(__start_kshim_kernel_data, pristine, pristine_bytes);
#endif
}

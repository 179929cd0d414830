// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every simulated boot starts from a freshly loaded kernel: the first
 * boot saves the kernel code's writable data (gathered by
 * cmake/kernel_data.ld), later boots copy it back.  Static state such
 * as DAMON's registered ops, nr_running_ctxs or a WARN_ON_ONCE's
 * "warned" flag then never leaks from one run into the next.
 */
#include <stdint.h>
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

/*
 * Copy outside ASan's view (the range holds globals' redzones), volatile
 * so that no compiler makes it a memcpy() that ASan would check; a word
 * at a time (both ends are 8-byte aligned: the section's 32, malloc's
 * 16), optimized even in a -O0 build: it runs every boot.
 */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("O2")))
#endif
__attribute__((no_sanitize_address)) static void raw_copy(char *dst,
							   const char *src,
							   size_t n)
{
	volatile uint64_t *d = (volatile uint64_t *)dst;
	const volatile uint64_t *s = (const volatile uint64_t *)src;
	size_t i;

	for (i = 0; i < n / 8; i++)
		d[i] = s[i];
	for (i = n & ~(size_t)7; i < n; i++)
		((volatile char *)dst)[i] = ((const volatile char *)src)[i];
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

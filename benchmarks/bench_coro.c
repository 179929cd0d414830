// SPDX-License-Identifier: GPL-2.0
/*
 * Context-switch cost of sim/coro.c: two coroutines ping-pong N times
 * (default 10 million switches) and we divide wall time by N.
 *
 * Usage: bench_coro [switches] [runs]
 *
 * Benchmarks may read the wall clock; simulation code never does.
 */
#define _GNU_SOURCE

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sim/coro.h"

#define DEFAULT_SWITCHES	10000000L
#define DEFAULT_RUNS		3
#define STACK_BYTES		(64 * 1024)

struct bench {
	struct coro *main, *a, *b;
	long half;		/* switches each side makes */
	/* volatile: the loops must not be optimised into fewer switches. */
	volatile long count;
};

static void bench_a(void *arg)
{
	struct bench *b = arg;

	for (long i = 0; i < b->half; i++) {
		b->count++;
		coro_switch(b->a, b->b);
	}
	/*
	 * Back to main explicitly: if we returned, we would resume b (our
	 * resumer), whose own return would then target us, already finished.
	 */
	coro_switch(b->a, b->main);
}

static void bench_b(void *arg)
{
	struct bench *b = arg;

	for (long i = 0; i < b->half; i++) {
		b->count++;
		coro_switch(b->b, b->a);
	}
	/* Never reached: a leaves for main after our last switch. */
	coro_switch(b->b, b->main);
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int run_once(long switches, double *ns_per_switch)
{
	struct bench b = { .half = switches / 2 };
	double t0, t1, ms;
	int ret = -1;

	b.main = coro_self_main();
	b.a = coro_create(bench_a, &b, STACK_BYTES);
	if (!b.a) {
		perror("coro_create");
		return -1;
	}
	b.b = coro_create(bench_b, &b, STACK_BYTES);
	if (!b.b) {
		perror("coro_create");
		goto out_a;
	}

	/* The two switches main<->a are not counted; 2 of 10M is noise. */
	t0 = now_ns();
	coro_switch(b.main, b.a);
	t1 = now_ns();

	if (b.count != 2 * b.half) {
		fprintf(stderr, "bench_coro: expected %ld switches, saw %ld\n",
			2 * b.half, b.count);
		goto out_b;
	}

	ms = (t1 - t0) / 1e6;
	*ns_per_switch = (t1 - t0) / (double)b.count;
	printf("coro: %ld switches in %.1f ms: %.2f ns/switch, "
	       "%.1f M switches/s\n", b.count, ms, *ns_per_switch,
	       (double)b.count / ms / 1e3);
	ret = 0;
out_b:
	coro_destroy(b.b);
out_a:
	coro_destroy(b.a);
	return ret;
}

int main(int argc, char **argv)
{
	long switches = DEFAULT_SWITCHES;
	int runs = DEFAULT_RUNS;
	double best = 0.0;

	if (argc > 1)
		switches = strtol(argv[1], NULL, 0);
	if (argc > 2)
		runs = atoi(argv[2]);
	if (switches < 2 || runs < 1) {
		fprintf(stderr, "usage: %s [switches>=2] [runs>=1]\n", argv[0]);
		return 2;
	}

	for (int i = 0; i < runs; i++) {
		double ns;

		if (run_once(switches, &ns))
			return 1;
		if (i == 0 || ns < best)
			best = ns;
	}
	printf("coro: best of %d: %.2f ns/switch\n", runs, best);
	return 0;
}

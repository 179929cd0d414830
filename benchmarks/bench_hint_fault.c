// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sequential hint-fault throughput and resident cost per page:
 *   - faults/s through MMU -> do_user_addr_fault() -> the real
 *     handle_mm_fault() ... do_numa_page() -> rebuild, each page hinted
 *     first by the real change_prot_numa();
 *   - bytes of host memory per resident simulated 4 KiB page at 1 Mi
 *     pages (struct page, page tables, everything the model keeps).
 * Targets (issue #3): >= 2 M hint faults/s on one core, <= 96 bytes per
 * page.  Wall-clock time is read here only, never in a simulated run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <kshim/kshim.h>
#include "sim/sched.h"
#include "mm_model/mm/machine.h"
#include "mm_model/mm/mempolicy.h"
#include "mm_model/hw/mmu.h"
#include "mm_model/mm/numa_balancing.h"
#include "mm_model/mm/populate.h"
#include "mm_model/mm/vma.h"

#define VA 0x7f0000000000UL

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long rss_kib(void)
{
	char line[256];
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

struct bench {
	unsigned long pages;
	int rounds;
	double fault_s;
	unsigned long faults;
	long rss_before_kib, rss_after_kib;
	int err;
};

static int fault_task(void *arg)
{
	struct bench *b = arg;
	struct mm_struct *mm = mm_create();
	struct vm_area_struct *vma;
	unsigned long i;
	double t0;
	int r, nf;

	current->mm = mm;
	current->cpu = 0;
	/* no migrate-on-fault: every fault restores in place */
	current->mempolicy = mpol_new(MPOL_BIND, 0x1, false);
	atomic_set(&mm->mm_users, 2);	/* no target_node skip */
	numa_balancing_sysctl_write(1);	/* one node: off at boot */
	vma = vma_create(mm, VA, VA + b->pages * PAGE_SIZE,
			 VM_READ | VM_WRITE, NULL);
	b->rss_before_kib = rss_kib();
	if (!vma || populate_anon(vma, VA, VA + b->pages * PAGE_SIZE, 0,
				  true)) {
		b->err = -1;
		return 0;
	}
	b->rss_after_kib = rss_kib();
	for (r = 0; r < b->rounds; r++) {
		mmap_read_lock(mm);
		change_prot_numa(vma, vma->vm_start, vma->vm_end);
		mmap_read_unlock(mm);
		t0 = now_s();
		for (i = 0; i < b->pages; i++) {
			mmu_access(0, mm, VA + i * PAGE_SIZE, false, &nf);
			b->faults += nf;
		}
		b->fault_s += now_s() - t0;
	}
	populate_zap_all(vma);
	mpol_free(current->mempolicy);
	current->mempolicy = NULL;
	current->mm = NULL;
	mm_destroy(mm);
	return 0;
}

static int run(unsigned long node_pages, struct bench *b)
{
	struct machine_config cfg = {
		.nr_nodes = 1, .node_pages = { node_pages },
		.node_toptier = { true }, .nr_cpus = 1, .cpu_node = { 0 },
	};

	sim_reset(1);
	if (kshim_boot() || sim_run(UINT64_MAX) != SIM_RUN_DONE)
		return -1;
	if (machine_init(&cfg))
		return -1;
	kshim_spawn("bench", fault_task, b);
	if (sim_run(UINT64_MAX) != SIM_RUN_DONE || b->err)
		return -1;
	machine_destroy();
	return 0;
}

int main(void)
{
	struct bench thr = { .pages = 64 * 1024, .rounds = 8 };
	struct bench mem = { .pages = 1024 * 1024, .rounds = 0 };
	long rss0 = rss_kib(), rss1;

	if (run(thr.pages + 1024, &thr)) {
		fprintf(stderr, "bench_hint_fault: throughput run failed\n");
		return 1;
	}
	printf("hint faults: %lu in %.3f s: %.2f M faults/s (target >= 2 M/s)\n",
	       thr.faults, thr.fault_s, thr.faults / thr.fault_s / 1e6);

	rss0 = rss_kib();
	if (run(mem.pages + 1024, &mem)) {
		fprintf(stderr, "bench_hint_fault: memory run failed\n");
		return 1;
	}
	rss1 = mem.rss_after_kib;
	printf("resident cost: %lu pages populated, RSS +%ld KiB over the "
	       "machine's memmap: %.1f bytes/page; with the memmap %.1f "
	       "bytes/page (target <= 96)\n", mem.pages,
	       mem.rss_after_kib - mem.rss_before_kib,
	       (mem.rss_after_kib - mem.rss_before_kib) * 1024.0 / mem.pages,
	       (rss1 - rss0) * 1024.0 / mem.pages);
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kshim's runtime, as the simulator's drivers (CLI, tests) see it: boot,
 * tasks, the slab's accounting and fault injection, the kernel log and
 * the simulated machine's memory map.
 */
#ifndef _KSHIM_KSHIM_H
#define _KSHIM_KSHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct task_struct;

/*
 * Starts a simulated kernel on a freshly reset simulator (sim_reset()):
 * resets kshim's state and spawns "swapper/0", which runs every
 * initcall in level order, as do_initcalls(), once the caller runs the
 * simulator.  Returns 0, or -ENOMEM.
 */
int kshim_boot(void);
/* Initcalls that returned an error during the last boot. */
int kshim_initcalls_failed(void);
/*
 * Bytes of the kernel code's writable data each boot restores
 * (kshim/src/kdata.c; cmake/kernel_data.ld): its statics only, not the
 * descriptors gcov and the sanitizers compile in.
 */
size_t kshim_kdata_bytes(void);

/* A user task (not a kthread) running @fn; started at once. */
struct task_struct *kshim_spawn(const char *name, int (*fn)(void *),
				void *arg);

/* Slab accounting: live objects and bytes, over kmalloc and caches. */
struct kshim_slab_stats {
	long live_objects;
	long live_bytes;
	uint64_t allocations;
	uint64_t failed;	/* injected or too large */
};
void kshim_slab_get_stats(struct kshim_slab_stats *st);
/* The @nth allocation from now (1 = the next) fails; 0 disarms. */
void kshim_slab_fail_nth(uint64_t nth);
/* Frees what boot allocated (caches) and checks nothing is left. */
long kshim_slab_live_objects(void);
/* A live object of the simulated slab, for the leak check */
struct kshim_slab_obj {
	void *p;
	const char *cache;	/* the kmem_cache's name, or "kmalloc" */
	const char *site;	/* the kernel function that allocated it */
	size_t size;		/* as asked */
	uint64_t seq;		/* allocation number, from 1 since boot */
};
/* The last allocation's number: objects allocated after have more. */
uint64_t kshim_slab_mark(void);
/* @fn on each live object numbered above @since, in allocation order. */
int kshim_slab_for_each_live(uint64_t since,
			     void (*fn)(const struct kshim_slab_obj *, void *),
			     void *arg);
/* What names an allocation's site (the innermost kernel function). */
void kshim_slab_set_site_fn(const char *(*fn)(void));

/* The kernel log.  Lines at @console_level or more urgent go to stderr. */
enum kshim_log_level {
	KSHIM_LOG_ERR = 3,
	KSHIM_LOG_WARNING = 4,
	KSHIM_LOG_INFO = 6,
	KSHIM_LOG_DEBUG = 7,
};
void kshim_log_set_console(int console_level, void *stream);
/* Lines kept in the ring (most recent first is index 0). */
const char *kshim_log_line(int i);
int kshim_log_lines(void);

/* The physical memory map walked by walk_system_ram_res(). */
struct kshim_ram_range {
	uint64_t start;
	uint64_t end;		/* inclusive */
};
void kshim_memmap_set(const struct kshim_ram_range *ranges, int nr,
		      unsigned long free_pages);

/*
 * Out of .kshim_kernel_data (cmake/kernel_data.ld): a static of the
 * kernel objects that keeps its value across simulated boots, for what
 * a run selects before it boots (the report sink, the design's install).
 */
#define __survives_boot __attribute__((__section__("kshim_survives_boot")))

#endif

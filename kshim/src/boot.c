// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated boot (init/main.c:do_initcalls(), 6.12) and the small
 * pieces of global kernel state the code under test reads: the memory
 * map behind walk_system_ram_res(), totalram_pages(), the free-page
 * counter, psi_system, and the tracepoint hooks.
 */
#include <stdio.h>
#include <string.h>
#include <linux/init.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/psi.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <kshim/kshim.h>
#include <trace/events/damon.h>

void kshim_slab_reset(void);
void kshim_log_reset(void);
void kshim_task_reset(void);
void kshim_rcu_reset(void);
void kshim_kdata_reset(void);

/* Starts at 1 so that a zero "once" flag has not fired in any boot. */
unsigned long kshim_boot_generation = 1;
struct psi_group psi_system;
DEFINE_STATIC_KEY_FALSE(psi_disabled);
struct kshim_damon_trace_hooks kshim_damon_trace;

/*
 * The default machine: a PC memory map whose biggest System RAM range
 * is [4 GiB, 8 GiB); mm_model replaces it with its NUMA nodes.
 */
#define KSHIM_MAX_RAM_RANGES 16
static const struct kshim_ram_range default_ram[] = {
	{ 0x1000, 0x9efff },
	{ 0x100000, 0xbffdffff },
	{ 0x100000000ULL, 0x1ffffffffULL },
};
static struct kshim_ram_range ram[KSHIM_MAX_RAM_RANGES];
static int nr_ram;
static unsigned long free_pages;

void kshim_memmap_set(const struct kshim_ram_range *ranges, int nr,
		      unsigned long nr_free_pages)
{
	BUG_ON(nr < 0 || nr > KSHIM_MAX_RAM_RANGES);
	memcpy(ram, ranges, nr * sizeof(*ranges));
	nr_ram = nr;
	free_pages = nr_free_pages;
}

/* kernel/resource.c: walks System RAM resources overlapping [start, end] */
int walk_system_ram_res(u64 start, u64 end, void *arg,
			int (*func)(struct resource *, void *))
{
	struct resource res;
	int i, ret = -EINVAL;

	for (i = 0; i < nr_ram; i++) {
		if (ram[i].end < start || ram[i].start > end)
			continue;
		res = (struct resource){
			.start = max(ram[i].start, (uint64_t)start),
			.end = min(ram[i].end, (uint64_t)end),
			.name = "System RAM",
			.flags = IORESOURCE_MEM | IORESOURCE_SYSRAM |
				 IORESOURCE_BUSY,
		};
		ret = func(&res, arg);
		if (ret)
			break;
	}
	return ret;
}

unsigned long totalram_pages(void)
{
	unsigned long pages = 0;
	int i;

	for (i = 0; i < nr_ram; i++)
		pages += (ram[i].end - ram[i].start + 1) >> PAGE_SHIFT;
	return pages;
}

unsigned long global_zone_page_state(enum zone_stat_item item)
{
	BUG_ON(item != NR_FREE_PAGES);	/* the only counter modelled yet */
	return free_pages;
}

ssize_t strscpy(char *dst, const char *src, size_t count)
{
	size_t len;

	if (!count)
		return -E2BIG;
	len = strnlen(src, count);
	if (len == count) {
		memcpy(dst, src, count - 1);
		dst[count - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}

void *memchr_inv(const void *start, int c, size_t bytes)
{
	const unsigned char *p = start;
	size_t i;

	for (i = 0; i < bytes; i++)
		if (p[i] != (unsigned char)c)
			return (void *)&p[i];
	return NULL;
}

extern const struct kshim_initcall __start_kshim_initcalls[];
extern const struct kshim_initcall __stop_kshim_initcalls[];

static int failed_initcalls;

static int do_initcalls(void *unused)
{
	const struct kshim_initcall *c;
	int level, ret;

	for (level = 0; level <= 7; level++) {
		for (c = __start_kshim_initcalls; c < __stop_kshim_initcalls;
		     c++) {
			if (c->level != level)
				continue;
			ret = c->fn();
			if (ret) {
				pr_warn("initcall %s returned %d\n", c->name,
					ret);
				failed_initcalls++;
			}
		}
	}
	return 0;
}

/* An empty entry so the section exists even with no initcall linked. */
static int kshim_initcall_anchor(void)
{
	return 0;
}
core_initcall(kshim_initcall_anchor);

int kshim_initcalls_failed(void)
{
	return failed_initcalls;
}

int kshim_boot(void)
{
	struct task_struct *init;

	kshim_boot_generation++;
	kshim_kdata_reset();
	kshim_slab_reset();
	kshim_log_reset();
	kshim_task_reset();
	kshim_rcu_reset();
	kshim_vmstat_reset();
	memset(&psi_system, 0, sizeof(psi_system));
	/* CONFIG_PSI_DEFAULT_DISABLED=y and no psi=1 on the command line */
	static_branch_enable(&psi_disabled);
	memset(&kshim_damon_trace, 0, sizeof(kshim_damon_trace));
	kshim_memmap_set(default_ram, ARRAY_SIZE(default_ram), 0);
	free_pages = totalram_pages() / 4 * 3;
	failed_initcalls = 0;
	init = kshim_spawn("swapper/0", do_initcalls, NULL);
	return IS_ERR(init) ? PTR_ERR(init) : 0;
}

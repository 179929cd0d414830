/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The injected-failure kinds of kshim/inject.h by name: the table that
 * `faultsim list injections` prints, and the lists --inject, a
 * scenario's "injections" and a trace's "inject" give.  Header-only, no
 * kernel types: the scenario loader (built once, without kshim) and the
 * CLI include it; the kernel side does not.
 */
#ifndef _KSHIM_INJECT_TABLE_H
#define _KSHIM_INJECT_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <kshim/inject.h>

struct kshim_inject_info {
	const char *name;	/* as --inject and the scenario name it */
	const char *site;	/* the kernel's file:function (6.12) */
	const char *fails;	/* what fails, one line */
};

/*
 * Kind @kind's row; NULL past the last.  Here, not in kshim/src, so the
 * scenario loader (built once, without kshim) checks names too.
 */
static inline const struct kshim_inject_info *
kshim_inject_info(unsigned int kind)
{
	static const struct kshim_inject_info table[NR_KSHIM_INJECT] = {
		[KSHIM_INJECT_SLAB] = {
			"slab", "mm/slub.c:kmalloc,kmem_cache_alloc",
			"a slab allocation without __GFP_NOFAIL returns NULL" },
		[KSHIM_INJECT_FOLIO_ISOLATE] = {
			"folio_isolate", "mm/vmscan.c:folio_isolate_lru",
			"the folio stays on the LRU: migration gives -EAGAIN" },
		[KSHIM_INJECT_MIGRATE_TARGET] = {
			"migrate_target",
			"mm/migrate.c:alloc_misplaced_dst_folio",
			"no folio on the target node: the migration fails" },
		[KSHIM_INJECT_SINK_TRYLOCK] = {
			"sink_trylock",
			"damon_core/report_sink.c:global_array_report",
			"the sink's mutex_trylock() (RFC v2's "
			"damon_report_access()) fails: the report drops" },
	};

	return kind < NR_KSHIM_INJECT ? &table[kind] : NULL;
}

/* The kind named @name (@len bytes), or -1. */
static inline int kshim_inject_find(const char *name, size_t len)
{
	const struct kshim_inject_info *in;
	unsigned int i;

	for (i = 0; (in = kshim_inject_info(i)); i++)
		if (strlen(in->name) == len && !strncmp(name, in->name, len))
			return (int)i;
	return -1;
}

/*
 * @list, comma-separated kind names, as a mask (bit per kind); -1 and
 * the first bad name (its first @bad_len bytes) in @bad when one is
 * unknown.  An empty list is 0.
 */
static inline int kshim_inject_parse(const char *list, uint32_t *mask,
				     char *bad, size_t bad_len)
{
	const char *p = list, *e;
	int k;

	*mask = 0;
	while (*p) {
		e = strchr(p, ',');
		if (!e)
			e = p + strlen(p);
		k = kshim_inject_find(p, (size_t)(e - p));
		if (k < 0) {
			snprintf(bad, bad_len, "%.*s", (int)(e - p), p);
			return -1;
		}
		*mask |= 1U << k;
		p = *e ? e + 1 : e;
	}
	return 0;
}

/* @mask as the list kshim_inject_parse() reads, in table order. */
static inline void kshim_inject_format(uint32_t mask, char *buf, size_t len)
{
	const struct kshim_inject_info *in;
	size_t n = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; (in = kshim_inject_info(i)) && n < len; i++)
		if (mask & (1U << i))
			n += snprintf(buf + n, len - n, "%s%s", n ? "," : "",
				      in->name);
}

#endif

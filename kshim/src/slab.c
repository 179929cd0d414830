// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated slab: kmalloc and kmem_caches on a private jemalloc
 * arena without thread caches, so kernel objects never mix with the
 * simulator's own heap.  With FAULTSIM_SLAB_LIBC (sanitizer builds) the
 * same accounting sits on malloc, so ASan sees every kernel object.
 *
 * Allocations are zeroed, as with init_on_alloc=1: a read of memory the
 * kernel code never wrote then gives the same value in every run, which
 * keeps runs reproducible.  Live objects and bytes are counted so tests
 * can check that kernel code frees what it allocates.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bug.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kshim/inject.h>
#include <kshim/kshim.h>

#include <kshim/sim.h>
#ifdef FAULTSIM_SLAB_LIBC
#include <malloc.h>
#else
#include <jemalloc/jemalloc.h>
#endif

struct kmem_cache {
	struct kmem_cache *next;	/* all caches, freed at reset */
	char name[32];
	unsigned int size;
	unsigned int align;
	void (*ctor)(void *);
	long live_objects;
};

static struct kshim_slab_stats stats;
static struct kmem_cache *caches;
static uint64_t fail_nth;	/* 0: no injected failure pending */

/*
 * Every live object, by address (open addressing, linear probing): its
 * cache, size, the kernel function that allocated it and its allocation
 * number, for the leak check (kshim_slab_for_each_live()).
 */
#define OBJ_TOMB ((void *)1)
static struct kshim_slab_obj *objs;
static size_t objs_cap, objs_used;	/* used: live and tombstones */
static uint64_t objs_seq;
static const char *(*site_fn)(void);
/*
 * A slot holds something only if its generation is this boot's: a boot
 * empties the table by moving to the next generation, not by freeing or
 * clearing it (a fresh 40 KiB table every schedule was 16 page faults a
 * run, bench_scenario at less than half its speed).
 */
static uint32_t *objs_gen, cur_gen = 1;

static void *slot_p(size_t j)
{
	return objs_gen[j] == cur_gen ? objs[j].p : NULL;
}

static size_t obj_hash(const void *p)
{
	return (size_t)(((uintptr_t)p >> 4) * 0x9e3779b97f4a7c15ULL);
}

static void objs_rehash(size_t cap)
{
	struct kshim_slab_obj *old = objs;
	uint32_t *old_gen = objs_gen;
	size_t i, j, old_cap = objs_cap;

	objs = calloc(cap, sizeof(*objs));
	objs_gen = calloc(cap, sizeof(*objs_gen));
	if (!objs || !objs_gen)
		sim_out_of_memory("the simulated slab's object table");
	objs_cap = cap;
	objs_used = 0;
	for (i = 0; i < old_cap; i++) {
		if (old_gen[i] != cur_gen || !old[i].p || old[i].p == OBJ_TOMB)
			continue;
		for (j = obj_hash(old[i].p) & (cap - 1); slot_p(j);
		     j = (j + 1) & (cap - 1))
			;
		objs[j] = old[i];
		objs_gen[j] = cur_gen;
		objs_used++;
	}
	free(old);
	free(old_gen);
}

static void obj_add(void *p, size_t size, const char *cache)
{
	size_t j;

	if ((objs_used + 1) * 2 > objs_cap)
		objs_rehash(objs_cap && (size_t)stats.live_objects * 4 >=
			    objs_cap ? objs_cap * 2 : (objs_cap ? objs_cap :
						       1024));
	for (j = obj_hash(p) & (objs_cap - 1); slot_p(j) &&
	     slot_p(j) != OBJ_TOMB; j = (j + 1) & (objs_cap - 1))
		;
	if (!slot_p(j))
		objs_used++;
	objs_gen[j] = cur_gen;
	objs[j].p = p;
	objs[j].size = size;
	objs[j].cache = cache;
	objs[j].site = site_fn ? site_fn() : NULL;
	objs[j].seq = ++objs_seq;
}

static void obj_del(const void *p)
{
	size_t j;

	for (j = obj_hash(p) & (objs_cap - 1); slot_p(j);
	     j = (j + 1) & (objs_cap - 1))
		if (slot_p(j) == p) {
			objs[j].p = OBJ_TOMB;
			return;
		}
	BUG();	/* freeing what the slab did not allocate */
}

void kshim_slab_set_site_fn(const char *(*fn)(void))
{
	site_fn = fn;
}

uint64_t kshim_slab_mark(void)
{
	return objs_seq;
}

static int by_seq(const void *a, const void *b)
{
	const struct kshim_slab_obj *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int kshim_slab_for_each_live(uint64_t since,
			     void (*fn)(const struct kshim_slab_obj *, void *),
			     void *arg)
{
	struct kshim_slab_obj *sel;
	size_t i, n = 0, nr = 0;

	/* a clean run leaves nothing: no scan, no copy, no allocation */
	if (!stats.live_objects)
		return 0;
	for (i = 0; i < objs_cap; i++)
		nr += slot_p(i) && slot_p(i) != OBJ_TOMB && objs[i].seq > since;
	if (!nr)
		return 0;
	sel = calloc(nr, sizeof(*sel));
	if (!sel)
		sim_out_of_memory("the simulated slab's live objects");
	for (i = 0; i < objs_cap; i++)
		if (slot_p(i) && slot_p(i) != OBJ_TOMB && objs[i].seq > since)
			sel[n++] = objs[i];
	/* allocation order, not host addresses: the same run, same list */
	qsort(sel, n, sizeof(*sel), by_seq);
	for (i = 0; i < n; i++)
		fn(&sel[i], arg);
	free(sel);
	return (int)n;
}

#ifdef FAULTSIM_SLAB_LIBC
static void *backend_alloc(size_t size)
{
	return calloc(1, size);
}

static size_t backend_size(const void *p)
{
	return malloc_usable_size((void *)p);
}

static void backend_free(void *p)
{
	free(p);
}

static void backend_reset(void)
{
	/* objects a run left behind stay allocated (LSan reports them) */
}
#else
static unsigned int arena = UINT_MAX;

static unsigned int arena_flags(void)
{
	static unsigned int flags;

	if (!flags) {
		size_t sz = sizeof(arena);

		if (mallctl("arenas.create", &arena, &sz, NULL, 0))
			sim_out_of_memory("the simulated slab's jemalloc "
					  "arena");
		flags = MALLOCX_ARENA(arena) | MALLOCX_TCACHE_NONE;
	}
	return flags;
}

static void *backend_alloc(size_t size)
{
	return mallocx(size, arena_flags() | MALLOCX_ZERO);
}

static size_t backend_size(const void *p)
{
	return sallocx((void *)p, arena_flags());
}

static void backend_free(void *p)
{
	dallocx(p, arena_flags());
}

/* Frees every object a previous run left behind, in one go. */
static void backend_reset(void)
{
	char cmd[64];

	if (arena == UINT_MAX)
		return;
	snprintf(cmd, sizeof(cmd), "arena.%u.reset", arena);
	if (mallctl(cmd, NULL, NULL, NULL, 0)) {
		fprintf(stderr, "faultsim: jemalloc %s failed\n", cmd);
		abort();
	}
}
#endif

void kshim_slab_get_stats(struct kshim_slab_stats *st)
{
	*st = stats;
}

long kshim_slab_live_objects(void)
{
	return stats.live_objects;
}

void kshim_slab_fail_nth(uint64_t nth)
{
	fail_nth = nth;
}

/*
 * An injected failure: the Nth allocation (kshim_slab_fail_nth(), for
 * kshim's own tests), or the strategy's choice when "slab" is armed
 * (kshim/inject.h).  __GFP_NOFAIL allocations never fail.
 */
static bool should_fail(gfp_t flags)
{
	if (flags & __GFP_NOFAIL)
		return false;
	if (fail_nth && --fail_nth == 0)
		return true;
	return kshim_inject(KSHIM_INJECT_SLAB);
}

static void *slab_alloc(size_t size, gfp_t flags, const char *cache)
{
	void *p;

	stats.allocations++;
	if (size > KMALLOC_MAX_SIZE) {
		/* the page allocator WARNs on order > MAX_PAGE_ORDER */
		WARN_ON_ONCE(!(flags & __GFP_NOWARN));
		stats.failed++;
		return NULL;
	}
	if (should_fail(flags)) {
		stats.failed++;
		return NULL;
	}
	p = backend_alloc(size);
	if (!p) {
		fprintf(stderr, "faultsim: host out of memory (%zu bytes)\n",
			size);
		abort();
	}
	stats.live_objects++;
	stats.live_bytes += backend_size(p);
	obj_add(p, size, cache);
	return p;
}

static void slab_free(void *p)
{
	stats.live_objects--;
	stats.live_bytes -= backend_size(p);
	BUG_ON(stats.live_objects < 0);
	obj_del(p);
	backend_free(p);
}

void *kmalloc(size_t size, gfp_t flags)
{
	if (!size)
		return ZERO_SIZE_PTR;
	return slab_alloc(size, flags, "kmalloc");
}

void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

void kfree(const void *objp)
{
	if (ZERO_OR_NULL_PTR(objp))
		return;
	slab_free((void *)objp);
}

size_t ksize(const void *objp)
{
	if (ZERO_OR_NULL_PTR(objp))
		return 0;
	return backend_size(objp);
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	size_t old_size = ksize(p);
	void *n;

	if (!new_size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (new_size <= old_size)
		return (void *)p;
	n = kmalloc(new_size, flags);
	if (n && old_size)
		memcpy(n, p, old_size);
	if (n)
		kfree(p);	/* on failure the old object stays valid */
	return n;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	buf = kmalloc(len, gfp);
	if (buf)
		memcpy(buf, s, len);
	return buf;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *s = calloc(1, sizeof(*s));

	if (!s) {
		BUG_ON(flags & SLAB_PANIC);
		return NULL;
	}
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->next = caches;
	caches = s;
	s->size = size;
	s->align = align;
	s->ctor = ctor;
	return s;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	struct kmem_cache **pp;

	if (!s)
		return;
	/* mm/slab_common.c: destroying a cache with live objects WARNs */
	WARN(s->live_objects,
	     "kmem_cache_destroy %s: Slab cache still has objects\n",
	     s->name);
	for (pp = &caches; *pp != s; pp = &(*pp)->next)
		;
	*pp = s->next;
	free(s);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	void *p = slab_alloc(s->size, flags, s->name);

	if (p) {
		s->live_objects++;
		if (s->ctor)
			s->ctor(p);
	}
	return p;
}

void kmem_cache_free(struct kmem_cache *s, void *objp)
{
	if (!objp)
		return;
	s->live_objects--;
	slab_free(objp);
}

/* A new simulated boot: no caches, no objects, counters at zero. */
void kshim_slab_reset(void)
{
	struct kmem_cache *s, *next;

	for (s = caches; s; s = next) {
		next = s->next;
		free(s);
	}
	caches = NULL;
	backend_reset();
	/* the table is kept: its slots of the last boot are now empty */
	if (!++cur_gen) {
		if (objs_gen)
			memset(objs_gen, 0, objs_cap * sizeof(*objs_gen));
		cur_gen = 1;
	}
	objs_used = 0;
	objs_seq = 0;
	memset(&stats, 0, sizeof(stats));
	fail_nth = 0;
}

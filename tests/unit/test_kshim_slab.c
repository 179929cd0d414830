// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated slab (kshim/src/slab.c): the kernel's kmalloc
 * conventions, zeroed memory, accounting of live objects and bytes,
 * fault injection, kmem_caches, krealloc, and reset at boot.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/slab.h>
#include <kshim/kshim.h>
#include "kshim_test_util.h"

/* Objects a test leaves allocated on purpose (reachable for LSan). */
static void *kept[16];
static int nr_kept;

static void keep(void *p)
{
	if (nr_kept < 16)
		kept[nr_kept++] = p;
}

static struct kshim_slab_stats st(void)
{
	struct kshim_slab_stats s;

	kshim_slab_get_stats(&s);
	return s;
}

static int setup(void **state)
{
	return kt_boot(1) == SIM_RUN_DONE ? 0 : -1;
}

static void test_boot_leaves_nothing_live(void **state)
{
	struct kshim_slab_stats s = st();

	assert_int_equal(s.live_objects, 0);
	assert_int_equal(s.live_bytes, 0);
	assert_int_equal(s.failed, 0);
	assert_int_equal(kshim_slab_live_objects(), 0);
}

static void test_zero_size_and_null(void **state)
{
	struct kshim_slab_stats before = st(), after;
	void *p = kmalloc(0, GFP_KERNEL);

	assert_ptr_equal(p, ZERO_SIZE_PTR);
	assert_true(ZERO_OR_NULL_PTR(p));
	assert_ptr_equal(kzalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_ptr_equal(kmalloc_array(0, 8, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_int_equal(ksize(p), 0);
	assert_int_equal(ksize(NULL), 0);
	kfree(p);
	kfree(NULL);
	after = st();
	assert_int_equal(after.live_objects, before.live_objects);
	assert_int_equal(after.live_bytes, before.live_bytes);
	assert_int_equal(after.allocations, before.allocations);
	assert_int_equal(after.failed, before.failed);
	assert_int_equal(sim_findings_count(), 0);
}

static void test_live_accounting(void **state)
{
	struct kshim_slab_stats s0 = st(), s1, s2;
	char *a = kmalloc(100, GFP_KERNEL);
	char *b = kzalloc(5000, GFP_KERNEL);

	assert_non_null(a);
	assert_non_null(b);
	assert_true(ksize(a) >= 100);
	assert_true(ksize(b) >= 5000);
	s1 = st();
	assert_int_equal(s1.live_objects, s0.live_objects + 2);
	assert_int_equal(s1.live_bytes, s0.live_bytes + ksize(a) + ksize(b));
	assert_int_equal(s1.allocations, s0.allocations + 2);
	kfree(a);
	kfree(b);
	s2 = st();
	assert_int_equal(s2.live_objects, s0.live_objects);
	assert_int_equal(s2.live_bytes, s0.live_bytes);
	assert_int_equal(s2.allocations, s0.allocations + 2);
}

static bool all_zero(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void test_memory_zeroed(void **state)
{
	static const size_t sizes[] = { 8, 64, 256, 4096, 100000 };
	size_t i;
	int round;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		for (round = 0; round < 3; round++) {
			unsigned char *p = kmalloc(sizes[i], GFP_KERNEL);

			assert_non_null(p);
			assert_true(all_zero(p, sizes[i]));
			memset(p, 0xa5, sizes[i]);	/* dirty for reuse */
			kfree(p);
		}
	}
}

static void test_array_overflow(void **state)
{
	struct kshim_slab_stats before = st(), after;
	void *p;

	assert_null(kmalloc_array(SIZE_MAX / 2 + 1, 2, GFP_KERNEL));
	assert_null(kcalloc(2, SIZE_MAX / 2 + 1, GFP_KERNEL));
	assert_null(kmalloc_array(SIZE_MAX, SIZE_MAX, GFP_KERNEL));
	after = st();
	assert_int_equal(after.live_objects, before.live_objects);
	assert_int_equal(sim_findings_count(), 0);
	p = kmalloc_array(3, 4, GFP_KERNEL);
	assert_non_null(p);
	assert_true(ksize(p) >= 12);
	kfree(p);
}

/* Must run before any other oversize allocation in this process: the
 * page allocator's WARN is a WARN_ON_ONCE. */
static void test_oversize(void **state)
{
	struct kshim_slab_stats before = st(), after;
	void *p;

	assert_null(kmalloc(KMALLOC_MAX_SIZE + 1,
			    GFP_KERNEL | __GFP_NOWARN));
	assert_int_equal(sim_findings_count(), 0);
	after = st();
	assert_int_equal(after.failed, before.failed + 1);
	assert_int_equal(after.live_objects, before.live_objects);

	assert_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	assert_int_equal(kt_findings_of(SIM_FINDING_WARN), 1);
	assert_int_equal(st().failed, before.failed + 2);

	/* exactly KMALLOC_MAX_SIZE is fine */
	p = kmalloc(KMALLOC_MAX_SIZE, GFP_KERNEL);
	assert_non_null(p);
	kfree(p);
	assert_int_equal(sim_findings_count(), 1);
}

/*
 * A new simulated boot is a new kernel: its first oversize allocation
 * WARNs again, so a run's findings do not depend on what earlier runs
 * in the same process did (a run is a function of scenario, seed and
 * schedule).
 */
static void test_oversize_warns_again_after_reboot(void **state)
{
	/* one boot's oversize allocation (WARNs if it is the first) ... */
	assert_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	/* ... does not silence the next boot's */
	assert_int_equal(kt_boot(1), SIM_RUN_DONE);
	assert_int_equal(sim_findings_count(), 0);
	assert_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	assert_int_equal(kt_findings_of(SIM_FINDING_WARN), 1);
}

static void test_fail_nth(void **state)
{
	struct kshim_slab_stats s0 = st();
	void *a, *b, *c, *d;

	kshim_slab_fail_nth(2);
	a = kmalloc(32, GFP_KERNEL);
	b = kmalloc(32, GFP_KERNEL);
	c = kmalloc(32, GFP_KERNEL);
	d = kmalloc(32, GFP_KERNEL);
	assert_non_null(a);
	assert_null(b);
	assert_non_null(c);	/* one-shot */
	assert_non_null(d);
	assert_int_equal(st().failed, s0.failed + 1);
	assert_int_equal(st().live_objects, s0.live_objects + 3);
	kfree(a);
	kfree(c);
	kfree(d);
	assert_int_equal(sim_findings_count(), 0);	/* failures are quiet */
}

static void test_fail_nth_never_nofail(void **state)
{
	void *a, *b;

	kshim_slab_fail_nth(1);
	a = kmalloc(32, GFP_KERNEL | __GFP_NOFAIL);
	assert_non_null(a);
	/* the NOFAIL allocation did not use up the injected failure */
	b = kmalloc(32, GFP_KERNEL);
	assert_null(b);
	kfree(a);

	/* 0 disarms */
	kshim_slab_fail_nth(1);
	kshim_slab_fail_nth(0);
	a = kmalloc(32, GFP_KERNEL);
	assert_non_null(a);
	kfree(a);
}

static int ctor_calls;

static void ctor(void *p)
{
	ctor_calls++;
	*(unsigned int *)p = 0xc0ffee;
}

struct thing {
	unsigned int magic;
	char pad[44];
};

static void test_kmem_cache_accounting(void **state)
{
	struct kshim_slab_stats s0 = st();
	struct kmem_cache *c = kmem_cache_create("thing", sizeof(struct thing),
						 8, 0, ctor);
	struct kmem_cache *plain = KMEM_CACHE(thing, SLAB_HWCACHE_ALIGN);
	struct thing *o[3], *z;
	int i;

	assert_non_null(c);
	assert_non_null(plain);
	ctor_calls = 0;
	for (i = 0; i < 3; i++) {
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
		assert_non_null(o[i]);
		assert_int_equal(o[i]->magic, 0xc0ffee);
		assert_true(all_zero((unsigned char *)o[i]->pad,
				     sizeof(o[i]->pad)));
	}
	assert_int_equal(ctor_calls, 3);
	z = kmem_cache_zalloc(plain, GFP_KERNEL);
	assert_non_null(z);
	assert_int_equal(z->magic, 0);
	assert_int_equal(st().live_objects, s0.live_objects + 4);
	assert_true(st().live_bytes >= s0.live_bytes + 4 * sizeof(struct thing));

	kshim_slab_fail_nth(1);
	assert_null(kmem_cache_alloc(c, GFP_KERNEL));
	assert_int_equal(ctor_calls, 3);	/* no ctor on failure */

	for (i = 0; i < 3; i++)
		kmem_cache_free(c, o[i]);
	kmem_cache_free(c, NULL);
	kmem_cache_free(plain, z);
	assert_int_equal(st().live_objects, s0.live_objects);
	assert_int_equal(st().live_bytes, s0.live_bytes);
	kmem_cache_destroy(c);
	kmem_cache_destroy(plain);
	kmem_cache_destroy(NULL);
	assert_int_equal(sim_findings_count(), 0);
}

static void test_kmem_cache_destroy_live_warns(void **state)
{
	struct kmem_cache *c = kmem_cache_create("leaky_cache", 64, 0, 0,
						 NULL);
	void *o = kmem_cache_alloc(c, GFP_KERNEL);
	int i;

	assert_non_null(o);
	keep(o);
	kmem_cache_destroy(c);
	assert_int_equal(kt_findings_of(SIM_FINDING_WARN), 1);
	i = kt_find(SIM_FINDING_WARN, "still has objects");
	assert_true(i >= 0);
	assert_non_null(strstr(sim_finding_get(i)->msg, "leaky_cache"));
	/* the object itself is still accounted as live */
	assert_int_equal(kshim_slab_live_objects(), 1);
}

static void test_krealloc(void **state)
{
	static const char msg[] = "fifteen chars!";
	long live0 = kshim_slab_live_objects();
	char *p, *q, *r;

	p = kmalloc(sizeof(msg), GFP_KERNEL);
	assert_non_null(p);
	memcpy(p, msg, sizeof(msg));
	q = krealloc(p, 8192, GFP_KERNEL);
	assert_non_null(q);
	assert_memory_equal(q, msg, sizeof(msg));
	assert_true(ksize(q) >= 8192);
	assert_int_equal(kshim_slab_live_objects(), live0 + 1);
	/* shrinking keeps the object */
	assert_ptr_equal(krealloc(q, 16, GFP_KERNEL), q);
	assert_memory_equal(q, msg, sizeof(msg));

	/* failure leaves the old object valid and owned by the caller */
	kshim_slab_fail_nth(1);
	r = krealloc(q, 1 << 20, GFP_KERNEL);
	assert_null(r);
	assert_memory_equal(q, msg, sizeof(msg));
	assert_int_equal(kshim_slab_live_objects(), live0 + 1);

	/* new_size 0 frees */
	assert_ptr_equal(krealloc(q, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_int_equal(kshim_slab_live_objects(), live0);

	/* NULL behaves as kmalloc */
	r = krealloc(NULL, 32, GFP_KERNEL);
	assert_non_null(r);
	assert_true(all_zero((unsigned char *)r, 32));
	kfree(r);
	assert_int_equal(kshim_slab_live_objects(), live0);
}

static void test_kstrdup(void **state)
{
	char *s = kstrdup("damon", GFP_KERNEL);

	assert_non_null(s);
	assert_string_equal(s, "damon");
	assert_int_equal(kshim_slab_live_objects(), 1);
	kfree(s);
	assert_null(kstrdup(NULL, GFP_KERNEL));
	kshim_slab_fail_nth(1);
	assert_null(kstrdup("x", GFP_KERNEL));
	assert_int_equal(kshim_slab_live_objects(), 0);
}

static void test_boot_resets(void **state)
{
	struct kshim_slab_stats clean = st(), after;
	void *p;
	int i;

	/* dirty everything: live objects, counters, a pending failure */
	keep(kmalloc(100, GFP_KERNEL));
	keep(kmalloc(200, GFP_KERNEL));
	assert_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	kshim_slab_fail_nth(3);
	keep(kmem_cache_create("boot_cache", 32, 0, 0, NULL));
	assert_int_equal(kshim_slab_live_objects(), 2);

	assert_int_equal(kt_boot(1), SIM_RUN_DONE);
	after = st();
	assert_int_equal(after.live_objects, clean.live_objects);
	assert_int_equal(after.live_bytes, clean.live_bytes);
	assert_int_equal(after.allocations, clean.allocations);
	assert_int_equal(after.failed, 0);
	for (i = 0; i < 5; i++) {	/* the armed failure is gone */
		p = kmalloc(16, GFP_KERNEL);
		assert_non_null(p);
		kfree(p);
	}
}

/* The live objects' records: after a mark, in allocation order */
struct seen {
	const char *cache[8], *site[8];
	size_t size[8];
	int n;
};

static void collect(const struct kshim_slab_obj *o, void *arg)
{
	struct seen *sn = arg;

	if (sn->n < 8) {
		sn->cache[sn->n] = o->cache;
		sn->site[sn->n] = o->site;
		sn->size[sn->n] = o->size;
	}
	sn->n++;
}

static const char *fake_site(void)
{
	return "test_site";
}

static void test_live_objects_listed(void **state)
{
	struct kmem_cache *c = kmem_cache_create("listed", 40, 0, 0, NULL);
	struct seen sn = { 0 };
	uint64_t mark;
	void *a, *b, *d;
	int n;

	assert_non_null(c);
	mark = kshim_slab_mark();
	a = kmalloc(100, GFP_KERNEL);
	kshim_slab_set_site_fn(fake_site);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	kshim_slab_set_site_fn(NULL);
	d = kzalloc(7, GFP_KERNEL);
	kfree(a);
	n = kshim_slab_for_each_live(mark, collect, &sn);
	assert_int_equal(n, 2);
	assert_int_equal(sn.n, 2);
	assert_string_equal(sn.cache[0], "listed");
	assert_int_equal(sn.size[0], 40);
	assert_string_equal(sn.site[0], "test_site");
	assert_string_equal(sn.cache[1], "kmalloc");
	assert_int_equal(sn.size[1], 7);
	assert_null(sn.site[1]);
	kmem_cache_free(c, b);
	kfree(d);
	kmem_cache_destroy(c);
	sn.n = 0;
	assert_int_equal(kshim_slab_for_each_live(mark, collect, &sn), 0);
	/* many objects: the table grows and still finds each one to free */
	{
		static void *many[5000];
		int i;

		for (i = 0; i < 5000; i++)
			many[i] = kmalloc(16, GFP_KERNEL);
		assert_int_equal(kshim_slab_for_each_live(mark, collect, &sn),
				 5000);
		for (i = 0; i < 5000; i += 2)
			kfree(many[i]);
		for (i = 1; i < 5000; i += 2)
			kfree(many[i]);
	}
	assert_int_equal(kshim_slab_for_each_live(mark, collect, &sn), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_boot_leaves_nothing_live, setup),
		cmocka_unit_test_setup(test_zero_size_and_null, setup),
		cmocka_unit_test_setup(test_live_accounting, setup),
		cmocka_unit_test_setup(test_memory_zeroed, setup),
		cmocka_unit_test_setup(test_array_overflow, setup),
		cmocka_unit_test_setup(test_oversize, setup),
		cmocka_unit_test_setup(test_oversize_warns_again_after_reboot,
				       setup),
		cmocka_unit_test_setup(test_fail_nth, setup),
		cmocka_unit_test_setup(test_fail_nth_never_nofail, setup),
		cmocka_unit_test_setup(test_kmem_cache_accounting, setup),
		cmocka_unit_test_setup(test_kmem_cache_destroy_live_warns,
				       setup),
		cmocka_unit_test_setup(test_krealloc, setup),
		cmocka_unit_test_setup(test_kstrdup, setup),
		cmocka_unit_test_setup(test_boot_resets, setup),
		cmocka_unit_test_setup(test_live_objects_listed, setup),
	};

	return cmocka_run_group_tests_name("kshim.slab", tests, NULL, NULL);
}

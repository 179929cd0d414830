// SPDX-License-Identifier: GPL-2.0-only
/*
 * The maple tree stand-in (linux/maple_tree.h, kshim/src/maple_tree.c)
 * and the VMA iterator on it, with lib/maple_tree.c's range semantics:
 * a store overwrites what it overlaps, trimming or splitting it; a NULL
 * store erases; searches report the stored ranges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <linux/maple_tree.h>
#include <linux/mm.h>
#include <kshim/kshim.h>
#include "kshim_test_util.h"

static int entries[4];
#define A (&entries[0])
#define B (&entries[1])
#define C (&entries[2])
#define D (&entries[3])

/* The tree as "[index,last]X ..." (X the entry's letter), by mas_find(). */
static const char *render(struct maple_tree *mt)
{
	static char buf[256];
	MA_STATE(mas, mt, 0, 0);
	size_t n = 0;
	int *e;

	buf[0] = '\0';
	while ((e = mas_find(&mas, ULONG_MAX)))
		n += snprintf(buf + n, sizeof(buf) - n, "%s[%lu,%lu]%c",
			      n ? " " : "", mas.index, mas.last,
			      'A' + (int)(e - entries));
	return buf;
}

static int store(struct maple_tree *mt, unsigned long first,
		 unsigned long last, void *entry)
{
	MA_STATE(mas, mt, 0, 0);

	mas_set_range(&mas, first, last);
	return mas_store_gfp(&mas, entry, GFP_KERNEL);
}

static int setup(void **state)
{
	return kt_boot(1) == SIM_RUN_DONE ? 0 : -1;
}

static void test_store_and_find_in_order(void **state)
{
	struct maple_tree mt;

	mt_init_flags(&mt, MT_FLAGS_ALLOC_RANGE | MT_FLAGS_USE_RCU);
	assert_string_equal(render(&mt), "");
	assert_int_equal(store(&mt, 300, 304, C), 0);
	assert_int_equal(store(&mt, 10, 19, A), 0);
	assert_int_equal(store(&mt, 200, 209, B), 0);
	assert_string_equal(render(&mt), "[10,19]A [200,209]B [300,304]C");
	mtree_destroy(&mt);
	assert_string_equal(render(&mt), "");
}

static void test_store_splits_and_trims(void **state)
{
	struct maple_tree mt;

	mt_init(&mt);
	assert_int_equal(store(&mt, 0, 99, A), 0);
	/* inside one range: split in two around the new one */
	assert_int_equal(store(&mt, 10, 19, B), 0);
	assert_string_equal(render(&mt), "[0,9]A [10,19]B [20,99]A");
	/* across three: the ends trimmed, the middle one gone */
	assert_int_equal(store(&mt, 5, 24, C), 0);
	assert_string_equal(render(&mt), "[0,4]A [5,24]C [25,99]A");
	/* NULL erases, leaving a gap */
	assert_int_equal(store(&mt, 0, 4, NULL), 0);
	assert_string_equal(render(&mt), "[5,24]C [25,99]A");
	assert_int_equal(store(&mt, 7, 6, D), -EINVAL);
	assert_string_equal(render(&mt), "[5,24]C [25,99]A");
	mtree_destroy(&mt);
}

static void test_load_and_walk(void **state)
{
	struct maple_tree mt;
	MA_STATE(mas, &mt, 50, 50);

	mt_init(&mt);
	assert_int_equal(mtree_store_range(&mt, 10, 19, A, GFP_KERNEL), 0);
	assert_int_equal(mtree_store_range(&mt, 100, 199, B, GFP_KERNEL), 0);
	assert_ptr_equal(mtree_load(&mt, 10), A);
	assert_ptr_equal(mtree_load(&mt, 19), A);
	assert_ptr_equal(mtree_load(&mt, 150), B);
	assert_null(mtree_load(&mt, 20));
	/* a gap: mas_walk() reports its extent */
	assert_null(mas_walk(&mas));
	assert_int_equal(mas.index, 20);
	assert_int_equal(mas.last, 99);
	/* mas_find() from inside a range returns that range first */
	mas_set(&mas, 15);
	assert_ptr_equal(mas_find(&mas, ULONG_MAX), A);
	assert_ptr_equal(mas_find(&mas, ULONG_MAX), B);
	assert_null(mas_find(&mas, ULONG_MAX));
	/* ... and stops at max */
	mas_set(&mas, 0);
	assert_ptr_equal(mas_find(&mas, 99), A);
	assert_null(mas_find(&mas, 99));
	mtree_destroy(&mt);
}

static void test_failed_store_leaves_the_tree(void **state)
{
	struct kshim_slab_stats s0, s1;
	struct maple_tree mt;

	mt_init(&mt);
	assert_int_equal(store(&mt, 0, 9, A), 0);
	kshim_slab_fail_nth(1);
	assert_int_equal(store(&mt, 5, 14, B), -ENOMEM);
	assert_string_equal(render(&mt), "[0,9]A");
	kshim_slab_get_stats(&s0);
	mtree_destroy(&mt);
	kshim_slab_get_stats(&s1);
	assert_int_equal(s1.live_objects, s0.live_objects - 1);
}

/* vaddr.c's loop: VMA_ITERATOR() and for_each_vma() on mm->mm_mt */
static void test_vma_iterator(void **state)
{
	static struct mm_struct mm;
	struct vm_area_struct vmas[] = {
		{ .vm_start = 10, .vm_end = 20 },
		{ .vm_start = 20, .vm_end = 25 },
		{ .vm_start = 200, .vm_end = 210 },
	};
	struct vm_area_struct *vma;
	char buf[64] = "";
	size_t n = 0;
	int i;

	mt_init_flags(&mm.mm_mt, MM_MT_FLAGS);
	for (i = 2; i >= 0; i--)
		assert_int_equal(mtree_store_range(&mm.mm_mt,
						   vmas[i].vm_start,
						   vmas[i].vm_end - 1,
						   &vmas[i], GFP_KERNEL), 0);
	{
		VMA_ITERATOR(vmi, &mm, 0);

		for_each_vma(vmi, vma)
			n += snprintf(buf + n, sizeof(buf) - n, "%lu-%lu ",
				      vma->vm_start, vma->vm_end);
	}
	assert_string_equal(buf, "10-20 20-25 200-210 ");
	{
		VMA_ITERATOR(vmi, &mm, 22);	/* inside the second */

		assert_ptr_equal(vma_next(&vmi), &vmas[1]);
		assert_ptr_equal(vma_next(&vmi), &vmas[2]);
		assert_null(vma_next(&vmi));
	}
	mtree_destroy(&mm.mm_mt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_store_and_find_in_order, setup),
		cmocka_unit_test_setup(test_store_splits_and_trims, setup),
		cmocka_unit_test_setup(test_load_and_walk, setup),
		cmocka_unit_test_setup(test_failed_store_leaves_the_tree, setup),
		cmocka_unit_test_setup(test_vma_iterator, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A KUnit stand-in (include/kunit/test.h, 6.12): enough of the API for
 * the upstream DAMON suites.  Each case runs in its own simulated
 * thread, as in kunit_try_catch; an assertion failure or kunit_skip()
 * ends that thread.  Results print as KTAP (kshim/src/kunit.c), in the
 * format lib/kunit/test.c prints them.
 */
#ifndef _KUNIT_TEST_H
#define _KUNIT_TEST_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/slab.h>

enum kunit_status {
	KUNIT_SUCCESS,
	KUNIT_FAILURE,
	KUNIT_SKIPPED,
};

#define KUNIT_STATUS_COMMENT_SIZE 256

struct kunit {
	const char *name;
	enum kunit_status status;
	char status_comment[KUNIT_STATUS_COMMENT_SIZE];
	struct list_head resources;	/* kunit_kmalloc() allocations */
	void *priv;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	enum kunit_status status;
};

struct kunit_suite {
	const char name[256];
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
};

#define KUNIT_CASE(test_name) { .run_case = test_name, .name = #test_name }

#define __KUNIT_CAT2(a, b) a##b
#define __KUNIT_CAT(a, b) __KUNIT_CAT2(a, b)
#define kunit_test_suites(...)                                              \
	static struct kunit_suite *const __KUNIT_CAT(__kunit_suites_,       \
						     __COUNTER__)[]         \
		__used __section("kshim_kunit_suites") __aligned(8) = {     \
		__VA_ARGS__ }
#define kunit_test_suite(suite) kunit_test_suites(&suite)

/* Failure reporting and the "throw" that ends the case (runner side). */
_Noreturn void kunit_try_catch_throw(struct kunit *test);
void kunit_fail_binary(struct kunit *test, bool assert, const char *file,
		       int line, const char *left_text, const char *op,
		       const char *right_text, long long left,
		       long long right);
void kunit_fail_ptr(struct kunit *test, bool assert, const char *file,
		    int line, const char *left_text, const char *op,
		    const char *right_text, const void *left,
		    const void *right);
void kunit_fail_unary(struct kunit *test, bool assert, const char *file,
		      int line, const char *text, bool expected);
void kunit_fail_msg(struct kunit *test, bool assert, const char *file,
		    int line, const char *fmt, ...) __printf(5, 6);
void kunit_mark_skipped_fmt(struct kunit *test, const char *fmt, ...)
	__printf(2, 3);

#define __KUNIT_BINARY(test, assert, left, op, right)                     \
	do {                                                              \
		typeof(left) __left = (left);                             \
		typeof(right) __right = (right);                          \
		if (!(__left op __right))                                 \
			kunit_fail_binary(test, assert, __FILE__,         \
					  __LINE__, #left, #op, #right,   \
					  (long long)__left,              \
					  (long long)__right);            \
	} while (0)
#define __KUNIT_PTR(test, assert, left, op, right)                        \
	do {                                                              \
		const void *__left = (left);                              \
		const void *__right = (right);                            \
		if (!(__left op __right))                                 \
			kunit_fail_ptr(test, assert, __FILE__, __LINE__,  \
				       #left, #op, #right, __left,        \
				       __right);                          \
	} while (0)
#define __KUNIT_UNARY(test, assert, cond, expected)                       \
	do {                                                              \
		if (!!(cond) != (expected))                               \
			kunit_fail_unary(test, assert, __FILE__,          \
					 __LINE__, #cond, expected);      \
	} while (0)

#define KUNIT_EXPECT_EQ(test, l, r) __KUNIT_BINARY(test, false, l, ==, r)
#define KUNIT_EXPECT_NE(test, l, r) __KUNIT_BINARY(test, false, l, !=, r)
#define KUNIT_EXPECT_LT(test, l, r) __KUNIT_BINARY(test, false, l, <, r)
#define KUNIT_EXPECT_LE(test, l, r) __KUNIT_BINARY(test, false, l, <=, r)
#define KUNIT_EXPECT_GT(test, l, r) __KUNIT_BINARY(test, false, l, >, r)
#define KUNIT_EXPECT_GE(test, l, r) __KUNIT_BINARY(test, false, l, >=, r)
#define KUNIT_EXPECT_PTR_EQ(test, l, r) __KUNIT_PTR(test, false, l, ==, r)
#define KUNIT_EXPECT_PTR_NE(test, l, r) __KUNIT_PTR(test, false, l, !=, r)
#define KUNIT_EXPECT_NULL(test, p) __KUNIT_PTR(test, false, p, ==, NULL)
#define KUNIT_EXPECT_NOT_NULL(test, p) __KUNIT_PTR(test, false, p, !=, NULL)
#define KUNIT_EXPECT_TRUE(test, c) __KUNIT_UNARY(test, false, c, true)
#define KUNIT_EXPECT_FALSE(test, c) __KUNIT_UNARY(test, false, c, false)
#define KUNIT_ASSERT_EQ(test, l, r) __KUNIT_BINARY(test, true, l, ==, r)
#define KUNIT_ASSERT_NE(test, l, r) __KUNIT_BINARY(test, true, l, !=, r)
#define KUNIT_ASSERT_LT(test, l, r) __KUNIT_BINARY(test, true, l, <, r)
#define KUNIT_ASSERT_LE(test, l, r) __KUNIT_BINARY(test, true, l, <=, r)
#define KUNIT_ASSERT_GT(test, l, r) __KUNIT_BINARY(test, true, l, >, r)
#define KUNIT_ASSERT_GE(test, l, r) __KUNIT_BINARY(test, true, l, >=, r)
#define KUNIT_ASSERT_TRUE(test, c) __KUNIT_UNARY(test, true, c, true)
#define KUNIT_ASSERT_FALSE(test, c) __KUNIT_UNARY(test, true, c, false)
#define KUNIT_ASSERT_NOT_NULL(test, p) __KUNIT_PTR(test, true, p, !=, NULL)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p) \
	__KUNIT_UNARY(test, true, !IS_ERR_OR_NULL(p), true)
#define KUNIT_FAIL(test, fmt, ...) \
	kunit_fail_msg(test, false, __FILE__, __LINE__, fmt, ##__VA_ARGS__)

#define kunit_mark_skipped(test, fmt, ...) \
	kunit_mark_skipped_fmt(test, fmt, ##__VA_ARGS__)
#define kunit_skip(test, fmt, ...)                                \
	do {                                                      \
		kunit_mark_skipped(test, fmt, ##__VA_ARGS__);     \
		kunit_try_catch_throw(test);                      \
	} while (0)

void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp);
static inline void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	return kunit_kmalloc(test, size, gfp | __GFP_ZERO);
}
void kunit_kfree(struct kunit *test, const void *ptr);

#define kunit_info(test, fmt, ...) printk(KERN_INFO fmt, ##__VA_ARGS__)
#define kunit_warn(test, fmt, ...) printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define kunit_err(test, fmt, ...) printk(KERN_ERR fmt, ##__VA_ARGS__)

#endif

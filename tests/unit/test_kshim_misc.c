// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel arithmetic conventions kernel code relies on: math.h's abs()
 * of unsigned values, minmax.h, kernel.h's rounding helpers, err.h and
 * bitops.h, each compared with what include/linux/ (6.12) defines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/hash.h>

static int evals;

static int once(int v)
{
	evals++;
	return v;
}

static void test_abs_unsigned(void **state)
{
	unsigned int a = 1, b = 2;
	unsigned long la = 10, lb = 30;
	long long s = -5;

	/* converted to the signed type of the same width first */
	assert_int_equal(abs(a - b), 1);
	assert_int_equal(abs(b - a), 1);
	assert_int_equal(abs(la - lb), 20);
	assert_int_equal(abs(s), 5);
	assert_int_equal(abs(-7), 7);
	assert_int_equal(abs((short)-3), 3);
	assert_int_equal(abs((signed char)-4), 4);
	assert_int_equal(sizeof(abs(la - lb)), sizeof(long));
	evals = 0;
	assert_int_equal(abs(once(-9)), 9);
	assert_int_equal(evals, 1);
}

static void test_min_max_once(void **state)
{
	int i = 5, j = 3;

	evals = 0;
	assert_int_equal(min(once(4), once(7)), 4);
	assert_int_equal(max(once(4), once(7)), 7);
	assert_int_equal(evals, 4);
	assert_int_equal(min(i++, j++), 3);
	assert_int_equal(i, 6);
	assert_int_equal(j, 4);
	assert_int_equal(max(i++, j++), 6);
	assert_int_equal(i, 7);
	assert_int_equal(j, 5);
	assert_int_equal(min3(3, 1, 2), 1);
	assert_int_equal(max3(3, 1, 2), 3);
	assert_int_equal(min_t(int, -1, 1u), -1);
	assert_int_equal(max_t(unsigned long, 3, 9), 9);
	assert_int_equal(clamp(15, 0, 10), 10);
	assert_int_equal(clamp(-3, 0, 10), 0);
	assert_int_equal(clamp(4, 0, 10), 4);
	evals = 0;
	assert_int_equal(clamp(once(15), once(0), once(10)), 10);
	assert_int_equal(evals, 3);
}

/* minmax.h: the smaller of the two, ignoring a zero. */
static void test_min_not_zero(void **state)
{
	unsigned long a = 7, b = 5;

	assert_int_equal(min_not_zero(0, 5), 5);
	assert_int_equal(min_not_zero(7, 0), 7);
	assert_int_equal(min_not_zero(0, 0), 0);
	assert_int_equal(min_not_zero(a, b), 5);
	assert_int_equal(min_not_zero(b, a), 5);
}

static void test_align(void **state)
{
	assert_int_equal(ALIGN(0UL, 4096), 0);
	assert_int_equal(ALIGN(1UL, 4096), 4096);
	assert_int_equal(ALIGN(4096UL, 4096), 4096);
	assert_int_equal(ALIGN(4097UL, 4096), 8192);
	assert_int_equal(ALIGN_DOWN(4097UL, 4096), 4096);
	assert_int_equal(ALIGN_DOWN(4095UL, 4096), 0);
	assert_int_equal(ALIGN_DOWN(8192UL, 4096), 8192);
	assert_true(IS_ALIGNED(8192UL, 4096));
	assert_false(IS_ALIGNED(8193UL, 4096));
	/* 64-bit values keep their high bits */
	assert_int_equal(ALIGN(0x100000001ULL, 4096), 0x100001000ULL);
	assert_int_equal(ALIGN_DOWN(0x1ffffffffULL, 4096), 0x1fffff000ULL);
	assert_int_equal(round_up(5, 4), 8);
	assert_int_equal(round_down(5, 4), 4);
	assert_int_equal(roundup(5, 3), 6);
	assert_int_equal(rounddown(5, 3), 3);
}

static void test_div_round(void **state)
{
	assert_int_equal(DIV_ROUND_UP(0, 4), 0);
	assert_int_equal(DIV_ROUND_UP(1, 4), 1);
	assert_int_equal(DIV_ROUND_UP(4, 4), 1);
	assert_int_equal(DIV_ROUND_UP(5, 4), 2);
	assert_int_equal(DIV_ROUND_UP(30000UL, 1000), 30);
	assert_int_equal(DIV_ROUND_UP(30001UL, 1000), 31);
	assert_int_equal(DIV_ROUND_CLOSEST(5, 4), 1);
	assert_int_equal(DIV_ROUND_CLOSEST(6, 4), 2);
}

static void test_mult_frac(void **state)
{
	unsigned long big = ULONG_MAX / 3;

	assert_int_equal(mult_frac(10, 3, 4), 7);
	assert_int_equal(mult_frac(100UL, 1, 3), 33);
	/* no overflow of x * n when x * n would not fit */
	assert_int_equal(mult_frac(big, 3, 4), big / 4 * 3 + big % 4 * 3 / 4);
	assert_true(mult_frac(big, 3, 4) > big / 2);
	assert_int_equal(mult_frac(7, 0, 5), 0);
}

/* include/linux/math.h (6.12) evaluates each argument once. */
static void test_mult_frac_evaluates_once(void **state)
{
	int r;

	evals = 0;
	r = mult_frac(once(10), once(3), once(4));
	assert_int_equal(r, 7);		/* 10 * 3 / 4 */
	assert_int_equal(evals, 3);
}

static void test_err_ptr(void **state)
{
	void *e = ERR_PTR(-ENOMEM);
	int local;

	assert_true(IS_ERR(e));
	assert_int_equal(PTR_ERR(e), -ENOMEM);
	assert_true(IS_ERR(ERR_PTR(-MAX_ERRNO)));
	assert_false(IS_ERR(ERR_PTR(-MAX_ERRNO - 1)));
	assert_false(IS_ERR(NULL));
	assert_false(IS_ERR(&local));
	assert_true(IS_ERR_OR_NULL(NULL));
	assert_true(IS_ERR_OR_NULL(e));
	assert_false(IS_ERR_OR_NULL(&local));
	assert_int_equal(PTR_ERR_OR_ZERO(e), -ENOMEM);
	assert_int_equal(PTR_ERR_OR_ZERO(&local), 0);
	assert_ptr_equal(ERR_CAST(e), e);
}

static void test_bitops(void **state)
{
	unsigned long bits[2] = { 0, 0 };

	assert_int_equal(fls(0), 0);
	assert_int_equal(fls(1), 1);
	assert_int_equal(fls(0x80000000u), 32);
	assert_int_equal(fls(0x1234), 13);
	assert_int_equal(fls64(0), 0);
	assert_int_equal(fls64(1), 1);
	assert_int_equal(fls64(0x8000000000000000ULL), 64);
	assert_int_equal(fls64(0x100000000ULL), 33);
	assert_int_equal(__ffs(1), 0);
	assert_int_equal(__ffs(0x1000), 12);
	assert_int_equal(__ffs(1UL << 63), 63);
	assert_int_equal(__fls(1UL << 63), 63);
	assert_int_equal(__fls(0x1000), 12);
	assert_int_equal(ffs(0), 0);
	assert_int_equal(ffs(8), 4);
	assert_int_equal(hweight64(0xff00ff00ff00ff00ULL), 32);
	assert_int_equal(hweight32(0xf0), 4);

	set_bit(70, bits);
	assert_true(test_bit(70, bits));
	assert_int_equal(bits[1], 1UL << 6);
	assert_false(test_and_set_bit(3, bits));
	assert_true(test_and_set_bit(3, bits));
	assert_true(test_and_clear_bit(3, bits));
	assert_false(test_bit(3, bits));
	clear_bit(70, bits);
	assert_int_equal(bits[0] | bits[1], 0);
}

/* include/linux/hash.h: the top bits of the golden-ratio product */
static void test_hash_64(void **state)
{
	int x;

	assert_int_equal(hash_32(1, 32), GOLDEN_RATIO_32);
	assert_int_equal(hash_64(1, 32), (u32)(GOLDEN_RATIO_64 >> 32));
	assert_int_equal(hash_64(1, 8), GOLDEN_RATIO_64 >> 56);
	assert_int_equal(hash_64(0, 32), 0);
	assert_int_equal(hash_ptr(&x, 16),
			 hash_64((unsigned long)&x, 16));
	assert_true(hash_64(~0ULL, 12) < (1U << 12));
}

static void test_array_size_and_bits(void **state)
{
	int arr[13];

	assert_int_equal(ARRAY_SIZE(arr), 13);
	assert_int_equal(upper_32_bits(0x123456789abcdef0ULL), 0x12345678);
	assert_int_equal(lower_32_bits(0x123456789abcdef0ULL), 0x9abcdef0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abs_unsigned),
		cmocka_unit_test(test_min_max_once),
		cmocka_unit_test(test_min_not_zero),
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_div_round),
		cmocka_unit_test(test_mult_frac),
		cmocka_unit_test(test_mult_frac_evaluates_once),
		cmocka_unit_test(test_err_ptr),
		cmocka_unit_test(test_bitops),
		cmocka_unit_test(test_hash_64),
		cmocka_unit_test(test_array_size_and_bits),
	};

	return cmocka_run_group_tests_name("kshim.misc", tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/* include/linux/list.h semantics, as kernel code relies on them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/list.h>

struct item {
	int v;
	struct list_head node;
};

static struct item items[8];

static void init_items(void)
{
	int i;

	for (i = 0; i < 8; i++) {
		items[i].v = i;
		INIT_LIST_HEAD(&items[i].node);
	}
}

/* Renders a list as digits, checking prev links on the way back. */
static const char *render(struct list_head *head)
{
	static char buf[32];
	struct item *it;
	struct list_head *pos;
	size_t n = 0, back = 0;

	list_for_each_entry(it, head, node)
		buf[n++] = '0' + it->v;
	buf[n] = '\0';
	for (pos = head->prev; pos != head; pos = pos->prev)
		back++;
	if (back != n)
		return "broken prev links";
	return buf;
}

static void test_add_and_add_tail(void **state)
{
	LIST_HEAD(head);

	init_items();
	assert_true(list_empty(&head));
	list_add(&items[1].node, &head);
	list_add(&items[2].node, &head);	/* at the front */
	list_add_tail(&items[3].node, &head);	/* at the back */
	assert_string_equal(render(&head), "213");
	assert_false(list_empty(&head));
	assert_int_equal(list_count_nodes(&head), 3);
	assert_ptr_equal(list_first_entry(&head, struct item, node), &items[2]);
	assert_ptr_equal(list_last_entry(&head, struct item, node), &items[3]);
	assert_true(list_is_first(&items[2].node, &head));
	assert_true(list_is_last(&items[3].node, &head));
	assert_false(list_is_last(&items[1].node, &head));
}

static void test_del_poisons(void **state)
{
	LIST_HEAD(head);

	init_items();
	list_add_tail(&items[0].node, &head);
	list_add_tail(&items[1].node, &head);
	list_add_tail(&items[2].node, &head);
	list_del(&items[1].node);
	assert_ptr_equal(items[1].node.next, LIST_POISON1);
	assert_ptr_equal(items[1].node.prev, LIST_POISON2);
	assert_ptr_equal(LIST_POISON1, (void *)0x100);
	assert_ptr_equal(LIST_POISON2, (void *)0x122);
	assert_string_equal(render(&head), "02");
}

static void test_del_init(void **state)
{
	LIST_HEAD(head);

	init_items();
	list_add_tail(&items[0].node, &head);
	list_add_tail(&items[1].node, &head);
	list_del_init(&items[0].node);
	assert_true(list_empty(&items[0].node));
	assert_string_equal(render(&head), "1");
	assert_true(list_is_singular(&head));
	/* deleting an initialised, empty entry again is harmless */
	list_del_init(&items[0].node);
	assert_true(list_empty(&items[0].node));
	assert_string_equal(render(&head), "1");
}

static void test_splice(void **state)
{
	LIST_HEAD(a);
	LIST_HEAD(b);

	init_items();
	list_add_tail(&items[0].node, &a);
	list_add_tail(&items[1].node, &a);
	list_add_tail(&items[2].node, &b);
	list_add_tail(&items[3].node, &b);
	list_splice(&b, &a);		/* b's entries at a's front */
	assert_string_equal(render(&a), "2301");
	/* list_splice leaves b's head stale; reinitialise to reuse */
	INIT_LIST_HEAD(&b);
	list_add_tail(&items[4].node, &b);
	list_splice_tail(&b, &a);
	assert_string_equal(render(&a), "23014");
}

static void test_splice_init(void **state)
{
	LIST_HEAD(a);
	LIST_HEAD(b);

	init_items();
	list_add_tail(&items[0].node, &a);
	list_add_tail(&items[1].node, &b);
	list_add_tail(&items[2].node, &b);
	list_splice_init(&b, &a);
	assert_true(list_empty(&b));
	assert_string_equal(render(&a), "120");
	list_add_tail(&items[3].node, &b);
	list_splice_tail_init(&b, &a);
	assert_true(list_empty(&b));
	assert_string_equal(render(&a), "1203");
	/* splicing an empty list changes nothing */
	list_splice_init(&b, &a);
	assert_string_equal(render(&a), "1203");
	assert_true(list_empty(&b));
}

static void test_move(void **state)
{
	LIST_HEAD(a);
	LIST_HEAD(b);

	init_items();
	list_add_tail(&items[0].node, &a);
	list_add_tail(&items[1].node, &a);
	list_add_tail(&items[2].node, &a);
	list_move_tail(&items[0].node, &a);
	assert_string_equal(render(&a), "120");
	list_move(&items[0].node, &a);
	assert_string_equal(render(&a), "012");
	list_move_tail(&items[1].node, &b);
	assert_string_equal(render(&a), "02");
	assert_string_equal(render(&b), "1");
}

static void test_for_each_entry_safe_delete(void **state)
{
	LIST_HEAD(head);
	struct item *it, *tmp;
	int i, seen = 0;

	init_items();
	for (i = 0; i < 8; i++)
		list_add_tail(&items[i].node, &head);
	list_for_each_entry_safe(it, tmp, &head, node) {
		seen++;
		if (it->v % 2)
			list_del(&it->node);
	}
	assert_int_equal(seen, 8);
	assert_string_equal(render(&head), "0246");
	/* reverse, deleting everything */
	seen = 0;
	list_for_each_entry_safe_reverse(it, tmp, &head, node) {
		assert_int_equal(it->v, 6 - 2 * seen);
		seen++;
		list_del(&it->node);
	}
	assert_int_equal(seen, 4);
	assert_true(list_empty(&head));
}

static void test_first_entry_or_null(void **state)
{
	LIST_HEAD(head);

	init_items();
	assert_null(list_first_entry_or_null(&head, struct item, node));
	list_add(&items[5].node, &head);
	assert_ptr_equal(list_first_entry_or_null(&head, struct item, node),
			 &items[5]);
}

static void test_count_and_singular(void **state)
{
	LIST_HEAD(head);
	int i;

	init_items();
	assert_int_equal(list_count_nodes(&head), 0);
	assert_false(list_is_singular(&head));
	list_add(&items[0].node, &head);
	assert_true(list_is_singular(&head));
	assert_int_equal(list_count_nodes(&head), 1);
	for (i = 1; i < 8; i++)
		list_add(&items[i].node, &head);
	assert_false(list_is_singular(&head));
	assert_int_equal(list_count_nodes(&head), 8);
	assert_string_equal(render(&head), "76543210");
}

static void test_iteration_variants(void **state)
{
	LIST_HEAD(head);
	struct item *it;
	char buf[16];
	int n = 0, i;

	init_items();
	for (i = 0; i < 5; i++)
		list_add_tail(&items[i].node, &head);
	list_for_each_entry_reverse(it, &head, node)
		buf[n++] = '0' + it->v;
	buf[n] = '\0';
	assert_string_equal(buf, "43210");

	n = 0;
	it = &items[1];
	list_for_each_entry_continue(it, &head, node)	/* after 1 */
		buf[n++] = '0' + it->v;
	buf[n] = '\0';
	assert_string_equal(buf, "234");

	n = 0;
	it = &items[3];
	list_for_each_entry_from(it, &head, node)	/* from 3 */
		buf[n++] = '0' + it->v;
	buf[n] = '\0';
	assert_string_equal(buf, "34");
	assert_true(list_entry_is_head(it, &head, node));

	list_replace(&items[2].node, &items[7].node);
	assert_string_equal(render(&head), "01734");
	assert_ptr_equal(list_next_entry(&items[1], node), &items[7]);
	assert_ptr_equal(list_prev_entry(&items[3], node), &items[7]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_and_add_tail),
		cmocka_unit_test(test_del_poisons),
		cmocka_unit_test(test_del_init),
		cmocka_unit_test(test_splice),
		cmocka_unit_test(test_splice_init),
		cmocka_unit_test(test_move),
		cmocka_unit_test(test_for_each_entry_safe_delete),
		cmocka_unit_test(test_first_entry_or_null),
		cmocka_unit_test(test_count_and_singular),
		cmocka_unit_test(test_iteration_variants),
	};

	return cmocka_run_group_tests_name("kshim.list", tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The maple tree stand-in (linux/maple_tree.h): lib/maple_tree.c's
 * range semantics on one sorted array of [index, last] -> entry.  A
 * store overwrites whatever overlaps its range (trimming or splitting
 * the ranges it cuts), a NULL entry erases, and searches return the
 * range an entry occupies.  Each store builds a new array from the slab
 * (the kernel allocates its nodes there too), so a failed allocation
 * leaves the tree as it was.
 */
#include <linux/maple_tree.h>
#include <linux/slab.h>
#include <linux/errno.h>

struct kshim_mt_range {
	unsigned long index, last;
	void *entry;
};

struct kshim_mt_ranges {
	unsigned long nr;
	struct kshim_mt_range r[];
};

static unsigned long mt_nr(const struct maple_tree *mt)
{
	return mt->ma_root ? mt->ma_root->nr : 0;
}

/* The first range ending at or after @from (nr: none). */
static unsigned long mt_first_from(const struct maple_tree *mt,
				   unsigned long from)
{
	unsigned long lo = 0, hi = mt_nr(mt);

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (mt->ma_root->r[mid].last < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Mirrors lib/maple_tree.c:mas_store_gfp() (6.12): @entry over
 * [mas->index, mas->last]; 0, -EINVAL for an inverted range, -ENOMEM.
 */
int mas_store_gfp(struct ma_state *mas, void *entry, gfp_t gfp)
{
	struct maple_tree *mt = mas->tree;
	unsigned long index = mas->index, last = mas->last;
	unsigned long nr = mt_nr(mt), i, n = 0;
	struct kshim_mt_ranges *old = mt->ma_root, *new;

	if (index > last) {
		mas->status = ma_error;
		return -EINVAL;
	}
	/* at most one range splits in two, plus the new one */
	new = kmalloc(struct_size(new, r, nr + 2), gfp);
	if (!new) {
		mas->status = ma_error;
		return -ENOMEM;
	}
	for (i = 0; i < nr && old->r[i].last < index; i++)
		new->r[n++] = old->r[i];
	for (; i < nr && old->r[i].index <= last; i++) {
		struct kshim_mt_range cut = old->r[i];

		if (cut.index < index) {	/* the part before */
			new->r[n] = cut;
			new->r[n++].last = index - 1;
		}
		if (cut.last > last) {		/* the part after */
			if (entry)
				new->r[n++] = (struct kshim_mt_range){
					index, last, entry };
			entry = NULL;		/* stored */
			new->r[n] = cut;
			new->r[n++].index = last + 1;
		}
	}
	if (entry)
		new->r[n++] = (struct kshim_mt_range){ index, last, entry };
	for (; i < nr; i++)
		new->r[n++] = old->r[i];
	new->nr = n;
	if (!n) {
		kfree(new);
		new = NULL;
	}
	mt->ma_root = new;
	kfree(old);
	mas->status = ma_active;
	return 0;
}

/*
 * Mirrors lib/maple_tree.c:mas_find() (6.12): the first call (ma_start
 * or ma_pause) finds the entry at or after mas->index, later calls the
 * one after the last found, up to @max; mas->index and mas->last become
 * its range.  NULL at the end (ma_overflow).
 */
void *mas_find(struct ma_state *mas, unsigned long max)
{
	struct maple_tree *mt = mas->tree;
	unsigned long from, i;

	switch (mas->status) {
	case ma_start:
	case ma_pause:
		from = mas->index;
		break;
	case ma_active:
	case ma_none:
	case ma_root:
		if (mas->last >= max || mas->last == ULONG_MAX) {
			mas->status = ma_overflow;
			return NULL;
		}
		from = mas->last + 1;
		break;
	default:
		return NULL;
	}
	i = mt_first_from(mt, from);
	if (i == mt_nr(mt) || mt->ma_root->r[i].index > max) {
		mas->status = ma_overflow;
		return NULL;
	}
	mas->index = mt->ma_root->r[i].index;
	mas->last = mt->ma_root->r[i].last;
	mas->status = ma_active;
	return mt->ma_root->r[i].entry;
}

/*
 * Mirrors lib/maple_tree.c:mas_walk() (6.12): the entry at mas->index,
 * with mas->index/last set to its range (or to the gap around it).
 */
void *mas_walk(struct ma_state *mas)
{
	struct maple_tree *mt = mas->tree;
	unsigned long i = mt_first_from(mt, mas->index);

	mas->status = ma_active;
	if (i < mt_nr(mt) && mt->ma_root->r[i].index <= mas->index) {
		mas->last = mt->ma_root->r[i].last;
		mas->index = mt->ma_root->r[i].index;
		return mt->ma_root->r[i].entry;
	}
	mas->last = i < mt_nr(mt) ? mt->ma_root->r[i].index - 1 : ULONG_MAX;
	mas->index = i ? mt->ma_root->r[i - 1].last + 1 : 0;
	return NULL;
}

/* Mirrors lib/maple_tree.c:mtree_load() (6.12) */
void *mtree_load(struct maple_tree *mt, unsigned long index)
{
	MA_STATE(mas, mt, index, index);

	return mas_walk(&mas);
}

/* Mirrors lib/maple_tree.c:mtree_store_range() (6.12), unlocked */
int mtree_store_range(struct maple_tree *mt, unsigned long index,
		      unsigned long last, void *entry, gfp_t gfp)
{
	MA_STATE(mas, mt, index, last);

	return mas_store_gfp(&mas, entry, gfp);
}

/* Mirrors lib/maple_tree.c:mtree_destroy() (6.12) */
void mtree_destroy(struct maple_tree *mt)
{
	kfree(mt->ma_root);
	mt->ma_root = NULL;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/maple_tree.h (6.12): a range tree mapping
 * [index, last] to an entry, with the kernel's names for what the
 * extracted code and its KUnit suites call (the VMA iterator of
 * vaddr.c, vaddr-kunit.h's __link_vmas()).  Not a B-tree: the ranges
 * are kept in one sorted array (kshim/src/maple_tree.c), which gives
 * the same answers; an mm's tree holds a few dozen VMAs at most.
 */
#ifndef _LINUX_MAPLE_TREE_H
#define _LINUX_MAPLE_TREE_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <linux/rcupdate.h>

/* include/linux/maple_tree.h flags (only stored: no allocation ranges) */
#define MT_FLAGS_ALLOC_RANGE	0x01
#define MT_FLAGS_USE_RCU	0x02
#define MT_FLAGS_LOCK_EXTERN	0x300

struct kshim_mt_ranges;

/* Mirrors include/linux/maple_tree.h:struct maple_tree (root: ours) */
struct maple_tree {
	spinlock_t ma_lock;
	unsigned int ma_flags;
	struct kshim_mt_ranges *ma_root;	/* NULL: empty */
};

/* Mirrors include/linux/maple_tree.h:enum maple_status */
enum maple_status {
	ma_active,
	ma_start,
	ma_root,
	ma_none,
	ma_pause,
	ma_overflow,
	ma_underflow,
	ma_error,
};

/*
 * Mirrors include/linux/maple_tree.h:struct ma_state: the range asked
 * for (index..last) and, once a search found an entry, that entry's
 * range; status as the kernel's.
 */
struct ma_state {
	struct maple_tree *tree;
	unsigned long index;
	unsigned long last;
	unsigned long min;
	unsigned long max;
	enum maple_status status;
};

/* Mirrors include/linux/maple_tree.h:MA_STATE() */
#define MA_STATE(name, mt, first, end)					\
	struct ma_state name = {					\
		.tree = mt,						\
		.index = first,						\
		.last = end,						\
		.min = 0,						\
		.max = ULONG_MAX,					\
		.status = ma_start,					\
	}

#define mas_lock(mas)	spin_lock(&((mas)->tree->ma_lock))
#define mas_unlock(mas)	spin_unlock(&((mas)->tree->ma_lock))

/* Mirrors include/linux/maple_tree.h:mt_init_flags() */
static inline void mt_init_flags(struct maple_tree *mt, unsigned int flags)
{
	mt->ma_flags = flags;
	spin_lock_init(&mt->ma_lock);
	mt->ma_root = NULL;
}

/* Mirrors include/linux/maple_tree.h:mt_init() */
static inline void mt_init(struct maple_tree *mt)
{
	mt_init_flags(mt, 0);
}

/* Mirrors include/linux/maple_tree.h:mas_set_range() */
static inline void mas_set_range(struct ma_state *mas, unsigned long start,
				 unsigned long last)
{
	mas->index = start;
	mas->last = last;
	mas->status = ma_start;
}

/* Mirrors include/linux/maple_tree.h:mas_set() */
static inline void mas_set(struct ma_state *mas, unsigned long index)
{
	mas_set_range(mas, index, index);
}

/* lib/maple_tree.c (6.12), kshim/src/maple_tree.c */
int mas_store_gfp(struct ma_state *mas, void *entry, gfp_t gfp);
void *mas_find(struct ma_state *mas, unsigned long max);
void *mas_walk(struct ma_state *mas);
void *mtree_load(struct maple_tree *mt, unsigned long index);
int mtree_store_range(struct maple_tree *mt, unsigned long index,
		      unsigned long last, void *entry, gfp_t gfp);
void mtree_destroy(struct maple_tree *mt);

#endif

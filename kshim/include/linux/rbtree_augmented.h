/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/rbtree_augmented.h (6.12), empty: the CFS timeline (rbtree) is not extracted. */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/fs.h (6.12): only the fields of struct file
 * and struct address_space the fault path reads.  File-backed VMAs are
 * not modelled yet; these exist so that the kernel code's checks of
 * vma->vm_file compile and, with no file, take the anonymous branch.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>

struct folio;
enum migrate_mode;

/* Mirrors include/linux/fs.h:struct address_space_operations, the hook migration calls */
struct address_space_operations {
	int (*migrate_folio)(struct address_space *mapping, struct folio *dst,
			     struct folio *src, enum migrate_mode mode);
};

struct address_space {
	unsigned long flags;
	gfp_t gfp_mask;
	const struct address_space_operations *a_ops;
};

struct file {
	struct address_space *f_mapping;
};

struct vm_area_struct;

/* Mirrors include/linux/fs.h:vma_is_dax(): no DAX inode in the model */
static inline bool vma_is_dax(const struct vm_area_struct *vma)
{
	return false;
}

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/buffer_head.h (6.12): buffer heads belong to the page cache, which is not simulated; the one call migration makes is loud. */
#ifndef _KSHIM_LINUX_BUFFER_HEAD_H
#define _KSHIM_LINUX_BUFFER_HEAD_H
#include <linux/types.h>
#include <kshim/unmodelled.h>
struct folio;
/* fs/buffer.c:try_to_free_buffers(): only a page-cache folio has buffers */
static inline bool try_to_free_buffers(struct folio *folio)
{
	kshim_unmodelled("try_to_free_buffers (buffer heads)");
}
#endif

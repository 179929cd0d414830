/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/pgalloc_tag.h (6.12): memory allocation profiling is off (!CONFIG_MEM_ALLOC_PROFILING stubs). */
#ifndef _KSHIM_LINUX_PGALLOC_TAG_H
#define _KSHIM_LINUX_PGALLOC_TAG_H
struct folio;
/* Mirrors include/linux/pgalloc_tag.h:pgalloc_tag_copy() (!MEM_ALLOC_PROFILING) */
static inline void pgalloc_tag_copy(struct folio *new, struct folio *old)
{
}
#endif

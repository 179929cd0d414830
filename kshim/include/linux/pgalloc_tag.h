/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/pgalloc_tag.h (6.12), empty: memory allocation profiling is off. */
#ifndef _KSHIM_LINUX_PGALLOC_TAG_H
#define _KSHIM_LINUX_PGALLOC_TAG_H
#endif

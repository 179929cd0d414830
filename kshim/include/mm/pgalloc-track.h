/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for mm/pgalloc-track.h (6.12), a quoted include of mm/memory.c, empty: used only by the vmalloc/ioremap paths, not extracted. */
#ifndef _KSHIM_MM_PGALLOC_TRACK_H
#define _KSHIM_MM_PGALLOC_TRACK_H
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/rmap.h (6.12), empty: the extracted functions call no rmap function (reverse mapping is the model's, mm_model/mm/rmap.c). */
#ifndef _KSHIM_LINUX_RMAP_H
#define _KSHIM_LINUX_RMAP_H
#endif

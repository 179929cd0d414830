/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/swap.h (6.12), small: no swap is simulated
 * (swap entries are in linux/swapops.h); it includes linux/memcontrol.h as
 * the kernel's does.
 */
#ifndef _KSHIM_LINUX_SWAP_H
#define _KSHIM_LINUX_SWAP_H

#include <linux/memcontrol.h>

/*
 * mm/swap.c:folio_mark_accessed(), folio_deactivate() (6.12): DAMOS
 * LRU_PRIO/LRU_DEPRIO; the model has no LRU lists: loud stand-ins
 * (mm_model/mm/unmodelled.c).
 */
void folio_mark_accessed(struct folio *folio);
void folio_deactivate(struct folio *folio);

#endif

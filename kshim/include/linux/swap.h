/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/swap.h (6.12), small: no swap is simulated
 * (swap entries are in linux/swapops.h); it includes linux/memcontrol.h as
 * the kernel's does.
 */
#ifndef _KSHIM_LINUX_SWAP_H
#define _KSHIM_LINUX_SWAP_H

#include <linux/memcontrol.h>

struct folio;
/*
 * mm/vmscan.c, mm/swap.c (6.12), the model's (mm_model/mm/migrate.c):
 * the LRU is the PG_lru bit (no lists, no per-CPU batches, so nothing to
 * drain).
 */
bool folio_isolate_lru(struct folio *folio);
void folio_putback_lru(struct folio *folio);
void folio_add_lru(struct folio *folio);
static inline void lru_add_drain(void)
{
}

/* mm/swap.c:folio_add_lru_vma(): no mlock, so folio_add_lru() */
static inline void folio_add_lru_vma(struct folio *folio,
				     struct vm_area_struct *vma)
{
	folio_add_lru(folio);
}

/*
 * mm/swapfile.c:folio_free_swap(), mm/swap_state.c:free_swap_cache():
 * swap is not simulated, no folio is in the swap cache (checked loud).
 */
bool folio_free_swap(struct folio *folio);
void free_swap_cache(struct folio *folio);

/*
 * mm/swap.c:folio_mark_accessed(), folio_deactivate() (6.12): DAMOS
 * LRU_PRIO/LRU_DEPRIO; the model has no LRU lists: loud stand-ins
 * (mm_model/mm/unmodelled.c).
 */
void folio_mark_accessed(struct folio *folio);
void folio_deactivate(struct folio *folio);

#endif

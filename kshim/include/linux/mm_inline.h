/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/mm_inline.h (6.12): lru_to_folio(); its other helpers the shim models are in linux/mm.h (folio_is_file_lru()). */
#ifndef _KSHIM_LINUX_MM_INLINE_H
#define _KSHIM_LINUX_MM_INLINE_H

#include <linux/mm.h>

/* Mirrors include/linux/mm_inline.h:lru_to_folio() (6.12) */
#define lru_to_folio(head) (list_entry((head)->prev, struct folio, lru))

#endif

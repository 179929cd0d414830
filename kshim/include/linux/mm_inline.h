/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/mm_inline.h (6.12), empty: its helpers the shim models are in linux/mm.h (folio_is_file_lru()). */
#ifndef _KSHIM_LINUX_MM_INLINE_H
#define _KSHIM_LINUX_MM_INLINE_H
#endif

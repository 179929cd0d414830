/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for mm/swap.h (6.12), a quoted include of mm/ files, empty: no swap cache is simulated. */
#ifndef _KSHIM_MM_SWAP_H
#define _KSHIM_MM_SWAP_H
#endif

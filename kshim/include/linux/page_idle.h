/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/page_idle.h (6.12): on 64-bit, PG_young and
 * PG_idle are page flags (linux/page-flags.h); the one helper DAMON
 * needs that is not there.  /sys/kernel/mm/page_idle is not simulated.
 */
#ifndef _KSHIM_LINUX_PAGE_IDLE_H
#define _KSHIM_LINUX_PAGE_IDLE_H

#include <linux/page-flags.h>

/*
 * Mirrors include/linux/page-flags.h:folio_test_clear_young() (6.12,
 * 64-bit: PG_young is a page flag).
 */
static inline bool folio_test_clear_young(struct folio *folio)
{
	return test_and_clear_bit(PG_young, &folio->flags);
}

#endif

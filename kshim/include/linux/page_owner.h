/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/page_owner.h (6.12), empty: page owner tracking is off. */
#ifndef _KSHIM_LINUX_PAGE_OWNER_H
#define _KSHIM_LINUX_PAGE_OWNER_H
#endif

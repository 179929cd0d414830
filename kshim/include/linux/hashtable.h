/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/hashtable.h (6.12), empty: the extracted functions use no hashtable. */
#ifndef _KSHIM_LINUX_HASHTABLE_H
#define _KSHIM_LINUX_HASHTABLE_H
#endif

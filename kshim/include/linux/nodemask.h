/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/nodemask.h (6.12), empty: the extracted functions use no nodemask_t. */
#ifndef _KSHIM_LINUX_NODEMASK_H
#define _KSHIM_LINUX_NODEMASK_H
#endif

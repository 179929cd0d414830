/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/cleanup.h (6.12), empty: the extracted functions use no scope-based cleanup (guard(), __free()). */
#ifndef _KSHIM_LINUX_CLEANUP_H
#define _KSHIM_LINUX_CLEANUP_H
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/debugfs.h (6.12), empty: no debugfs files are created. */
#ifndef _KSHIM_LINUX_DEBUGFS_H
#define _KSHIM_LINUX_DEBUGFS_H
#endif

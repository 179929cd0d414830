/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/proc_fs.h (6.12), empty: no /proc files are created. */
#ifndef _KSHIM_LINUX_PROC_FS_H
#define _KSHIM_LINUX_PROC_FS_H
#endif

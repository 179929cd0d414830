/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/syscalls.h (6.12), empty: no syscalls are entered: scenarios call the mm directly. */
#ifndef _KSHIM_LINUX_SYSCALLS_H
#define _KSHIM_LINUX_SYSCALLS_H
#endif

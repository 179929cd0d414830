/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/compat.h (6.12), empty: no 32-bit compat syscalls are simulated. */
#ifndef _KSHIM_LINUX_COMPAT_H
#define _KSHIM_LINUX_COMPAT_H
#endif

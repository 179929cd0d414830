/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/oom.h (6.12), empty: the OOM killer is not simulated. */
#ifndef _KSHIM_LINUX_OOM_H
#define _KSHIM_LINUX_OOM_H
#endif

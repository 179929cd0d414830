/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/shm.h (6.12), empty: SysV shared memory is not simulated. */
#ifndef _KSHIM_LINUX_SHM_H
#define _KSHIM_LINUX_SHM_H
#endif

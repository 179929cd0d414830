/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/shmem_fs.h (6.12), empty: no shmem/tmpfs mappings are simulated. */
#ifndef _KSHIM_LINUX_SHMEM_FS_H
#define _KSHIM_LINUX_SHMEM_FS_H
#endif

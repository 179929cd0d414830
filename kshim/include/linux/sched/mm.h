/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/sched/mm.h (6.12), empty: what the extracted functions use of it (current, mm_struct) is in linux/sched.h. */
#ifndef _KSHIM_LINUX_SCHED_MM_H
#define _KSHIM_LINUX_SCHED_MM_H
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/ksm.h (6.12), empty: KSM is not simulated. */
#ifndef _KSHIM_LINUX_KSM_H
#define _KSHIM_LINUX_KSM_H
#endif

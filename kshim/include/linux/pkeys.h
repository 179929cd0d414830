/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/pkeys.h (6.12), empty: protection keys are not simulated. */
#ifndef _KSHIM_LINUX_PKEYS_H
#define _KSHIM_LINUX_PKEYS_H
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/personality.h (6.12), empty: process personalities are not simulated. */
#ifndef _KSHIM_LINUX_PERSONALITY_H
#define _KSHIM_LINUX_PERSONALITY_H
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/cpu.h (6.12), empty: CPU hotplug is not simulated. */
#ifndef _KSHIM_LINUX_CPU_H
#define _KSHIM_LINUX_CPU_H
#endif

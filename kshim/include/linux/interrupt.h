/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/interrupt.h (6.12), empty: no interrupts are simulated. */
#ifndef _KSHIM_LINUX_INTERRUPT_H
#define _KSHIM_LINUX_INTERRUPT_H
#endif

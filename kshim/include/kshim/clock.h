/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The virtual clock as kernel code sees it.  sim/clock.c owns it and
 * advances it; nothing in a simulated run reads the wall clock.
 */
#ifndef _KSHIM_CLOCK_H
#define _KSHIM_CLOCK_H

#include <stdint.h>

#define SIM_HZ 250
/* include/linux/jiffies.h: INITIAL_JIFFIES wraps 32-bit jiffies early. */
#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * SIM_HZ))

extern volatile unsigned long jiffies;

uint64_t sim_now_ns(void);

#endif

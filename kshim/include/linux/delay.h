/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/delay.h (6.12), on the virtual clock.
 * An hrtimer sleep of [min, max] with no other timer to coalesce with
 * expires at max; a wake-up does not cut it short
 * (kernel/time/sleep_timeout.c:usleep_range_state() loops).
 */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/sched.h>

void usleep_range_state(unsigned long min, unsigned long max,
			unsigned int state);

static inline void usleep_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, TASK_UNINTERRUPTIBLE);
}

static inline void usleep_idle_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, TASK_IDLE);
}

void msleep(unsigned int msecs);
void fsleep(unsigned long usecs);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/ktime.h and timekeeping.h (6.12), on the
 * virtual clock.  Coarse clocks advance only at ticks, as the kernel's
 * do (they read the time of the last tick).
 */
#ifndef _LINUX_KTIME_H
#define _LINUX_KTIME_H

#include <linux/types.h>
#include <linux/time64.h>
#include <linux/jiffies.h>

static inline ktime_t ktime_get(void)
{
	return (ktime_t)sim_now_ns();
}

static inline u64 ktime_get_ns(void)
{
	return sim_now_ns();
}

static inline u64 ktime_get_boottime_ns(void)
{
	return sim_now_ns();
}

static inline s64 ktime_to_ns(const ktime_t kt)
{
	return kt;
}

static inline s64 ktime_to_us(const ktime_t kt)
{
	return kt / NSEC_PER_USEC;
}

static inline s64 ktime_to_ms(const ktime_t kt)
{
	return kt / NSEC_PER_MSEC;
}

#define ktime_sub(a, b) ((a) - (b))
#define ktime_add_ns(kt, ns) ((kt) + (ns))

static inline u64 ktime_get_coarse_ns(void)
{
	return sim_now_ns() / TICK_NSEC * TICK_NSEC;
}

static inline void ktime_get_coarse_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_coarse_ns());
}

static inline void ktime_get_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(sim_now_ns());
}

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/limits.h and vdso/limits.h (6.12).  glibc's
 * <limits.h> includes the uapi <linux/limits.h>, which this file shadows,
 * hence include_next before the kernel's own limits.
 */
#ifndef _KSHIM_LINUX_LIMITS_H
#define _KSHIM_LINUX_LIMITS_H

#include_next <linux/limits.h>
#include <limits.h>
#include <linux/types.h>

#define U8_MAX ((u8)~0U)
#define U16_MAX ((u16)~0U)
#define U32_MAX ((u32)~0U)
#define S32_MAX ((s32)(U32_MAX >> 1))
#define S32_MIN ((s32)(-S32_MAX - 1))
#define U64_MAX ((u64)~0ULL)
#define S64_MAX ((s64)(U64_MAX >> 1))
#define S64_MIN ((s64)(-S64_MAX - 1))
#define PHYS_ADDR_MAX (~(phys_addr_t)0)
#define SIZE_MAX_KERNEL (~(size_t)0)

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/log2.h (6.12): ilog2() (for n > 0). */
#ifndef _LINUX_LOG2_H
#define _LINUX_LOG2_H

/* Mirrors include/linux/log2.h:ilog2(): floor(log2(n)), constant-folded */
#define ilog2(n) ((int)(sizeof(n) <= 4 ? 31 - __builtin_clz((unsigned int)(n)) \
					: 63 - __builtin_clzll((unsigned long long)(n))))

#endif

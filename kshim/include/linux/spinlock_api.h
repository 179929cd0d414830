/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/spinlock_api.h (6.12): as the kernel's, linux/spinlock.h. */
#include <linux/spinlock.h>

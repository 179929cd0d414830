/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/refcount_api.h (6.12): as the kernel's, linux/refcount.h. */
#include <linux/refcount.h>

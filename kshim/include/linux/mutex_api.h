/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/mutex_api.h (6.12): as the kernel's, linux/mutex.h. */
#include <linux/mutex.h>

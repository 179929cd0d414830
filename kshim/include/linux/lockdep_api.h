/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/lockdep_api.h (6.12): as the kernel's, linux/lockdep.h. */
#include <linux/lockdep.h>

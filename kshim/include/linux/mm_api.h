/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/mm_api.h (6.12): as the kernel's, linux/mm.h. */
#include <linux/mm.h>
#include <linux/mmzone.h>

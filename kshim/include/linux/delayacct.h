/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/delayacct.h (6.12): delay accounting is not simulated; the hooks the extracted code calls do nothing. */
#ifndef _KSHIM_LINUX_DELAYACCT_H
#define _KSHIM_LINUX_DELAYACCT_H
#define delayacct_wpcopy_start() do { } while (0)
#define delayacct_wpcopy_end() do { } while (0)
#endif

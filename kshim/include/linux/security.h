/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/security.h (6.12), empty: no LSM hooks are simulated. */
#ifndef _KSHIM_LINUX_SECURITY_H
#define _KSHIM_LINUX_SECURITY_H
#endif

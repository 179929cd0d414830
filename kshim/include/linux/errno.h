/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/errno.h (6.12): the uapi header (which
 * glibc's <errno.h> also includes, hence include_next) plus the
 * kernel-internal codes.
 */
#ifndef _KSHIM_LINUX_ERRNO_H
#define _KSHIM_LINUX_ERRNO_H

#include_next <linux/errno.h>

#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ENOIOCTLCMD 515
#define EPROBE_DEFER 517
#define ENOTSUPP 524

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/stddef.h (6.12): NULL, offsetof(), bool's
 * true and false, from the host's C headers.  It shadows the uapi
 * <linux/stddef.h> that host headers include, hence include_next.
 */
#ifndef _KSHIM_LINUX_STDDEF_H
#define _KSHIM_LINUX_STDDEF_H

#include_next <linux/stddef.h>
#include <stdbool.h>
#include <stddef.h>

#endif

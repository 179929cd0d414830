/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/export.h (6.12), empty: one static image: EXPORT_SYMBOL*() is defined by linux/kernel.h. */
#ifndef _KSHIM_LINUX_EXPORT_H
#define _KSHIM_LINUX_EXPORT_H
#endif

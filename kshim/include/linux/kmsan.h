/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/kmsan.h (6.12): KMSAN is off (!CONFIG_KMSAN stubs). */
#ifndef _KSHIM_LINUX_KMSAN_H
#define _KSHIM_LINUX_KMSAN_H
#define kmsan_copy_page_meta(dst, src) do { } while (0)
#endif

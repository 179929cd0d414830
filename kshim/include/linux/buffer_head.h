/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/buffer_head.h (6.12), empty: buffer heads belong to the page cache, which is not simulated (buffer_migrate_folio() is not extracted). */
#ifndef _KSHIM_LINUX_BUFFER_HEAD_H
#define _KSHIM_LINUX_BUFFER_HEAD_H
#endif

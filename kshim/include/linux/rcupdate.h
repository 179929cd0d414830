/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/rcupdate.h (6.12), empty: the extracted rmap and migration code takes no RCU read lock the model needs (its VMAs and folios are not RCU-freed). */
#ifndef _KSHIM_LINUX_RCUPDATE_H
#define _KSHIM_LINUX_RCUPDATE_H
#endif

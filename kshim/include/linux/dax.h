/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/dax.h (6.12), empty: no DAX mappings are simulated. */
#ifndef _KSHIM_LINUX_DAX_H
#define _KSHIM_LINUX_DAX_H
#endif

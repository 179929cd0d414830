/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/pfn_t.h (6.12), empty: no pfn_t (DAX) mappings are simulated. */
#ifndef _KSHIM_LINUX_PFN_T_H
#define _KSHIM_LINUX_PFN_T_H
#endif

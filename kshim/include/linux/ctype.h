/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/ctype.h (6.12), empty: the extracted functions parse no strings. */
#ifndef _KSHIM_LINUX_CTYPE_H
#define _KSHIM_LINUX_CTYPE_H
#endif
